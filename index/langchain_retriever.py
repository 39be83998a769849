"""The hybrid retriever as a LangChain ``BaseRetriever`` returning ``Document``s.

A locality named in the query (with or without diacritics, with or without "xã"/"phường")
is detected and used as a filter, as in the assistant, so chains get the same passages.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from kehoach.index.retriever import HybridRetriever
from kehoach.grammar.localities import find_localities, parse_locality
from kehoach.core.records import Hit

__all__ = ["PlanRetriever", "hit_to_document"]


def hit_to_document(hit: Hit) -> Document:
    """A LangChain Document with the chunk's passage and its metadata."""
    chunk = hit.chunk
    return Document(
        page_content=chunk.text,
        metadata={
            "chunk_id": chunk.chunk_id,
            "doc": chunk.doc_id,
            "locality": chunk.locality,
            "title": chunk.title,
            "section": chunk.section,
            "start": chunk.start,
            "end": chunk.end,
            "score": hit.score,
        },
    )


class PlanRetriever(BaseRetriever):
    """``retriever.invoke("chỉ tiêu BHYT Nguyễn Lương Bằng")`` -> list of Documents."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    hybrid: HybridRetriever
    k: int = 5
    locality: str | None = None
    detect_locality: bool = True

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        localities: list[str] | None = [self.locality] if self.locality else None
        if localities is None and self.detect_locality:
            loaded = [loc for loc in map(parse_locality, self.hybrid.localities) if loc]
            named = [m.locality.display for m in find_localities(query, loaded) if m.loaded]
            localities = named or None
        hits = self.hybrid.search(query, self.k, localities)
        return [hit_to_document(h) for h in hits]

    def __init__(self, **data: Any) -> None:
        super().__init__(**data)
