"""Time the gazetteer load and the locality grammar (numbers for the report; no asserts).

- cold load: a fresh interpreter per run imports kehoach.grammar.localities and loads the
  gazetteer (what a CLI started per question pays);
- find_localities per question (the questions of eval/gen-dev and ../shared/eval) and per
  plan sentence (what the answerer pays to spot a sentence about another locality), with
  the localities of all the plans below loaded;
- detect_plan_locality per plan.

Usage: python scripts/time_localities.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()), None)

_COLD = """
import sys, time, tracemalloc
trace = sys.argv[1] == "trace"
if trace:
    tracemalloc.start()
t0 = time.perf_counter()
import kehoach.grammar.localities as loc
t1 = time.perf_counter()
loc.gazetteer()
loc.find_localities("Kế hoạch của Hà Nội", [])
t2 = time.perf_counter()
peak = tracemalloc.get_traced_memory()[1] / 1e6 if trace else 0.0
print(f"{(t1 - t0) * 1000:.1f} {(t2 - t1) * 1000:.1f} {peak:.1f}")
"""


def _percentiles(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[int(0.95 * (len(samples) - 1))]
    return (f"median {statistics.median(samples) * 1e6:.0f} us, p95 {p95 * 1e6:.0f} us, "
            f"max {samples[-1] * 1e6:.0f} us (n={len(samples)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    def cold(mode: str) -> tuple[float, ...]:
        out = subprocess.run([sys.executable, "-c", _COLD, mode], capture_output=True, text=True, check=True)
        return tuple(map(float, out.stdout.split()))

    imports, loads, _ = zip(*(cold("time") for _ in range(args.runs)))
    peak = cold("trace")[2]
    print(f"cold start ({args.runs} processes): import {statistics.median(imports):.1f} ms, "
          f"gazetteer load + first call {statistics.median(loads):.1f} ms "
          f"(min {min(loads):.1f}, max {max(loads):.1f}); Python memory at peak {peak:.1f} MB")

    from kehoach.grammar.localities import detect_plan_locality, find_localities

    plans = sorted((ROOT / "data" / "plans").glob("*.txt")) + sorted((ROOT / "eval" / "gen-dev" / "plans").glob("*.txt"))
    if SHARED:
        plans += sorted((SHARED / "corpus-other-provinces").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in plans]
    started = time.perf_counter()
    loaded = list(dict.fromkeys(found[0] for found in map(detect_plan_locality, texts) if found))
    per_plan = (time.perf_counter() - started) / len(texts)
    print(f"detect_plan_locality: {per_plan * 1000:.1f} ms per plan ({len(texts)} plans, "
          f"{sum(map(len, texts)) // len(texts)} chars on average); {len(loaded)} localities loaded")

    questions = [json.loads(line)["question"] for line in
                 (ROOT / "eval" / "gen-dev" / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line]
    if SHARED:
        for name in ("dev.jsonl", "other-provinces-dev.jsonl"):
            questions += [json.loads(line)["question"] for line in
                          (SHARED / "eval" / name).read_text(encoding="utf-8").splitlines() if line]
    sentences = [s for t in texts for s in re.split(r"(?<=[.;])\s+|\n", t) if len(s) > 40]
    for label, items in (("question", questions), ("plan sentence", sentences)):
        for item in items:  # warm the caches once, as a running assistant has them
            find_localities(item, loaded)
        samples = []
        for _ in range(3):
            for item in items:
                t = time.perf_counter()
                find_localities(item, loaded)
                samples.append(time.perf_counter() - t)
        print(f"find_localities per {label}: {_percentiles(samples)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
