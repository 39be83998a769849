"""BM25 over folded Vietnamese syllables and syllable pairs, scored by ``bm25s``.

Folding (no diacritics, đ->d) lets "bao hiem y te" meet "bảo hiểm y tế" and OCR'd
"bao hiém y té"; pairs ("bao_hiem", "y_te") carry the word-level meaning single syllables
lack. Our tokenizer feeds ``bm25s`` (a maintained, sparse, eager BM25: each term's scores
are precomputed at build time, so a query only sums columns). The formula is the one this
project always used: term frequency as ATIRE/Robertson ``tf (k1+1) / (tf + k1 (1-b+b dl/avg))``
with Lucene's idf ``log(1 + (N-df+0.5)/(df+0.5))``. On disk: ``.npy`` arrays saved and
loaded with ``allow_pickle=False`` and JSON (vocabulary, parameters) — no pickle.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from kehoach.core.text import bigrams, syllables

__all__ = ["BM25Index", "lexical_tokens", "BM25_FILES"]

DEFAULT_K1 = 1.2
DEFAULT_B = 0.75
_TF_METHOD = "atire"  # tf (k1+1) / (tf + k1 (1 - b + b dl/avg))
_IDF_METHOD = "lucene"  # log(1 + (N - df + 0.5) / (df + 0.5)), never negative
# The files bm25s writes into an index generation (names are ours, content is bm25s').
_NAMES = {"data_name": "bm25.data.npy", "indices_name": "bm25.indices.npy",
          "indptr_name": "bm25.indptr.npy", "vocab_name": "bm25.vocab.json",
          "params_name": "bm25.params.json"}
BM25_FILES = tuple(_NAMES.values())


def lexical_tokens(text: str) -> list[str]:
    """Folded syllables plus adjacent pairs: the terms BM25 indexes and queries with."""
    units = syllables(text)
    return units + bigrams(units)


class BM25Index:
    """A ``bm25s.BM25`` over our tokens, plus the idf look-ups answer scoring needs."""

    def __init__(self, model: bm25s.BM25) -> None:
        self._model = model
        self._indptr = np.asarray(model.scores["indptr"])
        self._size = int(model.scores["num_docs"])

    @classmethod
    def build(cls, texts: Sequence[str], k1: float = DEFAULT_K1, b: float = DEFAULT_B) -> "BM25Index":
        model = bm25s.BM25(k1=k1, b=b, method=_TF_METHOD, idf_method=_IDF_METHOD)
        corpus = [lexical_tokens(text) for text in texts]
        if not corpus:  # bm25s needs one document to average lengths over
            model.scores = {"data": np.zeros(0, np.float32), "indices": np.zeros(0, np.int32),
                            "indptr": np.zeros(1, np.int64), "num_docs": 0}
            model.vocab_dict = {"": 0}
            model.nonoccurrence_array = None
            model.unique_token_ids_set = {0}
            return cls(model)
        model.index(corpus, show_progress=False)
        return cls(model)

    @property
    def size(self) -> int:
        return self._size

    @property
    def k1(self) -> float:
        return float(self._model.k1)

    @property
    def b(self) -> float:
        return float(self._model.b)

    def idf(self, term: str) -> float:
        """Inverse document frequency of a term (0 for unknown terms)."""
        tid = self._model.vocab_dict.get(term)
        if tid is None or not term:
            return 0.0
        df = float(self._indptr[tid + 1] - self._indptr[tid])
        if df == 0:
            return 0.0
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def chunks_with(self, term: str) -> np.ndarray:
        """Row numbers of the chunks that contain a term (empty for unknown terms)."""
        tid = self._model.vocab_dict.get(term)
        if tid is None or not term:
            return np.zeros(0, dtype=np.int64)
        return np.asarray(self._model.scores["indices"][self._indptr[tid]:self._indptr[tid + 1]])

    def written_in(self, term: str, rows: np.ndarray) -> bool:
        """Does a chunk among ``rows`` (a boolean mask over all chunks) contain the term?"""
        found = self.chunks_with(term)
        return bool(len(found)) and bool(rows[found].any())

    def idf_max(self) -> float:
        """The idf of a term no chunk contains (the rarest possible)."""
        return math.log(1.0 + (self.size + 0.5) / 0.5)

    def scores(self, query: str, allowed: np.ndarray | None = None) -> np.ndarray:
        """BM25 score of every chunk for ``query``; chunks not ``allowed`` score 0."""
        if self.size == 0:
            return np.zeros(0, dtype=np.float32)
        ids = self._model.get_tokens_ids(list(dict.fromkeys(lexical_tokens(query))))
        if not ids:
            return np.zeros(self.size, dtype=np.float32)
        out = self._model.get_scores_from_ids(ids)
        if allowed is not None:
            out[~allowed] = 0.0
        return out

    def save(self, folder: Path) -> None:
        self._model.save(folder, allow_pickle=False, show_progress=False, **_NAMES)

    @classmethod
    def load(cls, folder: Path) -> "BM25Index":
        for name in BM25_FILES:  # bm25s would read a missing vocabulary as empty
            if not (Path(folder) / name).is_file():
                raise OSError(f"thiếu tệp {name}")
        index = cls(bm25s.BM25.load(folder, allow_pickle=False, mmap=False, load_corpus=False,
                                    **_NAMES))
        index._check()
        return index

    def _check(self) -> None:
        """The sparse structure is consistent (damage a checksum-free load would miss)."""
        scores, ptr = self._model.scores, self._indptr
        data, indices = np.asarray(scores["data"]), np.asarray(scores["indices"])
        vocab = self._model.vocab_dict
        terms = len(vocab) - ("" in vocab)  # bm25s adds "" to the vocabulary, with no column
        if (ptr.ndim != 1 or len(ptr) != terms + 1 or ptr[0] != 0
                or ptr[-1] != len(data) or len(indices) != len(data) or np.any(np.diff(ptr) < 0)
                or (len(indices) and (indices.min() < 0 or indices.max() >= self.size))):
            raise ValueError("tệp BM25 không nhất quán")
