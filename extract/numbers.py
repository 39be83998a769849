"""Numbers and dates as Vietnamese plans write them ("10.712.726,79", "10 tháng 12 năm 2025")."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["parse_number", "DATE_RE", "parse_date"]

# Dates on folded text: "25/9/2025", "25-9-2025", "10 thang 12 nam 2025".
DATE_RE = re.compile(
    r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+thang\s+(?P<m2>\d{1,2})\s+nam\s+(?P<y2>\d{4})"
)


def parse_number(text: str) -> float:
    """'10.712.726,79' -> 10712726.79; '1.805' -> 1805; '0,67' -> 0.67.

    A dot followed by exactly three digits groups thousands; a comma is the decimal mark.
    """
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "")
    return float(text.replace(",", "."))


def parse_date(match: re.Match[str]) -> dt.date | None:
    """The date a ``DATE_RE`` match names, or None when it is not a real date."""
    day = match.group("d") or match.group("d2")
    month = match.group("m") or match.group("m2")
    year = match.group("y") or match.group("y2")
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
