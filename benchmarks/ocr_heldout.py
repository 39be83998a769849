"""What the OCR repair statistics are trained on, and how much of the gold they saw.

The SER of benchmarks/ocr_ser.py is only a held-out figure if the syllable statistics
never read the gold lines' text. The gold lines come from the two OCR'd bundled plans
(GoldLine.file); they are never training text, whatever the damage detector says. The
three clean bundled plans are sister plans of the same campaign (same city, same
template): as they are, they hold 43% of the gold lines' 5-grams.

Training text of the shipped statistics (TRAINING_DIRS): the tuning split of other
provinces (eval/gen-dev/plans), ../shared/corpus-other-provinces and the clean bundled
plans; eval/gen-test is never read. Every span of a training line that shares a syllable
5-gram with a gold line is masked (replaced by a break, so no bigram crosses it): the
5-gram overlap is 0 by construction. Shorter n-grams are still shared, far more with the
sister plans (same template) than with other provinces' plans (generic phrases), so the
benchmark also reports a model trained on other provinces only: the figure to expect
on a plan unlike every training plan.

Overlap = share of the gold lines' syllable n-gram occurrences (NFC, lower case,
diacritics kept, within a line) that occur in some training line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Sequence

from kehoach.core.text import WORD_RE, nfc
from kehoach.grammar.gazetteer import gazetteer
from kehoach.ingest.ocr_repair import DAMAGE_THRESHOLD, detect_ocr_damage

__all__ = [
    "OVERLAP_N",
    "MASK",
    "ROOT",
    "shared_dir",
    "training_paths",
    "source_name",
    "resolve_source",
    "line_ngrams",
    "gold_ngrams",
    "overlap",
    "mask_gold_text",
    "training_texts",
    "bundled_clean_texts",
    "place_names",
    "PLACE_NAMES_SOURCE",
]

ROOT = Path(__file__).resolve().parents[1]
OVERLAP_N = 5
# What replaces a masked span: punctuation ends a language-model run (ocr_tokens.segments)
# and the line breaks keep the overlap count (per line) from joining its two sides.
MASK = "\n|\n"
SHARED_PREFIX = "shared/"
# (folder, in shared/?, sister plans of the gold?)
TRAINING_DIRS = (("eval/gen-dev/plans", False, False), ("corpus-other-provinces", True, False),
                 ("data/plans", False, True))
FORBIDDEN = ("eval/gen-test",)
PLACE_NAMES_SOURCE = "kehoach.grammar gazetteer names (vietnam-provinces, vietnamadminunits)"


def shared_dir(start: Path = ROOT) -> Path | None:
    """The ``shared`` folder beside the checkout (or beside a parent of it)."""
    for parent in (start, *start.parents):
        if (parent / "shared" / "corpus-other-provinces").is_dir():
            return parent / "shared"
    return None


def training_paths(exclude: Iterable[str], root: Path = ROOT, sister_plans: bool = True,
                   shared: Path | None = None) -> list[Path]:
    """Plans the statistics are built from, less the files named in ``exclude`` (the
    gold's own plans); raises if shared/ is missing."""
    shared = shared_dir(root) if shared is None else shared
    excluded = set(exclude)
    paths: list[Path] = []
    for folder, in_shared, sister in TRAINING_DIRS:
        if sister and not sister_plans:
            continue
        if in_shared and shared is None:
            raise FileNotFoundError(f"shared/{folder} not found beside {root}")
        base = (shared if in_shared else root) / folder
        found = sorted(base.glob("*.txt"))
        if not found:
            raise FileNotFoundError(f"no plans in {base}")
        paths.extend(path for path in found if path.name not in excluded)
    for path in paths:
        if any(part in path.as_posix() for part in FORBIDDEN):
            raise ValueError(f"{path}: held-out answer set, never training text")
    return paths


def source_name(path: Path, root: Path = ROOT) -> str:
    """Stable name of a training file: repository-relative, or shared/…"""
    path = path.resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        shared = shared_dir(root)
        if shared is not None:
            try:
                return SHARED_PREFIX + path.relative_to(shared.resolve()).as_posix()
            except ValueError:
                pass
    return path.as_posix()


def resolve_source(name: str, root: Path = ROOT) -> Path | None:
    """Inverse of source_name; None when the file is not here (shared/ missing)."""
    if name.startswith(SHARED_PREFIX):
        shared = shared_dir(root)
        return shared / name[len(SHARED_PREFIX):] if shared else None
    path = root / name
    return path if path.exists() else None


def _tokens(line: str) -> list[re.Match[str]]:
    return list(WORD_RE.finditer(line))


def line_ngrams(line: str, n: int = OVERLAP_N) -> list[tuple[str, ...]]:
    words = [m.group().lower() for m in _tokens(nfc(line))]
    return [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]


def gold_ngrams(gold_lines: Iterable[str], n: int = OVERLAP_N) -> set[tuple[str, ...]]:
    return {gram for line in gold_lines for gram in line_ngrams(line, n)}


def overlap(gold_lines: Sequence[str], training_texts: Iterable[str], n: int = OVERLAP_N) -> float:
    """Share of the gold lines' n-gram occurrences that occur in a training line."""
    seen = {gram for text in training_texts for line in nfc(text).split("\n")
            for gram in line_ngrams(line, n)}
    grams = [gram for line in gold_lines for gram in line_ngrams(line, n)]
    return sum(gram in seen for gram in grams) / len(grams) if grams else 0.0


def mask_gold_text(text: str, gold: set[tuple[str, ...]], n: int = OVERLAP_N) -> tuple[str, int]:
    """``text`` with every span that shares an n-gram with the gold replaced by MASK.

    Returns the masked text and how many syllables were masked.
    """
    out_lines, masked = [], 0
    for line in nfc(text).split("\n"):
        tokens = _tokens(line)
        words = [m.group().lower() for m in tokens]
        covered = [False] * len(tokens)
        for i in range(len(words) - n + 1):
            if tuple(words[i:i + n]) in gold:
                covered[i:i + n] = [True] * n
        pieces, cursor, i = [], 0, 0
        while i < len(tokens):
            if not covered[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(tokens) and covered[j + 1]:
                j += 1
            pieces += [line[cursor:tokens[i].start()], MASK]
            cursor = tokens[j].end()
            masked += j - i + 1
            i = j + 1
        pieces.append(line[cursor:])
        out_lines.append("".join(pieces))
    return "\n".join(out_lines), masked


def training_texts(gold: Sequence, root: Path = ROOT, sister_plans: bool = True,
                   masked: bool = True, verbose: bool = False) -> tuple[list[str], list[str], int]:
    """(texts, source names, syllables masked) the statistics are built from.

    ``gold``: the fixture's rows (``.file``, ``.gold``). Plans whose OCR damage score
    reaches DAMAGE_THRESHOLD are skipped too: OCR'd text must not teach the model its own
    errors. ``masked=False`` keeps the spans shared with the gold (for the benchmark).
    """
    grams = gold_ngrams(row.gold for row in gold)
    texts, sources, masked_total = [], [], 0
    for path in training_paths({row.file for row in gold}, root, sister_plans):
        text = path.read_text(encoding="utf-8")
        damage = detect_ocr_damage(text)
        used = damage < DAMAGE_THRESHOLD
        masked_text, count = mask_gold_text(text, grams)
        if verbose:
            print(f"{'use ' if used else 'skip'} damage={damage:.3f} masked={count:4d} {source_name(path, root)}")
        if used:
            texts.append(masked_text if masked else text)
            sources.append(source_name(path, root))
            masked_total += count if masked else 0
    return texts, sources, masked_total


def bundled_clean_texts(plans: Path) -> tuple[list[str], list[str]]:
    """The clean bundled plans: what the statistics were built from before (not held out)."""
    texts, names = [], []
    for path in sorted(plans.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if detect_ocr_damage(text) < DAMAGE_THRESHOLD:
            texts.append(text)
            names.append(path.name)
    return texts, names


def place_names() -> list[str]:
    """Names of every current and former unit of the national gazetteer (no kind word:
    "xã" followed by 7,600 names would drown "xã hội")."""
    return sorted({nfc(unit.name) for unit in gazetteer()})
