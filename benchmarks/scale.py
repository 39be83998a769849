"""Scale benchmark at 1,000 plans: warm query p95, peak RSS, HNSW vs flat recall@10,
re-ingest of an unchanged corpus, and ingest throughput on a slice of plans.

The 1,000-plan index is ``borrowed_index.py``'s: every plan really read, cleaned,
structured and chunked, BM25, FAISS and manifest real, but vectors of synthetic plans
BORROWED from the source plan's chunk at the same position plus small noise (embedding
~25,000 chunks takes ~2 hours on 2 shared cores). Latency, memory and size depend on the
number of chunks, not on what the vectors say; the recall figure on borrowed vectors is a
pessimistic case (clusters of near-duplicates). Throughput is measured by really embedding
a slice of the synthetic plans.

    python benchmarks/borrowed_index.py /work/cache/synthetic-1000   # once (~20-30 min)
    python benchmarks/scale.py /work/cache/synthetic-1000 [--slice 50]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
from measure import dev_questions, folder_bytes, machine, omp_threads, peak_rss_mb, table, time_queries

from kehoach.answer.assistant import Assistant
from kehoach.index.builder import ingest
from kehoach.index.embeddings import make_embeddings
from kehoach.index.store import load_index
from kehoach.index.vector_index import build_vector_index, kind_of, search_vectors
from kehoach.core.settings import Settings

RECALL_K = 10
RANDOM_QUERIES = 200
SEED = 5
_MB = 1e6


def recall_rows(index, embeddings, questions: list[str]) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """recall@10 of HNSW against exact flat search, for real questions and random chunks."""
    vectors = index.vectors
    started = time.perf_counter()
    hnsw = build_vector_index(vectors, threshold=1)
    build_s = time.perf_counter() - started
    flat = build_vector_index(vectors, threshold=len(vectors) + 1)
    assert kind_of(hnsw) == "hnsw" and kind_of(flat) == "flat"
    from kehoach.index.vector_index import HNSW_EF_SEARCH

    hnsw.hnsw.efSearch = HNSW_EF_SEARCH  # as read_vector_index sets it
    rng = np.random.default_rng(SEED)
    sets = {
        "dev questions": np.stack([embeddings.embed_query_vector(q) for q in questions]),
        f"{RANDOM_QUERIES} random chunk vectors": vectors[rng.choice(len(vectors), RANDOM_QUERIES,
                                                                      replace=False)],
    }
    rows = [(f"HNSW build over {len(vectors)} vectors (s)", f"{build_s:.1f}")]
    for label, queries in sets.items():
        hits, times = [], {"flat": [], "hnsw": []}
        for query in queries:
            found = {}
            for kind, faiss_index in (("flat", flat), ("hnsw", hnsw)):
                started = time.perf_counter()
                _, rows_found = search_vectors(faiss_index, query, RECALL_K)
                times[kind].append((time.perf_counter() - started) * 1000)
                found[kind] = set(rows_found.tolist())
            hits.append(len(found["flat"] & found["hnsw"]) / RECALL_K)
        rows.append((f"recall@{RECALL_K} HNSW vs flat, {label}",
                     f"{np.mean(hits):.3f}  (search ms flat {np.median(times['flat']):.2f}, "
                     f"hnsw {np.median(times['hnsw']):.2f})"))
    return rows


def throughput_rows(corpus: Path, plans: int, embeddings) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Really ingest ``plans`` synthetic plans; compare with the bare model on the same texts."""
    from bench import ingest_figures

    with tempfile.TemporaryDirectory(prefix="kehoach-scale-") as tmp:
        folder = Path(tmp) / "plans"
        folder.mkdir()
        synthetic = [p for p in sorted(corpus.glob("*.txt")) if p.name.startswith("syn-")] or \
            sorted(corpus.glob("*.txt"))
        for path in synthetic[:plans]:
            shutil.copy(path, folder / path.name)
        settings = Settings.load(plans_dir=folder, index_dir=Path(tmp) / "index")
        rows, _ = ingest_figures(settings, embeddings, f"{plans}-plan slice (really embedded)")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cache", type=Path, help="folder with corpus/ and index-borrowed/")
    parser.add_argument("--dev", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--slice", type=int, default=50, help="plans to really embed (0 = skip)")
    args = parser.parse_args()
    corpus, folder = args.cache / "corpus", args.cache / "index-borrowed"
    questions = dev_questions(args.dev)
    print(f"Machine: {machine()}", flush=True)
    print(f"Index: {folder}: {(folder / 'BORROWED').read_text().strip()} "
          "(vectors borrowed from the source plan's chunk at the same position + noise; "
          "everything else real)\n", flush=True)

    settings = Settings.load(plans_dir=corpus, index_dir=folder)
    embeddings = make_embeddings(settings)
    started = time.perf_counter()
    index = load_index(folder)
    load_s = time.perf_counter() - started
    assistant = Assistant(settings, embeddings, index)
    n_plans, n_chunks = len(index.plans), len(index.chunks)
    rows = [("plans / chunks", f"{n_plans} / {n_chunks}"),
            ("index load with checksums (s)", f"{load_s:.1f}"),
            ("index size on disk (MB)", f"{folder_bytes(folder) / _MB:.1f}"),
            (f"vector index in use (hnsw_threshold {settings.hnsw_threshold})",
             kind_of(index.vector_index))]
    warm = time_queries(assistant, questions, args.rounds)
    rows += warm.rows(f"warm queries, {kind_of(index.vector_index)} (n={len(warm.total)})")
    verdict = "PASS" if warm.p95 < 200 else "FAIL"
    rows.append(("warm query p95 < 200 ms", f"{verdict} ({warm.p95:.1f} ms)"))
    rss = peak_rss_mb()
    rows.append(("peak RSS: model + 1,000-plan index + queries (MB)",
                 f"{rss:.0f}  ({'PASS' if rss < 2000 else 'FAIL'} < 2 GB)"))

    other = build_vector_index(index.vectors, threshold=1 if kind_of(index.vector_index) == "flat"
                               else n_chunks + 1)
    if kind_of(other) == "hnsw":
        from kehoach.index.vector_index import HNSW_EF_SEARCH

        other.hnsw.efSearch = HNSW_EF_SEARCH
    index.vector_index = other
    assistant = Assistant(settings, embeddings, index)
    again = time_queries(assistant, questions, args.rounds)
    rows += again.rows(f"warm queries, {kind_of(other)} (n={len(again.total)})")
    rows += recall_rows(index, embeddings, questions)
    del assistant, index, other

    started = time.perf_counter()
    report = ingest(settings, embeddings)
    reingest = time.perf_counter() - started
    rows.append((f"re-ingest unchanged {n_plans} plans (s)",
                 f"{reingest:.2f}  ({'PASS' if reingest < 2 else 'FAIL'} < 2 s; "
                 f"wrote new index: {report.written})"))
    print(table(f"kehoach scale benchmark, {n_plans} plans", rows), flush=True)
    if args.slice:
        slice_rows = throughput_rows(corpus, args.slice, embeddings)
        slice_rows.append(("threads in process after embedding (OpenMP pool)", str(omp_threads())))
        print("\n" + table("ingest throughput", slice_rows))


if __name__ == "__main__":
    main()
