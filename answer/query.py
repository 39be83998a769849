"""Understand a question: its kind, the locality and plan it is about, its topic terms.

The kind decides what the answer must contain: a figure for a target, a date for a
deadline, a unit for "who is responsible", a field of the plan's metadata for "who
signed"/"when issued". Works the same with or without diacritics.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from answer.lexicon import QUESTION_PHRASES, UNIT_HEADS
from index.query_expansion import ABBREVIATIONS, PARAPHRASES, abbreviation_re
from ingest.localities import Locality, LocalityMention, find_localities
from kehoach.text import fold

__all__ = ["QueryAnalysis", "analyse", "KINDS", "expand_topic"]

KINDS = ("signer", "issue_date", "number", "parent", "compare", "responsible", "deadline",
         "target", "tasks", "general")

# Ordered: the first matching kind wins (metadata before content, compare before target).
_KIND_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern)) for kind, pattern in (
        ("signer", r"\bai (da )?ky\b|nguoi ky|\bky (ke hoach|van ban|ban hanh)|chu ky|ky boi"),
        ("issue_date", r"ban hanh (vao )?(ngay|hom|luc|khi) nao|ngay ban hanh|ngay ky\b|"
                       r"ban hanh ngay|ngay nao ban hanh|ky ngay nao|ban hanh khi nao"),
        ("parent", r"(thuc hien|trien khai|can cu|cu the hoa)( theo)? (ke hoach|van ban)"
                   r"( so)? (may|nao|gi)|ke hoach (cap tren|cua (ubnd |uy ban nhan dan )?thanh pho)"
                   r"|de thuc hien ke hoach"),
        ("number", r"\bso (may|bao nhieu|hieu|ky hieu)\b|co so (la )?gi|mang so"),
        ("compare", r"\bnhung (xa|phuong|dia phuong|noi)|(xa|phuong|dia phuong|noi) nao (dat|co|de ra)"
                    r"|so sanh|\bcac (xa|phuong|dia phuong) (deu|co|dat)|dia phuong nao"),
        ("responsible", r"(don vi|co quan|phong|ban|bo phan|to chuc) nao|\bai (chu tri|phu trach|"
                        r"tham muu|theo doi|chiu trach nhiem|thuc hien)|\bgiao (cho )?(ai|don vi)"
                        r"|(chu tri|phu trach|tham muu)( la)? (ai|don vi nao)"),
        ("deadline", r"truoc ngay|ngay nao|(?<!dung )(?<!truoc )(?<!qua )\bhan\b|thoi han|khi nao|bao gio|keo dai|bao lau"
                     r"|thoi gian (thuc hien|to chuc)|den (ngay|luc) nao|thang nao"),
        ("target", r"bao nhieu|chi tieu|ty le|\bti le|muc tieu|phan tram|\bmay\b|nam nao"
                   r"|\bdat (muc )?(bao|nao)|so luong"),
        ("tasks", r"lam gi|nhiem vu (gi|nao|cua)|phai lam|trach nhiem (gi|cua)|gom nhung (gi|viec)"
                  r"|(viec|hoat dong) gi"),
    )
)
_UNIT_IN_QUESTION_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(h for h in UNIT_HEADS if " " in h or len(h) > 4) + r")[\s,]+(?!nao\b)\w+"
)
_DOC_NUMBER_RE = re.compile(r"\b(\d{1,4})\s*/\s*kh\b")
_YEAR_QUESTION_RE = re.compile(r"(den|vao|trong)? ?nam nao")
_PERCENT_QUESTION_RE = re.compile(r"phan tram|ty le|\bti le|%")


@dataclass(frozen=True)
class QueryAnalysis:
    """What a question asks for."""

    question: str
    folded: str
    kind: str
    wants: str  # "percent" | "number" | "year" | "date" | "unit" | "text"
    mentions: tuple[LocalityMention, ...]
    doc_number: str | None
    topic: str  # folded topic text (question words and localities removed, expanded)
    search_text: str  # what retrieval searches with

    @property
    def names_unit(self) -> bool:
        """Does the question name a unit ("Các cơ quan, đơn vị...", "Phòng Văn hóa...")?"""
        return bool(_UNIT_IN_QUESTION_RE.search(self.folded))

    @property
    def loaded_localities(self) -> list[str]:
        return [m.locality.display for m in self.mentions if m.loaded]

    @property
    def unknown_localities(self) -> list[str]:
        return [m.locality.display for m in self.mentions if not m.loaded]


def expand_topic(topic: str) -> str:
    """The topic in plan wording: abbreviations spelled out, paraphrases replaced.

    (A sentence's own abbreviations are spelled out when it is scored, so one form
    of each concept is enough here.)
    """
    for short, long in ABBREVIATIONS.items():
        topic = abbreviation_re(short).sub(long, topic)
    for phrase, plan_words in PARAPHRASES.items():
        topic = topic.replace(phrase, plan_words)
    return topic


def _kind(folded: str) -> str:
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(folded):
            return kind
    return "general"


def _wants(kind: str, folded: str) -> str:
    if kind == "deadline":
        return "year" if _YEAR_QUESTION_RE.search(folded) else "date"
    if kind == "target":
        if _YEAR_QUESTION_RE.search(folded):
            return "year"
        return "percent" if _PERCENT_QUESTION_RE.search(folded) else "number"
    if kind == "responsible":
        return "unit"
    return "text"


def _topic(folded: str, mentions: Iterable[LocalityMention]) -> str:
    chars = list(folded)
    for mention in mentions:  # drop locality names (and their "xã"/"phường")
        chars[mention.start:mention.end] = " " * (mention.end - mention.start)
    text = "".join(chars)
    for phrase in QUESTION_PHRASES:
        text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", text)
    return " ".join(text.split())


def analyse(question: str, loaded: Iterable[Locality]) -> QueryAnalysis:
    """Analyse ``question`` against the localities of the loaded plans."""
    folded = fold(question).strip()
    mentions = tuple(find_localities(question, loaded))
    kind = _kind(folded)
    number = _DOC_NUMBER_RE.search(folded)
    topic = expand_topic(_topic(folded, mentions))
    return QueryAnalysis(
        question=question,
        folded=folded,
        kind=kind,
        wants=_wants(kind, folded),
        mentions=mentions,
        doc_number=f"{number.group(1)}/KH-UBND" if number else None,
        topic=topic,
        search_text=question.strip(),
    )
