"""Figures as Vietnamese plans write them: a number with its unit, whatever the unit is.

"95%", "95,08 %", "100 phần trăm", "330.681 triệu đồng", "1.200 lao động", "12 km",
"05 sự kiện", "30/34 chỉ tiêu", "2 mũi", and ranges: "60 - 70%", "trẻ từ 6-10 tuổi". Numbers use "." for thousands and "," for
decimals. The unit is open: a few multi-word units are known so they are kept whole
("triệu đồng", "doanh nghiệp/1.000 dân"); otherwise it is the next one or two words,
up to a word that starts the rest of the sentence ("đạt", "trở lên", "trên địa bàn").
A number that is a year, a date, a list position or a document number is not a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kehoach.core.text import fold_aligned, nfc
from kehoach.grammar.dates import parse_date

__all__ = ["Figure", "find_figures", "parse_number", "has_unit"]

# Units of more than two words, or whose words would otherwise stop the unit (folded).
_KNOWN_UNITS = ("doanh nghiep/1.000 dan", "trieu dong", "ty dong", "nghin ty dong", "nghin dong",
                "ty usd", "trieu usd", "trieu nguoi", "nghin nguoi", "luot nguoi",
                "khu cong nghiep", "cum cong nghiep", "nha da nang")
# Words that end a unit: they begin what the sentence says next (lower case, accented, so
# that "đa" in "nhà đa năng" is not "đã").
_STOP_WORDS = frozenset(
    "và với của cho trên dưới trong ngoài từ đến tại theo để là có không đã đang sẽ được bị "
    "đạt tăng giảm trở lên xuống còn năm tháng ngày quý gồm đó số như hoặc mỗi hằng hàng "
    "tổng ít nhất tối thiểu tối đa khoảng gần hơn bằng về vào ra ở này những các một "
    "chiếm so địa bàn phấn đấu thực hiện".split())
_NUMBER = r"\d+(?:[.,]\d+)*"
_FIGURE_RE = re.compile(
    rf"(?<![\w/.,-])(?P<num>{_NUMBER})(?:/(?P<of>\d+(?:[.,]\d+)*))?(?![\d])"
    rf"(?:\s*(?P<pct>%|phan tram\b))?")
# The rest of a range after its first number: "- 70%", "-10 tuổi" (not "-10-2014", a date).
_RANGE_TAIL_RE = re.compile(rf"\s*[-–]\s*(?P<upper>{_NUMBER})(?![\d]|\s*[-–/.]\s*\d)"
                            rf"(?:\s*(?P<pct>%|phan tram\b))?")
_WORD_RE = re.compile(r"\s*([^\W\d_]+)")
# A number right after one of these is a position or a document's number, not an amount.
_NOT_AMOUNT_BEFORE_RE = re.compile(r"(?:\bso|\bthu|\bkhoa|\blan|\bmuc do|\bcap do|\bnam|\bthang"
                                   r"|\bngay|\bquy|\bgiai doan|\bdieu|\bkhoan|\bchuong|\bphan)\s*:?\s*$")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_PER_BASES = (1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0)


@dataclass(frozen=True)
class Figure:
    """A figure at ``start:end`` of the text: its value, unit as written, and whether it is a
    percentage. ``of`` holds the total of a ratio ("30/34 chỉ tiêu" -> value 30, of 34);
    ``upper`` the top of a range ("60 - 70%" -> value 60, upper 70)."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    percent: bool
    of: float | None = None
    upper: float | None = None

    @property
    def number_text(self) -> str:
        return self.text.split("%")[0].split(" ")[0]


def parse_number(text: str) -> float:
    """'10.712.726,79' -> 10712726.79; '1.805' -> 1805; '0,67' -> 0.67; '9.3' -> 9.3.

    A dot followed by exactly three digits groups thousands; a comma is the decimal mark.
    """
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "")
    elif text.count(",") > 1 or re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        text = text.replace(",", "")
    return float(text.replace(",", "."))


