"""Split a paragraph into sentences without breaking figures, dates or document numbers."""

from __future__ import annotations

import re

from kehoach.grammar.markers import match_marker

__all__ = ["sentence_spans"]

# A sentence ends at . ! ? followed by a space and something that starts a new sentence
# (a capital, a digit, a quote, a bracket, a list marker). "330.681", "09/9/2025" and
# "46-CT/TU" have no space after their dot and stay whole.
_BOUNDARY_RE = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[A-ZĐÀ-Ỹ0-9\"“(\-+*•])")




def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, whitespace trimmed, covering it in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    # A list marker at the start of a paragraph ("1. ", "1.1. ", "II. ") is not a sentence.
    found = match_marker(text)
    marker_end = len(text) - len(found.rest) if found else 0
    for match in _BOUNDARY_RE.finditer(text):
        if match.start() < marker_end:
            continue
        spans.append((start, match.start() + len(match.group(0).rstrip())))
        start = match.end()
    spans.append((start, len(text)))
    result = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            result.append((a, b))
    return result
