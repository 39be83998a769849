"""Syllable error rate (SER) of OCR'd plan lines before and after repair.

SER = syllable-level edit distance to the hand-corrected line / syllables in it,
summed over the fixture (tests/fixtures/ocr_gold.tsv), compared in NFC, ignoring case.
Syllables (and numbers) are cut with kehoach.core.text.WORD_RE on the unfolded text, so a
missing diacritic counts as a wrong syllable.

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


def repair_lines(rows: list[GoldLine], plans: Path = DEFAULT_PLANS) -> list[str]:
    """Each raw line repaired alone, with its plan's damage verdict."""
    damaged = {name: detect_ocr_damage((plans / name).read_text(encoding="utf-8")) >= DAMAGE_THRESHOLD
               for name in {row.file for row in rows}}
    return [repair_text(row.raw, damaged=damaged[row.file]).text for row in rows]


def repair_documents(rows: list[GoldLine], plans: Path = DEFAULT_PLANS) -> list[str]:
    """Whole plans repaired, then the fixture's lines read back at their positions."""
    repaired: dict[str, tuple[list[str], list[str]]] = {}
    for name in {row.file for row in rows}:
        raw = nfc((plans / name).read_text(encoding="utf-8"))
        repaired[name] = (raw.split("\n"), repair_text(raw).text.split("\n"))
    out = []
    for row in rows:
        raw_lines, fixed_lines = repaired[row.file]
        out.append(fixed_lines[raw_lines.index(nfc(row.raw))])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--plans", type=Path, default=DEFAULT_PLANS)
    parser.add_argument("--show", action="store_true", help="print lines still wrong after repair")
    args = parser.parse_args(argv)

    rows = load_gold(args.gold)
    references = [row.gold for row in rows]
    before = syllable_error_rate([row.raw for row in rows], references)
    print(f"lines: {len(rows)}  reference syllables: {sum(len(ser_tokens(r)) for r in references)}")
    print(f"SER raw OCR:            {before:.4f}")
    for mode, repair in (("line", repair_lines), ("document", repair_documents)):
        start = time.perf_counter()
        fixed = repair(rows, args.plans)
        seconds = time.perf_counter() - start
        after = syllable_error_rate(fixed, references)
        print(f"SER repaired ({mode:8}): {after:.4f}  ({after / before:.1%} of raw, {seconds:.2f}s)")
        if args.show and mode == "line":
            for row, hyp in zip(rows, fixed):
                if edit_distance(ser_tokens(hyp), ser_tokens(row.gold)):
                    print(f"  raw : {row.raw}\n  got : {hyp}\n  gold: {row.gold}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
