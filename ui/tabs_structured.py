"""The structured tabs: "Chỉ tiêu", "Hạn chót", "Phân công" (UI only; records come from
``extract.views``)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from kehoach.extract.ics import deadlines_to_ics
from kehoach.extract.indicators import PERCENT_KEYS
from kehoach.extract.records import Target
from kehoach.extract.views import StructuredViews

__all__ = ["render_targets", "render_deadlines", "render_units", "TAB_TITLES"]

TAB_TITLES = ("Chỉ tiêu", "Hạn chót", "Phân công")
_ICS_NAME = "han-chot-ke-hoach.ics"


def _target_row(t: Target) -> dict:
    return {"Địa phương": t.locality or t.doc, "Chỉ tiêu": t.indicator,
            "Mức": t.figure_text or "(không nêu số)",
            "Năm": t.year or "", "Kế hoạch": t.doc, "Mục": t.section}


def render_targets(views: StructuredViews) -> None:
    """One indicator side by side across localities; a bar chart when it is in per cent."""
    keyed = [t for t in views.targets if t.indicator_key]
    if not views.targets:
        st.info("Các kế hoạch đã nạp không nêu chỉ tiêu cụ thể nào.")
        return
    counts: dict[str, set[str]] = {}
    for t in keyed:
        counts.setdefault(t.indicator_key, set()).add(t.locality or t.doc)
    options = sorted(counts, key=lambda k: (-len(counts[k]), k))
    key = st.selectbox("Chỉ tiêu", options, key="targets_indicator",
                       format_func=lambda k: f"{k} ({len(counts[k])} địa phương)")
    rows = [t for t in keyed if t.indicator_key == key]
    st.dataframe(pd.DataFrame([_target_row(t) for t in rows]), hide_index=True,
                 width="stretch")
    percent = [t for t in rows if t.unit == "%" and t.value is not None]
    if key in PERCENT_KEYS and percent:
        chart = pd.DataFrame({"Địa phương": [f"{t.locality} ({t.year})" for t in percent],
                              "%": [t.value for t in percent]}).set_index("Địa phương")
        st.bar_chart(chart)
    with st.expander("Trích dẫn"):
        for t in rows:
            st.markdown(f"**{t.locality}** — {t.doc} › {t.section}")
            st.caption(t.passage)
    with st.expander("Tất cả chỉ tiêu"):
        st.dataframe(pd.DataFrame([_target_row(t) for t in views.targets]), hide_index=True,
                     width="stretch")


def render_deadlines(views: StructuredViews, today: dt.date | None = None) -> None:
    """Deadlines in date order, upcoming first, with an .ics download."""
    today = today or dt.date.today()
    ordered = views.deadlines_sorted()
    if not ordered:
        st.info("Các kế hoạch đã nạp không nêu hạn chót ghi ngày cụ thể.")
        return
    upcoming = [d for d in ordered if d.date >= today]
    past = sorted((d for d in ordered if d.date < today), key=lambda d: d.date, reverse=True)
    st.download_button("Tải lịch (.ics)", deadlines_to_ics(ordered), file_name=_ICS_NAME,
                       mime="text/calendar", key="deadlines_ics")
    for title, group in (("Sắp tới", upcoming), ("Đã qua", past)):
        if not group:
            continue
        st.subheader(title)
        for d in group:
            who = f" — **{d.reporter}**" if d.reporter else ""
            to = f" → {d.recipient}" if d.recipient else ""
            st.markdown(f"**{d.date:%d/%m/%Y}** [{d.locality}]{who}{to}: {d.task}")
            st.caption(f"{d.doc} › {d.section}")


def render_units(views: StructuredViews) -> None:
    """Unit -> roles and tasks, plan by plan."""
    docs = sorted({r.doc for r in views.responsibilities})
    if not docs:
        st.info("Các kế hoạch đã nạp không có phần phân công.")
        return
    doc = st.selectbox("Kế hoạch", docs, key="units_doc")
    for r in views.responsibilities:
        if r.doc != doc:
            continue
        with st.expander(f"{r.unit} — {r.role}"):
            for task in r.tasks:
                st.markdown(f"- {task}")
            st.caption(f"{r.locality} · {r.section}")
