"""Recognise the list markers Vietnamese plans use, OCR variants included.

Parts ("Phần thứ nhất", "PHẦN II", above everything), Roman sections ("I.", "II." and
OCR'd "I1.", "11.", "I11."), numbered items ("1.", "1.1."),
numbered items closed by a bracket ("1)", "2)", as legal-document websites print them),
lettered items ("a)", "đ)", OCR'd "¢)"), parenthesised items ("(11)") and bullets
("-", "+", "*"). Used to decide where paragraphs start and how they nest (ingest), to
strip a marker from a quoted sentence (answers), and to read list items (extract): the one
marker grammar of the product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kehoach.grammar.dates import continues_date
from kehoach.grammar.units import continues_dashed_name, continues_unit

__all__ = ["Marker", "match_marker", "strip_marker", "is_upper_line", "ends_sentence", "roman_value",
           "continues_line"]

# "Phần thứ nhất", "PHẦN THỨ HAI: MỤC TIÊU …", "Phần II." (never "Phần lớn các xã …").
_PART_RE = re.compile(
    r"^(?P<m>(?:phần|phan)\s+(?:(?:thứ|thu)\s+(?:nhất|nhat|hai|ba|tư|tu|bốn|bon|năm|nam|sáu|sau|bảy|bay"
    r"|tám|tam|chín|chin|mười|muoi)|[ivx]{1,4}|\d{1,2}))(?!\w)\s*[.:\-–]?\s*(?P<rest>.*)$",
    re.IGNORECASE)
# "II." and, on commune and ward pages, "II- CÁC CHỈ TIÊU CHỦ YẾU" (a dash for the dot).
_ROMAN_RE = re.compile(r"^(?P<m>[IVXl1]{1,4})\s*(?:[.,]|[-–](?=\s))\s*(?P<rest>\S.*)$")
_NUMBER_RE = re.compile(r"^(?P<m>\d{1,2}(?:\.\d{1,2})*)\.(?!\d)\s*(?P<rest>(?:[^\W\d_]|[\"“'(]).*)$")
# "2- Các chỉ tiêu chủ yếu (giai đoạn 2021-2025)": a numbered item with a dash for the dot,
# as commune pages write them; only before a capital, so "1- 2 ngày" stays text.
_NUMBER_DASH_RE = re.compile(r"^(?P<m>\d{1,2})\s*[-–]\s+(?P<rest>[^\W\d_].*)$")
_LETTER_RE = re.compile(r"^(?P<m>[a-gđ¢])\)\s*(?P<rest>\S.*)$")
_PAREN_RE = re.compile(r"^\((?P<m>\d{1,2})\)\s*(?P<rest>\S.*)$")
_NUMBER_PAREN_RE = re.compile(r"^(?P<m>\d{1,2})\)\s*(?P<rest>(?:[^\W\d_]|[\"“'(]).*)$")
_BULLET_RE = re.compile(r"^(?P<m>[-+*•–])\s*(?P<rest>\S.*)$")

_SHARE_START_RE = re.compile(r"\d{1,3}(?:[.,]\d+)?\s*%")
_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
# Share of upper-case letters that makes a line a heading in capitals.
_UPPER_SHARE = 0.8
_SENTENCE_END = (".", ";", ":", "!", "?", ".\u201d", ".\"")


@dataclass(frozen=True)
class Marker:
    """A list marker at the start of a line.

    ``kind``: part | roman | number | numparen | letter | paren | bullet. ``level_key`` tells siblings apart
    from children (numbered items nest by depth, bullets by symbol). ``label`` is the
    normalised marker as shown in a section path ("II.", "1.1.", "a)", "(11)", "-").
    """

    kind: str
    label: str
    rest: str

    @property
    def level_key(self) -> str:
        if self.kind == "number":
            return f"number:{self.label.count('.')}"
        if self.kind == "bullet":
            return f"bullet:{self.label}"
        return self.kind


def is_upper_line(text: str) -> bool:
    """True for a line written in capitals (a heading), OCR noise tolerated."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3:
        return False
    return sum(c.isupper() for c in letters) >= _UPPER_SHARE * len(letters)


