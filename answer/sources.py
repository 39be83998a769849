"""The numbered passages a generated answer may use: the same retrieval, the same scope.

Sources are the passages the extractive answer cites (its best evidence first), then the
retrieved chunks for the question, limited to the locality and plan the question names,
so another locality's figure is never offered to the model. A question about a locality
with no loaded plan gets no sources (the extractive answer already says so).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from kehoach.answer.citations import chunk_at, cite
from kehoach.answer.extractive import ExtractiveAnswerer
from kehoach.answer.query import analyse
from kehoach.index.store import PlanRecord
from kehoach.grammar.localities import find_localities
from kehoach.core.records import Answer, Chunk, Citation, PlanMeta
from kehoach.grammar.docrefs import document_kind

__all__ = ["Source", "gather_sources"]

# Plan titles can run to 400 characters and are repeated with every passage: a small
# model's context (and a slow CPU's time) is better spent on passage text.
_TITLE_CHARS = 120


@dataclass(frozen=True)
class Source:
    """Passage ``n`` as offered to the model."""

    n: int
    chunk: Chunk
    plan: PlanRecord
    score: float

    @property
    def label(self) -> str:
        """'kế hoạch số 50/KH-UBND ngày 19/9/2025 của phường Thạch Khôi'."""
        meta = self.plan.meta
        ref = f"{document_kind(meta.number).lower()} số {meta.number}" if meta.number else "kế hoạch"
        date = PlanMeta.display_date(meta.issue_date)
        if date:
            ref += f" ngày {date}"
        return f"{ref} của {meta.locality}" if meta.locality else ref

    @property
    def title(self) -> str:
        """The plan's title, cut at a word near ``_TITLE_CHARS`` characters."""
        title = " ".join((self.plan.meta.title or "").split())
        if len(title) <= _TITLE_CHARS:
            return title
        return title[:_TITLE_CHARS].rsplit(" ", 1)[0] + " …"

    @property
    def evidence(self) -> str:
        """Everything the model is told about this passage (what the guard checks against)."""
        return "\n".join((self.label, self.title, self.chunk.section, self.chunk.text))

    def citation(self) -> Citation:
        return cite(self.n, self.chunk, self.plan, self.score)


def _scope(answerer: ExtractiveAnswerer, question: str, locality: str | None,
           only_docs: set[str] | None) -> tuple[str, list[str] | None, set[str] | None] | None:
    """(search text, localities, plan ids) the question is limited to; None = nothing loaded
    for the locality it names, or no plan left in scope."""
    analysis = analyse(question, answerer.loaded)
    if locality:
        scope = [m.locality.display for m in find_localities(locality, answerer.loaded) if m.loaded]
        if not scope:
            return None
    else:
        scope = analysis.loaded_localities
        if analysis.unknown_localities and not scope:
            return None
    doc_ids = None
    if analysis.doc_number:
        doc_ids = {d for d, p in answerer.index.plans.items()
                   if p.meta.number == analysis.doc_number
                   and (not scope or p.meta.locality in scope)} or None
    if only_docs is not None:
        doc_ids = only_docs if doc_ids is None else doc_ids & only_docs
        if not doc_ids:
            return None
    return analysis.search_text, scope or None, doc_ids


def gather_sources(answerer: ExtractiveAnswerer, first: Answer, question: str,
                   locality: str | None, k: int,
                   doc_ids: Collection[str] | None = None) -> list[Source]:
    """Up to ``k`` passages (more if the extractive answer cites more), numbered from 1;
    ``doc_ids`` limits them to these plans."""
    index = answerer.index
    if not index.chunks:
        return []
    scope = _scope(answerer, question.strip(), locality,
                   set(doc_ids) if doc_ids is not None else None)
    if scope is None:
        return []
    chunks: list[tuple[Chunk, float]] = []
    if first.found:
        for c in first.citations:
            chunk = chunk_at(index.chunks, c.doc, c.start)
            if chunk is not None:
                chunks.append((chunk, c.score))
    search_text, localities, doc_ids = scope
    for hit in answerer.retriever.search(search_text, k, localities, doc_ids):
        chunks.append((hit.chunk, hit.score))
    seen: set[str] = set()
    sources: list[Source] = []
    for chunk, score in chunks:
        if chunk.chunk_id in seen:
            continue
        seen.add(chunk.chunk_id)
        sources.append(Source(len(sources) + 1, chunk, index.plans[chunk.doc_id], score))
    limit = max(k, len(first.citations) if first.found else 0)
    return sources[:limit]
