"""Localities (xã, phường, đặc khu): recognise them in plans and in questions.

Names are matched on the folded form, so "Nguyễn Lương Bằng", "nguyen luong bang" and an
OCR'd "PHUONG THACH KHOI" all resolve to the canonical, properly accented name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kehoach.core.text import fold, nfc

__all__ = [
    "Locality",
    "LocalityMention",
    "gazetteer",
    "parse_locality",
    "detect_plan_locality",
    "find_localities",
]

_GAZETTEER_FILE = Path(__file__).parent / "resources" / "localities_haiphong.txt"
# Folded kind words as plans and officers write them (OCR'd "x4"/"x3" for "xã").
_KIND_WORDS = {"xa": "xã", "x4": "xã", "x3": "xã", "phuong": "phường", "dac khu": "đặc khu",
               "thi tran": "thị trấn"}
_KIND_RE = "(?:" + "|".join(sorted(map(re.escape, _KIND_WORDS), key=len, reverse=True)) + ")"
# "UBND xã Tân Hưng", "Ủy ban nhân dân phường Kiến An": a locality the list may not know.
_ISSUER_RE = re.compile(
    r"(?:UBND|[ỦỦU][yỷ] ban nhân dân)\s+(xã|phường|đặc khu|thị trấn)\s+"
    r"((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})"
)
# The same in a header typed in capitals: "ỦY BAN NHÂN DÂN XÃ LẠC THỊNH".
_CAPS_ISSUER_RE = re.compile(
    r"(?:UBND|[ỦU]Y BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+(XÃ|PHƯỜNG|ĐẶC KHU|THỊ TRẤN)[ \t]+"
    r"([^\W\d_]+(?:[ \t]+[^\W\d_]+){0,3})"
)
_HEADER_CHARS = 600
_TYPED_RE = re.compile(
    r"\b((?i:xã|xa|phường|phuong|đặc khu|dac khu|thị trấn|thi tran))\s+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})"
)


@dataclass(frozen=True)
class Locality:
    """A commune-level unit: ``kind`` ("xã", "phường", ...) and its ``name``."""

    kind: str
    name: str

    @property
    def display(self) -> str:
        return f"{self.kind} {self.name}"

    @property
    def key(self) -> str:
        return fold(self.name)

    def __str__(self) -> str:
        return self.display


@dataclass(frozen=True)
class LocalityMention:
    """A locality named in a question; ``loaded`` if some loaded plan belongs to it."""

    locality: Locality
    start: int
    end: int
    loaded: bool


@lru_cache(maxsize=1)
def gazetteer() -> tuple[Locality, ...]:
    """The reference list of Hải Phòng localities shipped with the package."""
    entries = []
    for line in _GAZETTEER_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            kind, name = line.split("|", 1)
            entries.append(Locality(nfc(kind.strip()), nfc(name.strip())))
    return tuple(entries)


def parse_locality(display: str | None) -> Locality | None:
    """'phường Kiến An' -> Locality('phường', 'Kiến An')."""
    if not display:
        return None
    folded = fold(display)
    for word, kind in _KIND_WORDS.items():
        if folded.startswith(word + " "):
            return Locality(kind, nfc(display[len(word) + 1:].strip()))
    return None


@lru_cache(maxsize=None)  # one pattern per locality, not one per question
def _name_pattern(locality: Locality, with_kind: bool) -> re.Pattern[str]:
    name = r"\s+".join(map(re.escape, locality.key.split()))
    kind = rf"{_KIND_RE}\s+" if with_kind else rf"(?:{_KIND_RE}\s+)?"
    return re.compile(rf"(?<![\w]){kind}{name}(?![\w])")


def detect_plan_locality(text: str) -> tuple[Locality, tuple[int, int]] | None:
    """The locality a plan belongs to: the one it names most often, with a span to cite.

    Known names are counted in the folded text; a name the reference list lacks is still
    found after "UBND xã"/"Ủy ban nhân dân phường". A stray mention (a copy-paste of
    another commune's name) loses to the plan's own, repeated name.
    """
    folded = fold(text)
    counts: Counter[Locality] = Counter()
    first_span: dict[Locality, tuple[int, int]] = {}
    candidates = list(gazetteer())
    for match in _ISSUER_RE.finditer(text):
        candidates.append(Locality(match.group(1), nfc(match.group(2))))
    for match in _CAPS_ISSUER_RE.finditer(text[:_HEADER_CHARS]):
        name = match.group(2)
        if name.isupper():
            candidates.append(Locality(nfc(match.group(1).lower()), nfc(name.title())))
    for locality in dict.fromkeys(candidates):
        for match in _name_pattern(locality, with_kind=False).finditer(folded):
            counts[locality] += 1
            first_span.setdefault(locality, match.span())
    if not counts:
        return None
    best = max(counts.values())
    tied = [loc for loc, n in counts.items() if n == best]
    # Same folded name, different accents (Cẩm Giang / Cẩm Giàng): the text's spelling wins.
    # The reference list's spelling beats a spelling read from (possibly OCR'd) text.
    known = [loc for loc in tied if loc in gazetteer()]
    exact = [loc for loc in known or tied if loc.name.lower() in text.lower()]
    chosen = min(exact or known or tied, key=lambda loc: first_span[loc][0])
    return chosen, first_span[chosen]


# Officers shorten long names to their initials ("xã NLB"); two letters are too ambiguous.
_MIN_INITIALS = 3


@lru_cache(maxsize=None)
def _initials_pattern(initials: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{_KIND_RE}\s+)?{initials}(?![\w])")


def _initials_spans(locality: Locality, question: str, folded: str) -> list[tuple[int, int]]:
    """Where a loaded locality is named by its capital initials ("NLB" = Nguyễn Lương Bằng)."""
    words = locality.key.split()
    if len(words) < _MIN_INITIALS or len(folded) != len(question):
        return []
    initials = "".join(w[0] for w in words)
    spans = []
    for match in _initials_pattern(initials).finditer(folded):
        start = match.end() - len(initials)
        if question[start:match.end()] == initials.upper():
            spans.append(match.span())
    return spans


def find_localities(question: str, loaded: Iterable[Locality]) -> list[LocalityMention]:
    """Localities named in a question, in order, with or without diacritics or "xã"/"phường".

    Loaded localities may be named bare ("Kiến An đặt chỉ tiêu..."); others need their
    kind word ("xã Tiên Lãng") so ordinary words are not read as place names.
    """
    folded = fold(question)
    loaded = list(dict.fromkeys(loaded))
    mentions: list[LocalityMention] = []
    taken: list[tuple[int, int]] = []

    def add(locality: Locality, span: tuple[int, int], is_loaded: bool) -> None:
        if any(span[0] < end and start < span[1] for start, end in taken):
            return
        taken.append(span)
        mentions.append(LocalityMention(locality, span[0], span[1], is_loaded))

    by_length: Sequence[Locality] = sorted(loaded, key=lambda loc: len(loc.key), reverse=True)
    for locality in by_length:
        for match in _name_pattern(locality, with_kind=False).finditer(folded):
            add(locality, match.span(), True)
    for locality in by_length:
        for span in _initials_spans(locality, question, folded):
            add(locality, span, True)
    loaded_keys = {loc.key for loc in loaded}
    for locality in sorted(gazetteer(), key=lambda loc: len(loc.key), reverse=True):
        if locality.key in loaded_keys:
            continue
        for match in _name_pattern(locality, with_kind=True).finditer(folded):
            add(locality, match.span(), False)
    for match in _TYPED_RE.finditer(question):
        name = nfc(match.group(2))
        if fold(name) not in loaded_keys:
            kind = _KIND_WORDS[fold(match.group(1))]
            add(Locality(kind, name), match.span(), False)
    return sorted(mentions, key=lambda m: m.start)


# Administrative levels by kind word: the body above a plan's locality (the province a
# commune reports to) is told from another locality of the same level.
_LEVEL = {"tỉnh": 1, "thành phố": 1, "huyện": 2, "quận": 2, "thị xã": 2,
          "xã": 3, "phường": 3, "thị trấn": 3, "đặc khu": 3}


def relation(own: Locality | None, other: Locality) -> str:
    """"own" (the same place), "above" (a higher level: where ``own`` reports) or "other"."""
    if own is not None and other.key == own.key:
        return "own"
    if own is not None and _LEVEL.get(other.kind, 3) < _LEVEL.get(own.kind, 3):
        return "above"
    return "other"


def places_named(text: str, own: Locality | None,
                 loaded: Iterable[Locality] = ()) -> list[tuple[Locality, str]]:
    """Localities ``text`` names (with their kind word, or bare when loaded), each with its
    ``relation`` to ``own``. A kind word before an ordinary word ("xã đến") names nothing."""
    found = []
    for mention in find_localities(text, [*loaded, *([own] if own else [])]):
        if mention.locality.name[:1].isupper():
            found.append((mention.locality, relation(own, mention.locality)))
    return found
