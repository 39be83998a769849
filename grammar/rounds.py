"""Ordinal rounds and phases a text names: "đợt 1", "lần 2", "lần thứ hai", "giai đoạn II".

A campaign held in rounds ("Tháng vệ sinh, khử trùng, tiêu độc đợt 1 năm 2025", "tuần lễ …
lần 2") or a plan in phases ("giai đoạn 1") states each round's figures and dates; a
question about "đợt 2" is not answered by a text of "đợt 1". ``rounds`` reads them on the
folded text; a round of a year ("đợt 1/2025") is the round, a period of years ("giai đoạn
2021-2025") is none.
"""

from __future__ import annotations

import re

from kehoach.core.text import fold

__all__ = ["rounds", "disagree"]

_WORDS = {"mot": 1, "nhat": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "sau": 6, "bay": 7,
          "tam": 8, "chin": 9, "muoi": 10}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
# "đợt"/"lần" are one kind of round (a campaign's); "giai đoạn" is a plan's phase. A
# congress's "lần thứ XIII" is a body's term, not a round: "lần" takes no Roman numeral;
# a number in words follows "thứ" ("lần thứ hai").
_ROUND_RE = re.compile(
    r"\b(?P<head>dot|lan|giai doan)\s+(?P<thu>thu\s+)?"
    r"(?P<n>\d{1,2}|" + "|".join(_WORDS) + r"|(?P<roman>" + "|".join(sorted(_ROMAN, key=len, reverse=True)) + r"))"
    r"(?!\w|[.,]\d|\s*[-–]\s*\d)")


def rounds(text: str) -> frozenset[tuple[str, int]]:
    """The (kind, number) of each round the text names: ("dot", 1) for "đợt 1" and "lần
    thứ nhất", ("giai doan", 2) for "giai đoạn II"."""
    found = set()
    for m in _ROUND_RE.finditer(fold(text)):
        head, n = m.group("head"), m.group("n")
        if m.group("roman") and head == "lan":
            continue
        if not n.isdigit() and not m.group("roman") and not m.group("thu"):
            continue  # a number in words only after "thứ": "đợt từ ngày", "lần sau" are none
        number = int(n) if n.isdigit() else _ROMAN.get(n) if m.group("roman") else _WORDS[n]
        if number:
            found.add(("giai doan" if head == "giai doan" else "dot", number))
    return frozenset(found)


def disagree(asked: frozenset[tuple[str, int]], stated: frozenset[tuple[str, int]]) -> bool:
    """The text names a round of a kind asked, and none of the number asked."""
    for head, number in asked:
        of_head = {n for h, n in stated if h == head}
        if of_head and number not in of_head:
            return True
    return False
