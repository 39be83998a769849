"""Every way a Vietnamese plan writes a date or a period, read by one grammar.

"ngày 10 tháng 02 năm 2025", "10/02/2025", "10-02-2025", "10.02.2025", "2025-02-10",
"ngày 10/02" (no year), "tháng 5/2024", "tháng 5 năm 2024", "tháng 5", "quý IV/2025",
"6 tháng đầu năm 2025", "năm 2025", "cuối năm 2025", "giai đoạn 2021 - 2025",
"tầm nhìn 2030", "từ đầu năm", and the OCR'd folded forms ("ngay 19 thang9 ndm 2025",
"ngay  thang 9 nam 2025" with the day left blank). Matching runs on ``fold_aligned`` text,
so every offset is an offset into the original text; a mention that is not a real date
(31/4/2025, tháng 13) is not a date. Numbers inside document references ("Nghị định số
02/2019/NĐ-CP") are not dates.

``DateMention.covers`` is the comparison the grounding guard needs: a less precise claim
("tháng 12/2025", "quý IV/2025", "năm 2025") is supported by a more precise statement
("ngày 10/12/2025"), never the reverse (a day the text does not give would be invented).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from kehoach.core.text import fold, fold_aligned, nfc

__all__ = ["DateMention", "Period", "find_dates", "find_periods", "date_at", "parse_date", "aligned_nfc",
           "PRECISIONS", "ROMAN_QUARTERS", "DEADLINE_CUES", "END_CUES", "POINT_PRECISIONS", "goal_years",
           "without_periods", "without_end_cues", "states_time_frame", "dateline", "continues_date",
           "names_year", "event_days"]

# day: a calendar day ("ngày 10/02" may lack its year); month; period: a run of months
# ("6 tháng đầu năm 2025" = months 1-6); quarter; year; range: years ("giai đoạn 2021 - 2025");
# relative: a point named without its year ("từ đầu năm", "cuối năm nay").
PRECISIONS = ("day", "month", "period", "quarter", "year", "range", "relative")
# Precisions that name a time (not only a year or a span of years): what "has a date" means.
POINT_PRECISIONS = ("day", "month", "period", "quarter", "relative")
# Cues that make a date a due date ("trước ngày 10/12/2025"); "đến hết tháng 12" is a frame.
DEADLINE_CUES = ("truoc", "cham nhat", "cham nhat la", "han chot", "han chot la", "thoi han",
                 "thoi han la")
# Cues that make a mention the end of a time: a due date, or the end of a time frame ("đến
# ngày 23/8/2014", "đến hết tháng 12", "cuối tháng 7/2015, 100% hộ …"): what "đến khi nào",
# "kéo dài đến ngày nào" ask. A dateline ("Ngày 13/8/2014, UBND … tổ chức Hội nghị") is none.
END_CUES = ("den", "den het", "het", "toi", "cuoi", *DEADLINE_CUES)
# Cues that open a time frame ("từ ngày 16/8/2014 …", "bắt đầu từ", "kể từ").
_START_CUES = ("tu", "ke tu", "bat dau tu")
ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_PARTS = {"dau": "đầu", "giua": "giữa", "cuoi": "cuối"}
_MIN_YEAR, _MAX_YEAR = 1800, 2099
_MAX_RANGE_YEARS = 50

_Y = r"(?:18|19|20)\d\d"
_NAM = r"n[a-z]{1,2}m"          # "năm"; OCR'd "ndm", "nim", "niam"
_THANG_OCR = r"th[aeo]ng"       # "tháng"; OCR'd "théng" (only after "ngày <day>")
# A number followed by "/letters" is a document number ("02/2019/NĐ-CP"), not a date.
_NOT_DOCREF = r"(?![\d]|\s*/\s*[a-z0-9])"

# Words just before a date that say how it is used ("trước ngày", "đến hết tháng 12").
_CUE_RE = re.compile(
    r"(?:^|[^a-z])(?P<cue>cham nhat(?: la)?|han chot(?: la)?|thoi han(?: la)?|truoc|den het"
    r"|den|ke tu|bat dau tu|tu|trong|sau|vao|het|toi|cuoi)\s*(?:ngay\s*)?$"
)
_CUE_LOOKBACK = 24
_SO_BEFORE_RE = re.compile(r"(?:^|[^a-z])so\s*:?\s*$")
_EVERY_BEFORE_RE = re.compile(r"(?:^|[^a-z])(?:hang|moi)\s*$")


@dataclass(frozen=True)
class DateMention:
    """One date or period as written (``text``, ``start``/``end`` in the original text).

    Unknown parts are None. ``part`` is "đầu"/"giữa"/"cuối" ("cuối năm 2025");
    ``cue`` the folded word before the mention ("truoc", "cham nhat", "den het", "tu" ...)
    at ``cue_start``, so a caller can tell a deadline ("trước ngày") from a time frame.
    """

    start: int
    end: int
    text: str
    precision: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    quarter: int | None = None
    month_end: int | None = None
    year_end: int | None = None
    part: str | None = None
    cue: str | None = None
    cue_start: int | None = None

    @property
    def is_deadline(self) -> bool:
        """Written as a due date: "trước/chậm nhất/hạn chót/thời hạn <date>"."""
        return self.cue in DEADLINE_CUES

    @property
    def is_end(self) -> bool:
        """Written as the end of a time: a due date or "đến (hết) / cuối <date>"."""
        return self.cue in END_CUES

    @property
    def value(self) -> tuple[int | None, int | None, int | None]:
        """(day, month, year), the shape answer/figures.py compares."""
        return self.day, self.month, self.year

    def to_date(self) -> dt.date | None:
        """The calendar date, for a day with its year; else None."""
        if self.precision == "day" and self.year is not None:
            return dt.date(self.year, self.month, self.day)  # type: ignore[arg-type]
        return None

    @property
    def iso(self) -> str | None:
        """'2025-02-10', '2025-02', '2025-Q4', '2025', '2025-01/2025-06', '2021/2025'."""
        if self.year is None:
            return None
        if self.precision == "day":
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.precision == "month":
            return f"{self.year:04d}-{self.month:02d}"
        if self.precision == "quarter":
            return f"{self.year:04d}-Q{self.quarter}"
        if self.precision == "period":
            return f"{self.year:04d}-{self.month:02d}/{self.year:04d}-{self.month_end:02d}"
        if self.precision == "range":
            return f"{self.year:04d}/{self.year_end:04d}"
        if self.precision == "year":
            return f"{self.year:04d}"
        return None

    @property
    def interval(self) -> tuple[dt.date, dt.date] | None:
        """First and last calendar day the mention spans (None without a year)."""
        if self.year is None or self.precision == "relative":
            return None
        if self.precision == "day":
            day = self.to_date()
            return (day, day) if day else None
        first_month, last_month, last_year = 1, 12, self.year
        if self.precision == "month":
            first_month = last_month = self.month  # type: ignore[assignment]
        elif self.precision == "quarter":
            first_month, last_month = 3 * self.quarter - 2, 3 * self.quarter  # type: ignore[operator]
        elif self.precision == "period":
            first_month, last_month = self.month, self.month_end  # type: ignore[assignment]
        elif self.precision == "range":
            last_year = self.year_end  # type: ignore[assignment]
        last_day = calendar.monthrange(last_year, last_month)[1]
        return dt.date(self.year, first_month, 1), dt.date(last_year, last_month, last_day)

    def display(self) -> str:
        """The mention the way plans write it: '10/2/2025', 'tháng 5/2024', 'quý IV/2025'."""
        year = f"/{self.year}" if self.year is not None else ""
        if self.precision == "day":
            return f"{self.day}/{self.month}{year}"
        if self.precision == "month":
            return f"tháng {self.month}{year}"
        if self.precision == "quarter":
            return f"quý {_ROMAN[self.quarter]}{year}"  # type: ignore[index]
        if self.precision == "period":
            if not re.search(r"\b(?:dau|cuoi) nam\b", fold_aligned(self.text)):
                return f"tháng {self.month} - {self.month_end}{year}"
            months = self.month_end - self.month + 1  # type: ignore[operator]
            where = "đầu" if self.month == 1 else "cuối"
            return f"{months} tháng {where} năm" + (f" {self.year}" if self.year else "")
        if self.precision == "range":
            return f"{self.year} - {self.year_end}"
        if self.precision == "year":
            return (f"{self.part} " if self.part else "") + f"năm {self.year}"
        return self.text

    def covers(self, claim: "DateMention") -> bool:
        """Does this (stated) mention support ``claim``? Every part the claim gives must be
        stated with the same value; a quarter is stated by any day or month inside it.
        A range, a period or a relative mention supports only the same one."""
        if claim.precision in ("range", "period", "relative"):
            return _key(self) == _key(claim)
        if self.precision in ("range", "period", "relative"):
            return False
        if claim.part is not None and claim.part != self.part:
            return False
        if claim.year is not None and claim.year != self.year:
            return False
        if claim.precision == "quarter":
            stated = self.quarter or (None if self.month is None else (self.month - 1) // 3 + 1)
            return stated == claim.quarter
        if claim.month is not None and claim.month != self.month:
            return False
        return claim.day is None or claim.day == self.day


def _key(mention: DateMention) -> tuple[object, ...]:
    if mention.precision == "relative":
        return ("relative", " ".join(fold_aligned(mention.text).split()))
    return (mention.precision, mention.day, mention.month, mention.year, mention.quarter,
            mention.month_end, mention.year_end, mention.part)


def _int(match: re.Match[str], *names: str) -> int | None:
    for name in names:
        if name in match.re.groupindex and match.group(name):
            return int(match.group(name))
    return None


def _valid_day(day: int, month: int, year: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    last = calendar.monthrange(year if year is not None else 2024, month)[1]  # 2024: leap
    return 1 <= day <= last


def _year_ok(year: int | None) -> bool:
    return year is None or _MIN_YEAR <= year <= _MAX_YEAR


Parts = dict[str, object]
_Builder = Callable[[re.Match[str], str], "Parts | None"]


def _day(match: re.Match[str], folded: str) -> Parts | None:
    day, month, year = _int(match, "d", "d2"), _int(match, "m", "m2", "m3"), _int(match, "y")
    if month is None or not _year_ok(year):
        return None
    if day is None:  # "ngày    tháng 9 năm 2025": the day left blank
        if year is None or not 1 <= month <= 12:
            return None
        return {"precision": "month", "month": month, "year": year}
    if match.groupdict().get("d2") and year is None:
        return None  # "3 tháng 6" without "ngày" or a year is not a date
    if not _valid_day(day, month, year):
        return {}  # "ngày 32 tháng 1 năm 2025": not a date, and no month inside it either
    return {"precision": "day", "day": day, "month": month, "year": year}


def _month(match: re.Match[str], folded: str) -> Parts | None:
    month, year = _int(match, "m"), _int(match, "y")
    if month is None or not 1 <= month <= 12 or not _year_ok(year):
        return None
    before = folded[max(0, match.start() - 8):match.start()]
    if _SO_BEFORE_RE.search(before) or _EVERY_BEFORE_RE.search(before):
        return None  # "số 05/2022", "hằng tháng 2 lần"
    return {"precision": "month", "month": month, "year": year}


def _period(match: re.Match[str], folded: str) -> Parts | None:
    months, year = _int(match, "n"), _int(match, "y")
    if months is None or not 1 <= months <= 11 or not _year_ok(year):
        return None
    if match.group("part") == "dau":
        return {"precision": "period", "month": 1, "month_end": months, "year": year}
    return {"precision": "period", "month": 13 - months, "month_end": 12, "year": year}


def _months(match: re.Match[str], folded: str) -> Parts | None:
    first, last, year = _int(match, "m"), _int(match, "m2"), _int(match, "y")
    if first is None or last is None or not 1 <= first < last <= 12 or not _year_ok(year):
        return None
    return {"precision": "period", "month": first, "month_end": last, "year": year}


def _quarter(match: re.Match[str], folded: str) -> Parts | None:
    year = _int(match, "y")
    if not _year_ok(year):
        return None
    return {"precision": "quarter", "quarter": ROMAN_QUARTERS[match.group("q")], "year": year}


def _range(match: re.Match[str], folded: str) -> Parts | None:
    first, last = _int(match, "y"), _int(match, "y2")
    if first is None or last is None or not first < last <= first + _MAX_RANGE_YEARS:
        return None
    return {"precision": "range", "year": first, "year_end": last}


def _year(match: re.Match[str], folded: str) -> Parts | None:
    year = _int(match, "y")
    part = match.groupdict().get("part")
    return {"precision": "year", "year": year, "part": _PARTS[part] if part else None}


def _relative(match: re.Match[str], folded: str) -> Parts | None:
    if not match.group("nay") and _cue(folded, match.start()) is None:
        return None  # "đầu năm" needs "từ/đến/trước …" or "… nay" to be a time
    return {"precision": "relative", "part": _PARTS[match.group("part")]}


# The parts of the day a news item's date may follow, as written ("Sáng 16/4").
_PARTS_OF_DAY = frozenset({"sáng", "chiều", "trưa", "tối", "đêm", "chieu", "trua"})

_PATTERNS: tuple[tuple[re.Pattern[str], _Builder], ...] = tuple(
    (re.compile(pattern), builder) for pattern, builder in (
        (rf"(?<![\d/.])(?P<y>{_Y})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?!\d)", _day),
        (rf"(?:(?<![a-z])ngay\s*)?(?<![\d.,/])(?P<d>\d{{1,2}})"
         rf"(?:\s*/\s*(?P<m>\d{{1,2}})\s*/\s*|-(?P<m2>\d{{1,2}})-|\.(?P<m3>\d{{1,2}})\.)"
         rf"(?P<y>{_Y}){_NOT_DOCREF}", _day),
        (rf"(?:(?<![a-z])ngay\s*(?P<d>\d{{1,2}})?|(?<![\d.,/])(?P<d2>\d{{1,2}}))(?!\d)\s*,?\s*"
         rf"{_THANG_OCR}\s*(?P<m>\d{{1,2}})(?!\d)(?:\s*,?\s*{_NAM}\s*(?P<y>{_Y}))?(?!\d)", _day),
        # "ngày 10/02", and "ngày 25-10" as newspapers write it, the year left to context;
        # a news item's "Sáng 16/4, …", "chiều 17-1": a part of the day names a day too
        # (spelled so: "chuyển sang 3/4 diện tích" is none, ``_PARTS_OF_DAY``).
        (r"(?<![a-z])(?:ngay\s*|(?P<pod>sang|chieu|trua|toi|dem)\s+)(?P<d>\d{1,2})\s*(?:/\s*(?P<m>\d{1,2})(?!\s*/?\s*\d)"
         r"|-(?P<m2>\d{1,2})(?!\s*[-/]?\s*\d))", _day),
        (rf"(?<![\d.,])(?P<n>\d{{1,2}})\s+thang\s+(?P<part>dau|cuoi)\s+nam(?:\s+(?P<y>{_Y}))?(?!\d)",
         _period),
        (rf"(?<![a-z])quy\s+(?P<q>iv|iii|ii|i|[1-4])(?![a-z\d])"
         rf"(?:\s*(?:/\s*|,?\s*nam\s+)(?P<y>{_Y})(?!\d))?", _quarter),
        (rf"(?<![a-z])thang\s*(?P<m>\d{{1,2}})\s*(?:-|–|den(?:\s+thang)?)\s*(?P<m2>\d{{1,2}})(?!\d)"
         rf"(?:\s*(?:/\s*|,?\s*nam\s+)(?P<y>{_Y}))?{_NOT_DOCREF}", _months),
        (rf"(?<![a-z])thang\s*(?P<m>\d{{1,2}})(?:\s*/\s*|\s*-\s*|\.|\s*,?\s*nam\s+)(?P<y>{_Y})"
         rf"{_NOT_DOCREF}", _month),
        (rf"(?<![\d/.,])(?P<m>\d{{1,2}})\s*/\s*(?P<y>{_Y})(?![\d]|\s*/\s*[a-z0-9]|\s*-\s*[a-z])",
         _month),
        (rf"(?:(?<![a-z])(?:giai\s+doan|nhiem\s+ky|thoi\s+ky|nam\s+hoc|tu\s+nam|cac\s+nam|nam)\s+)?"
         rf"(?<![\d/.,-])(?P<y>{_Y})\s*(?:-|–|—|den(?:\s+nam)?)\s*(?P<y2>{_Y})(?![\d/])", _range),
        (rf"(?<![a-z])(?:(?P<part>dau|giua|cuoi)\s+)?(?:nam|tam\s+nhin(?:\s+den)?(?:\s+nam)?)\s+"
         rf"(?P<y>{_Y})(?![\d/])", _year),
        (r"(?<![a-z])thang\s+(?P<m>\d{1,2})(?!\d|\s*[/.-]\s*\d|\s*(?:lan|ngay|nam)\b)", _month),
        (r"(?<![a-z])(?P<part>dau|giua|cuoi)\s+(?:nam|thang|quy|ky)(?![a-z])(?!\s+\d)"
         r"(?P<nay>\s+nay)?", _relative),
    )
)


def _cue(folded: str, start: int) -> tuple[str, int] | None:
    window_start = max(0, start - _CUE_LOOKBACK)
    match = _CUE_RE.search(folded[window_start:start])
    if match is None:
        return None
    return " ".join(match.group("cue").split()), window_start + match.start("cue")


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def find_dates(text: str) -> list[DateMention]:
    """Every date and period in ``text``, in text order, with offsets into ``text``.

    Patterns are tried most specific first; a later pattern never takes text an earlier
    one matched ("ngày 10 tháng 02 năm 2025" is one day, not a day, a month and a year).
    """
    normal, starts = aligned_nfc(text)
    if starts is not None:  # not NFC: read the NFC form, give offsets into ``text``
        return [_mapped(m, starts, text) for m in find_dates(normal)]
    folded = fold_aligned(text)
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for pattern, builder in _PATTERNS:
        for match in pattern.finditer(folded):
            start, end = match.span()
            while end > start and folded[end - 1].isspace():
                end -= 1
            if end <= start or _overlaps((start, end), taken):
                continue
            if "pod" in match.re.groupindex and match.group("pod") and \
                    text[match.start("pod"):match.end("pod")].lower() not in _PARTS_OF_DAY:
                continue
            parts = builder(match, folded)
            if parts is None:
                continue
            taken.append((start, end))
            if not parts:
                continue
            cue = _cue(folded, start)
            found.append(DateMention(start=start, end=end, text=text[start:end],
                                     cue=cue[0] if cue else None,
                                     cue_start=cue[1] if cue else None,
                                     **parts))  # type: ignore[arg-type]
    for match in _BARE_LAST_RE.finditer(folded):
        start, end = match.span("last")
        parts = _day(match, folded)
        if parts and not _overlaps((start, end), taken):
            taken.append((start, end))
            found.append(DateMention(start=start, end=end, text=text[start:end], cue=None,
                                     cue_start=None, **parts))  # type: ignore[arg-type]
    return sorted(found, key=lambda m: m.start)


# The last day of a frame whose first is "từ ngày 1": "từ ngày 1 – 31/3", "từ ngày 1/3 đến
# 31/3" ("31/3" alone, with no "ngày", is not read as a date: it may be a share).
_BARE_LAST_RE = re.compile(
    r"(?<![a-z])(?:tu|ke tu|bat dau tu)\s+ngay\s*\d{1,2}(?:\s*/\s*\d{1,2})?\s*"
    r"(?:-|–|(?:den|toi)(?:\s+het)?)\s*(?P<last>(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2}))(?![\d/]|[.,]\d)")


@dataclass(frozen=True)
class Period:
    """A time frame written as its first and last dates ("từ ngày 16/8/2014 đến ngày
    23/8/2014"); ``text`` runs from its opening cue ("từ") to the last date. A first date
    written short takes what it leaves out from the last ("từ ngày 15/9 đến ngày 10/10/2025":
    15/9/2025; "từ ngày 15 đến 22-10-2014": 15/10/2014)."""

    start: int
    end: int
    text: str
    first: DateMention
    last: DateMention

    def display(self) -> str:
        return f"từ {self.first.display()} đến {self.last.display()}"


# Between a period's first and last dates: "đến", "đến hết", "tới", a dash.
_PERIOD_GAP_RE = re.compile(r"\s*,?\s*(?:(?:den|toi)(?:\s+het)?(?:\s+ngay)?|[-–])\s*$")
# "từ ngày 15 đến " / "từ 12 - " / "ngày 12 đến " right before a day: the first day, bare.
_BARE_FIRST_RE = re.compile(r"(?:(?<![a-z])(?P<cue>tu|ke tu|bat dau tu)\s+(?:ngay\s*)?|(?<![a-z])ngay\s*)"
                            r"(?<![\d/.,-])(?P<d>\d{1,2})\s*(?:-|–|(?:den|toi)(?:\s+het)?(?:\s+ngay)?)\s*$")
_BARE_LOOKBACK = 32


def find_periods(text: str) -> list[Period]:
    """Every "từ <date> đến <date>" time frame of ``text``, in order (offsets into ``text``)."""
    normal, starts = aligned_nfc(text)
    if starts is not None:
        return [_mapped_period(p, starts, text) for p in find_periods(normal)]
    folded = fold_aligned(text)
    mentions = find_dates(text)
    periods: list[Period] = []
    used = -1
    for index, last in enumerate(mentions):
        if last.precision not in ("day", "month"):
            continue
        before = mentions[index - 1] if index > 0 else None
        first: DateMention | None = None
        if (before is not None and before.start > used and before.precision == last.precision
                and (before.cue in _START_CUES or before.cue is None)
                and _PERIOD_GAP_RE.fullmatch(folded[before.end:last.start])):
            first = _completed(before, last)
        elif last.precision == "day":
            bare = _BARE_FIRST_RE.search(folded[max(0, last.start - _BARE_LOOKBACK):last.start])
            if bare is not None:
                offset = max(0, last.start - _BARE_LOOKBACK)
                day = int(bare.group("d"))
                if day < (last.day or 0) and (before is None or before.end <= offset + bare.start()):
                    d_start, d_end = offset + bare.start("d"), offset + bare.end("d")
                    first = DateMention(start=d_start, end=d_end, text=text[d_start:d_end],
                                        precision="day", day=day, month=last.month, year=last.year,
                                        cue=bare.group("cue"),
                                        cue_start=offset + bare.start("cue") if bare.group("cue") else None)
        if first is None or (first.to_date() and last.to_date() and first.to_date() > last.to_date()):
            continue
        start = first.cue_start if first.cue in _START_CUES and first.cue_start is not None else first.start
        periods.append(Period(start, last.end, text[start:last.end], first, last))
        used = last.start
    return periods


# "Thời gian thực hiện: …", "thời gian triển khai từ …", "Chiến dịch diễn ra từ …", "kéo dài
# từ …": the words that introduce a time frame, just before its first date.
_FRAME_WORDS_RE = re.compile(r"(?<![a-z])(?:thoi gian|dien ra|keo dai)(?![a-z])")
_FRAME_LOOKBACK = 60


def states_time_frame(text: str) -> bool:
    """Does ``text`` give a time frame ("Thời gian triển khai từ ngày 15/9 đến ngày
    10/10/2025")? Such a sentence is about what the text around it names (the plan, its
    campaign), seldom repeating it: its topic is the plan's."""
    first = next((m for m in find_dates(text) if m.precision in POINT_PRECISIONS), None)
    if first is None:
        return False
    folded = fold_aligned(text)
    return _FRAME_WORDS_RE.search(folded[max(0, first.start - _FRAME_LOOKBACK):first.start]) is not None


# A news item's dateline: "Ngày 03/5, UBND huyện vừa ban hành …", "Sáng ngày 13/02/2025, …".
_DATELINE_LEAD_RE = re.compile(r"\s*(?:[-–•+*]\s*)?(?:(?:sang|chieu|toi|trua|dem)\s+)?$")
_DATELINE_TAIL_RE = re.compile(r"(?:[./-]\s*(?:18|19|20)\d\d)?\s*,")  # "Ngày 13/8.2014," mistyped


def dateline(text: str) -> DateMention | None:
    """The date ``text`` opens with as a dateline ("Ngày 03/5, UBND huyện vừa ban hành Kế
    hoạch …"): when something was done or held, never a due date."""
    first = next(iter(find_dates(text)), None)
    if first is None or first.precision not in ("day", "month"):
        return None
    folded = fold_aligned(text)
    if _DATELINE_LEAD_RE.fullmatch(folded[:first.start]) and _DATELINE_TAIL_RE.match(folded, first.end):
        return first
    return None


def _completed(first: DateMention, last: DateMention) -> DateMention:
    """``first`` with the year it leaves to ``last`` ("từ ngày 15/9 đến ngày 10/10/2025")."""
    from dataclasses import replace

    if first.year is not None or last.year is None:
        return first
    if first.precision == "day" and not _valid_day(first.day or 0, first.month or 0, last.year):
        return first
    return replace(first, year=last.year)


def _mapped_period(period: Period, starts: list[int], text: str) -> Period:
    start, end = starts[period.start], starts[period.end]
    return Period(start, end, text[start:end], _mapped(period.first, starts, text),
                  _mapped(period.last, starts, text))


def aligned_nfc(text: str) -> tuple[str, list[int] | None]:
    """``text`` in NFC and, when that changed it, the offset in ``text`` of each NFC
    character (plus one past the end), so spans found in the NFC form map back."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out: list[str] = []
    starts: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        for char in unicodedata.normalize("NFC", text[i:j]):
            out.append(char)
            starts.append(i)
        i = j
    starts.append(len(text))
    return "".join(out), starts


def _mapped(mention: DateMention, starts: list[int], text: str) -> DateMention:
    from dataclasses import replace

    start, end = starts[mention.start], starts[mention.end]
    cue = None if mention.cue_start is None else starts[mention.cue_start]
    return replace(mention, start=start, end=end, text=text[start:end], cue_start=cue)


def date_at(text: str, position: int, max_gap: int = 3) -> DateMention | None:
    """The date that starts at ``position`` (after at most ``max_gap`` spaces or commas):
    the date right after a cue ("trước <ngày 10/12/2025>", "Nghị quyết số 24 <ngày …>")."""
    lead = len(text) - position - len(text[position:].lstrip(" \t\n,"))
    if lead > max_gap:
        return None
    start = position + lead
    window = text[max(0, start - 12):start + 60]
    offset = max(0, start - 12)
    for mention in find_dates(window):
        if mention.start + offset == start:
            return _shift(mention, offset)
    return None


def _shift(mention: DateMention, offset: int) -> DateMention:
    from dataclasses import replace

    return replace(mention, start=mention.start + offset, end=mention.end + offset,
                   cue_start=None if mention.cue_start is None else mention.cue_start + offset)


def parse_date(text: str) -> DateMention | None:
    """The one date ``text`` consists of ("01/03/2024", "ngày 10 tháng 02 năm 2025")."""
    text = nfc(text)
    stripped = text.strip(" \t\n.,;|")
    offset = text.find(stripped) if stripped else 0
    mentions = find_dates(stripped)
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(stripped):
        return _shift(mentions[0], offset)
    return None


# A year after these words is the baseline a figure is measured against ("giảm 10% so với
# giai đoạn 2016-2020", "tăng so với cùng kỳ năm 2023"), not the year the figure is for.
_BASELINE_RE = re.compile(r"(?:so voi|cung ky)\s*$")
_BASELINE_LOOKBACK = 16


def _goal_mentions(text: str) -> list[DateMention]:
    folded = fold_aligned(text)
    return [m for m in find_dates(text) if m.precision in ("year", "range") and m.year
            and not _BASELINE_RE.search(folded[max(0, m.start - _BASELINE_LOOKBACK):m.start])]


def goal_years(text: str) -> frozenset[int]:
    """The years a phrase sets its figures for: its years and spans of years ("đến năm
    2025", "giai đoạn 2021-2025", "nhiệm kỳ 2020 - 2025"), expanded. A dated document
    ("ngày 13/2/2018") and a baseline ("so với giai đoạn 2016-2020") set none: a target's
    year is how plans tell the figure for 2025 from the one for 2030 under one heading."""
    years: set[int] = set()
    for mention in _goal_mentions(text):
        years.update(range(mention.year, (mention.year_end or mention.year) + 1))
    return frozenset(years)


def names_year(text: str, year: int) -> bool:
    """Does ``text`` write ``year`` itself: alone ("năm 2023"), opening or closing a span
    ("giai đoạn 2021-2025"), in a date ("04/3/2023") or a document's number
    ("13/2024/NĐ-CP")? Unlike ``goal_years``, a dated document counts (the text speaks of
    that year); a year only inside a span (2023 in "2021-2025") does not."""
    return re.search(rf"(?<!\d){year}(?!\d)", text) is not None


def without_periods(text: str) -> str:
    """``text`` less its years and spans of years (with their "năm"/"giai đoạn" word): what
    is left names a topic, the years are checked on their own (``goal_years``)."""
    out, last = [], 0
    for mention in _goal_mentions(text):
        out.append(text[last:mention.start])
        last = mention.end
    out.append(text[last:])
    return " ".join("".join(out).split())


# The words an end is asked or written with ("kéo dài đến hết …", "tới"): the cue of a
# date, never a topic.
_END_WORDS = frozenset({"den", "het", "toi"})


def without_end_cues(text: str) -> str:
    """``text`` less the words that cue an end ("đến", "hết", "tới"): what is left names the
    topic of a question asking when something ends."""
    return " ".join(w for w in text.split() if fold(w) not in _END_WORDS)


def continues_date(before: str, after: str) -> bool:
    """Does a line starting ``after`` finish a date ``before`` ends with ("… ngày 17" +
    "tháng 5 năm 2023 …")? A day or month read only across the break says so."""
    cut = len(before.rstrip())
    joined = f"{before.rstrip()} {after.lstrip()}"
    return any(m.start < cut and m.end > cut + 1 and m.precision in ("day", "month")
               for m in find_dates(joined))


# "Quyết định này có hiệu lực kể từ ngày ký", "… thi hành từ ngày ban hành": a day named by
# the event it is, not by the calendar.
_EVENT_DAY_RE = re.compile(r"(?<![a-z])(?:ke\s+)?tu\s+ngay\s+(?:ky(?:\s+ban\s+hanh)?|ban\s+hanh|cong\s+bo"
                           r"|thong\s+qua)(?![a-z])")


def event_days(text: str) -> list[tuple[int, int]]:
    """Spans of the days ``text`` names by an event ("kể từ ngày ký", "từ ngày ban hành")."""
    return [m.span() for m in _EVENT_DAY_RE.finditer(fold_aligned(text))]
