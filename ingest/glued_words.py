"""Split two words a copy glued together ("cáchuyện", "thựchiện", "BanĐiều", "PHÁTTRIỂN").

Text copied from some legal-document sites loses the space between words at line ends:
"Chủ tịch UBND cáchuyện An Lão", "Quyết địnhsố 2120". A glued word is no Vietnamese
syllable, so it matches neither of the words it holds: a question about "các huyện" misses
the sentence that names them. Such a token is split when it is two well-attested syllables
(the OCR repair's syllable model), one of them with a Vietnamese letter (so "date",
"hatinh" in a URL stay), or when its case changes between two syllables ("củaGiám").
Clean text only: OCR'd text goes to the OCR repair (``ingest.ocr_repair``), which reads
every token with its own model.
"""

from __future__ import annotations

import re

from kehoach.ingest.syllable_stats import default_lm
from kehoach.ingest.vn_syllables import is_valid_syllable

__all__ = ["split_glued"]

_WORD_RE = re.compile(r"[^\W\d_]{4,}")
# Each syllable of a split must be at least this well attested (natural-log unigram); the
# model's floor for a syllable it never saw is about -13 ("ến" of "trỉến", a typo, is there).
_MIN_LOG_UNIGRAM = -10.0
_MIN_PART = 2
_ASCII_LETTERS = re.compile(r"^[A-Za-z]+$")


def _case_ok(part: str) -> bool:
    """A syllable written in one case, or capitalised ("Giám", "ĐIỀU", "của")."""
    return part.islower() or part.isupper() or (part[0].isupper() and part[1:].islower())


def _split(word: str) -> str | None:
    lower = word.lower()
    if is_valid_syllable(lower):
        return None
    lm = default_lm()
    best: tuple[float, int] | None = None
    for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
        left, right = word[:cut], word[cut:]
        if not (_case_ok(left) and _case_ok(right)):
            continue
        if _ASCII_LETTERS.match(word):
            continue
        a, b = left.lower(), right.lower()
        if not (is_valid_syllable(a) and is_valid_syllable(b)):
            continue
        score = min(lm.log_unigram(a), lm.log_unigram(b))
        if score < _MIN_LOG_UNIGRAM:
            continue
        if best is None or score > best[0]:
            best = (score, cut)
    return None if best is None else f"{word[:best[1]]} {word[best[1]:]}"


def split_glued(text: str) -> str:
    """``text`` with each glued pair of words split by a space; all else unchanged."""
    return _WORD_RE.sub(lambda m: _split(m.group(0)) or m.group(0), text)
