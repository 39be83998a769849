"""Build the numbered citations an answer points to."""

from __future__ import annotations

from kehoach.index.store import PlanRecord
from kehoach.core.records import Chunk, Citation

__all__ = ["cite", "chunk_at"]


def cite(n: int, chunk: Chunk, plan: PlanRecord, score: float,
         span: tuple[int, int] | None = None, section: str | None = None) -> Citation:
    """Citation ``n`` of ``chunk``; ``span`` (plan offsets) is the sentence to highlight."""
    highlight = None
    if span is not None:
        a = max(span[0], chunk.start) - chunk.start
        b = min(span[1], chunk.end) - chunk.start
        highlight = (a, b) if b > a else None
    return Citation(
        n=n,
        doc=chunk.doc_id,
        title=plan.meta.title,
        locality=plan.meta.locality,
        section=section or chunk.section,
        text=chunk.text,
        score=score,
        start=chunk.start,
        end=chunk.end,
        highlight=highlight,
        ocr_corrected=plan.meta.ocr_repaired,
        raw_text=chunk.raw_text,
    )


def chunk_at(chunks: list[Chunk], doc_id: str, offset: int) -> Chunk | None:
    """The chunk of ``doc_id`` that contains plan offset ``offset``."""
    for chunk in chunks:
        if chunk.doc_id == doc_id and chunk.start <= offset < max(chunk.end, chunk.start + 1):
            return chunk
    return None
