"""The figures a claim can get wrong (dates, percentages, numbers): find them, compare them.

The grounding guard checks that every figure a generated answer states is stated by a
passage it cites. Dates compare by value, so "ngày 10 tháng 12 năm 2025", "10/12/2025"
and "10/12/2025" are one date; a less precise date ("tháng 12/2025") is supported by a
more precise one, never the reverse (a day the plan does not give is invented).
Percentages and numbers compare by their digits exactly as written: "95 %" is "95%",
but "330" is not "330.681" and "1000" is not "1.000".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kehoach.core.text import fold_aligned, nfc

__all__ = ["Figure", "DateValue", "figures_in", "PassageFigures"]

DateValue = tuple[int | None, int | None, int | None]  # (day, month, year)

_MAX_DAY = 31
_MAX_MONTH = 12
_SLASH = r"\s*/\s*"

# Date patterns over folded text, most specific first; group names say which part is which.
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(p) for p in (
    r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b",
    rf"(?<![\d.,])\b(?P<d>\d{{1,2}})(?:{_SLASH}|[.-])(?P<m>\d{{1,2}})(?:{_SLASH}|[.-])(?P<y>\d{{4}})\b",
    r"\bngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})(?:\s*,?\s*nam\s+(?P<y>\d{4}))?\b",
    rf"\bngay\s+(?P<d>\d{{1,2}}){_SLASH}(?P<m>\d{{1,2}})\b(?!{_SLASH}\d)",
    rf"\bthang\s+(?P<m>\d{{1,2}})\s*(?:nam\s+|/\s*)(?P<y>\d{{4}})\b",
    rf"(?<![\d/.,])\b(?P<m>\d{{1,2}}){_SLASH}(?P<y>\d{{4}})\b",
    rf"\bthang\s+(?P<m>\d{{1,2}})\b(?!{_SLASH}\d)",
))
_PERCENT_RE = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)*)\s*(?:%|phan tram\b)")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Figure:
    """One figure as the text writes it (``text``) and as it is compared (``value``)."""

    kind: str  # "date" | "percent" | "number"
    value: DateValue | str
    text: str
    start: int
    end: int


def _part(match: re.Match[str], name: str) -> int | None:
    if name not in match.re.groupindex:
        return None
    raw = match.group(name)
    return int(raw) if raw else None


def _valid(value: DateValue) -> bool:
    day, month, _ = value
    return (day is None or 1 <= day <= _MAX_DAY) and (month is None or 1 <= month <= _MAX_MONTH)


def _free(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return all(span[1] <= a or span[0] >= b for a, b in taken)


def figures_in(text: str) -> list[Figure]:
    """Dates, then percentages, then the remaining numbers of ``text``, in text order.

    A number inside a date or a percentage is not counted again on its own.
    """
    text = nfc(text)
    folded = fold_aligned(text)
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(folded):
            value = (_part(match, "d"), _part(match, "m"), _part(match, "y"))
            if _valid(value) and _free(match.span(), taken):
                taken.append(match.span())
                found.append(Figure("date", value, text[match.start():match.end()], *match.span()))
    for match in _PERCENT_RE.finditer(folded):
        if _free(match.span(), taken):
            taken.append(match.span())
            found.append(Figure("percent", match.group(1) + "%", text[match.start():match.end()],
                                *match.span()))
    for match in _NUMBER_RE.finditer(folded):
        if _free(match.span(), taken):
            found.append(Figure("number", match.group(0), match.group(0), *match.span()))
    return sorted(found, key=lambda f: f.start)


@dataclass(frozen=True)
class PassageFigures:
    """What one passage states, ready for lookups."""

    dates: tuple[DateValue, ...]
    percents: frozenset[str]
    numbers: frozenset[str]

    @classmethod
    def of(cls, text: str) -> "PassageFigures":
        figures = figures_in(text)
        dates = tuple(f.value for f in figures if f.kind == "date")  # type: ignore[misc]
        percents = frozenset(str(f.value) for f in figures if f.kind == "percent")
        numbers = {str(f.value) for f in figures if f.kind == "number"}
        # The digits of a percentage and the year of a date are also stated as numbers
        # ("đạt 95" is in "đạt 95%"; "năm 2025" is in "10/12/2025"), days and months are not.
        numbers |= {p[:-1] for p in percents}
        numbers |= {str(d[2]) for d in dates if d[2] is not None}
        return cls(dates, percents, frozenset(numbers))

    def states(self, figure: Figure) -> bool:
        if figure.kind == "date":
            return any(_covers(date, figure.value) for date in self.dates)  # type: ignore[arg-type]
        if figure.kind == "percent":
            return figure.value in self.percents
        return str(figure.value) in self.numbers


def _covers(stated: DateValue, claimed: DateValue) -> bool:
    """Every part the claim gives is stated, with the same value."""
    return all(c is None or c == s for c, s in zip(claimed, stated))
