"""A face's filters (locality, plans) against what the question itself names.

An officer leaves the sidebar filter on one commune and asks about another: answering
the filter's commune would be answering another locality silently. The question wins:
a filter that excludes the place or plan number the question names is dropped, and the
answer carries a Vietnamese note saying which filter was ignored, for the face to show.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from kehoach.answer.query import QueryAnalysis
from kehoach.core.text import fold
from kehoach.index.store import PlanIndex

__all__ = ["ResolvedFilters", "resolve_filters", "FILTER_NOTE_KEY"]

# Where the note goes in ``Answer.extra`` (and so in the JSON answer).
FILTER_NOTE_KEY = "filter_note"


@dataclass(frozen=True)
class ResolvedFilters:
    """The filters to answer with; ``note`` says (in Vietnamese) what was ignored, if anything."""

    locality: str | None
    doc_ids: frozenset[str] | None
    note: str | None = None


def _named_places(analysis: QueryAnalysis) -> list[str]:
    """Places the question asks about, loaded or not (a qualifier only says where)."""
    return list(dict.fromkeys(m.locality.display for m in analysis.mentions if not m.qualifier))


def _plan_label(index: PlanIndex, doc: str) -> str:
    plan = index.plans.get(doc)
    if plan is None:
        return doc
    meta = plan.meta
    if meta.number:
        return f"số {meta.number}" + (f" của {meta.locality}" if meta.locality else "")
    return meta.title or doc


def resolve_filters(analysis: QueryAnalysis, index: PlanIndex, locality: str | None,
                    doc_ids: Collection[str] | None) -> ResolvedFilters:
    """Drop the filters the question contradicts; keep the ones it does not."""
    docs = frozenset(doc_ids) if doc_ids is not None else None
    named = _named_places(analysis)
    named_folded = {fold(n) for n in named}
    ignored: list[str] = []
    if locality and named and fold(locality) not in named_folded:
        ignored.append(f"địa phương “{locality}”")
        locality = None
    if docs is not None:
        plans = [index.plans[d] for d in docs if d in index.plans]
        other_place = bool(named) and not any(
            fold(p.meta.locality or "") in named_folded for p in plans)
        number = analysis.doc_number
        other_number = (number is not None and analysis.cited_number is None
                        and not any(p.meta.number == number for p in plans)
                        and any(p.meta.number == number for p in index.plans.values()))
        if other_place or other_number:
            ignored.append("kế hoạch “" + "; ".join(_plan_label(index, d) for d in sorted(docs))
                           + "”")
            docs = None
    if not ignored:
        return ResolvedFilters(locality, docs)
    asked = ", ".join(named) if named else f"kế hoạch số {analysis.doc_number}"
    note = (f"Câu hỏi nêu {asked}, khác với bộ lọc đang chọn ({' và '.join(ignored)}), "
            "nên đã bỏ qua bộ lọc đó và trả lời theo câu hỏi.")
    return ResolvedFilters(locality, docs, note)
