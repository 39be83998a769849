"""Give a line typed in capitals the casing its own document uses.

Titles and issuing bodies are printed in capitals ("CHUYỂN ĐỔI SỐ NĂM 2024 TRÊN ĐỊA BÀN
TỈNH THANH HÓA"); shown to a person they read better as the document writes the same words
in its sentences ("chuyển đổi số năm 2024 trên địa bàn tỉnh Thanh Hóa"). The casing is
learned from the document itself: runs of words found in its mixed-case lines are copied,
single words take their usual casing there, and a word the document never writes in
lower case keeps a capital when it looks like an acronym ("MTQG") or follows a locality
word ("tỉnh ĐIỆN BIÊN" -> "tỉnh Điện Biên").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from kehoach.core.text import fold

__all__ = ["is_upper_text", "Casing", "looks_like_acronym", "capitalise", "LOCALITY_WORDS"]

_UPPER_SHARE = 0.8
_MIN_LETTERS = 3
_TOKEN_RE = re.compile(r"[^\W_]+(?:[/.\-][^\W_]+)*")
_SENTENCE_END = ".!?:;“\"("
_MIN_RUN, _MAX_RUN = 2, 16
# Words that open a locality name ("tỉnh", "thành phố" ...), as written with diacritics.
LOCALITY_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn",
                  "đặc khu", "tp.", "tp")
_SYLLABLE_RE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
                          r"[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$")


def is_upper_text(text: str) -> bool:
    """A line in capitals (a heading, a title, an issuing body), OCR noise tolerated."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= _MIN_LETTERS and sum(c.isupper() for c in letters) >= _UPPER_SHARE * len(letters)


def looks_like_acronym(word: str) -> bool:
    """'UBND', 'MTQG', 'CĐS', 'ATTP' are not Vietnamese syllables; 'SỐ', 'TỈNH' are."""
    letters = fold(word)
    return word.isupper() and len(letters) >= 2 and not _SYLLABLE_RE.match(letters)


def _shouted(word: str) -> bool:
    """A word in capitals inside a sentence that is not an acronym says nothing of its case."""
    return word.isupper() and len(word) > 1 and not looks_like_acronym(word)


def capitalise(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


class Casing:
    """The casing a document gives its words, learned from its mixed-case lines."""

    def __init__(self, reference: str) -> None:
        self._reference = reference
        self._learned = False

    def _learn(self) -> None:
        """Count the document's casings (once, on first use: most plans need none)."""
        if self._learned:
            return
        self._learned = True
        reference = self._reference
        self._forms: dict[str, Counter[str]] = defaultdict(Counter)
        self._words: list[str] = []
        self._initial: list[bool] = []
        cells = (cell for line in reference.splitlines() for cell in line.split("|"))
        for line in cells:
            if is_upper_text(line):
                continue
            previous_end = 0
            for index, match in enumerate(_TOKEN_RE.finditer(line)):
                gap = line[previous_end:match.start()]
                initial = index == 0 or any(c in _SENTENCE_END for c in gap)
                word = match.group(0)
                self._words.append(word)
                self._initial.append(initial)
                if not initial and not _shouted(word):
                    self._forms[word.lower()][word] += 1
                previous_end = match.end()
        self._lowered = [w.lower() for w in self._words]
        self._joined = " " + " ".join(self._lowered) + " "
        self._starts: list[int] = []
        position = 1
        for word in self._lowered:
            self._starts.append(position)
            position += len(word) + 1

    def form(self, word: str) -> str | None:
        """The usual casing of ``word`` in the document's sentences, or None."""
        self._learn()
        forms = self._forms.get(word.lower())
        return forms.most_common(1)[0][0] if forms else None

    def _run(self, words: list[str]) -> list[str | None] | None:
        """The casing of the run of ``words`` where the document writes it, or None."""
        self._learn()
        found = self._joined.find(" " + " ".join(w.lower() for w in words) + " ")
        if found < 0:
            return None
        first = self._starts.index(found + 1)
        copied: list[str | None] = [None if _shouted(w) else w
                                    for w in self._words[first:first + len(words)]]
        if self._initial[first]:
            copied[0] = None  # a sentence-initial capital says nothing about the word
        return copied

    def recase(self, text: str) -> str:
        """``text`` (in capitals) in the casing of the document; punctuation kept."""
        matches = list(_TOKEN_RE.finditer(text))
        words = [m.group(0) for m in matches]
        cased: list[str | None] = [None] * len(words)
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + _MAX_RUN), i + _MIN_RUN - 1, -1):
                copied = self._run(words[i:j])
                if copied is not None:
                    cased[i:j] = copied
                    i = j
                    break
            else:
                i += 1
        in_name = False
        out = []
        for index, word in enumerate(words):
            lower = word.lower()
            choice = cased[index] or self.form(word)
            if choice is None:
                if any(c.isdigit() for c in word) or looks_like_acronym(word):
                    choice = word
                elif in_name:
                    choice = capitalise(word)
                else:
                    choice = lower
            out.append(choice)
            pair = f"{words[index - 1].lower()} {lower}" if index else lower
            following = fold(words[index + 1]) if index + 1 < len(words) else ""
            if lower == "xã" and following == "hoi":
                in_name = False  # "xã hội" (society), not a commune
            elif lower in LOCALITY_WORDS or pair in LOCALITY_WORDS:
                in_name = True
            elif choice[:1].islower():
                in_name = False
        pieces = []
        previous = 0
        for match, word in zip(matches, out):
            pieces.append(text[previous:match.start()])
            pieces.append(word)
            previous = match.end()
        pieces.append(text[previous:])
        return "".join(pieces)
