"""Print precision and recall of structured extraction against hand-checked fixtures.

Usage:
  python benchmarks/extraction_pr.py                      # every set, each scored separately
  python benchmarks/extraction_pr.py --set other-provinces
  python benchmarks/extraction_pr.py --fixtures DIR [--plans DIR]

Sets: ``bundled`` (tests/fixtures/structured, the five plans of data/plans, on which the
extractors were developed) and ``other-provinces`` (tests/fixtures/structured-other-provinces:
the three plans of shared/corpus-other-provinces and seven of eval/gen-dev, a tuning split).
A fixture that names its ``file`` is read from there (``shared/…`` is the shared folder beside
the checkout); otherwise from the plans folder as ``<doc>.txt``. Plans are read afresh (OCR
repair included), so no index is needed. A kind with no expected record shows recall "n/a":
only its precision (false records) is measured.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path

from kehoach.core.records import PlanDocument
from kehoach.core.settings import Settings
from kehoach.extract.evaluation import Score, load_fixtures, score_extraction
from kehoach.extract.views import views_of_plans
from kehoach.ingest.pipeline import load_plan

try:  # run as a script (benchmarks/ on sys.path) or imported as benchmarks.extraction_pr
    from metadata_pr import shared_dir  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - import path depends on how it is run
    from benchmarks.metadata_pr import shared_dir

__all__ = ["SETS", "plan_file", "score_set", "format_scores"]

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "bundled": ROOT / "tests" / "fixtures" / "structured",
    "other-provinces": ROOT / "tests" / "fixtures" / "structured-other-provinces",
}
_SHARED_PREFIX = "shared/"


def plan_file(doc: str, fixture: dict, plans_dir: Path) -> Path | None:
    """Where the plan a fixture describes is; None when it is not beside this checkout."""
    name = fixture.get("file")
    if not name:
        return plans_dir / f"{doc}.txt"
    if name.startswith(_SHARED_PREFIX):
        shared = shared_dir(ROOT)
        return shared / name[len(_SHARED_PREFIX):] if shared else None
    return ROOT / name


@dataclass(frozen=True)
class SetResult:
    plans: int
    missing: tuple[str, ...]
    seconds: float
    scores: dict[str, Score]


def score_set(fixtures_dir: Path, plans_dir: Path | None = None) -> SetResult:
    """Read every plan the fixtures name, extract, and score. Plans not found are left out
    of the score (with their fixtures) and listed in ``missing``."""
    settings = Settings.load()
    plans_dir = plans_dir or settings.plans_dir
    fixtures = load_fixtures(fixtures_dir)
    began = time.perf_counter()
    plans: list[PlanDocument] = []
    missing = []
    for doc, fixture in fixtures.items():
        path = plan_file(doc, fixture, plans_dir)
        if path is None or not path.is_file():
            missing.append(doc)
            continue
        plans.append(load_plan(path, settings.chunk_max_chars))
    found = {p.meta.doc_id for p in plans}
    views = views_of_plans(plans)
    scores = score_extraction(views, {d: f for d, f in fixtures.items() if d in found})
    return SetResult(len(plans), tuple(missing), time.perf_counter() - began, scores)


def format_scores(scores: dict[str, Score]) -> list[str]:
    lines = []
    for kind, score in scores.items():
        recall = f"{score.recall:.3f}" if score.expected else "  n/a"
        extra = ""
        if score.field_total:
            label = "comparator" if kind == "targets" else "reporter+recipient"
            extra = f"  {label} {score.field_accuracy:.3f} ({score.field_correct}/{score.field_total})"
        if score.year_total:
            extra += f"  year {score.year_accuracy:.3f} ({score.year_correct}/{score.year_total})"
        lines.append(f"{kind:10} expected {score.expected:3}  found {score.found:3}  matched {score.matched:3}  "
                     f"precision {score.precision:.3f}  recall {recall}{extra}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("plans", nargs="?", type=Path, help="plans folder for fixtures naming no file")
    parser.add_argument("--set", choices=sorted(SETS), action="append", dest="sets")
    parser.add_argument("--fixtures", type=Path, help="a fixtures folder (instead of --set)")
    args = parser.parse_args()
    chosen = {str(args.fixtures): args.fixtures} if args.fixtures else \
        {name: SETS[name] for name in (args.sets or SETS)}
    for name, folder in chosen.items():
        result = score_set(folder, args.plans)
        print(f"== {name}: {result.plans} plans  (read + extract {result.seconds:.1f} s)")
        if result.missing:
            print(f"   not beside this checkout, left out: {', '.join(result.missing)}")
        for line in format_scores(result.scores):
            print(line)


if __name__ == "__main__":
    main()
