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
from kehoach.grammar.dates import find_dates
from kehoach.grammar.figures import find_figures

__all__ = ["Figure", "DateValue", "figures_in", "PassageFigures"]

DateValue = tuple[int | None, int | None, int | None]  # (day, month, year)

# The dates compared by value: a day or a month (a year alone is compared as a number).
_DATE_PRECISIONS = ("day", "month")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Figure:
    """One figure as the text writes it (``text``) and as it is compared (``value``)."""

    kind: str  # "date" | "percent" | "number"
    value: DateValue | str
    text: str
    start: int
    end: int


def _free(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return all(span[1] <= a or span[0] >= b for a, b in taken)


def figures_in(text: str) -> list[Figure]:
    """Dates, then percentages, then the remaining numbers of ``text``, in text order.

    Dates and percentages are read by the one plan grammar (``grammar.dates``,
    ``grammar.figures``); a number inside a date or a percentage is not counted again on
    its own.
    """
    text = nfc(text)
    folded = fold_aligned(text)
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for mention in find_dates(text):
        if mention.precision in _DATE_PRECISIONS:
            taken.append((mention.start, mention.end))
            # Shown as written: "5/12/2025" (digits), "ngày 10 tháng 11 năm 2025" (spelled).
            written = folded[mention.start:mention.end]
            start = mention.start
            if "thang" not in written:
                start += len(written) - len(written.removeprefix("ngay").lstrip())
            found.append(Figure("date", mention.value, text[start:mention.end], start, mention.end))
    for figure in find_figures(text):
        if figure.percent and _free((figure.start, figure.end), taken):
            taken.append((figure.start, figure.end))
            found.append(Figure("percent", figure.number_text + "%", figure.text,
                                figure.start, figure.end))
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
