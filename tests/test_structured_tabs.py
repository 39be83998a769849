"""The "Chỉ tiêu", "Hạn chót", "Phân công" tabs, run by Streamlit's AppTest over a real
index of the bundled plans."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

_TIMEOUT = 120


def _tabs_script() -> None:
    import datetime as dt
    import os

    import streamlit as st

    from kehoach.extract.views import views_of_index
    from kehoach.index.store import load_index
    from kehoach.ui import tabs_structured

    from kehoach.extract.charts import plan_titles

    index = load_index(os.environ["KEHOACH_TEST_INDEX"])
    views = tabs_structured.filter_views(views_of_index(index),
                                         os.environ.get("KEHOACH_TEST_LOCALITY") or None)
    titles = plan_titles(index.plans)
    targets, deadlines, units = st.tabs(list(tabs_structured.TAB_TITLES))
    with targets:
        tabs_structured.render_targets(views, titles)
    with deadlines:
        tabs_structured.render_deadlines(views, today=dt.date(2025, 10, 1), titles=titles)
    with units:
        tabs_structured.render_units(views, titles)


@pytest.fixture()
def app(built_settings, monkeypatch):
    monkeypatch.setenv("KEHOACH_TEST_INDEX", str(built_settings.index_dir))
    at = AppTest.from_function(_tabs_script, default_timeout=_TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at


def test_three_tabs(app):
    assert [t.label for t in app.tabs] == ["Chỉ tiêu", "Hạn chót", "Phân công"]


def test_targets_side_by_side_with_bar_chart(app):
    box = app.selectbox(key="targets_indicator")
    box.set_value("tỷ lệ dân số tham gia BHYT").run()
    table = app.dataframe[0].value
    assert set(table["Địa phương"]) == {"phường Thạch Khôi", "xã Nguyễn Lương Bằng"}
    assert set(table["Mức"]) == {"95%", "đạt 100%"}
    assert app.get("arrow_vega_lite_chart") or app.get("vega_lite_chart")


def test_bhyt_first_value_column_first_one_chart_per_population(app):
    assert app.selectbox(key="targets_indicator").value == "tỷ lệ dân số tham gia BHYT"
    assert list(app.dataframe[0].value.columns)[:2] == ["Mức", "Địa phương"]
    app.selectbox(key="targets_indicator").set_value("tỷ lệ tham gia BHXH").run()
    titles = [m.value for m in app.markdown if m.value.startswith("**tỷ lệ tham gia BHXH")]
    # Kiến An's people, Thạch Khôi's workers, Nguyễn Lương Bằng's workforce: three charts.
    assert len(titles) == 3 and len(set(titles)) == 3
    charts = app.get("arrow_vega_lite_chart") or app.get("vega_lite_chart")
    assert len(charts) == 3


def test_tabs_follow_the_locality_filter(built_settings, monkeypatch):
    monkeypatch.setenv("KEHOACH_TEST_INDEX", str(built_settings.index_dir))
    monkeypatch.setenv("KEHOACH_TEST_LOCALITY", "phường Kiến An")
    at = AppTest.from_function(_tabs_script, default_timeout=_TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    shown = at.selectbox(key="targets_indicator")
    assert shown.value == "tỷ lệ tham gia BHXH"  # Kiến An gives no BHYT target
    assert set(at.dataframe[0].value["Địa phương"]) == {"phường Kiến An"}
    units = at.selectbox(key="units_doc")
    # One plan of Kiến An, named by its title, not its file name.
    assert len(units.options) == 1 and units.options[0].startswith("Kế hoạch")
    assert "kien-an" not in units.options[0]


def test_deadlines_upcoming_first(app):
    headers = [h.value for h in app.subheader]
    assert headers == ["Sắp tới", "Đã qua"]
    dates = [m.value[2:12] for m in app.markdown if re.match(r"\*\*\d\d/\d\d/\d{4}\*\*", m.value)]
    # today = 1/10/2025: the December deadlines come first, in date order, then 25/9.
    assert dates == ["10/12/2025", "10/12/2025", "15/12/2025", "15/12/2025", "25/09/2025"]
    assert app.get("download_button")


def test_units_per_plan(app):
    box = app.selectbox(key="units_doc")
    box.set_value("kien-an_ke-hoach-dot-thi-dua-2025").run()
    labels = [e.label for e in app.expander]
    assert any(label.startswith("phòng Văn hoá - Xã hội") for label in labels)


def test_app_has_chat_and_structured_tabs(built_settings, monkeypatch):
    """The real app.py (model, index, sidebar) opens on the four tabs."""
    monkeypatch.setenv("KEHOACH_INDEX_DIR", str(built_settings.index_dir))
    monkeypatch.setenv("KEHOACH_PLANS_DIR", str(built_settings.plans_dir))
    at = AppTest.from_file(str(Path(__file__).parent.parent / "app.py"), default_timeout=_TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    assert [t.label for t in at.tabs][:4] == ["Hỏi đáp", "Chỉ tiêu", "Hạn chót", "Phân công"]
    assert at.get("download_button")
