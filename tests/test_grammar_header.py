"""Header, title, site table and signature block (kehoach.grammar.header / .signature).

Real plans for the layouts the corpus has (stacked, two columns as "|" rows, interleaved,
OCR'd, a website's table on top); short hand-typed headers for layouts it lacks (a parent
body over a department, a steering committee, HĐND, "TP. Hồ Chí Minh", TUQ./TL./Q.).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.grammar.casing import Casing
from kehoach.grammar.header import (
    complete_issuer,
    read_enacting_clause,
    read_header,
    read_site_table,
    title_from_page,
)
from kehoach.grammar.signature import opens_signature, read_signature

from benchmarks.metadata_pr import shared_dir
from conftest import PLANS_DIR

ROOT = Path(__file__).resolve().parent.parent
GEN_DEV = ROOT / "eval" / "gen-dev" / "plans"


def _plan(name: str) -> str:
    for folder in (PLANS_DIR, GEN_DEV):
        if (folder / name).is_file():
            return (folder / name).read_text(encoding="utf-8")
    shared = shared_dir()
    if shared is None:
        pytest.skip("shared/corpus-other-provinces is not beside this checkout")
    return (shared / "corpus-other-provinces" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "issuer_lines", "number", "place", "date", "title_start"), [
    # stacked, one column, website table on top
    ("lang-son_ke-hoach-51-giam-ngheo-2024.txt", ["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"], "51/KH-UBND",
     "Lạng Sơn", "2024-03-01", "Kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm nghèo"),
    # two columns as "|" rows
    ("xa-xuan-tin_ke-hoach-36-phong-chong-thien-tai-2025.txt", ["ỦY BAN NHÂN DÂN", "XÃ XUÂN TÍN"],
     "36/KH-UBND", "Xuân Tín", "2025-05-07", "Kế hoạch phòng, chống thiên tai, tìm kiếm cứu nạn"),
    # "Số:" and the number on two lines, the title word split "THỰC / HIỆN"
    ("ben-tre_ke-hoach-370-phat-trien-kinh-te-xa-hoi-2023.txt", ["ỦY BAN NHÂN DÂN", "TỈNH BẾN TRE"],
     "370/KH-UBND", "Bến Tre", "2023-01-19", "Kế hoạch thực hiện Nghị quyết số 01/NQ-CP của Chính phủ"),
    # the date split over two lines
    ("lai-chau_ke-hoach-1767-an-toan-thuc-pham-2023.txt", ["ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU"],
     "1767/KH-UBND", "Lai Châu", "2023-05-17", "Kế hoạch triển khai thực hiện Quyết định số 426/QĐ-TTg"),
    # no "KẾ HOẠCH" line: the type comes from the ký hiệu
    ("binh-thuan_ke-hoach-2263-phong-chong-thien-tai-2021-2025.txt", ["ỦY BAN NHÂN DÂN"],
     "2263/KH-UBND", "Bình Thuận", "2022-07-15", "Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn"),
    # the part heading glued to the title ("… TUYÊN QUANG Phần I. ĐÁNH GIÁ …")
    ("tuyen-quang_ke-hoach-60-chuyen-doi-so-2025.txt", ["ỦY BAN NHÂN DÂN"], "60/KH-UBND",
     "Tuyên Quang", "2025-03-26", "Kế hoạch chuyển đổi số năm 2025 trên địa bàn tỉnh Tuyên Quang"),
    # OCR'd scan, interleaved columns, read on the raw file (no diacritics)
    ("thach-khoi_ke-hoach-50-dot-thi-dua-2025.txt", ["UY BAN NHAN DAN", "PHUONG THACH KHOI"],
     "50/KH-UBND", "Thach Khéi", "2025-09-19", "Kế hoạch phat dong dot thi dua"),
    ("nguyen-luong-bang_ke-hoach-23-thi-dua-khen-thuong-2025.txt", [], "23/KH-UBND",
     "Nguyén Lurong Bang", "2025-08-11", "Kế hoạch trién khai thue hién cong tac Thi dua"),
])
def test_real_headers(name: str, issuer_lines: list[str], number: str, place: str, date: str,
                      title_start: str) -> None:
    header = read_header(_plan(name))
    assert [line.text for line in header.issuer_lines] == issuer_lines
    assert (header.number, header.place, header.date.iso) == (number, place, date)
    assert header.title is not None and header.title.lower().startswith(title_start.lower())


def test_tuyen_quang_title_stops_before_the_part_heading() -> None:
    title = read_header(_plan("tuyen-quang_ke-hoach-60-chuyen-doi-so-2025.txt")).title
    assert title == "Kế hoạch chuyển đổi số năm 2025 trên địa bàn tỉnh Tuyên Quang"


def test_capital_title_takes_the_documents_own_casing() -> None:
    header = read_header(_plan("da-nang_ke-hoach-85-tiem-chung-soi-2025.txt"))
    assert header.title == ("Kế hoạch triển khai chiến dịch tiêm chủng vắc xin phòng, chống dịch "
                            "Sởi tại thành phố Đà Nẵng năm 2025")


def test_blank_number_and_day() -> None:
    header = read_header(_plan("cam-giang_ke-hoach-dot-thi-dua-2025.txt"))
    assert (header.number, header.symbol) == (None, "KH-UBND")
    assert (header.date.precision, header.date.iso, header.place) == ("month", "2025-09", "Cẩm Giang")
    assert header.issuer == "Ủy ban nhân dân xã Cẩm Giang" and header.issuer_complete


def test_bare_issuer_is_completed_from_the_site_table_or_the_text() -> None:
    text = _plan("bac-ninh_ke-hoach-186-chinh-quyen-so-2026-2030.txt")
    header = read_header(text)
    assert (header.issuer, header.issuer_complete) == ("Ủy ban nhân dân", False)
    assert complete_issuer(header, text)[0] == "Ủy ban nhân dân tỉnh Bắc Ninh"
    # Đà Nẵng: no table, no enacting clause; the title says "THÀNH PHỐ ĐÀ NẴNG".
    text = _plan("da-nang_ke-hoach-85-tiem-chung-soi-2025.txt")
    assert complete_issuer(read_header(text), text)[0] == "Ủy ban nhân dân thành phố Đà Nẵng"
    # A resolver (a gazetteer) is asked first.
    assert complete_issuer(read_header(text), text, lambda place: f"thành phố {place} (gazetteer)")[0] \
        == "Ủy ban nhân dân thành phố Đà Nẵng (gazetteer)"


def test_enacting_clause() -> None:
    clause = read_enacting_clause(_plan("can-tho_ke-hoach-53-bhyt-bhxh-2025.txt"))
    assert (clause.body, clause.kind, clause.name, clause.doc_type) == \
        ("Ủy ban nhân dân thành phố Cần Thơ", "thành phố", "Cần Thơ", "Kế hoạch")
    assert clause.subject.startswith("thực hiện chỉ tiêu phát triển người tham gia BHYT")
    bare = read_enacting_clause(_plan("tuyen-quang_ke-hoach-100-phong-chong-thien-tai-2025.txt"))
    assert (bare.body, bare.kind, bare.name) == ("Ủy ban nhân dân tỉnh", "tỉnh", None)
    assert read_enacting_clause("Ban Chỉ huy PCTT xã xây dựng Kế hoạch như sau:") is None


def test_enacting_clause_of_a_news_copy() -> None:
    """News copies: "vừa ban hành", the province in brackets; "đã ban hành" is another plan."""
    clause = read_enacting_clause("UBND huyện Khánh Vĩnh (Khánh Hòa) vừa ban hành kế hoạch tuyên "
                                  "truyền kỷ niệm ngày Di sản văn hóa Việt Nam năm 2020.")
    assert (clause.kind, clause.name, clause.doc_type) == ("huyện", "Khánh Vĩnh", "Kế hoạch")
    assert clause.subject.startswith("tuyên truyền kỷ niệm")
    bare = read_enacting_clause("(GLO)- Ủy ban nhân dân tỉnh vừa ban hành Kế hoạch số 1734/KH-UBND.")
    assert (bare.kind, bare.name) == ("tỉnh", None)
    assert read_enacting_clause("Năm 2023, UBND tỉnh đã ban hành Kế hoạch số 12/KH-UBND về …") is None


@pytest.mark.parametrize(("name", "expected"), [
    ("lang-son_ke-hoach-51-giam-ngheo-2024.txt",   # "Số hiệu: 51/KH-UBND Loại văn bản: Kế hoạch"
     {"number": "51/KH-UBND", "doc_type": "Kế hoạch", "place": "Tỉnh Lạng Sơn",
      "signer": "Dương Xuân Huyên", "issue_date": "01/03/2024"}),
    ("bac-ninh_ke-hoach-186-chinh-quyen-so-2026-2030.txt",   # "| Số hiệu | 186/KH-UBND |"
     {"number": "186/KH-UBND", "issue_date": "29/12/2025", "effective_date": "29/12/2025",
      "doc_type": "Kế hoạch", "issuer": "Tỉnh Bắc Ninh", "signer": "Mai Sơn",
      "field": "Công nghệ thông tin"}),
    ("can-tho_ke-hoach-53-bhyt-bhxh-2025.txt",   # "Số hiệu | 53/KH-UBND |"
     {"number": "53/KH-UBND", "issue_date": "27/08/2025", "effective_date": "27/08/2025",
      "doc_type": "Kế hoạch", "issuer": "Thành phố Cần Thơ", "signer": "Trần Văn Lâu",
      "field": "Bảo hiểm"}),
    ("ha-tinh_ke-hoach-115-chuyen-doi-so-2024.txt",   # "Số hiệu 115/KH-UBND" (no separator)
     {"number": "115/KH-UBND", "issue_date": "29/03/2024", "effective_date": "29/03/2024",
      "doc_type": "Kế hoạch", "issuer": "Tỉnh Hà Tĩnh", "signer": "Lê Ngọc Châu",
      "field": "Công nghệ thông tin"}),
    ("thanh-hoa_ke-hoach-298-chuyen-doi-so-2024.txt", {}),
    ("kien-an_ke-hoach-dot-thi-dua-2025.txt", {}),
])
def test_site_tables(name: str, expected: dict[str, str]) -> None:
    text = _plan(name)
    table = read_site_table(text)
    assert {field: value for field, (value, _) in table.items()} == expected
    for value, (start, end) in table.values():
        assert text[start:end] == value


def test_page_titles() -> None:
    assert title_from_page("Kế hoạch 53/KH-UBND thực hiện chỉ tiêu phát triển người tham gia Bảo "
                           "hiểm y tế năm 2025 do thành phố Cần Thơ ban hành") == \
        "Kế hoạch thực hiện chỉ tiêu phát triển người tham gia Bảo hiểm y tế năm 2025"
    assert title_from_page("Kế hoạch 115/KH-UBND về chuyển đổi số tỉnh Hà Tĩnh năm 2024") == \
        "Kế hoạch chuyển đổi số tỉnh Hà Tĩnh năm 2024"
    assert title_from_page("Trang thông tin điện tử xã Thạch Kim") is None


# --- layouts the corpus lacks (typed by hand after the Nghị định 30/2020 layout) ----------

DEPARTMENT = """UBND TỈNH QUẢNG NGÃI
SỞ Y TẾ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 1234/KH-SYT
Quảng Ngãi, ngày 05 tháng 6 năm 2024
KẾ HOẠCH
Phòng, chống sốt xuất huyết năm 2024
Căn cứ Quyết định số 3711/QĐ-BYT ngày 19/9/2014 của Bộ Y tế;
Sở Y tế xây dựng Kế hoạch phòng, chống sốt xuất huyết năm 2024 như sau:"""
COMMITTEE = """UBND HUYỆN ĐIỆN BÀN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ | Độc lập - Tự do - Hạnh phúc |
Số: 05/KH-BCĐ | Điện Bàn, ngày 12 tháng 3 năm 2024 |
KẾ HOẠCH
Chuyển đổi số năm 2024 trên địa bàn huyện
Thực hiện Kế hoạch số 20/KH-UBND ngày 01/02/2024 của UBND huyện, Ban Chỉ đạo chuyển đổi số huyện ban hành Kế hoạch như sau:"""
CITY_INTERLEAVED = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
THÀNH PHỐ HÀ NỘI Độc lập - Tự do - Hạnh phúc
Số: 35/KH-UBND Hà Nội, ngày 10 tháng 02 năm 2025
KẾ HOẠCH
Triển khai chiến dịch tiêm chủng vắc xin Sởi năm 2025 trên địa bàn Thành phố
Thực hiện Công văn số 1234/BYT-DP ngày 05/02/2025 của Bộ Y tế;"""
HCMC = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HỒ CHÍ MINH
--------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 1234/KH-UBND
TP. Hồ Chí Minh, ngày 03 tháng 4 năm 2024
KẾ HOẠCH
CẢI CÁCH HÀNH CHÍNH NĂM 2024 TRÊN ĐỊA BÀN THÀNH PHỐ HỒ CHÍ MINH
Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;"""
COUNCIL = """HỘI ĐỒNG NHÂN DÂN
HUYỆN MỘC CHÂU
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 12/NQ-HĐND
Mộc Châu, ngày 20 tháng 12 năm 2023
NGHỊ QUYẾT
VỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2024
HỘI ĐỒNG NHÂN DÂN HUYỆN MỘC CHÂU
KHÓA XX, KỲ HỌP THỨ 8
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"""


@pytest.mark.parametrize(("text", "issuer", "parent", "number", "place", "date", "title"), [
    (DEPARTMENT, "Sở Y tế", "Ủy ban nhân dân tỉnh Quảng Ngãi", "1234/KH-SYT", "Quảng Ngãi",
     "2024-06-05", "Kế hoạch phòng, chống sốt xuất huyết năm 2024"),
    (COMMITTEE, "Ban Chỉ đạo chuyển đổi số", "Ủy ban nhân dân huyện Điện Bàn", "05/KH-BCĐ",
     "Điện Bàn", "2024-03-12", "Kế hoạch chuyển đổi số năm 2024 trên địa bàn huyện"),
    (CITY_INTERLEAVED, "Ủy ban nhân dân thành phố Hà Nội", None, "35/KH-UBND", "Hà Nội",
     "2025-02-10", "Kế hoạch triển khai chiến dịch tiêm chủng vắc xin Sởi năm 2025 trên địa bàn Thành phố"),
    (HCMC, "Ủy ban nhân dân thành phố Hồ Chí Minh", None, "1234/KH-UBND", "TP. Hồ Chí Minh",
     "2024-04-03", "Kế hoạch cải cách hành chính năm 2024 trên địa bàn thành phố Hồ Chí Minh"),
    (COUNCIL, "Hội đồng nhân dân huyện Mộc Châu", None, "12/NQ-HĐND", "Mộc Châu", "2023-12-20",
     "Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2024"),
])
def test_other_layouts(text: str, issuer: str, parent: str | None, number: str, place: str,
                       date: str, title: str) -> None:
    header = read_header(text)
    assert (header.issuer, header.parent_body, header.number, header.place, header.date.iso,
            header.title) == (issuer, parent, number, place, date, title)
    assert header.issuer_complete
    assert text[header.number_span[0]:header.number_span[1]].startswith("Số:")


def test_header_read_from_lines() -> None:
    header = read_header(CITY_INTERLEAVED.split("\n"))
    assert header.issuer == "Ủy ban nhân dân thành phố Hà Nội"


def test_no_header() -> None:
    header = read_header(_plan("xa-thach-kim_ke-hoach-chuyen-doi-so-2024.txt"))
    assert (header.issuer, header.number, header.date, header.title) == (None, None, None, None)


# --- signature blocks ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "authority", "capacity", "title", "name"), [
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT, VX. | TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n"
     "Nguyễn Văn Sơn |", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Phó Chủ tịch", "Nguyễn Văn Sơn"),
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTUQ. CHỦ TỊCH\nGIÁM ĐỐC SỞ Y TẾ\n(Đã ký)\nTrần Văn An",
     None, "TUQ. CHỦ TỊCH", "Giám đốc Sở Y tế", "Trần Văn An"),
    ("Nơi nhận:\n- Lưu VT.\nQ. CHỦ TỊCH\n\nLê Văn Bình", None, "Q. CHỦ TỊCH", "Quyền Chủ tịch",
     "Lê Văn Bình"),
    ("Nơi nhận:\n- Lưu VT.\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nPhạm Thị Cúc", None, "TL. CHỦ TỊCH",
     "Chánh Văn phòng", "Phạm Thị Cúc"),
    ("Nơi nhận:\n- Lưu VT.\nTM. BAN CHỈ ĐẠO\nTRƯỞNG BAN\n\n\nPHÓ CHỦ TỊCH UBND XÃ\nNguyễn Văn Dũng",
     "TM. BAN CHỈ ĐẠO", None, "Trưởng ban", "Nguyễn Văn Dũng"),
    ("Nơi nhận:\n- Thường trực HĐND xã;\n- Chủ tịch, các PCT UBND xã;\n- Lưu: VT.", None, None, None, None),
])
def test_signature_blocks(text: str, authority: str | None, capacity: str | None,
                          title: str | None, name: str | None) -> None:
    signature = read_signature(text, reference="Giám đốc Sở Y tế ký.")
    assert (signature.authority, signature.capacity, signature.title, signature.name) == \
        (authority, capacity, title, name)
    if name:
        assert text[signature.name_span[0]:signature.name_span[1]] == name


def _closing(text: str) -> str:
    return text[text.rindex("Nơi nh") if "Nơi nh" in text else text.rindex("Noi nh"):]


def test_real_signature_blocks() -> None:
    kien_an = read_signature(_closing(_plan("kien-an_ke-hoach-dot-thi-dua-2025.txt")))
    assert (kien_an.authority, kien_an.capacity, kien_an.title, kien_an.name) == \
        ("TM. UỶ BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Phó Chủ tịch", "Trần Thị Phương")
    cam_giang = read_signature(_closing(_plan("cam-giang_ke-hoach-dot-thi-dua-2025.txt")))
    assert (cam_giang.authority, cam_giang.title, cam_giang.name) == (None, "Chủ tịch", "Vương Đức Dũng")
    # OCR'd: "Noi nhin: 7 CHU TICH" interleaved; the stamp keeps the name's diacritics.
    bang = read_signature(_closing(_plan("nguyen-luong-bang_ke-hoach-23-thi-dua-khen-thuong-2025.txt")))
    assert (bang.title, bang.name, bang.stamped) == ("Chủ tịch", "Bùi Trọng Thược", True)
    assert bang.organisation == "ỦY BAN NHÂN DÂN XÃ NGUYỄN LƯƠNG BẰNG"
    khoi = read_signature(_plan("thach-khoi_ke-hoach-50-dot-thi-dua-2025.txt")[-900:])
    assert (khoi.authority, khoi.title, khoi.name) == ("TM. UY BAN NHAN DAN", "Chủ tịch", None)


def test_opens_signature() -> None:
    assert opens_signature("TM. ỦY BAN NHÂN DÂN") and opens_signature("KT. CHỦ TỊCH")
    assert opens_signature("TUQ. GIÁM ĐỐC SỞ") and not opens_signature("TL. Chủ tịch nói rằng")


def test_casing_learned_from_the_document() -> None:
    casing = Casing("Ủy ban nhân dân tỉnh Lạng Sơn thực hiện Chương trình mục tiêu quốc gia (MTQG).")
    assert casing.recase("THỰC HIỆN CHƯƠNG TRÌNH MTQG TRÊN ĐỊA BÀN TỈNH LẠNG SƠN") == \
        "thực hiện Chương trình MTQG trên địa bàn tỉnh Lạng Sơn"
    assert Casing("").recase("KINH TẾ - XÃ HỘI TỈNH ĐIỆN BIÊN") == "kinh tế - xã hội tỉnh Điện Biên"
