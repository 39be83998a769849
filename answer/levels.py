"""The level of plans a question asks about across localities ("các xã, phường", "xã nào").

"So sánh chỉ tiêu … giữa các xã phường" compares the communes' plans: a province's plan
loaded beside them is not one of those compared, and listing it under "Không thấy trong kế
hoạch của …" says nothing. The kind words the question uses as a group (not as part of a
named locality) say which plans are compared.
"""

from __future__ import annotations

import re

from kehoach.answer.query import QueryAnalysis
from kehoach.grammar.localities import parse_locality

__all__ = ["asked_kinds", "of_kinds"]

# Folded kind words and the kind they name, longest first so "thanh pho" wins over nothing.
_KINDS = {"thi tran": "thị trấn", "thi xa": "thị xã", "thanh pho": "thành phố", "dac khu": "đặc khu",
          "xa": "xã", "phuong": "phường", "huyen": "huyện", "quan": "quận", "tinh": "tỉnh"}
_KIND = "|".join(sorted(_KINDS, key=len, reverse=True))
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
