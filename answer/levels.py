"""The level of government a question's words ask about, when they name no place.

Two uses of the same kind words. As a group ("các xã, phường", "xã nào"): "So sánh chỉ tiêu … giữa các xã phường" compares the communes' plans: a province's plan
loaded beside them is not one of those compared, and listing it under "Không thấy trong kế
hoạch của …" says nothing. The kind words the question uses as a group (not as part of a
named locality) say which plans are compared (``asked_kinds``, ``of_kinds``). Bare, as the
place itself ("… của xã: tỷ lệ BHYT …"): an officer of a commune writes "của xã" for his own
commune. A phường's or a tỉnh's plan is not "the xã"; which of the loaded plans of that level is
meant the words do not say, so the answer is held to the plans of that level (and, when several
answer, lists each, ``ExtractiveAnswerer._compare``), never one plan of another level picked
because its passage ranked first among dozens (``bare_level``, ``plans_of_level``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from kehoach.answer.query import QueryAnalysis
from kehoach.grammar.localities import KIND_WORDS, LocalityMention, parse_locality

__all__ = ["asked_kinds", "of_kinds", "bare_level", "plans_of_level"]

# Folded kind words and the kind they name, longest first ("thi xa" before "xa").
_KINDS = KIND_WORDS
_KIND = "|".join(_KINDS)
# A run of kind words: "xã phường", "phường, xã", "xã và phường".
_RUN = rf"(?:{_KIND})(?:\s*(?:,|va|hoac|/)?\s*(?:{_KIND}))*"
# A group of them: "các / những xã, phường …", "xã, phường nào", "giữa các phường".
_GROUP_RE = re.compile(rf"\b(?:cac|nhung|moi|tung)\s+({_RUN})\b|\b({_RUN})\s+nao\b")
# No group: "… của phường tăng bao nhiêu": the plan of a ward (any of those loaded).
_OF_RE = re.compile(rf"\bcua\s+({_RUN})\b")
_WORD_RE = re.compile(rf"\b(?:{_KIND})\b")
# "cơ quan nào" typed without accents is no "quận nào".
_NOT_KIND_RE = re.compile(r"\bco\s+quan\b")


def _blank(folded: str, analysis: QueryAnalysis) -> str:
    chars = list(folded)
    for mention in analysis.mentions:
        chars[mention.start:mention.end] = " " * (mention.end - mention.start)
    return "".join(chars)


def asked_kinds(analysis: QueryAnalysis) -> frozenset[str]:
    """Kinds of locality ("xã", "phường" …) the question asks across, empty when it names
    none as a group. Named localities ("xã Cẩm Giang") are not groups. The kind after
    "của" counts only when no group is named: in "phường, xã nào thực hiện KH 232 của thành
    phố" the city issued the cited plan, it is not compared."""
    text = _NOT_KIND_RE.sub(lambda m: " " * len(m.group(0)), _blank(analysis.folded, analysis))
    spans = [m.span(1) if m.group(1) else m.span(2) for m in _GROUP_RE.finditer(text)]
    if not spans:
        spans = [m.span(1) for m in _OF_RE.finditer(text)]
    original = analysis.question.lower()
    accented = len(original) == len(text) and original != text
    kinds = set()
    for a, b in spans:
        for word in _WORD_RE.finditer(text, a, b):
            kind = _KINDS[word.group(0)]
            # Typed with accents, "tính", "xa", "quan" are other words, not kinds.
            if not accented or original[word.start():word.end()] == kind:
                kinds.add(kind)
    return frozenset(kinds)


def of_kinds(localities: list[str], kinds: frozenset[str]) -> list[str]:
    """Those of ``localities`` (display names) of the asked kinds; all of them when none is
    of those kinds (the words then do not describe the loaded plans)."""
    if not kinds:
        return localities
    kept = [name for name in localities if (loc := parse_locality(name)) and loc.kind in kinds]
    return kept or localities

# "của xã", "toàn xã", "trên địa bàn xã": the level word stands for the place itself when
# no name follows it (``bare_level`` checks that against the localities read), and it is
# not the start of another word ("xã hội", "tỉnh ủy", "xã viên").
_BARE_LEVEL_RE = re.compile(
    r"(?<![a-z])(?:cua|toan|dia ban|tai)\s+(" + _KIND + r")(?![a-z])"
    r"(?!\s+(?:hoi|uy|doi|vien|doan)\b)"
    # "của phường, xã nào": several levels are asked over, none stands for the place.
    r"(?!\s*(?:,|/|va\b|hoac\b)\s*(?:" + _KIND + r")\b)")
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
        levels.add(_KINDS[match.group(1)])
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
