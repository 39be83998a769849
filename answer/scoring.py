"""How much of a question's topic a sentence covers.

Topic terms are the question's folded syllables and syllable pairs (question words and
place names removed), weighted by how rare they are in the plans (BM25 idf): "bảo hiểm
y tế" counts for much more than "chỉ tiêu". A term found only in the heading a sentence
sits under, or in the plan's title, counts partly. Abbreviations in the sentence count
as their expansion ("BHXH" covers "bảo hiểm xã hội").
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from kehoach.answer.lexicon import (ABBREVIATIONS, GENERIC_TERMS, GENERIC_WEIGHT, NAMED_CONCEPTS,
                            STOP_SYLLABLES)
from kehoach.index.bm25 import BM25Index
from kehoach.core.text import bigrams, phrase_bigrams, syllables

__all__ = ["TopicScorer", "Coverage"]

# A term found in the section path (heading) counts this much; in the plan title, less.
SECTION_CREDIT = 0.6
TITLE_CREDIT = 0.6
# A question word absent from every plan in scope weighs as this many rarest terms.
_MISSING_WORD = 2.0
# Every Vietnamese syllable has one of these; a token without is an abbreviation.
_VOWELS = frozenset("aeiouy")


@dataclass(frozen=True)
class Coverage:
    share: float  # 0..1 of the topic weight
    direct: float  # share found in the sentence itself
    concepts: bool = True  # every named concept of the question is there (BHYT is not BHXH)


# The syllable pairs of every named concept ("bảo hiểm y tế", "bảo hiểm xã hội", …).
_ALL_CONCEPTS = tuple(set(bigrams(syllables(ABBREVIATIONS[short]))) for short in NAMED_CONCEPTS)


def _terms(text: str) -> set[str]:
    units = syllables(text)
    expanded = list(units)
    for unit in units:
        if unit in ABBREVIATIONS:
            expanded.extend(syllables(ABBREVIATIONS[unit]))
    return set(units) | set(bigrams(units)) | set(expanded) | set(bigrams(expanded))


class TopicScorer:
    """Weights of a question's topic terms, and coverage of candidate sentences."""

    def __init__(self, topic: str, bm25: BM25Index, within: Collection[int] | None = None) -> None:
        """``within``: the chunk rows of the plans in scope. Whether a term is there at all
        is then read on those plans alone, so loading other plans cannot change it: a word
        none of them writes weighs as a word no plan writes (it can only be missed), and a
        syllable pair none of them writes is an accident of the question's word order
        ("đề nghị ban hành": "nghị ban"), ignored even when another plan has it ("Hội nghị
        Ban …"). How rare a term the plans do write is stays the library's (BM25 idf)."""
        units = syllables(topic)
        self.weights: dict[str, float] = {}
        max_idf = bm25.idf_max()

        rows = None
        if within is not None:
            rows = np.zeros(bm25.size, dtype=bool)
            rows[np.fromiter(within, dtype=np.int64, count=len(within))] = True

        def absent(term: str) -> bool:
            return rows is not None and not bm25.written_in(term, rows)

        for unit in units:
            if unit in STOP_SYLLABLES:
                continue
            if absent(unit):
                # A word none of the plans in scope writes weighs as one no plan writes,
                # however many other plans of the library write it. A syllable is missing
                # with the pair it makes with its neighbour (ignored, as every pair they
                # lack): it weighs as both. An abbreviation ("cn", "ttcn") is no syllable
                # and may be spelled out there: it weighs once.
                weight = (_MISSING_WORD if _VOWELS & set(unit) else 1.0) * max_idf
            else:
                idf = bm25.idf(unit)
                weight = idf if idf > 0 else max_idf  # a word no plan uses at all
            self.weights[unit] = weight * (GENERIC_WEIGHT if unit in GENERIC_TERMS else 1.0)
        for pair in phrase_bigrams(topic):
            a, b = pair.split("_")
            if a in STOP_SYLLABLES or b in STOP_SYLLABLES:
                continue
            idf = 0.0 if absent(pair) else bm25.idf(pair)
            if idf > 0:  # pairs no plan has are accidents of word order: ignore
                generic = a in GENERIC_TERMS and b in GENERIC_TERMS
                self.weights[pair] = idf * (GENERIC_WEIGHT if generic else 1.0)
        self.total = sum(self.weights.values())
        # Named concepts ("bảo hiểm y tế") must be present whole: sharing "bảo hiểm" with
        # a BHXH sentence is not an answer about BHYT.
        self.concepts = [set(bigrams(syllables(ABBREVIATIONS[short])))
                         for short in NAMED_CONCEPTS if ABBREVIATIONS[short] in topic]

    def coverage(self, sentence: str, section: str = "", title: str = "") -> Coverage:
        if self.total <= 0:
            return Coverage(0.0, 0.0)
        own, heading, named = _terms(sentence), _terms(section), _terms(title)
        direct = partial = 0.0
        for term, weight in self.weights.items():
            if term in own:
                direct += weight
            elif term in heading:
                partial += SECTION_CREDIT * weight
            elif term in named:
                partial += TITLE_CREDIT * weight
        present = own | heading
        # A plan about one named concept only (its title names BHYT and no BHXH, CĐS…)
        # states it for every sentence: "xã A đạt 93,5%" under a BHYT-only plan is BHYT.
        if sum(pairs <= named for pairs in _ALL_CONCEPTS) == 1:
            present = present | named
        concepts = all(pairs <= present for pairs in self.concepts)
        return Coverage((direct + partial) / self.total, direct / self.total, concepts)
