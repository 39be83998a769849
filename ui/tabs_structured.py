"""The structured tabs: "Chỉ tiêu", "Hạn chót", "Phân công" (UI only; records come from
``extract.views``, chart grouping from ``extract.charts``).

They follow the sidebar filters, name plans by title, show BHYT and BHXH first, draw one
chart per indicator, population and unit with the value on each bar, and put the value
column first so it stays visible on a phone. Plan text is escaped (``markup.md``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd
import streamlit as st

from kehoach.extract.charts import ChartGroup, chart_groups, indicator_order, plan_titles
from kehoach.extract.ics import DEFAULT_REMINDER_DAYS, deadlines_to_ics
from kehoach.extract.records import Target
from kehoach.extract.views import StructuredViews, views_of_index
from kehoach.ui.markup import md

__all__ = ["render_targets", "render_deadlines", "render_units", "render_tabs", "filter_views",
           "TAB_TITLES"]

TAB_TITLES = ("Chỉ tiêu", "Hạn chót", "Phân công")
_ICS_NAME = "han-chot-ke-hoach.ics"
_BAR_PX, _CHART_PAD_PX = 34, 60


def filter_views(views: StructuredViews, locality: str | None = None,
                 doc_ids: Sequence[str] | None = None) -> StructuredViews:
    """The records the sidebar filters keep (locality exactly, plans by id)."""
    def keep(record) -> bool:  # noqa: ANN001 (Target | Deadline | Responsibility)
        if doc_ids is not None and record.doc not in doc_ids:
            return False
        return not locality or record.locality == locality

    return StructuredViews(tuple(filter(keep, views.targets)), tuple(filter(keep, views.deadlines)),
                           tuple(filter(keep, views.responsibilities)))


def _scope_note(locality: str | None, doc_ids: Sequence[str] | None,
                titles: Mapping[str, str]) -> None:
    parts = []
    if locality:
        parts.append(md(locality))
    if doc_ids:
        parts.append(", ".join(md(titles.get(d, d)) for d in doc_ids))
    if parts:
        st.caption("Theo bộ lọc: " + " · ".join(parts) + " (đổi ở thanh bên).")


def _target_row(t: Target, titles: Mapping[str, str]) -> dict:
    return {"Mức": t.figure_text or "(không nêu số)", "Địa phương": t.locality or t.doc,
            "Năm": t.year or "", "Chỉ tiêu": t.indicator, "Kế hoạch": titles.get(t.doc, t.doc),
            "Mục": t.section}


_COLUMNS = {"Mức": st.column_config.TextColumn("Mức", width="small", pinned=True),
            "Năm": st.column_config.TextColumn("Năm", width="small")}


def _table(rows: list[dict]) -> None:
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", column_config=_COLUMNS)


def _vn(value: float) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _chart(group: ChartGroup) -> alt.Chart:
    suffix = "%" if group.unit == "%" else f" {group.unit}"
    data = pd.DataFrame({
        "Địa phương": [f"{t.locality or t.doc} ({t.year})" if t.year else (t.locality or t.doc)
                       for t in group.targets],
        "Giá trị": [t.value for t in group.targets],
        "Nhãn": [f"{t.comparator + ' ' if t.comparator else ''}{_vn(t.value)}{suffix}"
                 for t in group.targets],
    })
    base = alt.Chart(data).encode(
        y=alt.Y("Địa phương:N", sort="-x", title=None, axis=alt.Axis(labelLimit=0)),
        x=alt.X("Giá trị:Q", title=group.unit,
                scale=alt.Scale(domain=[0, 100]) if group.unit == "%" else alt.Undefined),
        tooltip=["Địa phương", "Nhãn"])
    bars = base.mark_bar(color="#1f5fa8")
    labels = base.mark_text(align="left", dx=4, color="#1b1b1b", fontSize=13).encode(text="Nhãn")
    return (bars + labels).properties(height=_BAR_PX * len(group.targets) + _CHART_PAD_PX)


def render_targets(views: StructuredViews, titles: Mapping[str, str] | None = None) -> None:
    """One indicator side by side across localities; a chart per population and unit."""
    titles = titles or {}
    if not views.targets:
        st.info("Các kế hoạch đã chọn không nêu chỉ tiêu cụ thể nào.")
        return
    keyed = [t for t in views.targets if t.indicator_key]
    counts: dict[str, set[str]] = {}
    for t in keyed:
        counts.setdefault(t.indicator_key, set()).add(t.locality or t.doc)
    options = indicator_order(keyed)
    if options:
        key = st.selectbox("Chỉ tiêu", options, key="targets_indicator",
                           format_func=lambda k: f"{k} ({len(counts[k])} địa phương)")
        rows = [t for t in keyed if t.indicator_key == key]
        _table([_target_row(t, titles) for t in rows])
        for group in chart_groups(rows):
            st.markdown(f"**{md(group.title)}**")
            st.altair_chart(_chart(group), width="stretch")
        with st.expander("Trích dẫn"):
            for t in rows:
                st.markdown(f"**{md(t.locality or t.doc)}** — {md(titles.get(t.doc, t.doc))} › "
                            f"{md(t.section)}")
                st.caption(md(t.passage))
    with st.expander("Tất cả chỉ tiêu"):
        _table([_target_row(t, titles) for t in views.targets])


def render_deadlines(views: StructuredViews, today: dt.date | None = None,
                     titles: Mapping[str, str] | None = None,
                     reminder_days: int = DEFAULT_REMINDER_DAYS) -> None:
    """Deadlines in date order, upcoming first, with an .ics download (with reminders)."""
    titles = titles or {}
    today = today or dt.date.today()
    ordered = views.deadlines_sorted()
    if not ordered:
        st.info("Các kế hoạch đã chọn không nêu hạn chót ghi ngày cụ thể.")
        return
    upcoming = [d for d in ordered if d.date >= today]
    past = sorted((d for d in ordered if d.date < today), key=lambda d: d.date, reverse=True)
    st.download_button("Tải lịch (.ics)", deadlines_to_ics(ordered, reminder_days=reminder_days,
                                                           titles=titles),
                       file_name=_ICS_NAME, mime="text/calendar", key="deadlines_ics",
                       help=f"Mỗi hạn có nhắc trước {reminder_days} ngày.", on_click="ignore")
    for title, group in (("Sắp tới", upcoming), ("Đã qua", past)):
        if not group:
            continue
        st.subheader(title)
        for d in group:
            who = f" — **{md(d.reporter)}**" if d.reporter else ""
            to = f" → {md(d.recipient)}" if d.recipient else ""
            st.markdown(f"**{d.date:%d/%m/%Y}** \\[{md(d.locality or d.doc)}\\]{who}{to}: {md(d.task)}")
            st.caption(f"{md(titles.get(d.doc, d.doc))} › {md(d.section)}")


def render_units(views: StructuredViews, titles: Mapping[str, str] | None = None) -> None:
    """Unit -> roles and tasks, plan by plan (plans named by title)."""
    titles = titles or {}
    docs = sorted({r.doc for r in views.responsibilities}, key=lambda d: titles.get(d, d))
    if not docs:
        st.info("Các kế hoạch đã chọn không có phần phân công.")
        return
    doc = st.selectbox("Kế hoạch", docs, key="units_doc",
                       format_func=lambda d: titles.get(d, d))
    for r in views.responsibilities:
        if r.doc != doc:
            continue
        with st.expander(f"{md(r.unit)} — {md(r.role)}"):
            for task in r.tasks:
                st.markdown(f"- {md(task)}")
            st.caption(f"{md(r.locality or '')} · {md(r.section)}")


def render_tabs(shared, tabs: Sequence, locality: str | None = None,  # noqa: ANN001
                doc_ids: Sequence[str] | None = None) -> None:
    """The three tabs inside ``tabs`` (three st.tabs containers), under the sidebar filters."""
    index = shared.assistant.index
    titles = plan_titles(index.plans)
    views = filter_views(views_of_index(index), locality, doc_ids)
    reminder = shared.assistant.settings.ics_reminder_days
    for container, draw in zip(tabs, (
            lambda: render_targets(views, titles),
            lambda: render_deadlines(views, titles=titles, reminder_days=reminder),
            lambda: render_units(views, titles))):
        with container:
            _scope_note(locality, doc_ids, titles)
            draw()
