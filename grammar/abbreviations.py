"""Abbreviations, as plans and officers write them: one table, read both ways.

Officers write "CĐS", plans write "chuyển đổi số" (and the other way round: "BHXH" in the
plan, "bảo hiểm xã hội" in the question). Retrieval, topic scoring and the answer gate read
abbreviations from here, so a concept matches however it is written. The known ones are in
``data/abbreviations.tsv``; a plan may define its own ("Ban Chỉ đạo (BCĐ)", "chuyển đổi số
(sau đây viết tắt là CĐS)"), read by ``defined_abbreviations`` at ingest. Keys and values
are folded (no diacritics, đ→d, lower case).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kehoach.core.text import fold, nfc

__all__ = ["Abbreviation", "KNOWN", "ABBREVIATIONS", "PLACE_KINDS", "DOTTED_PLACE_KINDS",
           "abbreviation_re", "spell_out", "other_forms", "defined_abbreviations", "merged"]


@dataclass(frozen=True)
class Abbreviation:
    """One known abbreviation: ``short`` and ``long`` folded, ``written`` as plans print it."""

    short: str
    long: str
    written: str
    place: bool = False  # a locality kind word ("TP." thành phố)
    dot: bool = False  # only before a full stop ("H." huyện)
    long_written: str = ""


@lru_cache(maxsize=1)
def _known() -> tuple[Abbreviation, ...]:
    text = resources.files("kehoach.grammar").joinpath("data/abbreviations.tsv").read_text("utf-8")
    rows = []
    for line in nfc(text).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        short, long, *rest = line.split("\t")
        flags = set(rest[0].split()) if rest else set()
        rows.append(Abbreviation(fold(short), fold(long), short, "place" in flags, "dot" in flags, long))
    return tuple(rows)


KNOWN: tuple[Abbreviation, ...] = _known()
# Abbreviation -> the words it stands for, for every one read without a following dot.
ABBREVIATIONS: dict[str, str] = {a.short: a.long for a in KNOWN if not a.dot}
# Locality kind abbreviations -> the kind as written in full ("tp" -> "thành phố").
PLACE_KINDS: dict[str, str] = {a.short: a.long_written for a in KNOWN if a.place}
DOTTED_PLACE_KINDS: frozenset[str] = frozenset(a.short for a in KNOWN if a.place and a.dot)

# An expansion is searched for as the short form only when the short form is this long:
# "tp" for every "thành phố" would find every city.
_MIN_SHORT_FOR_REVERSE = 3


@lru_cache(maxsize=4096)
def abbreviation_re(short: str) -> re.Pattern[str]:
    """Matches an abbreviation as a whole word ("bhyt", not inside "bhytx")."""
    return re.compile(rf"(?<![\w-]){re.escape(short)}(?![\w-])")


@lru_cache(maxsize=4096)
def _long_re(long: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(long)}(?!\w)")


def merged(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The known table with ``extra`` (a plan's own definitions) added; known ones win."""
    if not extra:
        return ABBREVIATIONS
    return {**{k: v for k, v in extra.items() if k not in ABBREVIATIONS}, **ABBREVIATIONS}


def spell_out(folded: str, extra: Mapping[str, str] | None = None) -> str:
    """``folded`` with every abbreviation replaced by its words ("kh cds" -> "ke hoach
    chuyen doi so")."""
    for short, long in merged(extra).items():
        if short in folded:
            folded = abbreviation_re(short).sub(long, folded)
    return folded


def other_forms(folded: str, extra: Mapping[str, str] | None = None) -> list[str]:
    """The other writing of every abbreviated concept in ``folded``: the words of each
    abbreviation, the abbreviation of each run of words (of 3+ letters: "cds", not "tp")."""
    found = []
    for short, long in merged(extra).items():
        if short in folded and abbreviation_re(short).search(folded):
            found.append(long)
        elif len(short) >= _MIN_SHORT_FOR_REVERSE and long in folded and _long_re(long).search(folded):
            found.append(short)
    return found


