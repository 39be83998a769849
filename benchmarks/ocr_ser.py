"""Syllable error rate (SER) of OCR'd plan lines before and after repair.

SER = syllable-level edit distance to the hand-corrected line / syllables in it,
summed over the fixture (tests/fixtures/ocr_gold.tsv), compared in NFC, ignoring case.
Syllables (and numbers) are cut with kehoach.core.text.WORD_RE on the unfolded text, so a
missing diacritic counts as a wrong syllable.

Each model is shown with its overlap: the share of the gold lines' syllable 5-grams (and
4-grams) that occur in the text it was trained on (benchmarks/ocr_heldout.py). Only a
model with 5-gram overlap 0 gives a held-out figure; the first one shipped had read the
sister plans of the gold as they are (overlap 0.43) and is kept as a row for comparison.
Of the two held-out rows, "other provinces only" is the one to expect on a plan unlike
every training plan; the shipped model also read the sister plans (masked), whose
template still shares many 4-grams with the gold.

Two modes: "line" repairs each raw line on its own (what a caller repairing line by line
gets); "document" repairs the whole plan and reads the same lines back (what ingest
gets, with context across line breaks).

Usage: python benchmarks/ocr_ser.py [--gold FILE] [--plans DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kehoach.ingest.ocr_repair import DAMAGE_THRESHOLD, detect_ocr_damage, repair_text  # noqa: E402
from kehoach.core.text import WORD_RE, nfc  # noqa: E402
from kehoach.ingest.syllable_stats import SyllableLM, build_stats, default_lm, dictionary_words  # noqa: E402
from benchmarks.ocr_heldout import overlap  # noqa: E402

DEFAULT_GOLD = ROOT / "tests" / "fixtures" / "ocr_gold.tsv"
DEFAULT_PLANS = ROOT / "data" / "plans"
GOLD_COLUMNS = ("file", "raw", "gold")


@dataclass(frozen=True)
class GoldLine:
    file: str
    raw: str
    gold: str


def load_gold(path: Path = DEFAULT_GOLD) -> list[GoldLine]:
    """Rows of the fixture; the header names the three tab-separated columns."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if tuple(lines[0].split("\t")) != GOLD_COLUMNS:
        raise ValueError(f"{path}: expected header {GOLD_COLUMNS}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        parts = line.split("\t")
        if len(parts) != len(GOLD_COLUMNS):
            raise ValueError(f"{path}:{number}: expected {len(GOLD_COLUMNS)} columns")
        rows.append(GoldLine(*parts))
    return rows


def ser_tokens(text: str) -> list[str]:
    """Syllables and numbers of ``text``, NFC and lower-case, diacritics kept."""
    return WORD_RE.findall(nfc(text).lower())


def edit_distance(hypothesis: list[str], reference: list[str]) -> int:
    """Levenshtein distance over syllables (substitution, insertion, deletion = 1)."""
    return Levenshtein.distance(hypothesis, reference)


def syllable_error_rate(hypotheses: list[str], references: list[str]) -> float:
    errors = sum(edit_distance(ser_tokens(h), ser_tokens(r)) for h, r in zip(hypotheses, references))
    total = sum(len(ser_tokens(r)) for r in references)
    return errors / total if total else 0.0


def repair_lines(rows: list[GoldLine], plans: Path = DEFAULT_PLANS, lm: SyllableLM | None = None) -> list[str]:
    """Each raw line repaired alone, with its plan's damage verdict (``lm``: default the shipped one)."""
    damaged = {name: detect_ocr_damage((plans / name).read_text(encoding="utf-8")) >= DAMAGE_THRESHOLD
               for name in {row.file for row in rows}}
    return [repair_text(row.raw, damaged=damaged[row.file], lm=lm).text for row in rows]


def repair_documents(rows: list[GoldLine], plans: Path = DEFAULT_PLANS,
                     lm: SyllableLM | None = None) -> list[str]:
    """Whole plans repaired, then the fixture's lines read back at their positions."""
    repaired: dict[str, tuple[list[str], list[str]]] = {}
    for name in {row.file for row in rows}:
        raw = nfc((plans / name).read_text(encoding="utf-8"))
        repaired[name] = (raw.split("\n"), repair_text(raw, lm=lm).text.split("\n"))
    out = []
    for row in rows:
        raw_lines, fixed_lines = repaired[row.file]
        out.append(fixed_lines[raw_lines.index(nfc(row.raw))])
    return out


def statistics_rows(rows: list[GoldLine], plans: Path = DEFAULT_PLANS) -> list[tuple[str, SyllableLM, list[str]]]:
    """(label, model, its training text) for each model compared.

    "saw the gold": the model as first shipped, rebuilt from the clean bundled plans as
    they are (sister plans of the two OCR'd ones). "other provinces": plans of other
    provinces only, gold 5-grams masked. "shipped": those plus the sister plans, gold
    5-grams masked (benchmarks/ocr_heldout.py).
    """
    from benchmarks.ocr_heldout import bundled_clean_texts, place_names, training_texts

    words = dictionary_words()
    seen_texts, seen_names = bundled_clean_texts(plans)
    other_texts, other_names, _ = training_texts(rows, sister_plans=False)
    shipped_texts, _, _ = training_texts(rows)
    return [
        (f"saw the gold (old: {len(seen_names)} bundled plans as they are)",
         SyllableLM(build_stats(seen_texts, words)), seen_texts),
        (f"held out, other provinces only ({len(other_names)} plans, masked)",
         SyllableLM(build_stats(other_texts, words, names=place_names())), other_texts),
        ("held out, shipped (those + the 3 sister plans, masked)", default_lm(), shipped_texts),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--plans", type=Path, default=DEFAULT_PLANS)
    parser.add_argument("--show", action="store_true", help="print lines the shipped model still gets wrong")
    args = parser.parse_args(argv)

    rows = load_gold(args.gold)
    references = [row.gold for row in rows]
    before = syllable_error_rate([row.raw for row in rows], references)
    print(f"lines: {len(rows)}  reference syllables: {sum(len(ser_tokens(r)) for r in references)}")
    if not dictionary_words():
        print("note: pyvi is not installed, the rebuilt models lack the dictionary the shipped one has")
    print(f"{'statistics':60} {'ovl5':>5} {'ovl4':>5} {'SER line':>8} {'SER doc':>8}")
    print(f"{'none (raw OCR, no repair)':60} {'-':>5} {'-':>5} {before:8.4f} {before:8.4f}")
    gold_lines = [row.gold for row in rows]
    for label, lm, texts in statistics_rows(rows, args.plans):
        start = time.perf_counter()
        line = repair_lines(rows, args.plans, lm)
        doc = repair_documents(rows, args.plans, lm)
        seconds = time.perf_counter() - start
        print(f"{label:60} {overlap(gold_lines, texts, 5):5.3f} {overlap(gold_lines, texts, 4):5.3f} "
              f"{syllable_error_rate(line, references):8.4f} {syllable_error_rate(doc, references):8.4f}"
              f"  ({seconds:.1f}s)")
        if args.show and "shipped" in label:
            for row, hyp in zip(rows, line):
                if edit_distance(ser_tokens(hyp), ser_tokens(row.gold)):
                    print(f"  raw : {row.raw}\n  got : {hyp}\n  gold: {row.gold}")
    print("ovl5/ovl4: share of the gold lines' syllable 5-/4-grams that occur in the training text")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