def ends_sentence(text: str) -> bool:
    """Does the line end a sentence or introduce a list?"""
    return text.rstrip().endswith(_SENTENCE_END)


def roman_value(token: str) -> str | None:
    """Normalise a Roman numeral, reading OCR'd '1'/'l' as 'I' ('I11' -> 'III')."""
    normalised = token.replace("1", "I").replace("l", "I")
    return normalised if normalised in _ROMANS else None


def match_marker(line: str, previous: str | None = None) -> Marker | None:
    """The marker a line starts with, or None.

    ``previous`` is the line before (None at a paragraph start): a dash after a line that
    does not end a sentence, followed by a lower-case word or a digit, is a wrapped
    "(2025\\n- 2030)" and not a bullet; nor is one inside a name broken by the line
    ("Sở Lao động\\n- Thương binh và Xã hội", ``units.continues_dashed_name``).
    """
    line = line.strip()
    m = _PART_RE.match(line)
    if m and (not m.group("rest") or is_upper_line(m.group("rest"))):
        return Marker("part", " ".join(m.group("m").split()), m.group("rest"))
    m = _ROMAN_RE.match(line)
    if m:
        token, rest = m.group("m"), m.group("rest")
        value = roman_value(token)
        # A Roman heading is in capitals; "11." or "I1." is an OCR'd "II." only then,
        # and a lone "1." stays a numbered item.
        if value and is_upper_line(rest) and (token.isalpha() or len(token) > 1):
            return Marker("roman", f"{value}.", rest)
    m = _PAREN_RE.match(line)
    if m:
        return Marker("paren", f"({int(m.group('m'))})", m.group("rest"))
    m = _NUMBER_RE.match(line)
    if m:
        return Marker("number", m.group("m") + ".", m.group("rest"))
    m = _NUMBER_DASH_RE.match(line)
    if m and m.group("rest")[0].isupper():
        return Marker("number", m.group("m") + ".", m.group("rest"))
    m = _NUMBER_PAREN_RE.match(line)
    if m:
        return Marker("numparen", f"{int(m.group('m'))})", m.group("rest"))
    m = _LETTER_RE.match(line)
    if m:
        letter = "c" if m.group("m") == "¢" else m.group("m")
        return Marker("letter", f"{letter})", m.group("rest"))
    m = _BULLET_RE.match(line)
    if m:
        rest = m.group("rest")
        first = rest[0]
        starts_upper = first.isupper() or first in "\"“'("
        # "- 100% dịch vụ công …" under "a) Mục tiêu đến năm 2027": a figure in percent
        # starts a list item, never a wrapped "(2025\n- 2030)".
        starts_share = _SHARE_START_RE.match(rest) is not None
        if previous is not None and not ends_sentence(previous) and continues_dashed_name(previous, rest):
            return None
        if starts_upper or starts_share or previous is None or ends_sentence(previous):
            symbol = "-" if m.group("m") in "-–" else m.group("m")
            return Marker("bullet", symbol, rest)
    return None


def strip_marker(text: str) -> str:
    """The text without its leading list marker ("(11) ", "- ", "a) ", "1) ", "II. ")."""
    marker = match_marker(text)
    return marker.rest.strip() if marker else text.strip()


def continues_line(previous: str, line: str) -> bool:
    """Is ``line`` the rest of a name or date ``previous`` breaks off, even with a blank
    line between (a page copied from a website): "ngày 17" + "tháng 5 năm 2023", "Ủy ban
    nhân dân" + "xã …", "Sở Lao động" + "- Thương binh và Xã hội"? Never after a line that
    ends a sentence, never for a line that starts a list item."""
    if ends_sentence(previous) or match_marker(line, previous) is not None:
        return False
    bullet = _BULLET_RE.match(line)
    if bullet is not None:
        return continues_dashed_name(previous, bullet.group("rest"))
    return continues_date(previous, line) or continues_unit(previous, line)
