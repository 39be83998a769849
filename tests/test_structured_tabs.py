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

    views = views_of_index(load_index(os.environ["KEHOACH_TEST_INDEX"]))
    targets, deadlines, units = st.tabs(list(tabs_structured.TAB_TITLES))
    with targets:
        tabs_structured.render_targets(views)
    with deadlines:
        tabs_structured.render_deadlines(views, today=dt.date(2025, 10, 1))
    with units:
        tabs_structured.render_units(views)


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
