"""Offset-preserving tokenisation for OCR repair and its language model.

Repair rewrites word tokens only; everything between tokens (spaces, line breaks,
punctuation) is copied through byte for byte, so a repaired text keeps its layout and
a caller can repair a line or a whole document alike. The same tokens, mapped to
language-model symbols, are what the syllable statistics are counted over, so that
training and decoding see text cut the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Iterator

from kehoach.ingest.vn_syllables import is_valid_syllable
from kehoach.core.text import fold

__all__ = ["Kind", "Token", "tokenize", "segments", "lm_symbol", "is_abbreviation", "NUM", "ABBR", "UNK", "BOS"]

# Language-model symbols for things that are not syllables.
NUM = "<num>"    # numbers and roman numerals
ABBR = "<abbr>"  # all-capital abbreviations and codes ("UBND", "KH-UBND")
UNK = "<unk>"    # anything else that is not a valid syllable
BOS = "<s>"
ABBREVIATION_MIN_LETTERS = 2

# Glyphs OCR produces inside words in place of marked vowels ("v&i", "1€", "B¢", "k¥").
OCR_SYMBOLS = "&€¢¥"
# A run of letters, digits and OCR symbols, optionally joined by apostrophes ("thu'O'ng").
_UNIT = rf"(?:[^\W_]|[{OCR_SYMBOLS}])"
TOKEN_RE = re.compile(rf"{_UNIT}+(?:['’]{_UNIT}+)*")
# Roman numerals, including OCR'd ones whose I became 1 ("I1." = "II.").
ROMAN_RE = re.compile(r"^(?=[IVX])[IVX1]+$")
# A chunk (whitespace-delimited) that is a document code, date or address.
CODE_JOINERS = "/-"
CODE_SEGMENT_RE = re.compile(r"\d|(?<![^\W\d_])[A-ZĐ]{2,}(?![^\W\d_])")
ADDRESS_MARKERS = ("@", "://", "www.")
# List markers "a)", "b)", "¢)": one glyph followed by ")" at the start of a chunk.
LIST_MARKER_RE = re.compile(rf"^(?:[^\W\d_]|[{OCR_SYMBOLS}])$")
WHITESPACE_RE = re.compile(r"^\s*$")
# The letter shape of a (folded) Vietnamese syllable: onset, vowel cluster, coda.
SYLLABLE_SHAPE_RE = re.compile(r"^[bcdghklmnpqrstvx]{0,3}[aeiouy]{1,3}(?:ch|nh|ng|[cmnpti])?$")


class Kind(Enum):
    """What repair may do with a token."""

    WORD = "word"            # letters (maybe with misread digits/symbols): repairable
    NUMBER = "number"        # digits only: never touched
    PROTECTED = "protected"  # codes, roman numerals, list markers, addresses: never touched


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    kind: Kind


def _chunk_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return left, right


def _is_protected(text: str, start: int, end: int) -> bool:
    word = text[start:end]
    if ROMAN_RE.match(word):
        return True
    left, right = _chunk_bounds(text, start, end)
    chunk = text[left:right]
    if any(marker in chunk for marker in ADDRESS_MARKERS):
        return True
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if (before and before in CODE_JOINERS) or (after and after in CODE_JOINERS):
        if CODE_SEGMENT_RE.search(chunk):
            return True
    if after == ")" and start == left and LIST_MARKER_RE.match(word):
        return True
    return False


def _kind(text: str, start: int, end: int) -> Kind:
    word = text[start:end]
    if word.isdigit():
        return Kind.NUMBER
    if not any(c.isalpha() or c in OCR_SYMBOLS for c in word):
        return Kind.PROTECTED
    return Kind.PROTECTED if _is_protected(text, start, end) else Kind.WORD


def tokenize(text: str) -> list[Token]:
    """Word-like tokens of ``text`` with offsets; the gaps between them are layout."""
    return [Token(m.group(), m.start(), m.end(), _kind(text, m.start(), m.end())) for m in TOKEN_RE.finditer(text)]


def segments(text: str, tokens: list[Token] | None = None) -> Iterator[list[Token]]:
    """Runs of tokens separated only by whitespace (line breaks included).

    Punctuation ends a run: a bigram across "," or " - " says little, while plans wrap
    lines mid-sentence, so a line break alone must not.
    """
    tokens = tokenize(text) if tokens is None else tokens
    run: list[Token] = []
    previous_end = None
    for token in tokens:
        if previous_end is not None and not WHITESPACE_RE.match(text[previous_end:token.start]):
            yield run
            run = []
        run.append(token)
        previous_end = token.end
    if run:
        yield run


def is_abbreviation(word: str) -> bool:
    """All-capital word of two or more letters ("UBND", "HĐND", but also "HQI")."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= ABBREVIATION_MIN_LETTERS and all(c.isupper() for c in letters)


def looks_like_syllable(word: str) -> bool:
    """Consonants, vowels, consonants: "THACH" could be a syllable, "UBND" could not."""
    return bool(SYLLABLE_SHAPE_RE.match(fold(word)))


def lm_symbol(token: Token) -> str:
    """The language-model symbol a token stands for when kept as written."""
    if token.kind is Kind.NUMBER or ROMAN_RE.match(token.text):
        return NUM
    if token.kind is Kind.WORD and is_valid_syllable(token.text):
        return token.text.lower()
    if token.kind is Kind.PROTECTED or (is_abbreviation(token.text) and not looks_like_syllable(token.text)):
        return ABBR
    return UNK
