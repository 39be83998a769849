"""Structured extraction on plans other than the bundled five, against the hand-checked
fixtures of tests/fixtures/structured-other-provinces (three plans of shared/corpus-other-provinces
and seven of the eval/gen-dev tuning split; none of eval/gen-test).

What the floors mean: the openings hold 13 targets (in two plans) and no deadline or
"Tổ chức thực hiện" assignment. Measured on 2026-12-03 (``python benchmarks/extraction_pr.py
--set other-provinces``): targets precision 9/16 = 0.562, recall 9/13 = 0.692; no deadline and no
unit found. The target floors are those figures less one record's worth, a coarse guard against
a regression on open topics, not a quality claim. For deadlines and units only false records
can be measured here: every dated "Căn cứ…" reference and programme period must stay no deadline.
"""

from __future__ import annotations

import pytest

from benchmarks.extraction_pr import SETS, plan_file, score_set
from kehoach.core.settings import Settings
from kehoach.extract.evaluation import load_fixtures, score_extraction
from kehoach.extract.records import Target
from kehoach.extract.views import StructuredViews

FIXTURES = SETS["other-provinces"]
MIN_TARGET_RECALL = 0.6  # measured 0.692 (9/13); 8/13 = 0.615 still passes
MIN_TARGET_PRECISION = 0.5  # measured 0.562 (9/16)
MIN_TARGETS_MATCHED = 8  # measured 9


def _all_plans_here() -> bool:
    plans_dir = Settings.load().plans_dir
    return all((path := plan_file(d, f, plans_dir)) is not None and path.is_file()
               for d, f in load_fixtures(FIXTURES).items())


@pytest.fixture(scope="module")
def result():
    if not _all_plans_here():
        pytest.skip("shared/corpus-other-provinces is not beside this checkout")
    return score_set(FIXTURES)


def test_fixtures_are_hand_checked_and_name_their_plan():
    fixtures = load_fixtures(FIXTURES)
    assert len(fixtures) == 10
    for doc, fixture in fixtures.items():
        assert fixture["checked"].startswith("hand-checked"), doc
        assert fixture["source"] and fixture["file"].endswith(f"{doc}.txt"), doc
        assert "gen-test" not in fixture["file"], doc
        assert all(t["indicator"].strip() for t in fixture["targets"]), doc


def test_other_provinces_targets_stay_above_the_floor(result):
    targets = result.scores["targets"]
    assert targets.expected == 13
    assert targets.matched >= MIN_TARGETS_MATCHED, targets
    assert targets.recall >= MIN_TARGET_RECALL, targets
    assert targets.precision >= MIN_TARGET_PRECISION, targets


def test_other_provinces_no_false_deadlines_or_units(result):
    assert result.scores["deadlines"].expected == 0 and result.scores["deadlines"].found == 0
    assert result.scores["units"].expected == 0 and result.scores["units"].found == 0


def _target(indicator: str, value: float, year: str | None = "2023", comparator: str = "") -> Target:
    return Target(indicator=indicator, indicator_key=None, value=value, unit="%", comparator=comparator,
                  year=year, locality=None, doc="p", section="", passage=indicator, start=0, end=1)


def _fixture(*targets: dict) -> dict[str, dict]:
    return {"p": {"targets": list(targets), "deadlines": [], "units": []}}


def _want(indicator: str, value: float, year: str = "2023", comparator: str = "") -> dict:
    return {"indicator": indicator, "indicator_key": None, "value": value, "unit": "%",
            "comparator": comparator, "year": year}


def test_open_topic_match_needs_the_indicator_words_whole():
    views = StructuredViews((_target("Cơ cấu kinh tế: khu vực II", 22.3),), (), ())
    # "Khu vực I" is not in "khu vực II"; the figure alone does not match.
    assert score_extraction(views, _fixture(_want("Khu vực I", 22.3)))["targets"].matched == 0
    assert score_extraction(views, _fixture(_want("khu vực II", 22.3)))["targets"].matched == 1
    bare = StructuredViews((_target("22,3%", 22.3),), (), ())
    assert score_extraction(bare, _fixture(_want("khu vực II", 22.3)))["targets"].matched == 0


def test_open_topic_scores_year_and_comparator_over_matches_and_matches_once():
    views = StructuredViews((_target("thuế sản phẩm tăng", 12.5, year=None, comparator="từ ... trở lên"),), (), ())
    score = score_extraction(views, _fixture(_want("thuế sản phẩm", 12.5, comparator="từ ... trở lên"),
                                             _want("thuế sản phẩm", 12.5)))["targets"]
    assert (score.expected, score.found, score.matched) == (2, 1, 1)
    assert (score.year_correct, score.year_total) == (0, 1)
    assert (score.field_correct, score.field_total) == (1, 1)