def _readable(number: str) -> bool:
    """Whether ``number`` is an amount ``parse_number`` reads, not a dotted date or a
    section number (a plan copied from a news page writes "ngày 24.02.2025")."""
    if parse_date(number) is not None:
        return False
    try:
        parse_number(number)
    except ValueError:
        return False
    return True


def _unit(text: str, folded: str, at: int) -> tuple[str | None, int]:
    """The unit written at ``at`` (after a number) and where it ends."""
    rest = folded[at:]
    lead = len(rest) - len(rest.lstrip(" "))
    for unit in _KNOWN_UNITS:
        if rest[lead:].startswith(unit) and not rest[lead + len(unit):lead + len(unit) + 1].isalpha():
            end = at + lead + len(unit)
            return text[at + lead:end], end
    lower = text.lower()
    end = at
    words = 0
    while words < 2:
        match = _WORD_RE.match(lower, end)
        if match is None or match.group(1) in _STOP_WORDS or match.start(1) - end > 1:
            break
        end = match.end()
        words += 1
    if words == 0:
        return None, at
    return text[at + lead:end], end


def find_figures(text: str) -> list[Figure]:
    """The figures of ``text`` in order (years, dates, list markers and document numbers left out)."""
    folded = fold_aligned(text)
    found: list[Figure] = []
    taken = 0
    for match in _FIGURE_RE.finditer(folded):
        if match.start() < taken:
            continue  # the top of a range already read
        number = match.group("num")
        if not _readable(number):
            continue  # "24.02.2025" (a date written with dots), "1.2.3" (a section number)
        percent = match.group("pct") is not None
        after = folded[match.end():match.end() + 2]
        if not percent and (re.match(r"\s*[/-]\s*[a-z]", after)
                            or folded[match.end():match.end() + 1] in (")", "/", "]")):
            continue  # "36/KH-UBND", "(11)", "41-CT/TW", a footnote mark "[1]"; not "(đạt 95%)", "10%/năm"
        before = folded[max(0, match.start() - 14):match.start()]
        if not percent and _NOT_AMOUNT_BEFORE_RE.search(before):
            continue
        if not percent and re.search(r"\btren\s*$|/\s*$", before) and parse_number(number) in _PER_BASES:
            continue  # "trên 01 ha", "/1.000 dân": the base of a rate, not an amount
        if re.match(r"\s*(?:thang|nam)\b", folded[match.end():]) and int(float(number.replace(".", "").replace(",", ".")) or 0) <= 31:
            continue  # "10 tháng 12 năm 2025": a date
        if _YEAR_RE.fullmatch(number) and not percent:
            continue
        upper, after_end = None, match.end()
        tail = None if percent or match.group("of") else _RANGE_TAIL_RE.match(folded, match.end())
        if (tail is not None and _readable(tail.group("upper")) and parse_number(tail.group("upper")) > parse_number(number)
                and (tail.group("pct") or not _YEAR_RE.fullmatch(tail.group("upper")))):
            upper, after_end, percent = parse_number(tail.group("upper")), tail.end(), tail.group("pct") is not None
            taken = tail.end()
        if percent:
            unit, end = "%", after_end
        else:
            unit, end = _unit(text, folded, after_end)
        of = parse_number(match.group("of")) if match.group("of") else None
        found.append(Figure(match.start(), end, text[match.start():end].strip(),
                            parse_number(number), unit, percent, of, upper))
    return found


def has_unit(text: str, unit: str) -> bool:
    """Is the measure ``unit`` ("ha", "km", "tấn") written in ``text`` as a word of its own?

    Read on the NFC text in lower case, never on the folded form: a short unit's letters
    are a syllable that diacritics tell apart ("ha" is a hectare; "Hà Nội", "hạ tầng",
    "HÀ TĨNH" are not). A digit may touch it ("1ha"), a letter may not ("hai")."""
    pattern = rf"(?<![^\W\d_]){re.escape(nfc(unit).lower())}(?![^\W\d_])"  # "1ha", "ha/năm"
    return re.search(pattern, nfc(text).lower()) is not None
