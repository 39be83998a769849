"""Document references of any ký hiệu (kehoach.grammar.docrefs), on real plan text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kehoach.grammar.dates import find_dates
from kehoach.grammar.docrefs import (
    doc_type_of,
    free_dates,
    find_docrefs,
    is_reference_date,
    normalise_symbol,
    ref_at,
    symbol_key,
)

from benchmarks.metadata_pr import shared_dir
from conftest import PLANS_DIR

ROOT = Path(__file__).resolve().parent.parent
GEN_DEV = ROOT / "eval" / "gen-dev" / "plans"


def _shared(name: str) -> str:
    shared = shared_dir()
    if shared is None:
        pytest.skip("shared/corpus-other-provinces is not beside this checkout")
    return (shared / "corpus-other-provinces" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(("text", "doc_type", "ref", "date", "issuer"), [
    ("Kế hoạch số 281/KH-UBND ngày 10/12/2023 của Chủ tịch UBND tỉnh về chuyển đổi số",
     "Kế hoạch", "281/KH-UBND", "2023-12-10", "Chủ tịch UBND tỉnh"),
    ("Thực hiện Nghị quyết số 47-NQ/TU, ngày 09/9/2021 của Ban Chấp hành Đảng bộ tỉnh về thực hiện",
     "Nghị quyết", "47-NQ/TU", "2021-09-09", "Ban Chấp hành Đảng bộ tỉnh"),
    ("Căn cứ Quyết định số 1597/QĐ-UBND ngày 08/5/2020 của Chủ tịch UBND tỉnh về việc ban hành",
     "Quyết định", "1597/QĐ-UBND", "2020-05-08", "Chủ tịch UBND tỉnh"),
    ("Căn cứ Nghị định số 30/2017/NĐ-CP ngày 21/3/2017 của Chính phủ quy định tổ chức",
     "Nghị định", "30/2017/NĐ-CP", "2017-03-21", "Chính phủ"),
    ("Căn cứ Nghị định số: 02/2019/NĐ-CP ngày 02/1/2019 cảu Chỉnh Phủ về phòng thủ dân sự;",
     "Nghị định", "02/2019/NĐ-CP", "2019-01-02", "Chỉnh Phủ"),
    ("theo Chỉ thị 19/CT-TTg của Thủ tướng Chính phủ", "Chỉ thị", "19/CT-TTg", None, "Thủ tướng Chính phủ"),
    ("Công văn số 87/LĐTBXH-VPQGGN ngày 08/01/2024 của Bộ Lao động - Thương binh và Xã hội triển khai",
     "Công văn", "87/LĐTBXH-VPQGGN", "2024-01-08", "Bộ Lao động - Thương binh và Xã hội"),
    ("Căn cứ Thông tư số 02/2022/TT-BNNPTNT ngày 07/6/2022 của Bộ Nông nghiệp và Phát triển nông thôn hướng dẫn",
     "Thông tư", "02/2022/TT-BNNPTNT", "2022-06-07", "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("Căn cứ Nghị quyết số 24/2021/QH15 ngày 28/7/2021 của Quốc hội phê duyệt",
     "Nghị quyết", "24/2021/QH15", "2021-07-28", "Quốc hội"),
    ("Số: 36 /KH - UBND |", "Kế hoạch", "36/KH-UBND", None, None),
    ("Ban Chỉ đạo đã ban hành Quyết định số 04/QĐ-BCĐ ngày 06/6/2024 phê duyệt",
     "Quyết định", "04/QĐ-BCĐ", "2024-06-06", None),
    ("Tờ trình số 164/TTr- SKHCN ngày 17/12/2025.", "Tờ trình", "164/TTr-SKHCN", "2025-12-17", None),
    ("Căn cứ các Quyết định của Thủ tướng Chính phủ: Số 18/2021/QĐ-TTg ngày 22/4/2021 quy định",
     "Quyết định", "18/2021/QĐ-TTg", "2021-04-22", None),
    ("Kết luận số 390-KL/TU ngày 9/6/2022 của Ban thường vụ Tỉnh ủy về việc",
     "Kết luận", "390-KL/TU", "2022-06-09", "Ban thường vụ Tỉnh ủy"),
    ("Nghị quyết số 31/2022/NQ-HĐND ngày 08 tháng 12 năm 2022 của Hội đồng nhân dân tỉnh về nhiệm vụ",
     "Nghị quyết", "31/2022/NQ-HĐND", "2022-12-08", "Hội đồng nhân dân tỉnh"),
    ("triển khai Kế hoạch 23 của UBND xã", "Kế hoạch", "23", None, "UBND xã"),
])
def test_references(text: str, doc_type: str, ref: str, date: str | None, issuer: str | None) -> None:
    found = find_docrefs(text)
    assert len(found) == 1, [r.text for r in found]
    got = found[0]
    assert (got.doc_type, got.ref, got.date.iso if got.date else None, got.issuer) == \
        (doc_type, ref, date, issuer)
    assert text[got.start:got.end] == got.text


def test_a_law_named_with_its_date() -> None:
    text = ("Căn cứ Luật Phòng, chống thiên tai ngày 19/6/2013; Luật sửa đổi, bổ sung một số điều "
            "của Luật Phòng, chống thiên tai và Luật Đê điều ngày 17/06/2020 và các văn bản;")
    laws = find_docrefs(text)
    assert [(r.doc_type, r.name, r.date.iso) for r in laws] == [
        ("Luật", "Phòng, chống thiên tai", "2013-06-19"),
        ("Luật", "sửa đổi, bổ sung một số điều của Luật Phòng, chống thiên tai và Luật Đê điều",
         "2020-06-17"),
    ]
    numbered = find_docrefs("- Luật Đê điều số 79/2006/QH11 ngày 29 tháng 11 năm 2006;")[0]
    assert (numbered.doc_type, numbered.name, numbered.ref) == ("Luật", "Đê điều", "79/2006/QH11")


@pytest.mark.parametrize("text", [
    "đã hoàn thành 30/34 chỉ tiêu; còn lại 04/34 chỉ tiêu", "(03/02/1930 - 03/02/2025)",
    "COVID-19", "Kế hoạch 5 năm", "Kế hoạch năm 2025", "mục 1 - CHI TIÊU", "kế hoạch 12 tháng",
    "Ủy ban nhân dân (UBND) thành phố Cần Thơ", "tăng 19,46%; khu vực dịch vụ tăng 8,5%",
])
def test_not_references(text: str) -> None:
    assert find_docrefs(text) == []


def test_symbols() -> None:
    assert normalise_symbol("KH - UBND") == "KH-UBND"
    assert normalise_symbol("TTr- SKHCN") == "TTr-SKHCN"
    assert symbol_key("QĐ-TTg") == symbol_key("QD-TTG") == "QD-TTG"
    assert [doc_type_of(s) for s in ("NQ/TU", "CT-TTg", "KH-BCĐ", "NĐ-CP", "LĐTBXH-VPQGGN")] == \
        ["Nghị quyết", "Chỉ thị", "Kế hoạch", "Nghị định", None]
    blank = ref_at("/KH-UBND Cẩm Giang", 0)
    assert blank is not None and blank.number is None and blank.symbol == "KH-UBND"
    assert ref_at("36 /KH - UBND |", 0).ref == "36/KH-UBND"


def test_the_preamble_of_the_lang_son_plan() -> None:
    text = _shared("lang-son_ke-hoach-51-giam-ngheo-2024.txt")
    preamble = text[text.index("Căn cứ Nghị quyết"):text.index("định hướng đến năm 2030;")]
    refs = [(r.ref, r.date.iso if r.date else None) for r in find_docrefs(preamble)]
    assert refs == [
        ("24/2021/QH15", "2021-07-28"), ("1705/QĐ-TTg", "2021-10-12"), ("24/2021/QH15", None),
        ("90/QĐ-TTg", "2022-01-18"), ("87/LĐTBXH-VPQGGN", "2024-01-08"),
        ("747/BLĐTBXH-VPQGGN", "2024-02-27"), ("47-NQ/TU", "2021-09-09"),
    ]


def test_reference_dates_are_not_deadlines() -> None:
    # Xuân Tín: every date of the "Căn cứ …" lines belongs to a reference; the header's does not.
    text = _shared("xa-xuan-tin_ke-hoach-36-phong-chong-thien-tai-2025.txt")
    refs = find_docrefs(text)
    dates = find_dates(text)
    header = next(m for m in dates if m.iso == "2025-05-07")
    assert not is_reference_date(text, header, refs)
    preamble = [m for m in dates if text.rfind("Căn cứ", 0, m.start) > text.rfind("\n", 0, m.start)]
    assert len(preamble) == 8 and all(is_reference_date(text, m, refs) for m in preamble)
    # Kiến An: the report deadlines are not reference dates.
    kien_an = (PLANS_DIR / "kien-an_ke-hoach-dot-thi-dua-2025.txt").read_text(encoding="utf-8")
    kien_an_refs = find_docrefs(kien_an)
    due = [m for m in find_dates(kien_an) if m.cue == "truoc"]
    assert due and not any(is_reference_date(kien_an, m, kien_an_refs) for m in due)
    cited = [m for m in find_dates(kien_an) if m.iso == "2025-09-09"]
    assert cited and all(is_reference_date(kien_an, m, kien_an_refs) for m in cited)


def test_every_ky_hieu_of_the_gen_dev_plans_is_read() -> None:
    # Recall on the 14 gen-dev plans: every "<number>/<SYMBOL>" or "<number>-<SYMBOL>" the
    # text writes is inside a reference that has a type or a symbol.
    shape = re.compile(r"(?<![\w/])\d{1,5}(?:/(?:19|20)\d\d)?(?:\s*/\s*|-\s?)[A-ZĐ]{2}")
    count = 0
    for path in sorted(GEN_DEV.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        refs = find_docrefs(text)
        for match in shape.finditer(text):
            count += 1
            assert any(r.start <= match.start() < r.end for r in refs), (path.name, match.group(0))
        assert all(r.doc_type or r.symbol for r in refs)
    assert count >= 60


def test_free_dates_leave_out_the_cited_documents_dates() -> None:
    text = _shared("xa-xuan-tin_ke-hoach-36-phong-chong-thien-tai-2025.txt")
    days = [m.iso for m in free_dates(text) if m.precision == "day"]
    assert days == ["2025-05-07"]  # the header date only
    kien_an = (PLANS_DIR / "kien-an_ke-hoach-dot-thi-dua-2025.txt").read_text(encoding="utf-8")
    deadlines = [m.iso for m in free_dates(kien_an) if m.is_deadline]
    assert "2025-12-15" in deadlines and "2025-09-09" not in deadlines


# Issuers and descriptions of references (real sentences of eval/tune-reference plans).
_HUNG_YEN = ("Thực hiện Nghị quyết số 11/NQ-CP ngày\n30/01/2022 của Chính phủ về Chương trình phục hồi "
             "và phát triển kinh tế - xã hội\nvà triển khai Nghị quyết số 43/2022/QH15 của Quốc hội về "
             "chính sách tài khóa,\ntiền tệ hỗ trợ Chương trình; các Nghị quyết của Hội đồng nhân dân "
             "tỉnh: số\n340/NQ-HĐND ngày 22/12/2020 về nhiệm vụ phát triển kinh tế - xã hội 5 năm giai\n"
             "đoạn 2021-2025; số 160/NQ-HĐND ngày 08/12/2021 về kế hoạch đầu tư công trung hạn\n"
             "và Công văn số\n892/BKHĐT-TH ngày 14/02/2022 của Bộ Kế hoạch và Đầu tư")


@pytest.mark.parametrize(("symbol", "codes"), [
    ("QĐ-TTg", ["TTG"]), ("KH-BNN-TCLN", ["BNN", "TCLN"]), ("QH15", ["QH"]), ("NQ/TW", ["TW"]),
    ("BKHĐT-TH", ["BKHDT", "TH"]), ("TT-BLĐTBXH", ["BLDTBXH"]), ("NQ/TU", ["TU"]),
])
def test_issuer_codes_are_the_symbols_segments_after_its_type(symbol: str, codes: list[str]) -> None:
    from kehoach.grammar.docrefs import issuer_codes
    assert issuer_codes(symbol) == codes


@pytest.mark.parametrize(("text", "asked", "expected"), [
    ("Thông tư số 10/2022/TT-BLĐTBXH ngày 31/5/2022", "bo lao dong", True),  # initials, no name
    ("Kế hoạch số 16/KH-HĐTĐKT ngày 31/8/2021", "hoi dong thi dua khen thuong trung uong", True),
    ("Quyết định số 524/QĐ-TTg ngày 01/4/2021", "thu tuong", True),
    ("Quyết định số 524/QĐ-TTg ngày 01/4/2021", "bo y te", False),
    ("Nghị quyết số 08-NQ/TU ngày 06 tháng 10 năm 2021 của Tỉnh ủy", "tinh uy", True),
    ("Nghị quyết số 25/NQ-HĐND ngày 17 tháng 9 năm 2021 của Hội đồng nhân dân tỉnh", "tinh uy", False),
    ("Quyết định số 1067/QĐ-BYT ngày 30/3/2015 của Bộ Y tế", "bo y te", True),
    ("Quyết định số 1067/QĐ-BYT ngày 30/3/2015 của Bộ Y tế", "byt", True),  # the code as asked
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024", "bo chinh tri", True),  # TW: the Party's centre
    ("Quyết định số 1597/QĐ-UBND ngày 08/5/2020 của Chủ tịch UBND tỉnh", "uy ban nhan dan tinh", True),
    ("Quyết định số 1597/QĐ-UBND ngày 08/5/2020 của Chủ tịch UBND tỉnh", "chu tich uy ban nhan dan", True),
    ("Công văn số 2191/BNN-TCTL ngày 03 tháng 7 năm 2013 của Bộ Nông nghiệp & PTNT", "bo nong nghiep va ptnt", True),
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024", "trung uong", True),
    ("Kế hoạch 23", "tinh uy", None),  # no issuer shown
])
def test_issued_by_reads_the_written_issuer_and_the_symbols_initials(text: str, asked: str,
                                                                     expected: bool | None) -> None:
    from kehoach.grammar.docrefs import issued_by
    (ref,) = find_docrefs(text)
    assert issued_by(ref, asked) is expected


def test_each_reference_is_described_up_to_the_next() -> None:
    from kehoach.grammar.docrefs import described_refs
    found = {ref.ref: " ".join(_HUNG_YEN[a:b].split()) for ref, a, b in described_refs(_HUNG_YEN)}
    assert found["11/NQ-CP"].endswith("về Chương trình phục hồi và phát triển kinh tế - xã hội và triển khai")
    assert "Quốc hội" in found["43/2022/QH15"] and "phục hồi" not in found["43/2022/QH15"]
    assert "đầu tư công trung hạn" in found["160/NQ-HĐND"]
    assert "đầu tư công" not in found["340/NQ-HĐND"]


def test_a_law_named_with_its_year_is_a_reference() -> None:
    """eval/tune-reference Bắc Ninh 155: "Thực hiện Luật Hộ tịch năm 2014, Nghị định số …"."""
    refs = find_docrefs("Thực hiện Luật Hộ tịch năm 2014, Nghị định số 123/2015/NĐ-CP ngày 15/11/2015")
    assert [(r.doc_type, r.name, r.year) for r in refs][0] == ("Luật", "Hộ tịch", "2014")
    # a lower-case name is ordinary prose, not a law's title
    assert not [r for r in find_docrefs("theo luật định năm 2014 các xã") if r.doc_type == "Luật"]


def test_a_board_named_chi_dao_is_an_issuer_not_a_verb() -> None:
    """"của Ban Chỉ đạo tỉnh": "chỉ đạo" ends an issuer phrase only as a verb."""
    from kehoach.grammar.docrefs import issued_by
    (ref,) = find_docrefs("Kế hoạch số 7/KH-BCĐ ngày 2/3/2024 của Ban Chỉ đạo tỉnh về chuyển đổi số")
    assert ref.issuer == "Ban Chỉ đạo tỉnh"
    assert issued_by(ref, "ban chi dao") is True
    assert issued_by(ref, "uy ban nhan dan") is False  # "Ban" alone is in "Ủy ban"
    (ref,) = find_docrefs("Quyết định số 1/QĐ-UBND của Chủ tịch UBND tỉnh chỉ đạo các sở")
    assert ref.issuer == "Chủ tịch UBND tỉnh"


@pytest.mark.parametrize(("text", "doc_type", "codes"), [
    ("Thực hiện Công văn số 12-CV/ĐU ngày 03/01/2024 của Đảng ủy xã", "Công văn", ["DU"]),
    ("Thông báo số 45/TB-VPCP ngày 1/2/2024", "Thông báo", ["VPCP"]),
    ("công văn số 1234/UBND-VX ngày 5/5/2024", "Công văn", ["UBND", "VX"]),
])
def test_more_symbol_forms(text: str, doc_type: str, codes: list[str]) -> None:
    from kehoach.grammar.docrefs import issuer_codes
    ref = find_docrefs(text)[0]
    assert ref.doc_type == doc_type and issuer_codes(ref.symbol) == codes


@pytest.mark.parametrize(("text", "number", "date"), [
    ("Thực hiện Kế hoạch số 23, ngày 05/3/2024 của UBND tỉnh về công tác thi đua",
     "23", "2024-03-05"),
    ("Căn cứ Kế hoạch số 45 ngày 10/02/2025 của UBND huyện", "45", "2025-02-10"),
    ("hoàn thành các nội dung của Kế hoạch số 12.", "12", None),
])
def test_a_number_only_reference_before_a_comma_or_its_date(text: str, number: str,
                                                            date: str | None) -> None:
    """A reference by number only is read before "," or "ngày <date>" (a comma after the
    number was taken for a decimal mark, "ngày" for a duration): its date is a cited
    document's, never a deadline; "Kế hoạch số 3 ngày" (a duration) stays no reference."""
    refs = find_docrefs(text)
    assert [(r.doc_type, r.number, r.date.iso if r.date else None) for r in refs] == [
        ("Kế hoạch", number, date)]
    assert free_dates(text) == []
    assert find_docrefs("trong 45 ngày kể từ Kế hoạch số 3 ngày có hiệu lực") == []