# ---------------------------------------------------------------- a plan's own definitions

# "(CĐS)", "(viết tắt là CĐS)", "(sau đây gọi tắt là BCĐ)", "(sau đây viết tắt: TTYT)".
_DEFINITION_RE = re.compile(
    r"\(\s*(?:(?:sau đây\s+)?(?:được\s+)?(?:viết|gọi)\s+tắt(?:\s+là)?\s*:?\s*)?"
    r"(?P<short>[A-ZĐ][A-ZĐ0-9]*(?:\s*[&\-/.]\s*[A-ZĐ0-9]+)*)\s*\)")
_EXPLICIT_RE = re.compile(r"(?:viết|gọi)\s+tắt", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_MIN_LETTERS = 2
_MAX_LETTERS = 10
# Words the initials may skip: "Nông nghiệp và Phát triển nông thôn (NN&PTNT)".
_SKIPPABLE = frozenset({"va"})
# Locality words that may follow the name before its bracket: "Trung tâm Y tế huyện (TTYT)".
_TRAILING_PLACE = frozenset({"xa", "phuong", "huyen", "quan", "tinh", "thi", "tran", "thanh", "pho"})
_MAX_TRAILING = 2
# How far before the bracket an explicit definition may start ("Ban Chỉ đạo chuyển đổi số
# tỉnh (sau đây viết tắt là BCĐ)").
_EXPLICIT_WINDOW = 12


def _initials_span(words: list[str], letters: str) -> int | None:
    """Index of the first of the last words of ``words`` whose initials spell ``letters``
    (skipping "và"), or None."""
    i, k = len(words), len(letters)
    while k > 0 and i > 0:
        word = words[i - 1]
        if word[0] == letters[k - 1]:
            k -= 1
        elif word not in _SKIPPABLE:
            return None
        i -= 1
    return i if k == 0 else None


def defined_abbreviations(text: str) -> dict[str, str]:
    """The abbreviations a plan defines, folded short -> folded words: an all-capital
    bracket right after words whose initials spell it ("Ban Chỉ đạo (BCĐ)", "Kinh tế - xã
    hội (KT-XH)"), or one said to abbreviate the words before it ("… (viết tắt là CĐS)").
    The known table is not repeated; a short form defined two ways is dropped."""
    text = nfc(text)
    found: dict[str, str] = {}
    clashes: set[str] = set()
    for match in _DEFINITION_RE.finditer(text):
        written = match.group("short")
        short = fold(re.sub(r"\s+", "", written))
        letters = re.sub(r"[^a-z]", "", short)
        if not _MIN_LETTERS <= len(letters) <= _MAX_LETTERS or short in ABBREVIATIONS:
            continue
        before = text[max(0, match.start() - 200):match.start()]
        before = re.split(r"[.;:!?()\n]", before)[-1]
        words = [fold(w) for w in _WORD_RE.findall(before)]
        start = _initials_span(words, letters)
        trailing = 0
        while start is None and trailing < _MAX_TRAILING and words and words[-1] in _TRAILING_PLACE:
            words, trailing = words[:-1], trailing + 1
            start = _initials_span(words, letters)
        if start is None and _EXPLICIT_RE.search(match.group(0)):
            # "Ban Chỉ đạo chuyển đổi số tỉnh (sau đây viết tắt là BCĐ)": the initials
            # spell the start of the name.
            for cut in range(len(words) - 1, max(-1, len(words) - _EXPLICIT_WINDOW), -1):
                start = _initials_span(words[:cut], letters)
                if start is not None:
                    words = words[:cut]
                    break
        if start is None or len(words) - start < _MIN_LETTERS:
            continue
        long = " ".join(words[start:])
        if found.get(short, long) != long:
            clashes.add(short)
        found[short] = long
    return {k: v for k, v in found.items() if k not in clashes}
