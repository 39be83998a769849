"""The .ics export (parsed back with icalendar: whole summaries, a VALARM before each
deadline) and the chart grouping (never two populations or units on one axis)."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from kehoach.core.errors import ConfigError
from kehoach.extract.charts import chart_groups, indicator_order, population_of
from kehoach.extract.ics import deadlines_to_ics, event_summary
from kehoach.extract.records import Deadline, Target

LONG_TASK = ("Báo cáo kết quả thực hiện phong trào thi đua và đề xuất khen thưởng các tập thể, "
             "cá nhân có thành tích xuất sắc trong công tác bảo hiểm xã hội, bảo hiểm y tế toàn "
             "dân năm 2025 gửi về Ủy ban nhân dân qua Phòng Văn hóa - Xã hội để tổng hợp, trình "
             "Hội đồng Thi đua - Khen thưởng xem xét theo quy định hiện hành của nhà nước")


def _deadline(task: str, day: dt.date = dt.date(2025, 12, 10)) -> Deadline:
    return Deadline(task=task, date=day, reporter="Các ban, ngành", recipient="UBND xã",
                    locality="xã Nguyễn Lương Bằng", doc="nlb-23", section="IV › 2",
                    passage=task, start=0, end=len(task))


def _events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_summary_whole_and_a_reminder_before_each_deadline() -> None:
    short = "Gửi báo cáo sơ kết 6 tháng"
    data = deadlines_to_ics([_deadline(short), _deadline(LONG_TASK, dt.date(2025, 12, 15))],
                            reminder_days=5, titles={"nlb-23": "Kế hoạch số 23/KH-UBND"})
    first, second = _events(data)
    assert str(first.get("summary")) == f"[xã Nguyễn Lương Bằng] {short}"
    long_summary = str(second.get("summary"))
    assert long_summary == f"[xã Nguyễn Lương Bằng] {LONG_TASK}"  # 340 characters: not cut
    for event in (first, second):
        [alarm] = event.walk("VALARM")
        assert str(alarm.get("action")) == "DISPLAY"
        assert alarm.decoded("trigger") == dt.timedelta(days=-5)
        assert "đến hạn" in str(alarm.get("description"))
        assert "Nguồn: Kế hoạch số 23/KH-UBND — IV › 2" in str(event.get("description"))


def test_a_very_long_task_ends_at_a_word() -> None:
    task = " ".join([LONG_TASK] * 3)
    summary = event_summary(_deadline(task), limit=120)
    assert summary.endswith("…") and len(summary) <= 120
    words = summary[:-1].split()
    full = f"[xã Nguyễn Lương Bằng] {task}".split()
    assert words == full[:len(words)]  # every word whole, in order


def test_negative_reminder_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="KEHOACH_ICS_REMINDER_DAYS"):
        deadlines_to_ics([_deadline("x")], reminder_days=-1)


def _target(indicator: str, key: str, value: float | None, unit: str | None, locality: str,
            year: str = "2025") -> Target:
    return Target(indicator=indicator, indicator_key=key, value=value, unit=unit, comparator="",
                  year=year, locality=locality, doc=f"{locality}-kh", section="II",
                  passage=indicator, start=0, end=1)


def test_one_chart_per_indicator_population_and_unit() -> None:
    bhxh = "tỷ lệ tham gia BHXH"
    targets = [
        _target("Tỷ lệ người dân tham gia BHXH", bhxh, 95.08, "%", "phường Kiến An"),
        _target("người lao động tham gia bảo hiểm xã hội", bhxh, 55.02, "%", "phường Thạch Khôi"),
        _target("Tỷ lệ lao động trong độ tuổi tham gia BHXH đến năm 2030", bhxh, 60, "%",
                "xã Nguyễn Lương Bằng", "2030"),
        _target("Số người lao động tham gia BHXH", bhxh, 1200, "người", "xã Cẩm Giang"),
        _target("người lao động tham gia BHXH bắt buộc", bhxh, 70, "%", "xã Cẩm Giang"),
        _target("Tỷ lệ tham gia BHXH giữ vững", bhxh, None, None, "xã Cẩm Giang"),
    ]
    groups = chart_groups(targets)
    assert [(g.population, g.unit, len(g.targets)) for g in groups] == [
        ("dân số", "%", 1), ("người lao động", "%", 2), ("lao động trong độ tuổi", "%", 1),
        ("người lao động", "người", 1)]
    for group in groups:  # one quantity and one population per axis
        assert len({t.unit for t in group.targets}) == 1
        assert len({population_of(t.indicator) for t in group.targets}) == 1
    assert groups[1].title == "tỷ lệ tham gia BHXH — người lao động (%)"


def test_bhyt_and_bhxh_first() -> None:
    targets = [_target("gia đình văn hóa", "gia đình văn hóa", 90, "%", f"xã {i}") for i in "ABC"]
    targets += [_target("BHXH", "tỷ lệ tham gia BHXH", 50, "%", "xã A"),
                _target("BHYT", "tỷ lệ dân số tham gia BHYT", 95, "%", "xã A")]
    assert indicator_order(targets) == ["tỷ lệ dân số tham gia BHYT", "tỷ lệ tham gia BHXH",
                                        "gia đình văn hóa"]
