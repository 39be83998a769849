"""One date grammar (kehoach.grammar.dates): every format plans use, on real plan text."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from kehoach.grammar.dates import DateMention, date_at, dateline, find_dates, parse_date

from conftest import PLANS_DIR

ROOT = Path(__file__).resolve().parent.parent
GEN_DEV = ROOT / "eval" / "gen-dev" / "plans"


def _one(text: str) -> DateMention:
    found = find_dates(text)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


@pytest.mark.parametrize(("text", "precision", "iso"), [
    ("ngày 10 tháng 02 năm 2025", "day", "2025-02-10"),
    ("ngày 10 tháng 02, năm 2025", "day", "2025-02-10"),
    ("Ngày 10 tháng 02 năm 2025", "day", "2025-02-10"),
    ("10/02/2025", "day", "2025-02-10"),
    ("10 / 02 / 2025", "day", "2025-02-10"),
    ("10-02-2025", "day", "2025-02-10"),
    ("10.02.2025", "day", "2025-02-10"),
    ("2025-02-10", "day", "2025-02-10"),
    ("10 tháng 12 năm 2025", "day", "2025-12-10"),
    ("tháng 5/2024", "month", "2024-05"),
    ("tháng 5 năm 2024", "month", "2024-05"),
    ("tháng 5-2024", "month", "2024-05"),
    ("5/2024", "month", "2024-05"),
    ("quý IV/2025", "quarter", "2025-Q4"),
    ("quý I năm 2025", "quarter", "2025-Q1"),
    ("quý 3/2024", "quarter", "2024-Q3"),
    ("6 tháng đầu năm 2025", "period", "2025-01/2025-06"),
    ("6 tháng cuối năm 2025", "period", "2025-07/2025-12"),
    ("từ tháng 5 đến tháng 6/2024", "period", "2024-05/2024-06"),
    ("năm 2025", "year", "2025"),
    ("đến năm 2030", "year", "2030"),
    ("cuối năm 2025", "year", "2025"),
    ("tầm nhìn 2030", "year", "2030"),
    ("giai đoạn 2021 - 2025", "range", "2021/2025"),
    ("giai đoạn 2021-2025", "range", "2021/2025"),
    ("nhiệm kỳ 2025 – 2030", "range", "2025/2030"),
    ("từ năm 2021 đến năm 2025", "range", "2021/2025"),
    # OCR'd folded forms (the scans of data/plans) and a blank day.
    ("ngay 19 thang9 ndm 2025", "day", "2025-09-19"),
    ("ngay 11thang 8 nam 2025", "day", "2025-08-11"),
    ("ngay  thang 9 nam 2025", "month", "2025-09"),
    ("ngày     tháng 9 năm 2025", "month", "2025-09"),
])
def test_formats(text: str, precision: str, iso: str) -> None:
    mention = _one(text)
    assert (mention.precision, mention.iso) == (precision, iso)


@pytest.mark.parametrize(("text", "precision", "value"), [
    ("ngày 10/02", "day", (10, 2, None)),
    ("ngày 15 tháng 12", "day", (15, 12, None)),
    ("tháng 5", "month", (None, 5, None)),
    ("quý IV", "quarter", (None, None, None)),
    ("6 tháng đầu năm", "period", (None, 1, None)),
])
def test_dates_without_a_year(text: str, precision: str, value: tuple) -> None:
    mention = _one(text)
    assert mention.precision == precision and mention.value == value and mention.iso is None


def test_relative_points_need_a_cue() -> None:
    mention = _one("Kết quả từ đầu năm đến nay")
    assert (mention.precision, mention.part, mention.cue) == ("relative", "đầu", "tu")
    assert _one("trong dịp cuối năm nay").precision == "relative"
    assert find_dates("đầu năm học mới") == [] or find_dates("đầu năm học mới")[0].precision != "relative"


@pytest.mark.parametrize("text", [
    "31/4/2025", "29/02/2023", "ngày 32 tháng 1 năm 2025", "tháng 13/2025", "30/34 chỉ tiêu",
    "hằng tháng 01 lần", "10.712.726,79 đồng", "COVID-19", "số 05/2022",
    "Nghị định số 02/2019/NĐ-CP", "Nghị quyết số 24/2021/QH15", "Quyết định 18/2021/QĐ-TTg",
    "quy định", "3 tháng", "2025 - 2020",
])
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_leap_day() -> None:
    assert _one("ngày 29/02/2024").to_date() == dt.date(2024, 2, 29)
    assert _one("ngày 29/02").value == (29, 2, None)


def test_the_date_after_a_document_number_is_a_date() -> None:
    text = "Căn cứ Nghị định số: 02/2019/NĐ-CP ngày 02/1/2019 cảu Chỉnh Phủ về phòng thủ dân sự;"
    assert [m.iso for m in find_dates(text)] == ["2019-01-02"]


@pytest.mark.parametrize(("text", "cue"), [
    ("báo cáo ủy ban nhân dân thành phố trước ngày 15 tháng 12 năm 2025.", "truoc"),
    ("gửi về Ban Thi đua - khen thưởng thành phố trước ngày 15/12/2025.", "truoc"),
    ("nộp chậm nhất ngày 10/12/2025", "cham nhat"),
    ("phát động phong trào thi đua đến hết tháng 12 năm 2025.", "den het"),
    ("triển khai từ ngày 01/6/2025", "tu"),
])
def test_cues(text: str, cue: str) -> None:
    mention = find_dates(text)[-1]
    assert mention.cue == cue
    assert text[mention.cue_start:].startswith(text[mention.cue_start:mention.cue_start + 2])


def test_offsets_point_into_the_original_text() -> None:
    # Decomposed input (NFD): offsets are still into the text as given.
    text = unicodedata.normalize("NFD", "Hạn chót: ngày 10 tháng 12 năm 2025 và tháng 5/2026.")
    for mention in find_dates(text):
        assert text[mention.start:mention.end] == mention.text
    assert [m.iso for m in find_dates(text)] == ["2025-12-10", "2026-05"]


def test_date_at_reads_the_date_after_a_cue() -> None:
    text = "hoàn thành trước ngày 25/9/2025 (báo cáo qua phòng Văn hóa - Xã hội)"
    position = text.index("trước") + len("trước")
    mention = date_at(text, position)
    assert mention is not None and mention.iso == "2025-09-25" and mention.text == "ngày 25/9/2025"
    assert date_at(text, 0) is None


def test_parse_date_of_a_table_cell() -> None:
    assert parse_date(" 01/03/2024 ").iso == "2024-03-01"
    assert parse_date("Đã biết") is None
    assert parse_date("01/03/2024 và 02/03/2024") is None


@pytest.mark.parametrize(("stated", "claim", "covered"), [
    ("ngày 10/12/2025", "tháng 12/2025", True),
    ("ngày 10/12/2025", "năm 2025", True),
    ("ngày 10/12/2025", "quý IV/2025", True),
    ("ngày 10/12/2025", "10/12/2025", True),
    ("ngày 10 tháng 12 năm 2025", "ngày 10/12", True),
    ("tháng 12/2025", "ngày 10/12/2025", False),   # the day would be invented
    ("ngày 10/12", "ngày 10/12/2025", False),       # so would the year
    ("năm 2025", "tháng 12/2025", False),
    ("quý IV/2025", "quý IV", True),
    ("tháng 11/2025", "quý IV năm 2025", True),
    ("tháng 9/2025", "quý IV/2025", False),
    ("ngày 10/12/2025", "ngày 11/12/2025", False),
    ("giai đoạn 2021 - 2025", "giai đoạn 2021-2025", True),
    ("năm 2023", "giai đoạn 2021 - 2025", False),
    ("giai đoạn 2021 - 2025", "năm 2023", False),
    ("6 tháng đầu năm 2025", "6 tháng đầu năm 2025", True),
    ("ngày 10/3/2025", "6 tháng đầu năm 2025", False),
    ("năm 2025", "cuối năm 2025", False),
    ("cuối năm 2025", "năm 2025", True),
])
def test_covers(stated: str, claim: str, covered: bool) -> None:
    assert _one(stated).covers(_one(claim)) is covered


def test_display_and_interval() -> None:
    assert _one("ngày 09/09/2025").display() == "9/9/2025"
    assert _one("tháng 05 năm 2024").display() == "tháng 5/2024"
    assert _one("quý IV năm 2025").display() == "quý IV/2025"
    assert _one("quý IV năm 2025").interval == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert _one("giai đoạn 2021 - 2025").interval == (dt.date(2021, 1, 1), dt.date(2025, 12, 31))
    assert _one("tháng 2/2024").interval == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))


# --- real plans -------------------------------------------------------------------------

def test_deadlines_of_the_kien_an_plan() -> None:
    text = (PLANS_DIR / "kien-an_ke-hoach-dot-thi-dua-2025.txt").read_text(encoding="utf-8")
    due = [m.iso for m in find_dates(text) if m.cue == "truoc"]
    assert "2025-12-15" in due and "2025-12-10" in due


def test_ocr_scans_read_without_diacritics() -> None:
    khoi = (PLANS_DIR / "thach-khoi_ke-hoach-50-dot-thi-dua-2025.txt").read_text(encoding="utf-8")
    first = find_dates(khoi)[0]
    assert (first.text, first.iso) == ("ngay 19 thang9 ndm 2025", "2025-09-19")
    bang = (PLANS_DIR / "nguyen-luong-bang_ke-hoach-23-thi-dua-khen-thuong-2025.txt").read_text(encoding="utf-8")
    isos = [m.iso for m in find_dates(bang)]
    assert isos[0] == "2025-08-11"
    assert "1890-05-19" in isos and "2025-05-19" in isos  # "(19/5/1890 - 19/5/2025)"
    assert "2025-12-10" in [m.iso for m in find_dates(khoi)]  # "trwée ngay 10\nthang 12 nam 2025"


def test_blank_day_of_the_cam_giang_header() -> None:
    text = (PLANS_DIR / "cam-giang_ke-hoach-dot-thi-dua-2025.txt").read_text(encoding="utf-8")
    first = find_dates(text)[0]
    assert (first.precision, first.iso) == ("month", "2025-09")


def test_every_gen_dev_header_date_is_read() -> None:
    # Each gen-dev plan's header gives "<place>, ngày D tháng M năm YYYY"; its README table
    # lists the same date, written by hand (dd/mm/yyyy).
    readme = (GEN_DEV.parent / "README.md").read_text(encoding="utf-8")
    checked = 0
    for path in sorted(GEN_DEV.glob("*.txt")):
        row = next((line for line in readme.splitlines() if f"`plans/{path.name}`" in line), None)
        assert row is not None
        listed = row.split("|")[6].strip()
        expected = parse_date(listed)
        if expected is None or "trang" in listed:
            continue
        mentions = find_dates(path.read_text(encoding="utf-8"))
        assert any(m.iso == expected.iso for m in mentions), path.name
        checked += 1
    assert checked == 13


def test_deadline_cues() -> None:
    assert find_dates("gửi về UBND xã trước ngày 10/12/2025")[0].is_deadline
    assert find_dates("hạn chót là ngày 5/1/2026")[0].is_deadline
    assert not find_dates("phát động thi đua đến hết tháng 12 năm 2025")[0].is_deadline
    assert not find_dates("Căn cứ Quyết định số 1597/QĐ-UBND ngày 08/5/2020")[0].is_deadline


def test_a_part_of_the_day_names_a_news_items_day() -> None:
    """ "Sáng 16/4, tại TT.Phước Hải, Ban Chỉ đạo … tổ chức lễ phát động", "Sáng 17-1,
    Huyện uỷ … đã tổ chức": the day the event was held (a dateline); "chuyển sang 3/4 diện
    tích" is a share, "tới 16/4" is read with its "ngày" only."""
    (held,) = find_dates("Sáng 16/4, tại TT.Phước Hải, Ban Chỉ đạo liên ngành tổ chức lễ phát động")
    assert (held.day, held.month, held.year) == (16, 4, None)
    (held,) = find_dates("Sáng 17-1, Huyện uỷ Thọ Xuân đã tổ chức hội nghị trực tuyến")
    assert (held.day, held.month) == (17, 1) and dateline("Sáng 17-1, Huyện uỷ Thọ Xuân đã tổ chức") == held
    assert [(d.day, d.month) for d in find_dates("chiều 5/3 và tối 6/3")] == [(5, 3), (6, 3)]
    assert find_dates("chuyển sang 3/4 diện tích lúa") == []
    assert find_dates("sáng 32/4") == []


def test_the_last_day_of_a_frame_written_short() -> None:
    """ "từ ngày 1 – 31/3": the frame's last day is a date though written without "ngày"
    (alone, "31/3" may be a share and is not read)."""
    from kehoach.grammar.dates import find_periods

    (frame,) = find_periods("Tháng vệ sinh đợt 1 năm 2025 từ ngày 1 – 31/3.")
    assert (frame.first.day, frame.first.month, frame.last.day, frame.last.month) == (1, 3, 31, 3)
    (frame,) = find_periods("từ ngày 1/3 đến 31/3")
    assert frame.last.text == "31/3"
    assert find_dates("đạt tỷ lệ 31/3 xã") == []
