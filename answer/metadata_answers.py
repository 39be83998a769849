"""Answers about a plan itself: who signed it, when, its number, the plan it implements.

They come from the metadata read at ingest and cite the passage the field was read from
(the header, the preamble, the signature block). A field the plan does not give is said
to be missing, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kehoach.answer.citations import chunk_at, cite
from kehoach.answer.scoring import TopicScorer
from kehoach.index.store import PlanIndex, PlanRecord
from kehoach.core.records import Citation, PlanMeta
from kehoach.core.text import fold_aligned

__all__ = ["MetadataAnswer", "answer_metadata", "FIELD_OF_KIND"]

FIELD_OF_KIND = {"signer": "signer", "issue_date": "issue_date", "number": "number",
                 "parent": "parent_plan"}
# A date line with the day left blank ("Cẩm Giang, ngày     tháng 9 năm 2025"): the plan
# gives the month, not the date. Looked for in the header only.
_MONTH_ONLY_RE = re.compile(r"ngay\s+thang\s*(\d{1,2})\s*nam\s*(\d{4})")
_HEADER_CHARS = 1500
# When one plan's title fits the question this much better than the others, it is "the" plan.
_TITLE_MARGIN = 0.1


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
    "parent": ("{ref} được ban hành để thực hiện {value}",
               "{ref} không nêu kế hoạch cấp trên mà nó thực hiện"),
}


def _ref(meta: PlanMeta, kind: str) -> str:
    number = f" số {meta.number}" if meta.number and kind != "number" else ""
    where = f" của {meta.locality}" if meta.locality else ""
    return f"Kế hoạch{number}{where}"


def _pick_plans(plans: list[PlanRecord], scorer: TopicScorer) -> list[PlanRecord]:
    """The plan the question names by its title, or all candidates if none stands out."""
    if len(plans) <= 1:
        return plans
    scored = sorted(((scorer.coverage("", "", p.meta.title or "").share, p) for p in plans),
                    key=lambda item: -item[0])
    if scored[0][0] - scored[1][0] >= _TITLE_MARGIN:
        return [scored[0][1]]
    return [p for _, p in scored]


def _month_only(plan: PlanRecord) -> tuple[str, tuple[int, int]] | None:
    """'tháng 9 năm 2025' and its span when the date line leaves the day blank."""
    match = _MONTH_ONLY_RE.search(fold_aligned(plan.text[:_HEADER_CHARS]))
    if match is None:
        return None
    return f"tháng {int(match.group(1))} năm {match.group(2)}", match.span()


def answer_metadata(kind: str, plans: list[PlanRecord], index: PlanIndex,
                    scorer: TopicScorer, month_is_enough: bool = False) -> MetadataAnswer:
    """Answer a metadata question over the candidate ``plans`` (already filtered)."""
    field = FIELD_OF_KIND[kind]
    chosen = _pick_plans(plans, scorer)
    lines: list[str] = []
    citations: list[Citation] = []
    found = False
    for plan in chosen:
        meta = plan.meta
        value = _value(meta, kind)
        template_found, template_missing = _SENTENCES[kind]
        month = _month_only(plan) if kind == "issue_date" and value is None else None
        if month is not None:
            chunk = chunk_at(index.chunks, meta.doc_id, month[1][0])
            if chunk is not None:
                citations.append(cite(len(citations) + 1, chunk, plan, 1.0, month[1]))
            found = found or month_is_enough
            lines.append(f"{_ref(meta, kind)} để trống ngày ban hành, chỉ ghi {month[0]}."
                         + (f" [{len(citations)}]" if chunk is not None else ""))
            continue
        if value is None:
            lines.append(template_missing.format(ref=_ref(meta, kind)) + ".")
            continue
        found = True
        span = meta.evidence.get(field)
        marker = ""
        if span is not None:
            chunk = chunk_at(index.chunks, meta.doc_id, span[0])
            if chunk is not None:
                citations.append(cite(len(citations) + 1, chunk, plan, 1.0, span))
                marker = f" [{len(citations)}]"
        lines.append(template_found.format(ref=_ref(meta, kind), value=value) + f".{marker}")
    return MetadataAnswer(" ".join(lines), found, tuple(citations))
