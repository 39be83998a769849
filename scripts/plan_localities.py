"""Print plan -> locality (and the evidence kind) for every plan file in the given dirs.

Why: a plan whose locality is unknown cannot be found by a question naming its locality,
and its figures cannot be told apart from another locality's; this shows which plans of a
plans dir the ingest gives no locality (run before/after a change to the locality grammar).
    python scripts/plan_localities.py DIR [DIR ...]
"""
from __future__ import annotations

import sys
from pathlib import Path

from kehoach.core.settings import Settings
from kehoach.ingest.pipeline import load_plan


def main(dirs: list[str]) -> int:
    settings = Settings()
    total = found = 0
    for d in dirs:
        for path in sorted(Path(d).iterdir()):
            if not path.is_file():
                continue
            total += 1
            try:
                meta = load_plan(path, settings.chunk_max_chars).meta
            except Exception as exc:  # a plan the ingest refuses is reported, not fatal
                print(f"{path.name}\tERROR {type(exc).__name__}: {exc}")
                continue
            source = getattr(meta, "locality_source", None) or ""
            found += meta.locality is not None
            print(f"{path.name}\t{meta.locality or '-'}\t{source}")
    print(f"# {found}/{total} plans with a locality")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
