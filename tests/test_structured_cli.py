"""`kehoach targets | deadlines | units` on a real index of the bundled plans."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner
from icalendar import Calendar

from kehoach.cli import cli
from kehoach.core.text import fold


def _run(settings, *args: str):
    return CliRunner().invoke(cli, ["--index-dir", str(settings.index_dir), *args])


def test_targets_json_by_topic(built_settings):
    result = _run(built_settings, "targets", "--topic", "BHYT", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {(r["locality"], r["value"]) for r in rows} == {("phường Thạch Khôi", 95.0),
                                                         ("xã Nguyễn Lương Bằng", 100.0)}
    assert all(r["passage"] and r["section"] for r in rows)


def test_targets_csv_by_locality(built_settings):
    result = _run(built_settings, "targets", "--locality", "Kiến An", "--csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 22
    assert {"locality", "indicator_key", "value", "unit", "year"} <= set(rows[0])


def test_deadlines_before_and_ics(built_settings, tmp_path):
    path = tmp_path / "han.ics"
    result = _run(built_settings, "deadlines", "--before", "10/12/2025", "--ics", str(path), "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["date"] for r in rows] == ["2025-09-25", "2025-12-10", "2025-12-10"]
    events = list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    assert len(events) == 3


def test_bad_date_is_a_message_and_exit_2(built_settings):
    result = _run(built_settings, "deadlines", "--before", "31/13/2025")
    assert result.exit_code == 2
    assert "31/13/2025" in result.output and "Traceback" not in result.output


def test_units_filter(built_settings):
    result = _run(built_settings, "units", "--unit", "Văn hóa - Xã hội", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 5  # one per plan; the OCR'd plan writes "Văn hóa — Xã hội"
    assert all("van hoa" in fold(r["unit"]) and "xa hoi" in fold(r["unit"]) for r in rows)
    assert any("chủ trì" in r["role"] for r in rows)


def test_a_day_is_read_by_the_one_date_grammar():
    """`--before` takes a day as plans write it; a day no calendar has is refused."""
    import datetime as dt

    import pytest

    from kehoach.cli.structured_cmd import parse_day
    from kehoach.core.errors import InputError

    for text in ("2025-12-10", "10/12/2025", "10.12.2025", "ngày 10 tháng 12 năm 2025"):
        assert parse_day(text) == dt.date(2025, 12, 10), text
    for text in ("31/02/2025", "tháng 12/2025", "10/12"):
        with pytest.raises(InputError):
            parse_day(text)
