"""Regenerate ingest/resources/vi_syllable_stats.json from the bundled plans.

Only plans whose OCR damage score is below ingest.ocr_repair.DAMAGE_THRESHOLD are
counted, so OCR'd plans never teach the model their own errors. If the ``pyvi``
package is installed (``pip install --no-deps pyvi``; only its word list is read, none
of its code is imported) its dictionary adds syllable and word-internal bigram counts.

Usage: python scripts/build_syllable_stats.py [--plans DIR] [--out FILE] [--no-dictionary]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kehoach.ingest.ocr_repair import DAMAGE_THRESHOLD, detect_ocr_damage  # noqa: E402
from kehoach.ingest.syllable_stats import STATS_RESOURCE, build_stats, dictionary_words, save_stats  # noqa: E402

DEFAULT_PLANS = ROOT / "data" / "plans"
DEFAULT_OUT = ROOT / "ingest" / STATS_RESOURCE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=Path, default=DEFAULT_PLANS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-dictionary", action="store_true", help="ignore the pyvi word list")
    args = parser.parse_args(argv)

    texts, sources = [], []
    for path in sorted(args.plans.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        damage = detect_ocr_damage(text)
        used = damage < DAMAGE_THRESHOLD
        print(f"{'use ' if used else 'skip'} damage={damage:.3f} {path.name}")
        if used:
            texts.append(text)
            sources.append(path.name)
    words = [] if args.no_dictionary else dictionary_words()
    if words:
        sources.append("pyvi/models/words.txt (MIT)")
    print(f"dictionary entries: {len(words)}")
    stats = build_stats(texts, words, sources)
    save_stats(stats, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
