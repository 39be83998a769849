"""BM25 by ``bm25s`` ranks chunks exactly as the project's previous hand-written scorer did.

The previous scorer (postings in numpy, scored with ``np.add.at``) is kept here, only as the
reference. Both run over the real chunks the ingest pipeline makes from the bundled plans and
the 14 plans of other provinces in eval/gen-dev, for every question of the dev sets we may
read (the shared dev set when present, the officer set, eval/gen-dev's questions).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from kehoach.core.settings import PROJECT_ROOT, Settings
from kehoach.index.bm25 import BM25_FILES, BM25Index, lexical_tokens
from kehoach.ingest.pipeline import load_plan

from _dev import dev_questions

TOP_K = 40  # the retriever's lexical_candidates
PLAN_FOLDERS = (PROJECT_ROOT / "data" / "plans", PROJECT_ROOT / "eval" / "gen-dev" / "plans")
QUESTION_FILES = (PROJECT_ROOT / "tests" / "questions" / "officer_set.jsonl",
                  PROJECT_ROOT / "eval" / "gen-dev" / "questions.jsonl")


class ReferenceBM25:
    """The previous index/bm25.py scorer, unchanged in its arithmetic."""

    def __init__(self, texts: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.vocab: dict[str, int] = {}
        postings: dict[int, list[tuple[int, int]]] = {}
        self.doc_len = np.zeros(len(texts), dtype=np.float32)
        for doc, text in enumerate(texts):
            counts = Counter(lexical_tokens(text))
            self.doc_len[doc] = sum(counts.values())
            for term, tf in counts.items():
                tid = self.vocab.setdefault(term, len(self.vocab))
                postings.setdefault(tid, []).append((doc, tf))
        self.ptr = np.zeros(len(self.vocab) + 1, dtype=np.int64)
        for tid in range(len(self.vocab)):
            self.ptr[tid + 1] = self.ptr[tid] + len(postings[tid])
        self.doc_ids = np.empty(int(self.ptr[-1]), dtype=np.int32)
        self.tfs = np.empty(int(self.ptr[-1]), dtype=np.float32)
        for tid, plist in postings.items():
            a = int(self.ptr[tid])
            self.doc_ids[a:a + len(plist)] = [d for d, _ in plist]
            self.tfs[a:a + len(plist)] = [f for _, f in plist]

    @property
    def size(self) -> int:
        return len(self.doc_len)

    def idf(self, term: str) -> float:
        tid = self.vocab.get(term)
        if tid is None:
            return 0.0
        df = float(self.ptr[tid + 1] - self.ptr[tid])
        return float(np.log(1.0 + (self.size - df + 0.5) / (df + 0.5)))

    def scores(self, query: str) -> np.ndarray:
        out = np.zeros(self.size, dtype=np.float32)
        avg = float(self.doc_len.mean()) or 1.0
        for term in set(lexical_tokens(query)):
            tid = self.vocab.get(term)
            if tid is None:
                continue
            a, z = int(self.ptr[tid]), int(self.ptr[tid + 1])
            docs, tf = self.doc_ids[a:z], self.tfs[a:z]
            norm = tf + self.k1 * (1.0 - self.b + self.b * self.doc_len[docs] / avg)
            np.add.at(out, docs, self.idf(term) * tf * (self.k1 + 1.0) / norm)
        return out


def _questions() -> list[str]:
    questions = list(dev_questions())
    for path in QUESTION_FILES:
        questions += [json.loads(line)["question"] for line in
                      path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return list(dict.fromkeys(questions))


@pytest.fixture(scope="module")
def chunk_texts() -> list[str]:
    """index_text of every chunk the real pipeline makes from the plan folders."""
    max_chars = Settings.load().chunk_max_chars
    texts = []
    for folder in PLAN_FOLDERS:
        for path in sorted(folder.glob("*.txt")):
            texts += [chunk.index_text for chunk in load_plan(path, max_chars).chunks]
    return texts


def _ranked(scores: np.ndarray) -> np.ndarray:
    """Rows with a positive score, best first, as the retriever orders them."""
    order = np.argsort(-scores, kind="stable")
    return order[:min(TOP_K, int((scores > 0).sum()))]


def test_same_top_k_as_the_previous_scorer(chunk_texts: list[str], tmp_path: Path) -> None:
    reference = ReferenceBM25(chunk_texts)
    BM25Index.build(chunk_texts).save(tmp_path)
    index = BM25Index.load(tmp_path)  # the ranking is that of the index read back from disk
    questions = _questions()
    assert len(chunk_texts) > 150 and len(questions) > 100
    exact = 0
    for question in questions:
        old, new = reference.scores(question), index.scores(question)
        np.testing.assert_allclose(new, old, rtol=1e-5, atol=1e-5, err_msg=question)
        old_top, new_top = _ranked(old), _ranked(new)
        assert len(old_top) == len(new_top), question
        if list(old_top) == list(new_top):
            exact += 1
            continue
        # Only chunks whose scores tie (to float32 rounding) may swap places.
        for rank, (a, b) in enumerate(zip(old_top, new_top)):
            assert a == b or abs(old[a] - old[b]) <= 1e-5 * max(1.0, float(old[a])), (question, rank)
    assert exact >= 0.95 * len(questions), f"{exact}/{len(questions)} rankings identical"


def test_idf_as_before(chunk_texts: list[str]) -> None:
    reference, index = ReferenceBM25(chunk_texts), BM25Index.build(chunk_texts)
    for term in ("bao", "hiem", "bao_hiem", "y_te", "chi_tieu", "khong-co-tu-nay"):
        assert index.idf(term) == pytest.approx(reference.idf(term), rel=1e-9)
    assert index.idf_max() > index.idf("bao_hiem") > 0


def test_allowed_rows_and_empty_cases(chunk_texts: list[str]) -> None:
    index = BM25Index.build(chunk_texts[:50])
    allowed = np.zeros(50, dtype=bool)
    allowed[:10] = True
    scores = index.scores("chỉ tiêu bảo hiểm y tế", allowed)
    assert scores[10:].max() == 0 and scores[:10].max() > 0
    assert not index.scores("qqqq zzzz").any()  # no known term: all zero
    empty = BM25Index.build([])
    assert empty.size == 0 and empty.scores("bảo hiểm").shape == (0,)


def test_empty_index_round_trip_and_damage_seen(chunk_texts: list[str], tmp_path: Path) -> None:
    BM25Index.build([]).save(tmp_path / "empty")
    assert BM25Index.load(tmp_path / "empty").size == 0
    BM25Index.build(chunk_texts[:30]).save(tmp_path)
    ptr = np.load(tmp_path / "bm25.indptr.npy", allow_pickle=False)
    ptr[len(ptr) // 2] = ptr[-1] + 5  # pointers out of order: a checksum-free load must see it
    np.save(tmp_path / "bm25.indptr.npy", ptr, allow_pickle=False)
    with pytest.raises(ValueError):
        BM25Index.load(tmp_path)


def test_files_are_pickle_free(chunk_texts: list[str], tmp_path: Path) -> None:
    BM25Index.build(chunk_texts[:30]).save(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(BM25_FILES)
    for name in BM25_FILES:
        if name.endswith(".npy"):
            array = np.load(tmp_path / name, allow_pickle=False)  # raises on an object array
            assert array.dtype != object
        else:
            json.loads((tmp_path / name).read_text(encoding="utf-8"))


def test_written_in_reads_only_the_rows_asked():
    """Whether a term is written among some chunks (the plans in scope) is read on those rows
    alone: a pair another chunk writes is not written there."""
    index = BM25Index.build(["Hội nghị Ban chỉ đạo", "Theo đề nghị ban hành kế hoạch", "tỷ lệ dân số"])
    first, rest = np.array([True, False, False]), np.array([False, True, True])
    assert index.written_in("nghi_ban", np.ones(3, dtype=bool))
    assert index.written_in("hoi_nghi", first) and not index.written_in("hoi_nghi", rest)
    assert index.written_in("dan_so", rest) and not index.written_in("dan_so", first)
    assert not index.written_in("tu_nhien", np.ones(3, dtype=bool))
