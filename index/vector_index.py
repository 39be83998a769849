"""FAISS over normalised vectors (inner product = cosine): flat, or HNSW when large.

Below ``threshold`` vectors an exact flat index is both fastest and exact; above it an
HNSW graph keeps query time flat as the corpus grows. Filters (by locality, by plan) are
passed to FAISS as an ID selector so both kinds search only the allowed chunks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import faiss
import numpy as np

__all__ = ["build_vector_index", "write_vector_index", "read_vector_index", "search_vectors",
           "HNSW_M", "HNSW_EF_SEARCH", "HNSW_EF_CONSTRUCTION"]

HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128


def build_vector_index(vectors: np.ndarray, threshold: int) -> Any:
    """A flat IP index, or HNSW (IP) once there are at least ``threshold`` vectors."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = vectors.shape[1] if vectors.ndim == 2 and vectors.shape[1] else 1
    if len(vectors) >= threshold > 0:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    else:
        index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(vectors)
    return index


def kind_of(index: Any) -> str:
    return "hnsw" if isinstance(index, faiss.IndexHNSW) else "flat"


def write_vector_index(index: Any, path: Path) -> str:
    faiss.write_index(index, str(path))
    return kind_of(index)


def read_vector_index(path: Path) -> Any:
    index = faiss.read_index(str(path))
    if isinstance(index, faiss.IndexHNSW):
        index.hnsw.efSearch = HNSW_EF_SEARCH
    return index


def search_vectors(index: Any, query: np.ndarray, k: int,
                   allowed_rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(scores, rows) of the ``k`` nearest chunks, optionally among ``allowed_rows`` only."""
    if index.ntotal == 0 or k <= 0:
        return np.zeros(0, np.float32), np.zeros(0, np.int64)
    query = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
    k = min(k, index.ntotal if allowed_rows is None else max(len(allowed_rows), 1))
    params = None
    if allowed_rows is not None:
        if len(allowed_rows) == 0:
            return np.zeros(0, np.float32), np.zeros(0, np.int64)
        selector = faiss.IDSelectorBatch(np.ascontiguousarray(allowed_rows, dtype=np.int64))
        if isinstance(index, faiss.IndexHNSW):
            params = faiss.SearchParametersHNSW(sel=selector, efSearch=max(HNSW_EF_SEARCH, k))
        else:
            params = faiss.SearchParameters(sel=selector)
    scores, rows = index.search(query, k, params=params)
    keep = rows[0] >= 0
    return scores[0][keep], rows[0][keep]
