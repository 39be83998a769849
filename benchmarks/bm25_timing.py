"""BM25 alone: build + save (the ingest part), load (the index-load part) and scoring time
per question, over the chunks of the bundled plans and the 14 plans of eval/gen-dev.

    python benchmarks/bm25_timing.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from measure import ROOT, dev_questions, folder_bytes, machine, percentile

from kehoach.core.settings import Settings
from kehoach.index.bm25 import BM25Index
from kehoach.ingest.pipeline import load_plan

PLAN_FOLDERS = (ROOT / "data" / "plans", ROOT / "eval" / "gen-dev" / "plans")
QUESTION_FILES = (ROOT / "tests" / "questions" / "officer_set.jsonl",
                  ROOT / "eval" / "gen-dev" / "questions.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    max_chars = Settings.load().chunk_max_chars
    texts = [c.index_text for folder in PLAN_FOLDERS for path in sorted(folder.glob("*.txt"))
             for c in load_plan(path, max_chars).chunks]
    questions = dev_questions()
    for path in QUESTION_FILES:
        questions += [json.loads(line)["question"] for line in path.read_text("utf-8").splitlines()
                      if line.strip()]
    build, load, query = [], [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            BM25Index.build(texts).save(Path(tmp))
            build.append(time.perf_counter() - started)
            size = folder_bytes(Path(tmp))
            started = time.perf_counter()
            index = BM25Index.load(Path(tmp))
            load.append(time.perf_counter() - started)
            for question in questions:
                started = time.perf_counter()
                index.scores(question)
                query.append((time.perf_counter() - started) * 1000)
    print(f"{len(texts)} chunks, {len(questions)} questions, {args.repeat} repeats, "
          f"files {size / 1e3:.0f} kB")
    print(f"build+save s: median {percentile(build, 50):.3f} min {min(build):.3f}")
    print(f"load s:       median {percentile(load, 50):.4f} min {min(load):.4f}")
    print(f"scores ms:    p50 {percentile(query, 50):.3f} p95 {percentile(query, 95):.3f}")


if __name__ == "__main__":
    main()
