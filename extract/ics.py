"""Deadlines as an iCalendar file (all-day events) any calendar application can import.

Each event's SUMMARY is the whole task (long ones end at a word, never mid-word) and a
VALARM reminds ``reminder_days`` before the day, so the file is useful on a phone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping

from icalendar import Alarm, Calendar, Event

from kehoach.core.errors import ConfigError
from kehoach.extract.records import Deadline

__all__ = ["deadlines_to_ics", "event_summary", "DEFAULT_REMINDER_DAYS"]

_PRODID = "-//kehoach//Hạn chót kế hoạch//VI"
# Calendars show about a line; beyond this the summary ends at a word with "…" (the whole
# task is always in the description).
_SUMMARY_CHARS = 400
DEFAULT_REMINDER_DAYS = 3


def _uid(deadline: Deadline) -> str:
    digest = hashlib.sha1(f"{deadline.doc}:{deadline.start}:{deadline.date}".encode()).hexdigest()
    return f"{digest[:16]}@kehoach"


def event_summary(deadline: Deadline, limit: int = _SUMMARY_CHARS) -> str:
    """'[xã A] Báo cáo kết quả …': whole words only."""
    where = deadline.locality or deadline.doc
    text = " ".join(f"[{where}] {deadline.task}".split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"


def _alarm(deadline: Deadline, days: int) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", dt.timedelta(days=-days))
    alarm.add("description", f"Còn {days} ngày đến hạn: {deadline.task}" if days
              else f"Đến hạn hôm nay: {deadline.task}")
    return alarm


def deadlines_to_ics(deadlines: Iterable[Deadline], stamp: dt.datetime | None = None,
                     reminder_days: int = DEFAULT_REMINDER_DAYS,
                     titles: Mapping[str, str] | None = None) -> bytes:
    """An .ics calendar with one all-day event per deadline; the description cites the plan
    (by its title when ``titles`` knows it). ``reminder_days`` (setting
    ``ics_reminder_days``) before each day, a reminder."""
    if reminder_days < 0:
        raise ConfigError(f"Số ngày nhắc trước hạn ({reminder_days}) không hợp lệ: cần 0 trở "
                          "lên (thiết lập KEHOACH_ICS_REMINDER_DAYS).")
    titles = titles or {}
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
        event.add("summary", event_summary(deadline))
        lines = [deadline.task]
        if deadline.reporter:
            lines.append(f"Đơn vị thực hiện: {deadline.reporter}")
        if deadline.recipient:
            lines.append(f"Gửi về: {deadline.recipient}")
        lines.append(f"Nguồn: {titles.get(deadline.doc) or deadline.doc} — {deadline.section}")
        lines.append(f"Trích: {deadline.passage}")
        event.add("description", "\n".join(lines))
        event.add_component(_alarm(deadline, reminder_days))
        calendar.add_component(event)
    return calendar.to_ical()
