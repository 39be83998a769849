"""OCR confusion model: which valid syllables could an OCR'd token stand for, at what cost.

The OCR of Vietnamese plans fails in a few systematic ways: tone marks and vowel
modifiers are dropped ("thanh" for "thành"), a marked vowel is read as some other
glyph ("é" for ô/ơ/â, "6" for ô/ơ, "d"/"b" for ơ/ô/ả, "4"/"3" for "ã", "&"/"€"/"¢"
for ê/ơ), the horn of ư becomes a letter pair ("w", "ir", "ii", "tr", "ur"), "Đ"
becomes "P", and "l" becomes "1". A token is turned into candidate *skeletons*
(folded syllables) by a small weighted rewrite table, pruned against the syllable
inventory as it goes; each skeleton then expands to its marked syllables, charged for
the marks the glyphs suggest or contradict. Costs are rough negative log-probabilities
so the decoder can add them to language-model scores.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache
from typing import Iterator

from kehoach.ingest.vn_syllables import (
    char_parts,
    is_valid_syllable,
    skeleton_prefixes,
    syllables_by_skeleton,
    valid_skeletons,
)

__all__ = ["Hint", "ChannelParams", "DAMAGED", "CLEAN", "RECOGNISED", "Candidate", "candidates"]


class Hint(Enum):
    """What a glyph says about the marks of the letter it stands for."""

    PLAIN = "plain"      # an unmarked letter: the marks may have been dropped
    EXACT = "exact"      # a marked letter: its own marks are evidence
    MARKED = "marked"    # a stand-in glyph ("6", "&", "w", "d" for a vowel): some mark was there
    INSERTED = "inserted"  # nothing was read for this letter


class Where(Enum):
    ANY = "any"
    INITIAL = "initial"
    NONINITIAL = "noninitial"
    FINAL = "final"
    BEFORE_G = "before_g"


@dataclass(frozen=True)
class ChannelParams:
    """Costs of mark errors; damaged OCR drops marks freely, clean text almost never."""

    drop_mod: float
    drop_tone: float
    swap_mod: float
    swap_tone: float
    spurious: float
    marked_ok: float
    change_valid: float  # extra cost for replacing a token that already is a valid syllable
    symbols_are_letters: bool  # may a lone OCR symbol ("&") be a word ("ở")?


DAMAGED = ChannelParams(
    drop_mod=0.4, drop_tone=0.4, swap_mod=0.2, swap_tone=0.3, spurious=1.2, marked_ok=0.0, change_valid=0.0,
    symbols_are_letters=True,
)
CLEAN = ChannelParams(
    drop_mod=1.5, drop_tone=1.5, swap_mod=1.5, swap_tone=1.5, spurious=2.0, marked_ok=0.0, change_valid=8.0,
    symbols_are_letters=False,
)
# Tesseract's Vietnamese model (scanned PDFs): marks are wrong now and then ("thi" ->
# "thí"), but most of its syllables are right, so a valid one changes only when context
# clearly asks for it (benchmarks/scanned_pdf_ser.py: 0 lets rare words be "corrected"
# into frequent ones, 5 repairs nothing).
RECOGNISED = replace(DAMAGED, change_valid=3.0)

# Budget of rewrite (skeleton) cost and of the whole channel cost per token.
MAX_REWRITE_COST = 2.6
MAX_TOTAL_COST = 4.5
# At most this many letters may be supplied that the OCR lost entirely.
MAX_INSERTIONS = 1
INSERT_COST = 2.5
INSERTABLE = "aoeu"
DEFAULT_DELETE_COST = 3.0
# OCR seldom invents a word's first letter; dropping one costs this much more.
INITIAL_DELETE_EXTRA = 1.0
# Glyphs that are often stray marks or stand-ins and so cheap to drop.
DELETE_COSTS: dict[str, float] = {
    "'": 0.2, "’": 0.2, "&": 0.5, "€": 0.4, "¢": 0.6, "¥": 0.8,
    "é": 0.6, "6": 0.6, "e": 1.5, "r": 2.0, "i": 2.0, "t": 2.5, "d": 2.5,
}

# (glyphs, skeleton letter, cost, hint, where). Identity for letters is implicit.
REWRITES: tuple[tuple[str, str, float, Hint, Where], ...] = (
    # digits and symbols read for letters
    ("1", "l", 0.2, Hint.PLAIN, Where.ANY),
    ("1", "i", 0.5, Hint.PLAIN, Where.NONINITIAL),
    ("6", "o", 0.2, Hint.MARKED, Where.NONINITIAL),
    ("0", "o", 0.5, Hint.PLAIN, Where.NONINITIAL),
    ("4", "a", 0.4, Hint.MARKED, Where.NONINITIAL),
    ("3", "a", 0.5, Hint.MARKED, Where.NONINITIAL),
    ("&", "e", 0.3, Hint.MARKED, Where.ANY),
    ("&", "o", 0.6, Hint.MARKED, Where.ANY),
    ("€", "e", 0.3, Hint.MARKED, Where.NONINITIAL),
    ("¢", "e", 0.3, Hint.MARKED, Where.NONINITIAL),
    ("¢", "o", 0.6, Hint.MARKED, Where.NONINITIAL),
    ("¢", "t", 0.9, Hint.PLAIN, Where.INITIAL),
    ("¢", "c", 0.5, Hint.PLAIN, Where.INITIAL),
    ("¥", "y", 0.3, Hint.MARKED, Where.NONINITIAL),
    # Đ read as P (also "DP"), đ as b
    ("p", "d", 0.3, Hint.MARKED, Where.INITIAL),
    ("dp", "d", 0.3, Hint.MARKED, Where.INITIAL),
    ("b", "d", 0.9, Hint.MARKED, Where.INITIAL),
    # a marked vowel read as a consonant-like glyph
    ("d", "o", 0.6, Hint.MARKED, Where.NONINITIAL),
    ("d", "a", 0.6, Hint.MARKED, Where.NONINITIAL),
    ("d", "e", 0.9, Hint.MARKED, Where.NONINITIAL),
    ("b", "o", 0.6, Hint.MARKED, Where.NONINITIAL),
    ("g", "o", 0.8, Hint.MARKED, Where.NONINITIAL),
    ("g", "u", 0.8, Hint.MARKED, Where.NONINITIAL),
    ("p", "o", 0.8, Hint.MARKED, Where.NONINITIAL),
    ("q", "o", 0.8, Hint.MARKED, Where.NONINITIAL),
    ("y", "u", 0.6, Hint.MARKED, Where.NONINITIAL),
    ("y", "o", 1.0, Hint.MARKED, Where.NONINITIAL),
    ("t", "u", 0.8, Hint.MARKED, Where.NONINITIAL),
    ("t", "u", 1.2, Hint.MARKED, Where.INITIAL),
    ("l", "u", 0.8, Hint.MARKED, Where.NONINITIAL),
    ("a", "u", 1.0, Hint.MARKED, Where.NONINITIAL),
    ("j", "i", 0.4, Hint.MARKED, Where.NONINITIAL),
    ("f", "t", 0.8, Hint.PLAIN, Where.INITIAL),
    # "é" (and other marked vowels) standing for any marked vowel
    ("é", "o", 0.5, Hint.MARKED, Where.ANY),
    ("é", "a", 0.6, Hint.MARKED, Where.ANY),
    ("é", "u", 0.9, Hint.MARKED, Where.ANY),
    ("ó", "a", 0.7, Hint.MARKED, Where.ANY),
    ("ó", "e", 0.7, Hint.MARKED, Where.ANY),
    ("á", "u", 0.8, Hint.MARKED, Where.ANY),
    ("i", "a", 0.7, Hint.MARKED, Where.NONINITIAL),
    ("i", "u", 0.7, Hint.MARKED, Where.NONINITIAL),
    ("i", "l", 0.9, Hint.PLAIN, Where.INITIAL),
    # the horn of ư (and ơ) as extra letters
    ("w", "u", 0.3, Hint.MARKED, Where.ANY),
    ("uw", "u", 0.3, Hint.MARKED, Where.NONINITIAL),
    ("ur", "u", 0.3, Hint.MARKED, Where.NONINITIAL),
    ("u'", "u", 0.2, Hint.MARKED, Where.NONINITIAL),
    ("ir", "u", 0.4, Hint.MARKED, Where.NONINITIAL),
    ("ii", "u", 0.5, Hint.MARKED, Where.NONINITIAL),
    ("tr", "u", 0.6, Hint.MARKED, Where.NONINITIAL),
    ("ti", "u", 0.5, Hint.MARKED, Where.NONINITIAL),
    ("it", "u", 0.7, Hint.MARKED, Where.NONINITIAL),
    ("tl", "u", 0.6, Hint.MARKED, Where.NONINITIAL),
    ("uo", "u", 1.0, Hint.MARKED, Where.NONINITIAL),
    # marks read as a separate glyph next to their vowel ("o6" = "ó", "é6" = "ớ", "€é" = "ệ")
    ("o6", "o", 0.3, Hint.MARKED, Where.NONINITIAL),
    ("é6", "o", 0.3, Hint.MARKED, Where.NONINITIAL),
    ("€é", "e", 0.2, Hint.MARKED, Where.NONINITIAL),
    ("é&", "e", 0.2, Hint.MARKED, Where.NONINITIAL),
    ("&é", "e", 0.2, Hint.MARKED, Where.NONINITIAL),
    ("éa", "a", 0.3, Hint.MARKED, Where.NONINITIAL),
    ("ée", "e", 0.4, Hint.MARKED, Where.NONINITIAL),
    ("¢é", "e", 0.3, Hint.MARKED, Where.NONINITIAL),
    ("ia", "a", 0.8, Hint.MARKED, Where.NONINITIAL),
    # consonant shapes
    ("rn", "m", 0.5, Hint.PLAIN, Where.ANY),
    ("m", "n", 0.5, Hint.PLAIN, Where.BEFORE_G),
    ("e", "c", 0.5, Hint.PLAIN, Where.FINAL),
    ("ce", "c", 0.4, Hint.PLAIN, Where.FINAL),
    ("ec", "c", 0.6, Hint.PLAIN, Where.FINAL),
)


@lru_cache(maxsize=1)
def _rewrite_index() -> dict[str, list[tuple[str, str, float, Hint, Where]]]:
    """Rewrites keyed by their first glyph, so the search only tries applicable ones."""
    index: dict[str, list[tuple[str, str, float, Hint, Where]]] = {}
    for rule in REWRITES:
        index.setdefault(rule[0][0], []).append(rule)
    return index


@dataclass(frozen=True)
class Candidate:
    """A valid syllable a token may stand for, and the channel cost of that reading."""

    syllable: str
    cost: float


def _applies(where: Where, position: int, glyphs: str, length: int) -> bool:
    if where is Where.ANY:
        return True
    if where is Where.INITIAL:
        return position == 0
    if where is Where.NONINITIAL:
        return position > 0
    if where is Where.FINAL:
        return position + length == len(glyphs)
    if where is Where.BEFORE_G:
        return glyphs[position + length : position + length + 1] == "g"
    raise ValueError(where)


Step = tuple[int, str, float, "Hint | None", str]


def _steps(glyphs: str, position: int, inserted: int) -> Iterator[Step]:
    """Every way to read glyphs[position:] one step: (consumed, letter, cost, hint, glyph)."""
    glyph = glyphs[position]
    parts = char_parts(glyph)
    if glyph.isascii() and glyph.isalpha():
        yield 1, glyph, 0.0, Hint.PLAIN, glyph
    elif glyph.isalpha() and parts.base.isascii():
        yield 1, parts.base, 0.0, Hint.EXACT, glyph
    for pattern, letter, cost, hint, where in _rewrite_index().get(glyph, ()):
        if glyphs.startswith(pattern, position) and _applies(where, position, glyphs, len(pattern)):
            yield len(pattern), letter, cost, hint, pattern
    delete_cost = DELETE_COSTS.get(glyph, DEFAULT_DELETE_COST)
    if position == 0 and glyph.isalpha():
        delete_cost += INITIAL_DELETE_EXTRA
    yield 1, "", delete_cost, None, glyph
    if inserted < MAX_INSERTIONS:
        for letter in INSERTABLE:
            yield 0, letter, INSERT_COST, Hint.INSERTED, ""


def _skeleton_readings(glyphs: str) -> dict[str, tuple[float, tuple[tuple[Hint, str], ...]]]:
    """Cheapest rewrite of ``glyphs`` into each valid skeleton, with per-letter evidence."""
    prefixes = skeleton_prefixes()
    valid = valid_skeletons()
    best: dict[str, tuple[float, tuple[tuple[Hint, str], ...]]] = {}
    stack = [(0, "", 0.0, (), 0)]
    while stack:
        position, skel, cost, evidence, inserted = stack.pop()
        if position == len(glyphs):
            if skel in valid and (skel not in best or cost < best[skel][0]):
                best[skel] = (cost, evidence)
            if inserted >= MAX_INSERTIONS:
                continue
        if position < len(glyphs):
            steps = _steps(glyphs, position, inserted)
        else:
            steps = ((0, letter, INSERT_COST, Hint.INSERTED, "") for letter in INSERTABLE)
        for consumed, letter, step_cost, hint, glyph in steps:
            new_cost = cost + step_cost
            if new_cost > MAX_REWRITE_COST:
                continue
            new_skel = skel + letter
            if new_skel not in prefixes:
                continue
            new_evidence = evidence + ((hint, glyph),) if letter else evidence
            stack.append((position + consumed, new_skel, new_cost, new_evidence, inserted + (consumed == 0)))
    return best


@lru_cache(maxsize=65536)
def _mark_cost(hint: Hint, glyph: str, target: str, params: ChannelParams) -> float:
    """Cost of the target letter's marks given what the glyph showed."""
    want = char_parts(target)
    marked = bool(want.mod) or want.tone != 0
    if hint is Hint.INSERTED:
        return 0.0
    if hint is Hint.MARKED:
        return params.marked_ok if marked else params.spurious
    if hint is Hint.PLAIN:
        return params.drop_mod * bool(want.mod) + params.drop_tone * (want.tone != 0)
    seen = char_parts(glyph)
    if seen == want:
        return 0.0
    if not marked:
        return params.spurious
    return params.swap_mod * (seen.mod != want.mod) + params.swap_tone * (seen.tone != want.tone)


@lru_cache(maxsize=65536)
def candidates(token: str, params: ChannelParams = DAMAGED) -> tuple[Candidate, ...]:
    """Valid syllables ``token`` may be an OCR reading of, cheapest first.

    ``token`` is matched case-insensitively; a token that already is a valid syllable
    is always its own zero-cost candidate.
    """
    glyphs = token.lower()
    already_valid = is_valid_syllable(glyphs)
    scored: dict[str, float] = {glyphs: 0.0} if already_valid else {}
    for skel, (rewrite_cost, evidence) in _skeleton_readings(glyphs).items():
        for syllable in syllables_by_skeleton()[skel]:
            cost = rewrite_cost + sum(
                _mark_cost(hint, glyph, letter, params) for (hint, glyph), letter in zip(evidence, syllable)
            )
            if syllable == glyphs:
                cost = 0.0
            elif already_valid:
                cost += params.change_valid
            if cost <= MAX_TOTAL_COST and cost < scored.get(syllable, float("inf")):
                scored[syllable] = cost
    return tuple(Candidate(s, c) for s, c in sorted(scored.items(), key=lambda item: (item[1], item[0])))

