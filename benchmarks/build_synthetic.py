"""Build (once) the index of the synthetic corpus, in steps, into a cache folder.

Embedding 1,000 plans takes over an hour on 2 cores, so the index is built outside the
repository and reused by ``benchmarks/scale.py``. Plans are added in steps: each step is an
ordinary incremental ``ingest`` (only the new plans are embedded), so an interrupted build
resumes where it stopped.

    python benchmarks/build_synthetic.py /work/cache/synthetic-1000 --plans 1000 --step 100
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from kehoach.index.builder import ingest  # noqa: E402
from kehoach.index.embeddings import make_embeddings  # noqa: E402
from kehoach.core.settings import Settings  # noqa: E402
from synthetic import make_corpus  # noqa: E402


def build(cache: Path, plans: int, step: int) -> None:
    corpus = cache / "corpus"
    if not corpus.is_dir() or len(list(corpus.glob("*.txt"))) != plans:
        make_corpus(corpus, plans)
    files = sorted(corpus.glob("*.txt"))
    settings = Settings.load(plans_dir=cache / "plans", index_dir=cache / "index")
    settings.plans_dir.mkdir(parents=True, exist_ok=True)
    embeddings = make_embeddings(settings)
    for upto in range(step, plans + step, step):
        for path in files[:upto]:
            target = settings.plans_dir / path.name
            if not target.exists():
                shutil.copy(path, target)
        started = time.perf_counter()
        report = ingest(settings, embeddings)
        print(f"{min(upto, plans)} plans: +{len(report.added)} plans, {report.embedded} chunks "
              f"embedded, {report.chunks} in index, {time.perf_counter() - started:.0f} s",
              flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cache", type=Path)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--step", type=int, default=100)
    args = parser.parse_args()
    build(args.cache, args.plans, args.step)


if __name__ == "__main__":
    main()
