"""Print precision and recall of structured extraction against tests/fixtures/structured.

Usage: python benchmarks/extraction_pr.py [plans_dir]
Reads the plans afresh (OCR repair included), so no index is needed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kehoach.extract.evaluation import load_fixtures, score_extraction
from kehoach.extract.views import views_of_plans
from kehoach.ingest.pipeline import load_plan
from kehoach.core.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "structured"


def main() -> None:
    settings = Settings.load()
    plans_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else settings.plans_dir
    fixtures = load_fixtures(FIXTURES)
    began = time.perf_counter()
    plans = [load_plan(plans_dir / f"{doc}.txt", settings.chunk_max_chars) for doc in fixtures]
    views = views_of_plans(plans)
    elapsed = time.perf_counter() - began
    print(f"plans: {len(plans)}  (read + extract {elapsed:.1f} s)")
    for kind, score in score_extraction(views, fixtures).items():
        extra = ""
        if score.field_total:
            label = "comparator" if kind == "targets" else "reporter+recipient"
            extra = f"  {label} accuracy {score.field_accuracy:.3f} ({score.field_correct}/{score.field_total})"
        print(f"{kind:10} expected {score.expected:3}  found {score.found:3}  matched {score.matched:3}  "
              f"precision {score.precision:.3f}  recall {score.recall:.3f}{extra}")


if __name__ == "__main__":
    main()
