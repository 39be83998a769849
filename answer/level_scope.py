"""A question that names a level of government but no place ("… của xã: tỷ lệ BHYT …").

An officer of a commune writes "của xã" for his own commune. The level word still says
which plans may answer: a phường's or a tỉnh's plan is not "the xã". Which of the loaded
plans of that level is meant the words do not say: the answer is held to the plans of
that level (and, when several of them answer, lists each, ``ExtractiveAnswerer._compare``),
never one plan of another level picked because its passage ranked first among dozens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from kehoach.grammar.localities import LocalityMention, parse_locality

__all__ = ["bare_level", "plans_of_level"]

# Folded level words, longest first so "thi xa" is not read as "xa".
_LEVELS = {"thi xa": "thị xã", "thi tran": "thị trấn", "thanh pho": "thành phố", "xa": "xã",
           "phuong": "phường", "huyen": "huyện", "quan": "quận", "tinh": "tỉnh"}
# "của xã", "toàn xã", "trên địa bàn xã": the level word stands for the place itself when
# no name follows it (``bare_level`` checks that against the localities read), and it is
# not the start of another word ("xã hội", "tỉnh ủy", "xã viên").
_BARE_LEVEL_RE = re.compile(
    r"(?<![a-z])(?:cua|toan|dia ban|tai)\s+(" + "|".join(_LEVELS) + r")(?![a-z])"
    r"(?!\s+(?:hoi|uy|doi|vien|doan)\b)"
    # "của phường, xã nào": several levels are asked over, none stands for the place.
    r"(?!\s*(?:,|/|va\b|hoac\b)\s*(?:" + "|".join(_LEVELS) + r")\b)")
# A document's number just before: the level word says who issued that document.
_CITED_BEFORE_RE = re.compile(
    r"(?:\d\s*/\s*[a-z][a-z0-9-]*|\b(?:kh|ke hoach|quyet dinh|qd|chi thi|nghi quyet|so)\s+\d+)\s*$")


def bare_level(folded: str, mentions: Iterable[LocalityMention]) -> str | None:
    """The level (a locality kind, "xã") a question names without a place, or None. A
    level word that is part of a named locality ("của xã Sơn Lang") is no bare level, nor
    is the issuer of a document the question cites ("KH 232/KH-UBND của thành phố"); a
    question naming several levels bare ("của phường, xã nào") stands for none of them."""
    spans = [(m.start, m.end) for m in mentions]
    levels = set()
    for match in _BARE_LEVEL_RE.finditer(folded):
        a, b = match.span(1)
        if any(s < b and a < e for s, e in spans) or _CITED_BEFORE_RE.search(folded[:match.start()]):
            continue
        levels.add(_LEVELS[match.group(1)])
    return levels.pop() if len(levels) == 1 else None


def plans_of_level(level: str, localities: Mapping[str, str | None]) -> set[str]:
    """The plans (doc id → locality display) whose locality is of this level. A plan whose
    locality was not read (a commune's web page) may be of it, and is not excluded."""
    out = set()
    for doc, display in localities.items():
        loc = parse_locality(display)
        if loc is None or loc.kind == level:
            out.add(doc)
    return out
