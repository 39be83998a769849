"""Hybrid retrieval: dense (FAISS) and lexical (BM25) rankings fused by reciprocal rank.

Dense search finds paraphrases ("kéo dài đến khi nào" ~ "thời gian thực hiện"); BM25 on
folded syllables finds exact terms and figures, and copes with missing diacritics. Both
honour the same filters (localities, plans).
"""

from __future__ import annotations

import threading
from collections.abc import Collection

import numpy as np

from kehoach.index.embeddings import PlanEmbeddings
from kehoach.index.query_expansion import expand_query
from kehoach.index.store import PlanIndex
from kehoach.index.vector_index import search_vectors
from kehoach.core.records import Hit
from kehoach.core.settings import Settings
from kehoach.core.text import fold

__all__ = ["HybridRetriever"]

_QUERY_CACHE_SIZE = 64


def _has_diacritics(text: str) -> bool:
    return fold(text) != text.lower()


class HybridRetriever:
    """Search one loaded index with one embedding model."""

    def __init__(self, index: PlanIndex, embeddings: PlanEmbeddings, settings: Settings) -> None:
        self.index = index
        self.embeddings = embeddings
        self.settings = settings
        self._rows_by_doc = index.doc_rows()
        self._vectors: dict[str, np.ndarray] = {}
        self._cache_lock = threading.Lock()
        self._docs_by_locality: dict[str, set[str]] = {}
        for doc_id, plan in index.plans.items():
            if plan.meta.locality:
                self._docs_by_locality.setdefault(plan.meta.locality, set()).add(doc_id)

    def _query_vector(self, query: str) -> np.ndarray:
        """Embed a query, remembering the last few (a compare question searches repeatedly)."""
        with self._cache_lock:
            vector = self._vectors.get(query)
        if vector is None:
            vector = self.embeddings.embed_query_vector(query)
            with self._cache_lock:
                self._vectors[query] = vector
                while len(self._vectors) > _QUERY_CACHE_SIZE:
                    self._vectors.pop(next(iter(self._vectors)))
        return vector

    @property
    def localities(self) -> list[str]:
        """Localities of the loaded plans, sorted."""
        return sorted(self._docs_by_locality)

    def docs_of(self, locality: str) -> set[str]:
        return set(self._docs_by_locality.get(locality, set()))

    def allowed_rows(self, localities: Collection[str] | None = None,
                     doc_ids: Collection[str] | None = None) -> np.ndarray | None:
        """Row numbers the filters allow (None = no filter)."""
        if localities is None and doc_ids is None:
            return None
        docs = set(self._rows_by_doc)
        if localities is not None:
            docs &= {d for loc in localities for d in self._docs_by_locality.get(loc, ())}
        if doc_ids is not None:
            docs &= set(doc_ids)
        parts = [self._rows_by_doc[d] for d in sorted(docs)]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def search(self, query: str, k: int | None = None,
               localities: Collection[str] | None = None,
               doc_ids: Collection[str] | None = None,
               query_vector: np.ndarray | None = None) -> list[Hit]:
        """The ``k`` best chunks, fused score in (0, 1] (1 = first in both rankings)."""
        k = k or self.settings.top_k
        query = expand_query(query, self.index.abbreviations)
        allowed = self.allowed_rows(localities, doc_ids)
        if allowed is not None and len(allowed) == 0:
            return []
        vector = query_vector if query_vector is not None else self._query_vector(query)
        _, dense_rows = search_vectors(self.index.vector_index, vector,
                                       self.settings.dense_candidates, allowed)
        mask = None
        if allowed is not None:
            mask = np.zeros(len(self.index.chunks), dtype=bool)
            mask[allowed] = True
        lexical = self.index.bm25.scores(query, mask)
        n_lex = min(self.settings.lexical_candidates, int((lexical > 0).sum()))
        lexical_rows = np.argsort(-lexical, kind="stable")[:n_lex]

        rrf = self.settings.rrf_k
        fused: dict[int, float] = {}
        dense_rank = {int(r): i + 1 for i, r in enumerate(dense_rows)}
        lexical_rank = {int(r): i + 1 for i, r in enumerate(lexical_rows)}
        # The embedding model read accented Vietnamese; typed without diacritics, its
        # ranking is weaker than BM25 on folded syllables, so it counts for less.
        dense_weight = 1.0 if _has_diacritics(query) else self.settings.unaccented_dense_weight
        for ranks, weight in ((dense_rank, dense_weight), (lexical_rank, 1.0)):
            for row, rank in ranks.items():
                fused[row] = fused.get(row, 0.0) + weight / (rrf + rank)
        best = (1.0 + dense_weight) / (rrf + 1)
        ordered = sorted(fused.items(), key=lambda item: -item[1])[:k]
        return [
            Hit(self.index.chunks[row], score / best, dense_rank.get(row), lexical_rank.get(row))
            for row, score in ordered
        ]
