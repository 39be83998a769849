"""Answers about a plan itself: who signed it, when, its number, the plan it implements.

They come from the metadata read at ingest and cite the passage the field was read from
(the header, the preamble, the signature block). A field the plan does not give is said
to be missing, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from collections.abc import Callable

from kehoach.answer.candidates import field_candidate, plan_period
from kehoach.answer.citations import chunk_at, cite
from kehoach.answer.gate import AnswerGate
from kehoach.answer.scoring import Coverage
from kehoach.index.store import PlanIndex, PlanRecord
from kehoach.ingest.chunking import short_title
from kehoach.core.records import Citation, PlanMeta
from kehoach.grammar.docrefs import document_kind

__all__ = ["MetadataAnswer", "answer_metadata", "FIELD_OF_KIND"]

FIELD_OF_KIND = {"signer": "signer", "issue_date": "issue_date", "number": "number",
                 "issuer": "issuer", "parent": "parent_plan", "period": "title"}
# Up to this many plans in an answer, each is named by its (short) title too.
_TITLED_PLANS = 2


@dataclass(frozen=True)
class MetadataAnswer:
    text: str
    found: bool
    citations: tuple[Citation, ...]


def _value(meta: PlanMeta, kind: str) -> str | None:
    if kind == "signer":
        if not meta.signer:
            return None
        return f"{meta.signer} ({meta.signer_title})" if meta.signer_title else meta.signer
    if kind == "issue_date":
        return PlanMeta.display_date(meta.issue_date)
    if kind == "number":
        return meta.number
    if kind == "issuer":
        return meta.issuer
    if kind == "period":
        return plan_period(meta)
    if kind == "parent":
        if not meta.parent_plan:
            return None
        date = PlanMeta.display_date(meta.parent_plan_date)
        return f"Kế hoạch số {meta.parent_plan}" + (f" ngày {date}" if date else "")
    return None


_SENTENCES = {
    "signer": ("{ref} do {value} ký", "{ref} không ghi rõ người ký"),
    "issue_date": ("{ref} được ban hành ngày {value}", "{ref} không ghi ngày ban hành"),
    "number": ("{ref} có số {value}", "{ref} không ghi số hiệu"),
    "issuer": ("{ref} do {value} ban hành", "{ref} không ghi rõ cơ quan ban hành"),
    "period": ("{ref} thực hiện cho {value}", "Tên của {ref} không ghi giai đoạn thực hiện"),
    "parent": ("{ref} được ban hành để thực hiện {value}",
               "{ref} không nêu kế hoạch cấp trên mà nó thực hiện"),
}


def _ref(meta: PlanMeta, kind: str, titled: bool = False) -> str:
    """'Kế hoạch số 32/KH-UBND của tỉnh Lạng Sơn', with the plan's short title if ``titled``."""
    number = f" số {meta.number}" if meta.number and kind != "number" else ""
    where = f" của {meta.locality}" if meta.locality else ""
    title = short_title(meta.title) if titled else ""
    return f"{document_kind(meta.number)}{number}{where}" + (f" (“{title}”)" if title else "")


def _month_only(plan: PlanRecord) -> tuple[str, tuple[int, int]] | None:
    """'tháng 9 năm 2025' and its span when the header's date line leaves the day blank
    ("Cẩm Giang, ngày     tháng 9 năm 2025"), as the header grammar read it at ingest
    (``PlanMeta.issue_month``)."""
    month, span = plan.meta.issue_month, plan.meta.evidence.get("issue_month")
    if month is None or span is None:
        return None
    year, number = month.split("-")
    return f"tháng {int(number)} năm {year}", span


def answer_metadata(gate: AnswerGate, plans: list[PlanRecord], index: PlanIndex,
                    title_coverage: Callable[[PlanRecord], Coverage],
                    month_is_enough: bool = False) -> MetadataAnswer:
    """The fields the question asks (``gate.analysis.fields``) of each plan in scope.

    Each stated field is a candidate the gate must admit (right plan; the plan's title covers
    the question's words about the plan); a plan the gate turns away is left out, and a field
    the plan does not give is said to be missing, never guessed. The first mention of each
    plan names it by its title, so the officer sees which plan answered.
    """
    lines: list[str] = []
    citations: list[Citation] = []
    found = False
    named = len(plans) <= _TITLED_PLANS
    for plan in plans:
        meta = plan.meta
        coverage = title_coverage(plan)
        kinds = gate.analysis.fields
        if gate.reason(field_candidate(meta, kinds[0], coverage)) in ("plan", "topic", "locality"):
            continue
        parts: list[str] = []
        for kind in kinds:
            field = FIELD_OF_KIND[kind]
            value = _value(meta, kind)
            template_found, template_missing = _SENTENCES[kind]
            ref = _ref(meta, kind, titled=named and not parts)
            month = _month_only(plan) if kind == "issue_date" and value is None else None
            if month is not None:
                chunk = chunk_at(index.chunks, meta.doc_id, month[1][0])
                if chunk is not None:
                    citations.append(cite(len(citations) + 1, chunk, plan, 1.0, month[1]))
                found = found or month_is_enough
                parts.append(f"{ref} để trống ngày ban hành, chỉ ghi {month[0]}."
                             + (f" [{len(citations)}]" if chunk is not None else ""))
                continue
            if value is None or gate.reason(field_candidate(meta, kind, coverage)) is not None:
                parts.append(template_missing.format(ref=ref) + ".")
                continue
            found = True
            span = meta.evidence.get(field)
            marker = ""
            if span is not None:
                chunk = chunk_at(index.chunks, meta.doc_id, span[0])
                if chunk is not None:
                    citations.append(cite(len(citations) + 1, chunk, plan, 1.0, span))
                    marker = f" [{len(citations)}]"
            parts.append(template_found.format(ref=ref, value=value) + f".{marker}")
        lines.append(" ".join(parts))
    return MetadataAnswer(" ".join(lines), found, tuple(citations))
