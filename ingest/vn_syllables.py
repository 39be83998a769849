"""Rule-based inventory of valid Vietnamese syllables.

Vietnamese is written one syllable per word-space token, and the set of legal
syllables is small and fully determined by the orthography: onset x rhyme x tone,
with a handful of spelling constraints (c/k/q, g/gh, ng/ngh, gi, qu, i/y, stop codas
that only take the sắc and nặng tones, tone-mark placement). Enumerating it once gives
both a validity test for OCR output and the candidate space OCR repair searches in.

Both tone-placement styles are accepted ("hòa"/"hoà", "thủy"/"thuỷ", "ủy"/"uỷ"):
official documents mix them, and which one a plan uses is the language model's call.
Loanword onsets (p-, f-, z-, ...) and rare loan rhymes are left out on purpose: in the
plans a syllable starting with "p" is almost always an OCR'd "Đ" ("Pai" = "Đại").
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import lru_cache

from kehoach.core.text import fold, nfc

__all__ = [
    "TONE_MARKS",
    "CharParts",
    "char_parts",
    "inventory",
    "is_valid_syllable",
    "canonical",
    "skeleton",
    "syllables_by_skeleton",
    "valid_skeletons",
    "skeleton_prefixes",
]

# Tone marks as combining characters, index = tone number:
# 0 ngang (none), 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng.
TONE_MARKS: tuple[str, ...] = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
TONE_SAC = 2
TONE_NANG = 5
# Stop codas (-c, -ch, -p, -t) only carry the sắc or nặng tone.
STOP_CODA_TONES: tuple[int, ...] = (TONE_SAC, TONE_NANG)
STOP_CODAS: tuple[str, ...] = ("ch", "c", "p", "t")

# Vowel modifiers (as combining characters) and the stroke of đ.
MOD_NONE, MOD_CIRCUMFLEX, MOD_BREVE, MOD_HORN, MOD_STROKE = "", "\u0302", "\u0306", "\u031b", "stroke"
_MOD_MARKS = {MOD_CIRCUMFLEX, MOD_BREVE, MOD_HORN}

VOWELS = frozenset("aăâeêioôơuưy")
# Vowels whose modifier makes them the tone-bearing vowel of a cluster.
MODIFIED_VOWELS = frozenset("ăâêôơư")

ONSETS: tuple[str, ...] = (
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n",
    "ng", "ngh", "nh", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)

# Toneless rhymes (medial + nucleus + coda). "iê" rhymes are written here with "iê";
# spelling turns them into "yê" where no onset precedes.
PLAIN_RHYMES: tuple[str, ...] = (
    # open and semivowel-final rhymes
    "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư",
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi",
    "ua", "ui", "uôi", "ưa", "ưi", "ưu", "ươi", "ươu", "iêu",
    # closed rhymes
    "ac", "ach", "am", "an", "ang", "anh", "ap", "at",
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt",
    "âc", "âm", "ân", "âng", "âp", "ât",
    "ec", "em", "en", "eng", "ep", "et",
    "êch", "êm", "ên", "ênh", "êp", "êt",
    "ich", "im", "in", "inh", "ip", "it",
    "iêc", "iêm", "iên", "iêng", "iêp", "iêt",
    "oc", "om", "on", "ong", "op", "ot", "ooc", "oong",
    "ôc", "ôm", "ôn", "ông", "ôp", "ôt",
    "ơm", "ơn", "ơp", "ơt",
    "uc", "um", "un", "ung", "up", "ut",
    "ưc", "ưng", "ưt", "ưm",
    "uôc", "uôm", "uôn", "uông", "uôt",
    "ươc", "ươm", "ươn", "ương", "ươp", "ươt",
)
# Rhymes with a rounded medial (o/u) before the nucleus.
MEDIAL_RHYMES: tuple[str, ...] = (
    "oa", "oai", "oay", "oe", "oeo",
    "oac", "oach", "oam", "oan", "oang", "oanh", "oap", "oat",
    "oăc", "oăm", "oăn", "oăng", "oăt",
    "oen", "oet",
    "uân", "uâng", "uât", "uây", "uê", "uêch", "uênh", "uơ",
    "uy", "uya", "uyu", "uych", "uynh", "uyt", "uyên", "uyêt",
)
# Onsets that take a medial rhyme ("hoa", "thuỷ", "ngoài", "xuân", "uy").
MEDIAL_ONSETS = frozenset(
    {"", "ch", "d", "đ", "h", "kh", "l", "n", "ng", "nh", "s", "t", "th", "tr", "x"}
)
# "g" only before medial o ("goá"), never before medial u.
MEDIAL_O_ONLY_ONSETS = frozenset({"g"})
# Onsets after which a bare "y" nucleus is written ("kỳ", "lý", "tỷ", "quy", "y").
Y_ONSETS = frozenset({"", "h", "k", "l", "m", "s", "t", "v", "qu"})
FRONT_VOWEL_STARTS = ("e", "ê", "i", "y")
# Open two-vowel clusters whose tone position differs between the two styles.
STYLE_CLUSTERS = frozenset({"oa", "oe", "uy"})
# Repair writes the traditional style ("hòa", "thủy", "ủy"): it is what most of the
# clean plans use, and one spelling per syllable keeps the language model's counts whole.
CANONICAL_OLD_STYLE = True


class CharParts(tuple):
    """(base, modifier, tone) of one lower-case letter; base is an ASCII letter."""

    __slots__ = ()

    def __new__(cls, base: str, mod: str, tone: int) -> "CharParts":
        return tuple.__new__(cls, (base, mod, tone))

    @property
    def base(self) -> str:
        return self[0]

    @property
    def mod(self) -> str:
        return self[1]

    @property
    def tone(self) -> int:
        return self[2]


@lru_cache(maxsize=4096)
def char_parts(char: str) -> CharParts:
    """Split a letter into base, vowel modifier and tone (why: OCR confuses them separately)."""
    lower = char.lower()
    if lower == "đ":
        return CharParts("d", MOD_STROKE, 0)
    decomposed = unicodedata.normalize("NFD", lower)
    base, mod, tone = decomposed[:1], MOD_NONE, 0
    for mark in decomposed[1:]:
        if mark in _MOD_MARKS:
            mod = mark
        elif mark in TONE_MARKS[1:]:
            tone = TONE_MARKS.index(mark)
    return CharParts(base, mod, tone)


def _tone_index(rhyme: str, has_coda: bool, old_style: bool) -> int:
    """Index in ``rhyme`` of the vowel that carries the tone mark."""
    cluster_end = 0
    while cluster_end < len(rhyme) and rhyme[cluster_end] in VOWELS:
        cluster_end += 1
    cluster = rhyme[:cluster_end]
    modified = [i for i, v in enumerate(cluster) if v in MODIFIED_VOWELS]
    if modified:
        return modified[-1]
    if has_coda:
        return len(cluster) - 1
    if len(cluster) == 2 and cluster in STYLE_CLUSTERS:
        return 0 if old_style else 1
    if len(cluster) == 3:
        return 1
    return 0


def _spell(onset: str, rhyme: str) -> tuple[str, int] | None:
    """Toneless spelling of onset + rhyme and the spelled onset's length.

    None if the orthography forbids the pair (c/k/q, g/gh, ng/ngh, gi, qu rules).
    """
    first = rhyme[0]
    if rhyme in MEDIAL_RHYMES:
        if onset in MEDIAL_O_ONLY_ONSETS:
            return (onset + rhyme, len(onset)) if first == "o" else None
        return (onset + rhyme, len(onset)) if onset in MEDIAL_ONSETS else None
    front = rhyme.startswith(FRONT_VOWEL_STARTS)
    if onset in ("c", "g", "ng") and front:
        return None
    if onset in ("k", "gh", "ngh") and not front:
        return None
    if onset == "qu":
        if first in "uưo":
            return None
        if rhyme.startswith("iê") or rhyme in ("inh", "ich", "it"):
            return "quy" + rhyme[1:], 2
        if first == "i":
            return None
        return "qu" + rhyme, 2
    if onset == "gi":
        return ("g" + rhyme, 1) if first == "i" else ("gi" + rhyme, 2)
    if onset == "" and rhyme.startswith("iê"):
        return "y" + rhyme[1:], 0
    return onset + rhyme, len(onset)


def _apply_tone(spelled: str, onset_len: int, tone: int, has_coda: bool, old_style: bool) -> str:
    rhyme = spelled[onset_len:]
    index = onset_len + _tone_index(rhyme, has_coda, old_style)
    return unicodedata.normalize("NFC", spelled[: index + 1] + TONE_MARKS[tone] + spelled[index + 1 :])


def _coda_of(rhyme: str) -> str:
    end = len(rhyme)
    while end > 0 and rhyme[end - 1] not in VOWELS:
        end -= 1
    return rhyme[end:]


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    """Every valid lower-case NFC syllable mapped to its canonical-style spelling."""
    result: dict[str, str] = {}
    for onset in ONSETS:
        for rhyme in PLAIN_RHYMES + MEDIAL_RHYMES:
            spelling = _spell(onset, rhyme)
            if spelling is None:
                continue
            spelled, onset_len = spelling
            coda = _coda_of(rhyme)
            tones = STOP_CODA_TONES if coda in STOP_CODAS else range(len(TONE_MARKS))
            for tone in tones:
                old = _apply_tone(spelled, onset_len, tone, bool(coda), True)
                new = _apply_tone(spelled, onset_len, tone, bool(coda), False)
                preferred = old if CANONICAL_OLD_STYLE else new
                result[old] = result[new] = preferred
    # "y" after y-onsets ("kỳ", "lý", "sỹ", "tỷ", "y") and "quy"/"qui" ("quý", "quì").
    for onset in Y_ONSETS:
        for tone in range(len(TONE_MARKS)):
            spellings = ("quy", "qui") if onset == "qu" else (onset + "y",)
            for spelled in spellings:
                syllable = _apply_tone(spelled, len(onset), tone, False, False)
                result[syllable] = syllable
    return result


@lru_cache(maxsize=1)
def inventory() -> frozenset[str]:
    """Every valid lower-case NFC syllable (both tone-placement styles)."""
    return frozenset(_spellings())


def canonical(syllable: str) -> str:
    """The canonical-style spelling of a valid lower-case syllable ("hoà" -> "hòa")."""
    return _spellings().get(syllable, syllable)


def is_valid_syllable(text: str) -> bool:
    """True if ``text`` (any case, any normal form) is one valid Vietnamese syllable."""
    return nfc(text).lower() in inventory()


def skeleton(text: str) -> str:
    """Folded form of a syllable: ASCII letters only, the key OCR candidates share."""
    return fold(text)


@lru_cache(maxsize=1)
def syllables_by_skeleton() -> dict[str, tuple[str, ...]]:
    """Canonical syllables grouped by skeleton ("thanh" -> thanh, thành, thánh, ...)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for syllable in sorted(set(_spellings().values())):
        groups[skeleton(syllable)].append(syllable)
    return {key: tuple(values) for key, values in groups.items()}


@lru_cache(maxsize=1)
def valid_skeletons() -> frozenset[str]:
    return frozenset(syllables_by_skeleton())


@lru_cache(maxsize=1)
def skeleton_prefixes() -> frozenset[str]:
    """Every prefix of every skeleton: prunes candidate search early."""
    return frozenset(s[:i] for s in valid_skeletons() for i in range(len(s) + 1))
