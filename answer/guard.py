"""Grounding guard: a generated answer is shown only if its figures are in what it cites.

A wrong number with a confident citation is the worst failure, so a generated answer is
rejected (and the extractive answer shown instead) when:
- it cites a source [n] that was not given to the model;
- it states a date, percentage or number that no passage it cites states (a figure is
  checked against the [n] markers that follow it, up to the next marker);
- it states a figure with no [n] after it, or makes claims without any [n] at all;
- it copies the source markup or the prompt's own rules instead of answering, or is empty
  (small models often echo their prompt, and the rules' "[1]" would pass as a citation);
- it says "not found" while the extractive answerer found a passage that answers.

Words that are not figures (a unit's name, a task) are not checked here; the prompt asks
the model to quote them from the sources.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from kehoach.answer.figures import Figure, PassageFigures, figures_in
from kehoach.core.text import fold, nfc, syllables

__all__ = ["Verdict", "check", "citation_numbers", "ABSTAIN_TEXT"]

# What the prompt tells the model to answer when the sources do not say.
ABSTAIN_TEXT = "Không tìm thấy trong các kế hoạch đã nạp."
_ABSTAIN_FOLDED = "khong tim thay"
_CITATION_RE = re.compile(r"\[\s*(\d+(?:\s*[,;–-]\s*\d+)*)\s*\]")
# Markers between which only these characters stand belong to one group: "[1], [2]".
_GROUP_GAP_RE = re.compile(r"[\s,;]*")
# List markers at the start of a line ("1.", "2)", "-", "a)"): not figures.
_LIST_MARKER_RE = re.compile(r"(?m)^[ \t]*(?:\d{1,2}[.)]|[-*•+]|[a-zđ][.)])[ \t]+")
_SOURCE_TAG_RE = re.compile(r"</?\s*nguon\b", re.IGNORECASE)
_RANGE_LIMIT = 20
# An answer sharing this many consecutive syllables with the prompt's rules is an echo;
# shorter runs ("trong các kế hoạch") occur in honest answers.
_ECHO_SYLLABLES = 8


@dataclass(frozen=True)
class Verdict:
    """The guard's decision on one generated answer."""

    accepted: bool
    reasons: tuple[str, ...]
    cited: tuple[int, ...]  # sources the answer cites that exist, ascending
    abstained: bool  # the answer says the plans do not say


def citation_numbers(marker: str) -> list[int]:
    """'[1]' -> [1]; '[1, 3]' -> [1, 3]; '[2-4]' -> [2, 3, 4]."""
    inner = marker.strip("[] ")
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", inner):
        bounds = [int(b) for b in re.split(r"\s*[–-]\s*", part) if b]
        if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] <= _RANGE_LIMIT:
            numbers.extend(range(bounds[0], bounds[1] + 1))
        else:
            numbers.extend(bounds)
    return numbers


@dataclass(frozen=True)
class _Claim:
    """Answer text up to a group of [n] markers, and the sources those markers name."""

    start: int
    end: int
    cites: tuple[int, ...]


def _claims(text: str) -> tuple[list[_Claim], list[int]]:
    """Split ``text`` at its citation groups; the last claim may cite nothing."""
    claims: list[_Claim] = []
    every: list[int] = []
    start = 0
    group: list[int] = []
    group_start = group_end = None
    for match in _CITATION_RE.finditer(text):
        numbers = citation_numbers(match.group(0))
        every.extend(numbers)
        if group_end is not None and _GROUP_GAP_RE.fullmatch(text[group_end:match.start()]):
            group.extend(numbers)
            group_end = match.end()
            continue
        if group_start is not None:
            claims.append(_Claim(start, group_start, tuple(group)))
            start = group_end  # type: ignore[assignment]
        group, group_start, group_end = list(numbers), match.start(), match.end()
    if group_start is not None:
        claims.append(_Claim(start, group_start, tuple(group)))
        start = group_end  # type: ignore[assignment]
    claims.append(_Claim(start, len(text), ()))
    return claims, every


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every match of ``pattern`` replaced by spaces (offsets kept)."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _echoes(text: str, instructions: str) -> bool:
    """Does ``text`` repeat a run of the prompt's rules (not counting the abstain sentence)?"""
    rules = syllables(fold(instructions).replace(fold(ABSTAIN_TEXT).rstrip("."), " "))
    runs = {tuple(rules[i:i + _ECHO_SYLLABLES]) for i in range(len(rules) - _ECHO_SYLLABLES + 1)}
    said = syllables(text)
    return any(tuple(said[i:i + _ECHO_SYLLABLES]) in runs
               for i in range(len(said) - _ECHO_SYLLABLES + 1))


def check(answer: str, sources: Mapping[int, str], evidence_found: bool = False,
          instructions: str = "") -> Verdict:
    """Judge ``answer`` against ``sources`` (number -> the text the model was given).

    ``evidence_found``: the extractive answerer found a passage that answers, so "not
    found" is not an acceptable answer. ``instructions``: the prompt's fixed text, which
    the answer must not repeat.
    """
    text = nfc(answer).strip()
    if not text:
        return Verdict(False, ("Mô hình trả về câu trả lời rỗng.",), (), False)
    reasons: list[str] = []
    if _SOURCE_TAG_RE.search(fold(text)):
        reasons.append("Câu trả lời chép lại thẻ nguồn <nguon> thay vì trả lời.")
    if instructions and _echoes(text, instructions):
        reasons.append("Câu trả lời chép lại quy tắc của lời nhắc thay vì trả lời.")
    claims, every = _claims(text)
    known = {n for n in every if n in sources}
    for n in dict.fromkeys(every):
        if n not in sources:
            have = ("không có nguồn nào" if not sources else "[1]" if max(sources) == 1
                    else f"[1]–[{max(sources)}]")
            reasons.append(f"Trích dẫn [{n}] không tồn tại (các nguồn: {have}).")
    abstained = _ABSTAIN_FOLDED in fold(text) and not every
    if not every and not abstained:
        reasons.append("Câu trả lời không có trích dẫn [n] nào.")
    if abstained and evidence_found:
        reasons.append("Mô hình trả lời không tìm thấy, nhưng kế hoạch có đoạn trả lời "
                       "(xem câu trả lời trích xuất).")
    checked = _blank(_blank(text, _CITATION_RE), _LIST_MARKER_RE)
    passages = {n: PassageFigures.of(sources[n]) for n in known}
    for claim in claims:
        for figure in figures_in(checked[claim.start:claim.end]):
            reason = _figure_problem(figure, claim, passages)
            if reason:
                reasons.append(reason)
    reasons = list(dict.fromkeys(reasons))
    return Verdict(not reasons, tuple(reasons), tuple(sorted(known)), abstained)


_KIND_WORD = {"date": "Ngày", "percent": "Tỷ lệ", "number": "Số liệu"}


def _figure_problem(figure: Figure, claim: _Claim,
                    passages: Mapping[int, PassageFigures]) -> str | None:
    """Why ``figure`` is not grounded, or None when a passage its claim cites states it."""
    word = _KIND_WORD[figure.kind]
    if not claim.cites:
        return f"{word} “{figure.text}” không có trích dẫn [n] đi kèm."
    cited = [passages[n] for n in claim.cites if n in passages]
    if any(p.states(figure) for p in cited):
        return None
    where = ", ".join(f"[{n}]" for n in claim.cites)
    return f"{word} “{figure.text}” không có trong nguồn {where} được trích."
