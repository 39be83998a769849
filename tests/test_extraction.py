"""Structured extraction against hand-checked fixtures (tests/fixtures/structured), read
from the real plan files (OCR repair included)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from kehoach.extract.evaluation import load_fixtures, score_extraction
from kehoach.extract.ics import deadlines_to_ics
from kehoach.grammar.figures import parse_number
from kehoach.extract.views import StructuredViews, paragraphs_of, views_of_plans
from kehoach.ingest.pipeline import load_plan
from kehoach.core.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "structured"
MIN_SCORE = 0.9


@pytest.fixture(scope="module")
def plans():
    settings = Settings.load()
    return [load_plan(p, settings.chunk_max_chars) for p in sorted(settings.plans_dir.glob("*.txt"))]


@pytest.fixture(scope="module")
def views(plans) -> StructuredViews:
    return views_of_plans(plans)


def test_every_plan_has_a_fixture(plans):
    assert {p.meta.doc_id for p in plans} == set(load_fixtures(FIXTURES))


def test_precision_and_recall_against_fixtures(views):
    scores = score_extraction(views, load_fixtures(FIXTURES))
    for kind in ("targets", "deadlines"):
        assert scores[kind].precision >= MIN_SCORE, (kind, scores[kind])
        assert scores[kind].recall >= MIN_SCORE, (kind, scores[kind])
    assert scores["deadlines"].field_accuracy >= MIN_SCORE
    assert scores["units"].recall >= MIN_SCORE


def test_twenty_numbered_targets_all_cited(views):
    doc = "nguyen-luong-bang_ke-hoach-dot-thi-dua-2025"
    mine = [t for t in views.targets if t.doc == doc]
    numbered = {t.section.rsplit("(", 1)[-1].split(")")[0] for t in mine}
    assert numbered == {str(n) for n in range(1, 21)}
    for target in mine:
        assert target.passage and target.section.startswith("II.")


def test_target_offsets_point_into_the_plan(plans, views):
    texts = {p.meta.doc_id: p.text for p in plans}
    for target in views.targets:
        clause = texts[target.doc][target.start:target.end]
        assert clause and clause in target.passage
        if target.value and target.unit == "%":
            assert "%" in clause


def test_named_deadlines(views):
    found = {(d.doc.split("_")[0], d.date) for d in views.deadlines}
    assert ("thach-khoi", dt.date(2025, 9, 25)) in found
    assert ("thach-khoi", dt.date(2025, 12, 10)) in found
    assert ("kien-an", dt.date(2025, 12, 10)) in found
    assert ("kien-an", dt.date(2025, 12, 15)) in found


def test_time_frame_is_not_a_deadline(views):
    # Every plan runs the campaign "đến hết tháng 12 năm 2025": not a dated deadline.
    assert not any(d.date == dt.date(2025, 12, 31) for d in views.deadlines)


def test_percent_indicator_compares_across_localities(views):
    bhyt = views.targets_where(topic="BHYT")
    assert {t.locality for t in bhyt} == {"phường Thạch Khôi", "xã Nguyễn Lương Bằng"}
    assert sorted(t.value for t in bhyt) == [95.0, 100.0]


def test_stored_text_reparses_to_the_same_paragraphs(plans):
    for plan in plans:
        assert tuple(paragraphs_of(plan.text, plan.raw_text)) == plan.paragraphs


@pytest.mark.parametrize("text,value", [("10.712.726,79", 10712726.79), ("1.805", 1805.0),
                                        ("0,67", 0.67), ("55,02", 55.02), ("98", 98.0)])
def test_vietnamese_numbers(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_ics_parses_back_with_icalendar(views):
    data = deadlines_to_ics(views.deadlines_sorted())
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(views.deadlines)
    starts = sorted(e.decoded("dtstart") for e in events)
    assert starts == [d.date for d in views.deadlines_sorted()]
    assert all("Nguồn:" in str(e.get("description")) for e in events)
    assert len({str(e.get("uid")) for e in events}) == len(events)