def test_a_number_broken_at_a_line_does_not_swallow_the_place_line() -> None:
    """A header in two columns: "Số: 255 / BC-BCĐPCGD-" then the place line "Nga Sơn, ngày
    …" — the place's name is no segment of the number; a symbol's own segment past the
    break ("QĐ-\\nTTg", "QĐ-\\nUBND") still is."""
    (ref,) = find_docrefs("Số: 255 / BC-BCĐPCGD-\n\nNga Sơn, ngày 13 tháng 11 năm 2020")
    assert ref.ref == "255/BC-BCĐPCGD"
    assert [r.ref for r in find_docrefs("Quyết định số 45/QĐ-\nTTg ngày 5/3/2019")] == ["45/QĐ-TTg"]
    assert [r.ref for r in find_docrefs("Số: 12/QĐ-\nUBND")] == ["12/QĐ-UBND"]
    assert [r.ref for r in find_docrefs("Số: 12/KH-UBND-VX ngày 5/3/2019")] == ["12/KH-UBND-VX"]


def test_the_header_number_of_a_two_column_report() -> None:
    from kehoach.grammar.header import read_header

    path = (Path(__file__).resolve().parents[1] / "eval" / "tune-districts" / "plans"
            / "thanh-hoa_huyen-nga-son-bao-cao-255-pho-cap-giao-duc-2020.txt")
    header = read_header(path.read_text(encoding="utf-8"))
    assert (header.number, header.place) == ("255/BC-BCĐPCGD", "Nga Sơn")
