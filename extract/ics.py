"""Deadlines as an iCalendar file (all-day events) any calendar application can import."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from icalendar import Calendar, Event

from kehoach.extract.records import Deadline

__all__ = ["deadlines_to_ics"]

_PRODID = "-//kehoach//Hạn chót kế hoạch//VI"
_SUMMARY_CHARS = 120


def _uid(deadline: Deadline) -> str:
    digest = hashlib.sha1(f"{deadline.doc}:{deadline.start}:{deadline.date}".encode()).hexdigest()
    return f"{digest[:16]}@kehoach"


def deadlines_to_ics(deadlines: Iterable[Deadline], stamp: dt.datetime | None = None) -> bytes:
    """An .ics calendar with one all-day event per deadline; the description cites the plan."""
    calendar = Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    stamp = stamp or dt.datetime.now(dt.timezone.utc)
    for deadline in deadlines:
        event = Event()
        event.add("uid", _uid(deadline))
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.date)
        event.add("dtend", deadline.date + dt.timedelta(days=1))
        where = deadline.locality or deadline.doc
        event.add("summary", f"[{where}] {deadline.task}"[:_SUMMARY_CHARS])
        lines = [deadline.task]
        if deadline.reporter:
            lines.append(f"Đơn vị thực hiện: {deadline.reporter}")
        if deadline.recipient:
            lines.append(f"Gửi về: {deadline.recipient}")
        lines.append(f"Nguồn: {deadline.doc} — {deadline.section}")
        lines.append(f"Trích: {deadline.passage}")
        event.add("description", "\n".join(lines))
        calendar.add_component(event)
    return calendar.to_ical()
