"""Repair OCR'd Vietnamese at ingest: restore diacritics and misread letters.

Each word token gets candidate syllables from the OCR confusion model
(:mod:`ingest.ocr_channel`); a Viterbi pass over each run of tokens picks the sequence
that best trades channel cost against the syllable bigram model
(:mod:`ingest.syllable_stats`). Numbers, document codes, roman numerals and everything
between tokens are copied verbatim, so layout survives and digits never change. The
one layout edit is a space where OCR glued a number to a word ("thang9" -> "tháng 9").

Use :func:`detect_ocr_damage` on a whole document to decide whether it needs repair;
:func:`repair_text` works on a document or on single lines (pass ``damaged=`` from the
document's score when repairing line by line, a single line is too short to judge).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from kehoach.ingest.ocr_channel import CLEAN, DAMAGED, RECOGNISED, ChannelParams, candidates
from kehoach.ingest.ocr_tokens import ABBR, BOS, NUM, Kind, Token, is_abbreviation, lm_symbol, segments, tokenize
from kehoach.ingest.syllable_stats import SyllableLM, default_lm
from kehoach.ingest.vn_syllables import canonical, is_valid_syllable
from kehoach.core.text import nfc

__all__ = ["DAMAGE_THRESHOLD", "CLEAN_MARKED_SHARE", "RepairResult", "detect_ocr_damage",
           "marked_share", "needs_repair", "repair_text", "strip_markup"]

# A document is "OCR-damaged" when at least this share of its syllables is not valid
# Vietnamese. Clean plans score about 0.002 (stray typos), the two OCR'd plans about
# 0.4; 0.10 sits far from both and tolerates a few loanwords or names in clean text.
DAMAGE_THRESHOLD = 0.10
# ... and when its valid Vietnamese syllables mostly lack their marks. Clean plans carry a
# mark on ~0.88 of their syllables (0.74 even with a paragraph of English in them), the two
# OCR'd plans on ~0.12: invalid words in text whose Vietnamese is well marked are markup,
# loanwords or English, which repair would only damage ("phường" -> "phương").
CLEAN_MARKED_SHARE = 0.5
# Markup is no OCR damage: HTML/XML tags (whole <style>/<script> blocks), entities, URLs.
# (A regex, not an HTML parser: this only decides whether to repair; nothing is rendered.)
_MARKUP_RE = re.compile(
    r"<(style|script)\b[^>]*>.*?</\1\s*>|<[^<>]{0,2000}>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);"
    r"|(?:https?://|www\.)\S+", re.IGNORECASE | re.DOTALL)
# Weight of language-model log-probabilities against channel costs.
LM_WEIGHT = 1.0
# Candidates per token kept for decoding, ranked by channel cost minus unigram score.
MAX_CANDIDATES = 30
# ... and only those within this many nats of the best one.
CANDIDATE_BEAM = 10.0
# Keeping an invalid token unchanged (an abbreviation, a name, junk) costs this much.
KEEP_INVALID_COST = 3.0
# Splitting "thang9" into "tháng 9" or "11thang" into "11 tháng".
SPLIT_COST = 0.8
MIN_SPLIT_LETTERS = 2
SPLIT_RE = re.compile(r"^(?:(?P<lead>\d+)(?P<tail>[^\d]+)|(?P<head>[^\d]+)(?P<trail>\d+))$")


@dataclass(frozen=True)
class RepairResult:
    """Repaired text (NFC) and what repair did."""

    text: str
    changes: int          # word tokens whose text changed
    tokens: int           # word tokens considered
    damage: float         # damage score of the input
    damaged: bool         # whether the damaged-OCR channel was used


@dataclass(frozen=True)
class _Option:
    """One reading of a token: output pieces, LM symbols and channel cost."""

    syllable: str | None  # lower-case replacement, None to keep the token as is
    lead: str             # number kept in front ("11thang" -> "11 ")
    trail: str            # number kept behind ("thang9" -> " 9")
    symbols: tuple[str, ...]
    cost: float


def detect_ocr_damage(text: str) -> float:
    """Share of syllables that are not valid Vietnamese (0..1).

    Abbreviations ("UBND", "HĐND": capitals that could not be a syllable) and markup
    (tags, entities, URLs) are not counted: they are never valid syllables and say
    nothing about OCR quality.
    """
    words = _words(text)
    if not words:
        return 0.0
    return sum(not is_valid_syllable(w) for w in words) / len(words)


def strip_markup(text: str) -> str:
    """``text`` with tags, entities and URLs blanked (for judging the words around them)."""
    return _MARKUP_RE.sub(" ", text)


def _words(text: str) -> list[str]:
    text = strip_markup(nfc(text))
    return [t.text for t in tokenize(text) if t.kind is Kind.WORD and lm_symbol(t) != ABBR]


def _marked(word: str) -> bool:
    return any(unicodedata.combining(c) or c in "đĐ" for c in unicodedata.normalize("NFD", word))


def marked_share(text: str) -> float:
    """Share of the valid Vietnamese syllables of ``text`` that carry a mark (tone, breve,
    circumflex, horn or đ); 1.0 when there are none (nothing to say it is unmarked)."""
    valid = [w for w in _words(text) if is_valid_syllable(w)]
    if not valid:
        return 1.0
    return sum(map(_marked, valid)) / len(valid)


def needs_repair(text: str) -> bool:
    """Is ``text`` OCR-damaged: many invalid syllables (markup aside) AND its Vietnamese
    mostly without marks? Either alone is no OCR damage (English, or unmarked typing)."""
    return detect_ocr_damage(text) >= DAMAGE_THRESHOLD and marked_share(text) < CLEAN_MARKED_SHARE


def _restore_case(original: str, replacement: str, shouting: bool) -> str:
    """Give ``replacement`` the case pattern of ``original``.

    An all-capital token stays all-capital only inside an all-capital stretch (a
    heading); alone among ordinary words ("BO Chinh tri") it was a capitalised word.
    """
    letters = [c for c in original if c.isalpha()]
    uppers = sum(c.isupper() for c in letters)
    if shouting and uppers >= 2 and uppers == len(letters):
        return replacement.upper()
    if letters and letters[0].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _syllable_options(word: str, lm: SyllableLM, params: ChannelParams) -> list[tuple[str, float]]:
    """Channel candidates worth decoding: best by cost minus unigram log-probability."""
    scored = sorted(
        (c.cost - LM_WEIGHT * lm.log_unigram(canonical(c.syllable)), c.syllable, c.cost)
        for c in candidates(word, params)
    )
    if not scored:
        return []
    limit = scored[0][0] + CANDIDATE_BEAM
    return [(syllable, cost) for prior, syllable, cost in scored[:MAX_CANDIDATES] if prior <= limit]


def _options(token: Token, lm: SyllableLM, params: ChannelParams) -> list[_Option]:
    if token.kind is not Kind.WORD or (not params.symbols_are_letters and not any(c.isalpha() for c in token.text)):
        # In clean text a lone "&" is an ampersand, not an OCR'd "ở".
        return [_Option(None, "", "", (lm_symbol(token),), 0.0)]
    options = [_Option(s, "", "", (canonical(s),), cost) for s, cost in _syllable_options(token.text, lm, params)]
    if not is_valid_syllable(token.text):
        options.append(_Option(None, "", "", (lm_symbol(token),), KEEP_INVALID_COST))
        split = SPLIT_RE.match(token.text)
        if split:
            letters = split.group("tail") or split.group("head")
            if sum(c.isalpha() for c in letters) >= MIN_SPLIT_LETTERS:
                lead, trail = split.group("lead") or "", split.group("trail") or ""
                for syllable, cost in _syllable_options(letters, lm, params):
                    symbols = ((NUM,) if lead else ()) + (canonical(syllable),) + ((NUM,) if trail else ())
                    options.append(_Option(syllable, lead, trail, symbols, cost + SPLIT_COST))
    return options


def _internal_score(option: _Option, lm: SyllableLM) -> float:
    """LM score inside a multi-symbol option ("11 tháng") minus its channel cost."""
    score = -option.cost
    for prev, symbol in zip(option.symbols, option.symbols[1:]):
        score += LM_WEIGHT * lm.log_prob(prev, symbol)
    return score


def _decode(run: Sequence[Token], lm: SyllableLM, params: ChannelParams) -> list[_Option]:
    """Viterbi over one run of tokens; returns the chosen option per token."""
    lattice = [_options(token, lm, params) for token in run]
    firsts = [tuple(o.symbols[0] for o in options) for options in lattice]
    lasts = [tuple(o.symbols[-1] for o in options) for options in lattice]
    internal = [np.array([_internal_score(o, lm) for o in options]) for options in lattice]
    scores = LM_WEIGHT * lm.log_prob_matrix((BOS,), firsts[0])[0] + internal[0]
    back: list[np.ndarray] = []
    for position in range(1, len(lattice)):
        totals = scores[:, None] + LM_WEIGHT * lm.log_prob_matrix(lasts[position - 1], firsts[position])
        pointers = totals.argmax(axis=0)
        scores = totals[pointers, np.arange(len(pointers))] + internal[position]
        back.append(pointers)
    index = int(scores.argmax())
    chosen = [index]
    for pointers in reversed(back):
        index = int(pointers[index])
        chosen.append(index)
    chosen.reverse()
    return [lattice[i][j] for i, j in enumerate(chosen)]


def _render(token: Token, option: _Option, shouting: bool) -> str:
    if option.syllable is None:
        return token.text
    source = token.text
    if option.lead or option.trail:
        source = source[len(option.lead) : len(source) - len(option.trail)]
    word = _restore_case(source, option.syllable, shouting)
    return (option.lead + " " if option.lead else "") + word + (" " + option.trail if option.trail else "")


def _shouting(tokens: list[Token]) -> dict[int, bool]:
    """Per token start: is a neighbouring word also written in capitals?"""
    caps = [t.kind is not Kind.NUMBER and is_abbreviation(t.text) for t in tokens]
    return {
        t.start: (i > 0 and caps[i - 1]) or (i + 1 < len(tokens) and caps[i + 1])
        for i, t in enumerate(tokens)
    }


def repair_text(text: str, damaged: bool | None = None, lm: SyllableLM | None = None,
                recognised: bool = False) -> RepairResult:
    """Repair OCR damage in ``text``, keeping numbers, codes, punctuation and layout.

    ``damaged`` selects the channel: True for OCR'd text (marks may be missing
    anywhere), False for clean text (only invalid syllables are repaired unless the
    language model strongly objects). None decides from ``text`` itself.
    ``recognised``: the text was just read by tesseract (a scanned PDF page); its own
    channel (RECOGNISED) replaces the damaged one.
    """
    text = nfc(text)
    lm = default_lm() if lm is None else lm
    damage = detect_ocr_damage(text)
    if damaged is None:
        damaged = damage >= DAMAGE_THRESHOLD
    params = RECOGNISED if recognised else DAMAGED if damaged else CLEAN
    tokens = tokenize(text)
    shouting = _shouting(tokens)
    pieces: list[str] = []
    cursor = changes = words = 0
    for run in segments(text, tokens):
        for token, option in zip(run, _decode(run, lm, params)):
            rendered = _render(token, option, shouting[token.start])
            pieces.append(text[cursor : token.start])
            pieces.append(rendered)
            cursor = token.end
            if token.kind is Kind.WORD:
                words += 1
                changes += rendered != token.text
    pieces.append(text[cursor:])
    return RepairResult(nfc("".join(pieces)), changes, words, damage, damaged)
