"""Vietnamese wording of answers: short, the plan's own words in quotes, [n] markers."""

from __future__ import annotations

import re

from kehoach.answer.evidence import Sentence, strip_marker
from kehoach.grammar.docrefs import document_kind

__all__ = [
    "quote",
    "holds",
    "plan_ref",
    "deadline_phrase",
    "not_found",
    "unknown_locality",
    "out_of_scope",
    "NO_PLANS",
]

NO_PLANS = "Chưa có kế hoạch nào được nạp. Hãy nạp kế hoạch (kehoach ingest) rồi hỏi lại."
_CLAUSE_SEP = re.compile(r";\s+")
_DATE_LEAD_RE = re.compile(r"(?:truoc ngay|den het|den cuoi|den ngay|truoc|trong|den|cuoi)?\s*$")


def plan_ref(locality: str | None, number: str | None = None) -> str:
    """'kế hoạch số 50/KH-UBND của phường Thạch Khôi'."""
    ref = f"{document_kind(number).lower()} số {number}" if number else "kế hoạch"
    return f"{ref} của {locality}" if locality else ref


def quote(sentence: Sentence, limit: int, focus: str | None = None) -> str:
    """The sentence in quotes without its list marker, cut to ``limit`` around ``focus``.

    A long sentence is first cut to the clause (between semicolons) holding ``focus``,
    then to a window around it, marked with "…".
    """
    text = strip_marker(sentence.text).strip()
    if len(text) > limit:
        clauses = _CLAUSE_SEP.split(text)
        holding = [c for c in clauses if focus and holds(c, focus)]
        text = (holding or clauses)[0]
    if len(text) > limit:
        found = _whole(focus).search(text) if focus else None
        at = found.start() if found else 0
        start = max(0, min(at - limit // 2, len(text) - limit))
        text = ("…" if start else "") + text[start:start + limit].strip() + (
            "…" if start + limit < len(text) else "")
    return f"“{text}”"


def _whole(focus: str) -> re.Pattern[str]:
    lead = r"(?<![\d.,])" if focus[:1].isdigit() else ""
    tail = r"(?!\d)" if focus[-1:].isdigit() else ""
    return re.compile(lead + re.escape(focus) + tail)


def holds(text: str, focus: str) -> bool:
    """Does ``text`` write ``focus`` whole: "1" (of "1-5 tuổi") is not in "18.396 trẻ"?"""
    return _whole(focus).search(text) is not None


def deadline_phrase(sentence: Sentence, at: int = 0, spans: list[tuple[int, int]] | None = None) -> str | None:
    """'trước ngày 10/12/2025' / 'đến hết tháng 12 năm 2025' / 'từ ngày 16/8/2014 đến ngày
    23/8/2014' as the sentence writes it; ``at``: which of the sentence's dates (the one the
    question is about), of ``spans`` when given (those it gives as an end, its due dates)."""
    spans = sentence.dates if spans is None else spans
    if not spans:
        return None
    start, end = spans[min(at, len(spans) - 1)]
    lead = _DATE_LEAD_RE.search(sentence.folded[:start])
    begin = lead.start() if lead and lead.group(0).strip() else start
    return sentence.text[begin:end].strip()


def not_found(locality: str | None, topic_hint: str | None = None) -> str:
    where = f"kế hoạch của {locality}" if locality else "các kế hoạch đã nạp"
    return (f"Không tìm thấy thông tin này trong {where}. "
            "Các đoạn gần nhất được liệt kê để anh/chị tự đối chiếu.")


def unknown_locality(names: list[str], loaded: list[str]) -> str:
    named = ", ".join(names)
    have = ", ".join(loaded) if loaded else "(chưa có)"
    return (f"Không có kế hoạch nào của {named} trong các kế hoạch đã nạp, nên không trả lời được. "
            f"Các địa phương đã nạp: {have}.")



_MISSING = {
    "year": "Không có kế hoạch nào đúng năm được hỏi",
    "topic": "Không có kế hoạch nào về nội dung được hỏi",
    "no_plan": "Không có kế hoạch nào trong phạm vi đã chọn",
}


def out_of_scope(reason: str | None, locality: str | None, plans: list[str]) -> str:
    """The question names a plan (by year or subject) that none of the loaded ones is."""
    lead = _MISSING.get(reason or "", _MISSING["no_plan"])
    where = f" của {locality}" if locality else ""
    have = "; ".join(plans) if plans else "(chưa có)"
    return f"{lead}{where} trong các kế hoạch đã nạp, nên không trả lời được. Đã nạp: {have}."
