"""Precision and recall of extraction against hand-checked fixtures (one JSON per plan).

A target matches on (plan, indicator_key, value, unit, year); a deadline on (plan, date);
a responsibility on (plan, unit name, folded). Comparators, reporters and recipients are
scored separately, over the matched records, so one misread word does not hide a figure.

A fixture whose targets carry ``indicator`` (the plan's own words for what is measured, as in
tests/fixtures/structured-other-provinces) is scored on open topics: a target matches on
(plan, value, unit) and the fixture's indicator words occurring, whole, in the extracted
indicator; year and comparator are then scored over the matched targets. Matching on
``indicator_key`` there would only reward topics the vocabulary happens to hold.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kehoach.extract.views import StructuredViews
from kehoach.core.text import fold

__all__ = ["Score", "score_extraction", "load_fixtures"]

_VALUE_DIGITS = 2


@dataclass(frozen=True)
class Score:
    expected: int
    found: int
    matched: int
    field_total: int = 0
    field_correct: int = 0
    year_total: int = 0
    year_correct: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def field_accuracy(self) -> float:
        return self.field_correct / self.field_total if self.field_total else 1.0

    @property
    def year_accuracy(self) -> float:
        return self.year_correct / self.year_total if self.year_total else 1.0


def load_fixtures(folder: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob("*.json"))}


def _value(value: float | None) -> float | None:
    return None if value is None else round(float(value), _VALUE_DIGITS)


def _match(expected: list[tuple], found: list[tuple]) -> int:
    return sum((Counter(expected) & Counter(found)).values())


def _words(text: str) -> str:
    """Folded words separated by single spaces, padded, for whole-word containment."""
    return " " + " ".join(re.findall(r"[^\W_]+", fold(text))) + " "


def _open_topic(fixture: dict) -> bool:
    return any("indicator" in t for t in fixture["targets"])


def _score_open_targets(views: StructuredViews, fixtures: dict[str, dict]) -> tuple[int, int, int, int]:
    """(matched, comparators right, years right, found) over open-topic fixtures; each
    extracted target matches at most one expected target."""
    matched = comparators = years = found = 0
    for doc, fixture in fixtures.items():
        got = [t for t in views.targets if t.doc == doc]
        found += len(got)
        free = list(got)
        for want in fixture["targets"]:
            needle = _words(want["indicator"])
            for target in free:
                if (_value(target.value) == _value(want["value"])
                        and fold(target.unit or "") == fold(want["unit"] or "")
                        and needle in _words(target.indicator)):
                    free.remove(target)
                    matched += 1
                    comparators += target.comparator == want["comparator"]
                    years += target.year == want["year"]
                    break
    return matched, comparators, years, found


def score_extraction(views: StructuredViews, fixtures: dict[str, dict]) -> dict[str, Score]:
    """Scores for targets, deadlines and units over the plans the fixtures describe."""
    docs = set(fixtures)
    # Targets: keyed fixtures (the bundled five) and open-topic ones, summed
    keyed = {d: f for d, f in fixtures.items() if not _open_topic(f)}
    open_ = {d: f for d, f in fixtures.items() if _open_topic(f)}
    exp_t = [(d, t["indicator_key"], _value(t["value"]), t["unit"], t["year"])
             for d, f in keyed.items() for t in f["targets"]]
    got = [t for t in views.targets if t.doc in keyed]
    got_t = [(t.doc, t.indicator_key, _value(t.value), t.unit, t.year) for t in got]
    comparators_expected = {(d, t["indicator_key"], _value(t["value"]), t["unit"], t["year"]): t["comparator"]
                            for d, f in keyed.items() for t in f["targets"]}
    matched_keys = set(got_t) & set(exp_t)
    correct = sum(1 for t, key in zip(got, got_t)
                  if key in matched_keys and comparators_expected[key] == t.comparator)
    o_matched, o_comparators, o_years, o_found = _score_open_targets(views, open_)
    o_expected = sum(len(f["targets"]) for f in open_.values())
    targets = Score(len(exp_t) + o_expected, len(got_t) + o_found, _match(exp_t, got_t) + o_matched,
                    len(matched_keys) + o_matched, correct + o_comparators,
                    o_matched, o_years)
    # Deadlines
    exp_d = {(d, x["date"]): x for d, f in fixtures.items() for x in f["deadlines"]}
    got_d = [x for x in views.deadlines if x.doc in docs]
    fields_total = fields_ok = 0
    for x in got_d:
        want = exp_d.get((x.doc, x.date.isoformat()))
        if want is None:
            continue
        for name in ("reporter", "recipient"):
            fields_total += 1
            fields_ok += bool(want[name]) and fold(want[name]) in fold(getattr(x, name) or "")
    deadlines = Score(len(exp_d), len(got_d),
                      _match(list(exp_d), [(x.doc, x.date.isoformat()) for x in got_d]),
                      fields_total, fields_ok)
    # Units
    exp_u = [(d, fold(u)) for d, f in fixtures.items() for u in f["units"]]
    got_u = [(r.doc, fold(r.unit)) for r in views.responsibilities if r.doc in docs]
    units = Score(len(exp_u), len(got_u), _match(exp_u, got_u))
    return {"targets": targets, "deadlines": deadlines, "units": units}
