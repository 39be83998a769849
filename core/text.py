"""Vietnamese text helpers shared by every stage.

Plans are stored and displayed in NFC with their diacritics; matching happens on a
*folded* form (lower-case, no diacritics, đ->d) so that "bao hiem y te", "bảo hiểm y tế"
and the OCR'd "bao hiém y té" all meet on "bao hiem y te".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["nfc", "fold", "fold_aligned", "fold_char", "syllables", "bigrams", "phrase_bigrams",
           "WORD_RE"]

# A "word" for matching: letters/digits, with numbers keeping their inner separators
# ("330.681", "25/9/2025", "95,08") so a figure stays one token.
WORD_RE = re.compile(r"\d+(?:[.,/]\d+)*%?|[^\W\d_]+", re.UNICODE)

_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def nfc(text: str) -> str:
    """Unicode NFC, the one form every stored text is in."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case, strip diacritics, map đ->d. Length-preserving for Vietnamese letters.

    The result is what lexical matching compares; it is never shown to a person.
    """
    text = text.translate(_FOLD_EXTRA)
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).lower()


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """Fold one character (helper for offset-preserving work)."""
    folded = fold(char)
    return folded if len(folded) == 1 else char.lower()


def fold_aligned(text: str) -> str:
    """``fold`` character by character: same length as ``text``, so a match in the folded
    text is at the same offsets in the original."""
    return "".join(fold_char(c) for c in text)


def syllables(text: str) -> list[str]:
    """Folded syllables and numbers of ``text`` in order."""
    return WORD_RE.findall(fold(text))


def phrase_bigrams(text: str) -> list[str]:
    """Syllable pairs that do not cross punctuation ("theo dõi, đôn đốc" has no "doi_don")."""
    pairs: list[str] = []
    for piece in re.split(r"[,;:.!?()\[\]\"“”]+(?:\s|$)", text):
        pairs.extend(bigrams(syllables(piece)))
    return pairs


def bigrams(tokens: list[str]) -> list[str]:
    """Adjacent syllable pairs: Vietnamese words are mostly two syllables."""
    return [f"{a}_{b}" for a, b in zip(tokens, tokens[1:])]
