"""BM25 over folded Vietnamese syllables and syllable pairs.

Folding (no diacritics, đ->d) lets "bao hiem y te" meet "bảo hiểm y tế" and OCR'd
"bao hiém y té"; pairs ("bao_hiem", "y_te") carry the word-level meaning single syllables
lack. Stored as plain numpy arrays and JSON (no pickle); scoring is vectorised numpy.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kehoach.core.text import bigrams, syllables

__all__ = ["BM25Index", "lexical_tokens"]

DEFAULT_K1 = 1.2
DEFAULT_B = 0.75


def lexical_tokens(text: str) -> list[str]:
    """Folded syllables plus adjacent pairs: the terms BM25 indexes and queries with."""
    units = syllables(text)
    return units + bigrams(units)


@dataclass
class BM25Index:
    """Postings in CSC form: for term t, docs ``doc_ids[ptr[t]:ptr[t+1]]`` with ``tfs``."""

    vocab: dict[str, int]
    ptr: np.ndarray
    doc_ids: np.ndarray
    tfs: np.ndarray
    doc_len: np.ndarray
    k1: float = DEFAULT_K1
    b: float = DEFAULT_B

    @classmethod
    def build(cls, texts: Sequence[str], k1: float = DEFAULT_K1, b: float = DEFAULT_B) -> "BM25Index":
        vocab: dict[str, int] = {}
        postings: dict[int, list[tuple[int, int]]] = {}
        doc_len = np.zeros(len(texts), dtype=np.float32)
        for doc, text in enumerate(texts):
            counts = Counter(lexical_tokens(text))
            doc_len[doc] = sum(counts.values())
            for term, tf in counts.items():
                tid = vocab.setdefault(term, len(vocab))
                postings.setdefault(tid, []).append((doc, tf))
        ptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        for tid in range(len(vocab)):
            ptr[tid + 1] = ptr[tid] + len(postings[tid])
        doc_ids = np.empty(int(ptr[-1]), dtype=np.int32)
        tfs = np.empty(int(ptr[-1]), dtype=np.float32)
        for tid, plist in postings.items():
            a = int(ptr[tid])
            doc_ids[a:a + len(plist)] = [d for d, _ in plist]
            tfs[a:a + len(plist)] = [f for _, f in plist]
        return cls(vocab, ptr, doc_ids, tfs, doc_len, k1, b)

    @property
    def size(self) -> int:
        return len(self.doc_len)

    def idf(self, term: str) -> float:
        """Inverse document frequency of a term (0 for unknown terms)."""
        tid = self.vocab.get(term)
        if tid is None:
            return 0.0
        df = float(self.ptr[tid + 1] - self.ptr[tid])
        return float(np.log(1.0 + (self.size - df + 0.5) / (df + 0.5)))

    def idf_max(self) -> float:
        """The idf of a term no chunk contains (the rarest possible)."""
        return float(np.log(1.0 + (self.size + 0.5) / 0.5))

    def scores(self, query: str, allowed: np.ndarray | None = None) -> np.ndarray:
        """BM25 score of every chunk for ``query``; chunks not ``allowed`` score 0."""
        out = np.zeros(self.size, dtype=np.float32)
        if self.size == 0:
            return out
        avg = float(self.doc_len.mean()) or 1.0
        for term in set(lexical_tokens(query)):
            tid = self.vocab.get(term)
            if tid is None:
                continue
            a, z = int(self.ptr[tid]), int(self.ptr[tid + 1])
            docs, tf = self.doc_ids[a:z], self.tfs[a:z]
            norm = tf + self.k1 * (1.0 - self.b + self.b * self.doc_len[docs] / avg)
            np.add.at(out, docs, self.idf(term) * tf * (self.k1 + 1.0) / norm)
        if allowed is not None:
            out[~allowed] = 0.0
        return out

    def save(self, folder: Path) -> None:
        np.savez(folder / "bm25.npz", ptr=self.ptr, doc_ids=self.doc_ids, tfs=self.tfs,
                 doc_len=self.doc_len)
        terms = sorted(self.vocab, key=self.vocab.__getitem__)
        (folder / "bm25.json").write_text(
            json.dumps({"k1": self.k1, "b": self.b, "terms": terms}, ensure_ascii=False),
            encoding="utf-8",
        )

    @classmethod
    def load(cls, folder: Path) -> "BM25Index":
        meta = json.loads((folder / "bm25.json").read_text(encoding="utf-8"))
        with np.load(folder / "bm25.npz", allow_pickle=False) as arrays:
            ptr, doc_ids = arrays["ptr"], arrays["doc_ids"]
            tfs, doc_len = arrays["tfs"], arrays["doc_len"]
        vocab = {term: i for i, term in enumerate(meta["terms"])}
        return cls(vocab, ptr, doc_ids, tfs, doc_len, float(meta["k1"]), float(meta["b"]))
