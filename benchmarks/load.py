"""Warm query latency under load: alone, one core busy, 2 and 4 concurrent askers.

Each asker is its own process (as two `kehoach ask` runs or the app plus an upload are),
started with the caller's environment: whatever thread policy kehoach applies on import is
what gets measured. An asker loads the model and the index, answers a few questions
untimed (a warm process), then waits for "go" so concurrent askers start together. Every
timed question clears the retriever's query-vector cache first, so each answer includes
embedding the question (a new question, as in use), not only the cached path.

    python benchmarks/load.py asker --plans DIR --index DIR --rounds 3   (used by bench.py)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from measure import dev_questions, percentile

__all__ = ["Scenario", "run_scenarios", "latency_rows", "SCENARIOS"]

_HERE = Path(__file__).resolve()
_BUSY_LOOP = "while True:\n    pass\n"
_READY_TIMEOUT_S = 600
_WARM_UP = 5  # questions answered untimed first: model, index and caches touched once


@dataclass
class Scenario:
    """Askers running at once, and busy-loop processes beside them."""

    name: str
    askers: int
    busy: int = 0


SCENARIOS = (
    Scenario("alone", 1),
    Scenario("one core busy (busy-loop process)", 1, busy=1),
    Scenario("2 concurrent askers", 2),
    Scenario("4 concurrent askers", 4),
)


def _asker(args: argparse.Namespace) -> None:
    """The child: warm up, say ready, wait for go, time ``rounds`` passes, print the ms."""
    from kehoach.answer.assistant import Assistant
    from kehoach.core.settings import Settings
    from kehoach.index.embeddings import make_embeddings
    from kehoach.index.store import load_index

    settings = Settings.load(plans_dir=args.plans, index_dir=args.index)
    assistant = Assistant(settings, make_embeddings(settings), load_index(settings.index_dir))
    questions = dev_questions(args.dev)
    for question in questions[:_WARM_UP]:
        assistant.ask(question)
    print("ready", flush=True)
    sys.stdin.readline()
    times = []
    for _ in range(args.rounds):
        for question in questions:
            assistant.retriever._vectors.clear()  # a new question: embed it again
            started = time.perf_counter()
            assistant.ask(question)
            times.append((time.perf_counter() - started) * 1000)
    print(json.dumps(times), flush=True)


def _run(scenario: Scenario, plans: Path, index: Path, rounds: int, dev: Path | None) -> list[float]:
    """All askers of one scenario warmed up, then released together; their pooled ms."""
    command = [sys.executable, str(_HERE), "asker", "--plans", str(plans), "--index", str(index),
               "--rounds", str(rounds)] + (["--dev", str(dev)] if dev else [])
    askers = [subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
              for _ in range(scenario.askers)]
    busy: list[subprocess.Popen[str]] = []
    try:
        for asker in askers:
            assert asker.stdout is not None
            line = asker.stdout.readline().strip()
            if line != "ready":
                raise SystemExit(f"asker failed to start (said {line!r})")
        busy = [subprocess.Popen([sys.executable, "-c", _BUSY_LOOP]) for _ in range(scenario.busy)]
        if busy:
            time.sleep(1.0)  # let the busy loop take its core
        for asker in askers:
            assert asker.stdin is not None
            asker.stdin.write("go\n")
            asker.stdin.flush()
        pooled: list[float] = []
        for asker in askers:
            out, _ = asker.communicate(timeout=_READY_TIMEOUT_S)
            pooled += json.loads(out.strip().splitlines()[-1])
        return pooled
    finally:
        for process in busy + askers:
            if process.poll() is None:
                process.kill()
                process.wait()


def run_scenarios(plans: Path, index: Path, rounds: int, dev: Path | None = None,
                  ) -> list[tuple[Scenario, list[float]]]:
    results = []
    for scenario in SCENARIOS:
        started = time.perf_counter()
        results.append((scenario, _run(scenario, plans, index, rounds, dev)))
        print(f"  latency: {scenario.name} done in {time.perf_counter() - started:.0f} s",
              file=sys.stderr, flush=True)
    return results


def latency_rows(results: list[tuple[Scenario, list[float]]]) -> list[tuple[str, str]]:
    """Table rows: p50 / p95 / max per scenario, then the two goals checked."""
    rows = []
    p95 = {}
    for scenario, times in results:
        p95[scenario.name] = percentile(times, 95)
        rows.append((f"warm query, {scenario.name}: p50 / p95 / max (ms, n={len(times)})",
                     f"{percentile(times, 50):.1f} / {p95[scenario.name]:.1f} / {max(times):.1f}"))
    alone, busy = p95[SCENARIOS[0].name], p95[SCENARIOS[1].name]
    two = p95[SCENARIOS[2].name]
    rows.append(("goal: p95 with 2 concurrent askers < 150 ms",
                 f"{'met' if two < 150 else 'NOT met'} ({two:.1f} ms)"))
    rows.append(("goal: one-core-busy p95 <= 2x alone p95",
                 f"{'met' if busy <= 2 * alone else 'NOT met'} ({busy / alone:.2f}x)"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="role", required=True)
    asker = sub.add_parser("asker")
    asker.add_argument("--plans", type=Path, required=True)
    asker.add_argument("--index", type=Path, required=True)
    asker.add_argument("--rounds", type=int, default=3)
    asker.add_argument("--dev", type=Path, default=None)
    args = parser.parse_args()
    _asker(args)


if __name__ == "__main__":
    main()
