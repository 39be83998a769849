"""Query expansion for retrieval: abbreviations both ways and plan wording for paraphrases.

Officers write "BHYT", plans write "bảo hiểm y tế" (and sometimes the reverse: "BHXH");
officers ask "kéo dài đến khi nào", plans say "thời gian thực hiện ... đến hết". Both the
lexical and the dense search get the extra words. All keys and values are folded. The
abbreviations are the one table of ``kehoach.grammar.abbreviations`` (with the ones the
loaded plans define themselves, ``abbreviations``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kehoach.core.text import fold
from kehoach.grammar.abbreviations import ABBREVIATIONS, abbreviation_re, other_forms

__all__ = ["ABBREVIATIONS", "PARAPHRASES", "expansions", "expand_query", "abbreviation_re", "phrase_re"]

# Question paraphrases -> the wording plans use (folded).
PARAPHRASES: dict[str, str] = {
    "keo dai": "thoi gian thuc hien den het",
    "bao lau": "thoi gian thuc hien",
    "den khi nao": "thoi gian thuc hien den het",
    "han chot": "truoc ngay",
    "han nop": "gui bao cao truoc ngay",
    "han gui": "gui truoc ngay",
    "han bao cao": "bao cao truoc ngay",
    "nop bao cao": "gui bao cao",
    "ai ky": "nguoi ky chu tich",
    "nuoc sach": "su dung nuoc sach",
    "rac thai": "chat thai ran thu gom",
    "hanh chinh cong": "thu tuc hanh chinh",
    "ket thuc": "thoi gian thuc hien den het",
}


def phrase_re(phrase: str) -> re.Pattern[str]:
    """Matches a phrase as whole words ("ai ky", not inside "tại kỳ họp")."""
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def expansions(folded: str, abbreviations: Mapping[str, str] | None = None) -> list[str]:
    """Extra search words for a folded query: the expansion of each abbreviation, the
    abbreviation of each expansion, the plans' wording for known paraphrases.
    ``abbreviations``: those the loaded plans define, beside the known ones."""
    extra = other_forms(folded, abbreviations)
    for phrase, plan_words in PARAPHRASES.items():
        if phrase_re(phrase).search(folded):
            extra.append(plan_words)
    return extra


def expand_query(query: str, abbreviations: Mapping[str, str] | None = None) -> str:
    """The query followed by its expansions."""
    return " ".join([query.strip(), *expansions(fold(query), abbreviations)])
