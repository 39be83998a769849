"""Regenerate ingest/resources/vi_syllable_stats.json from text the OCR gold never saw.

Training text (benchmarks/ocr_heldout.py): eval/gen-dev/plans (the tuning split of other
provinces), ../shared/corpus-other-provinces and the clean bundled plans; never
eval/gen-test, never the plans of tests/fixtures/ocr_gold.tsv. Every span of a training
line that shares a syllable 5-gram with a gold line is masked, so benchmarks/ocr_ser.py
measures on text the statistics never read (the sister bundled plans held 43% of the gold
lines' 5-grams). Plans whose OCR damage score reaches ingest.ocr_repair.DAMAGE_THRESHOLD
are skipped, so OCR'd text never teaches the model its own errors. If the ``pyvi``
package is installed (``pip install --no-deps pyvi==0.1.1``; only its word list is read,
none of its code is imported) its dictionary adds syllable and word-internal bigram
counts. The place names of the national gazetteer (kehoach.grammar.gazetteer) add
name-internal bigrams ("lương bằng", "thạch khôi").

Usage: python scripts/build_syllable_stats.py [--out FILE] [--gold FILE] [--no-dictionary]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ocr_heldout import OVERLAP_N, PLACE_NAMES_SOURCE, overlap, place_names, source_name, training_texts  # noqa: E402
from benchmarks.ocr_ser import DEFAULT_GOLD, load_gold  # noqa: E402
from kehoach.ingest.syllable_stats import STATS_RESOURCE, build_stats, dictionary_words, save_stats  # noqa: E402

DEFAULT_OUT = ROOT / "ingest" / STATS_RESOURCE
PYVI_SOURCE = "pyvi/models/words.txt (MIT)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--no-dictionary", action="store_true", help="ignore the pyvi word list")
    args = parser.parse_args(argv)

    gold = load_gold(args.gold)
    gold_lines = [row.gold for row in gold]
    texts, sources, masked = training_texts(gold, verbose=True)
    print(f"masked syllables: {masked}; gold {OVERLAP_N}-gram overlap after masking: "
          f"{overlap(gold_lines, texts):.3f}")
    words = [] if args.no_dictionary else dictionary_words()
    if words:
        sources.append(PYVI_SOURCE)
    elif not args.no_dictionary:
        print("warning: pyvi is not installed; building without the dictionary "
              "(pip install --no-deps pyvi==0.1.1)", file=sys.stderr)
    names = place_names()
    sources.append(PLACE_NAMES_SOURCE)
    print(f"dictionary entries: {len(words)}; place names: {len(names)}")
    stats = build_stats(texts, words, sources, names)
    stats["held_out"] = {"gold": source_name(args.gold.resolve()), "mask_n": OVERLAP_N, "masked_syllables": masked}
    save_stats(stats, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
