"""Syllable unigram + bigram language model for OCR repair.

Counts come from clean plans (in-domain usage: "thành phố", "thi đua", "khen thưởng")
plus, when available at build time, the word list shipped in the ``pyvi`` package
(broad coverage: any syllable pair inside a dictionary word gets some mass) and the
place names of the national gazetteer (bigrams only, light weight). The model
is stored as plain JSON inside the package so runtime needs neither the plans nor pyvi,
and loading is one ``json.load`` (cached).

Smoothing is interpolated absolute discounting: a bigram seen c times keeps c - D,
and the discounted mass goes to a unigram distribution built from Kneser-Ney
continuation counts, the dictionary and a uniform floor, so every inventory syllable
has non-zero probability. Raw corpus unigram counts are stored too (for inspection and
for checking the resource against the plans), but the model backs off to continuation
counts: a syllable frequent in one phrase only ("đua" after "thi") must not become the
default guess everywhere.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from kehoach.ingest.ocr_tokens import ABBR, BOS, NUM, UNK, lm_symbol, segments, tokenize
from kehoach.ingest.vn_syllables import canonical, inventory, is_valid_syllable
from kehoach.core.text import nfc

__all__ = [
    "STATS_RESOURCE",
    "build_stats",
    "dictionary_words",
    "save_stats",
    "load_stats",
    "SyllableLM",
    "default_lm",
]

STATS_RESOURCE = "resources/vi_syllable_stats.json"
FORMAT_VERSION = 1
# Unigram (backoff) distribution = mixture of corpus continuation counts, dictionary
# coverage (how many dictionary words use the syllable, log-damped) and a uniform floor
# over the inventory; the corpus gets what the other two leave.
DICT_UNIGRAM_SHARE = 0.30
UNIFORM_UNIGRAM_SHARE = 0.03
# Pseudo-count a dictionary bigram adds to the corpus bigram counts.
DICT_BIGRAM_WEIGHT = 2.0
# Pseudo-count a bigram inside a place name (the national gazetteer: "lương bằng",
# "thạch khôi", "chí minh") adds: OCR'd plans name their localities, which no corpus of a
# few plans covers, but 7,600 names at the dictionary's weight pull rare syllables into
# ordinary text ("phòng văn hóa" -> "phong vân hà"). 1.0 restores the names and leaves the
# gold SER as it is without them (0.131 vs 0.133 line by line).
NAME_BIGRAM_WEIGHT = 1.0
DISCOUNT = 0.6
# An unknown token (junk kept as written) is this unlikely, whatever its context.
UNK_LOG_PROB = -12.0
# Transition matrices kept per model (each is at most 30 x 30 floats).
MATRIX_CACHE_SIZE = 20000
PYVI_WORDS = ("pyvi", "models/words.txt")


def _symbols_by_segment(text: str) -> Iterable[list[str]]:
    text = nfc(text)
    for run in segments(text, tokenize(text)):
        yield [canonical(lm_symbol(token)) for token in run]


def dictionary_words() -> list[str]:
    """The pyvi word list if pyvi is installed (build time only), else nothing."""
    import importlib.util

    spec = importlib.util.find_spec(PYVI_WORDS[0])
    if spec is None or not spec.submodule_search_locations:
        return []
    path = Path(list(spec.submodule_search_locations)[0]) / PYVI_WORDS[1]
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def _entry_bigrams(entries: Iterable[str]) -> tuple[Counter[str], dict[str, Counter[str]]]:
    """Syllables (once per entry) and bigrams of entries made only of valid syllables."""
    unigrams: Counter[str] = Counter()
    bigrams: dict[str, Counter[str]] = defaultdict(Counter)
    for entry in entries:
        parts = nfc(entry).lower().split()
        if not parts or not all(is_valid_syllable(p) for p in parts):
            continue
        parts = [canonical(p) for p in parts]
        unigrams.update(set(parts))
        for prev, word in zip(parts, parts[1:]):
            bigrams[prev][word] += 1
    return unigrams, bigrams


def build_stats(texts: Iterable[str], words: Iterable[str] = (), sources: Iterable[str] = (),
                names: Iterable[str] = ()) -> dict:
    """Count corpus, dictionary and place-name syllable n-grams into a JSON-ready dict.

    ``names`` (place names, each counted once) add bigrams only, at NAME_BIGRAM_WEIGHT.
    """
    unigrams: Counter[str] = Counter()
    bigrams: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for symbols in _symbols_by_segment(text):
            unigrams.update(symbols)
            prev = BOS
            for word in symbols:
                if word != UNK:
                    bigrams[prev][word] += 1
                prev = BOS if word == UNK else word  # junk breaks context, as in decoding
    dict_unigrams, dict_bigrams = _entry_bigrams(words)
    _, name_bigrams = _entry_bigrams(sorted(set(nfc(name) for name in names)))
    return {
        "format": FORMAT_VERSION,
        "sources": sorted(sources),
        "unigrams": dict(sorted(unigrams.items())),
        "bigrams": {k: dict(sorted(v.items())) for k, v in sorted(bigrams.items())},
        "dict_unigrams": dict(sorted(dict_unigrams.items())),
        "dict_bigrams": {k: dict(sorted(v.items())) for k, v in sorted(dict_bigrams.items())},
        "name_bigrams": {k: dict(sorted(v.items())) for k, v in sorted(name_bigrams.items())},
    }


def save_stats(stats: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(stats, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class _History:
    total: float
    backoff: float  # mass left for the unigram distribution
    followers: dict[str, float]


class SyllableLM:
    """Log-probabilities of syllables (lower-case NFC) and of syllable pairs."""

    def __init__(self, stats: dict) -> None:
        if stats.get("format") != FORMAT_VERSION:
            raise ValueError(f"unsupported syllable stats format {stats.get('format')!r}")
        vocabulary = set(inventory()) | {NUM, ABBR}
        # Kneser-Ney continuation counts: in how many contexts a syllable was seen.
        # "đua" is frequent only after "thi"; backing off to its raw frequency would
        # make it the default guess everywhere.
        continuation: Counter[str] = Counter()
        for followers in stats["bigrams"].values():
            continuation.update(w for w in followers if w != UNK)
        corpus = dict(continuation)
        corpus_total = sum(corpus.values()) or 1
        dictionary = {w: math.log1p(c) for w, c in stats["dict_unigrams"].items()}
        dictionary_total = sum(dictionary.values()) or 1
        self._unigram = {
            word: (1.0 - DICT_UNIGRAM_SHARE - UNIFORM_UNIGRAM_SHARE) * corpus.get(word, 0) / corpus_total
            + DICT_UNIGRAM_SHARE * dictionary.get(word, 0) / dictionary_total
            + UNIFORM_UNIGRAM_SHARE / len(vocabulary)
            for word in vocabulary
        }
        self._log_unigram = {word: math.log(p) for word, p in self._unigram.items()}
        self._log_unigram[UNK] = UNK_LOG_PROB
        self._unknown_log = UNK_LOG_PROB
        merged: dict[str, Counter[str]] = defaultdict(Counter)
        for prev, followers in stats["bigrams"].items():
            merged[prev].update(followers)
        for prev, followers in stats["dict_bigrams"].items():
            for word, count in followers.items():
                merged[prev][word] += DICT_BIGRAM_WEIGHT * count
        for prev, followers in stats.get("name_bigrams", {}).items():
            for word, count in followers.items():
                merged[prev][word] += NAME_BIGRAM_WEIGHT * count
        self._histories = {
            prev: _History(
                total=sum(followers.values()),
                backoff=DISCOUNT * len(followers) / sum(followers.values()),
                followers=dict(followers),
            )
            for prev, followers in merged.items()
        }
        self.sources: tuple[str, ...] = tuple(stats.get("sources", ()))
        self._matrix_cache: dict[tuple[tuple[str, ...], tuple[str, ...]], np.ndarray] = {}

    def log_unigram(self, word: str) -> float:
        return self._log_unigram.get(word, self._unknown_log)

    def log_prob(self, prev: str, word: str) -> float:
        """log P(word | prev); ``prev`` may be BOS. Junk (UNK) is context-free."""
        return float(self._log_prob_matrix((prev,), (word,))[0, 0])

    def log_prob_matrix(self, prevs: tuple[str, ...], words: tuple[str, ...]) -> np.ndarray:
        """log P(words[j] | prevs[i]) for all pairs at once (the decoder's inner loop).

        Cached: the same token pairs ("thi đua") recur all through a plan.
        """
        key = (prevs, words)
        matrix = self._matrix_cache.get(key)
        if matrix is None:
            if len(self._matrix_cache) >= MATRIX_CACHE_SIZE:
                self._matrix_cache.clear()
            matrix = self._matrix_cache[key] = self._log_prob_matrix(prevs, words)
        return matrix

    def _log_prob_matrix(self, prevs: Sequence[str], words: Sequence[str]) -> np.ndarray:
        unigram = np.array([self._unigram.get(w, 0.0) or math.exp(self._unknown_log) for w in words])
        result = np.empty((len(prevs), len(words)))
        for i, prev in enumerate(prevs):
            history = self._histories.get(BOS if prev == UNK else prev)
            if history is None:
                result[i] = unigram
                continue
            followers = history.followers
            seen = np.array([max(followers.get(w, 0.0) - DISCOUNT, 0.0) for w in words]) / history.total
            result[i] = seen + history.backoff * unigram
        result = np.log(result)
        unknown = [j for j, w in enumerate(words) if w == UNK]
        if unknown:
            result[:, unknown] = UNK_LOG_PROB
        return result


@lru_cache(maxsize=4)
def load_stats(path: str | None = None) -> SyllableLM:
    """Load (once) the packaged model, or the one at ``path``."""
    if path is None:
        raw = resources.files("kehoach.ingest").joinpath(STATS_RESOURCE).read_text(encoding="utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    return SyllableLM(json.loads(raw))


def default_lm() -> SyllableLM:
    return load_stats(None)
