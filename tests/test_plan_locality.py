"""The locality of a plan whose header was lost, from each other place a plan states it,
and the source recorded (kehoach.grammar.plan_locality)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.core.text import fold as fold_text
from kehoach.grammar.plan_locality import WEAK_SOURCES, locality_from_file_name, locate_plan

_BODY = ("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nNâng cao nhận thức của Nhân dân về phòng, chống "
         "thiên tai trên địa bàn.\n2. Yêu cầu\nCác cơ quan, đơn vị triển khai đúng tiến độ.\n")


def _found(text: str, file_name: str | None = None) -> tuple[str, str] | None:
    found = locate_plan(text, file_name)
    return (found.locality.display, found.source) if found else None


def test_header_first():
    text = ("ỦY BAN NHÂN DÂN\nXÃ XUÂN TÍN\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nSố: 36/KH-UBND\nXuân Tín, ngày 5 tháng 3 năm 2025\n"
            "KẾ HOẠCH\nPhòng, chống thiên tai năm 2025\n" + _BODY)
    assert _found(text, "kh-phuong-hoi-phu.txt") == ("xã Xuân Tín", "header")


def test_site_table():
    text = ("Số hiệu: 51/KH-UBND\nLoại văn bản: Kế hoạch\nCơ quan ban hành: Tỉnh Lạng Sơn\n"
            "Người ký: Nguyễn Văn A\n" + _BODY)
    assert _found(text) == ("tỉnh Lạng Sơn", "site")


def test_title_names_the_commune():
    text = ("KẾ HOẠCH\nTriển khai công tác phòng, chống thiên tai trên địa bàn xã Sơn Lang năm 2025\n"
            + _BODY)
    assert _found(text) == ("xã Sơn Lang", "title")


def test_page_title_of_a_web_copy():
    text = ("Kế hoạch 53/KH-UBND năm 2025 thực hiện chỉ tiêu bảo hiểm y tế do thành phố Cần Thơ ban hành\n"
            "Số hiệu: 53/KH-UBND\nLoại văn bản: Kế hoạch\nNgười ký: Nguyễn Văn A\n" + _BODY)
    assert _found(text) == ("thành phố Cần Thơ", "title")


@pytest.mark.parametrize("opening, expected", [
    ("Thực hiện Kế hoạch số 1361/KH-UBND ngày 25/4/2022 của Ủy ban nhân dân tỉnh Tây Ninh, "
     "UBND huyện Như Xuân xây dựng Kế hoạch thực hiện công tác phòng, chống thiên tai như sau:",
     "huyện Như Xuân"),
    ("UBND phường Hội Phú ban hành Kế hoạch tuyên truyền về bảo hiểm y tế năm 2025.", "phường Hội Phú"),
    ("UBND huyện Khánh Vĩnh (Khánh Hòa) vừa ban hành kế hoạch tuyên truyền ngày Di sản văn hóa.",
     "huyện Khánh Vĩnh"),
])
def test_opening_sentence(opening, expected):
    assert _found(opening + "\n" + _BODY) == (expected, "opening")


def test_signature_block_beats_stray_mentions():
    text = (_BODY + "Phối hợp với UBND xã Gia Phong và xã Gia Phong tổ chức diễn tập.\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN XÃ SƠN LANG\nCHỦ TỊCH\n"
            "Nguyễn Văn A\n")
    assert _found(text) == ("xã Sơn Lang", "signature")


def test_kind_from_opening_name_from_place_line():
    text = ("Số: 476/UBND\nChâu Thành, ngày 14 tháng 6 năm 2017\n"
            "UBND huyện ban hành Kế hoạch hưởng ứng ngày ASEAN phòng, chống sốt xuất huyết.\n" + _BODY)
    assert _found(text) == ("huyện Châu Thành", "opening+place")


def test_most_named_unit():
    text = _BODY + "Xây dựng xã Gia Phong đạt chuẩn nông thôn mới; nhân dân xã Gia Phong đồng thuận.\n"
    assert _found(text) == ("xã Gia Phong", "mentions")


def test_bare_names_count_for_the_typed_unit_of_that_name():
    # A news page names its district once with the kind word, then bare; a commune named
    # twice with its kind word must not win over it.
    text = ("Tân Phước phấn đấu giảm 40 hộ nghèo\n\n(BTV) - Năm nay huyện Tân Phước giao chỉ "
            "tiêu cho các xã.\nHội Nông dân xã Phú Mỹ trao bò giống.\nHội Nông dân xã Phú Mỹ "
            "(Tân Phước) trao sinh kế.\nNăm 2022, Tân Phước giảm 80 hộ nghèo.\n")
    found = locate_plan(text)
    assert found is not None and (found.locality.display, found.source) == ("huyện Tân Phước", "mentions")
    assert fold_text(text[found.span[0]:found.span[1]]) == "huyen tan phuoc"  # cited with its kind word


def test_a_bare_name_in_a_street_name_does_not_count():
    text = _BODY + ("Xã Gia Phong phối hợp; nhân dân xã Gia Phong đồng thuận. Huyện Gia Viễn hỗ trợ "
                    "tại đường Gia Viễn và phố Gia Viễn.\n")
    assert _found(text) == ("xã Gia Phong", "mentions")


def test_place_line_alone_is_weak():
    found = locate_plan("Lạng Sơn, ngày 5 tháng 3 năm 2024\n" + _BODY)
    assert found is not None and found.locality.display == "tỉnh Lạng Sơn"
    assert found.source == "place" and found.weak


def test_file_name_last_and_weak():
    found = locate_plan(_BODY, "kh-xa-son-lang-chi-tieu.pdf")
    assert found is not None and (found.locality.display, found.source) == ("xã Sơn Lang", "file")
    assert found.weak and "file" in WEAK_SOURCES
    assert locate_plan(_BODY) is None  # the text alone names no locality


@pytest.mark.parametrize("name, expected", [
    ("kh-xa-tan-lap-bhyt.pdf", "xã Tân Lập"),
    ("gia-lai_phuong-hoi-phu-chi-tieu-2020-2025.txt", "phường Hội Phú"),
    ("thanh-hoa_huyen-nhu-xuan-chi-tieu.txt", "huyện Như Xuân"),
    ("nghe-an_tin-ke-hoach-ra-soat-ho-ngheo.txt", "tỉnh Nghệ An"),
    # Ordinary words are no place: "xã hội", "phương án", "quản lý", "tình hình".
    ("ke-hoach-cong-tac-xa-hoi-2025.txt", None),
    ("phuong-an-phong-chong.pdf", None),
    ("quan-ly-chat-thai.pdf", None),
    ("bao-cao-tinh-hinh.pdf", None),
    # A bare name that is no province is not read; two spellings (Cẩm Giang / Cẩm Giàng) are ambiguous.
    ("dong-thinh.txt", None),
    ("xa-cam-giang-kh.docx", None),
])
def test_file_name_through_the_gazetteer(name, expected):
    found = locality_from_file_name(name)
    assert (found.display if found else None) == expected


def test_file_name_must_agree_with_the_opening_kind():
    # "UBND tỉnh vừa ban hành …": a commune in the file name is not the issuer.
    text = "Ủy ban nhân dân tỉnh vừa ban hành Kế hoạch số 1734/KH-UBND rà soát hộ nghèo.\n" + _BODY
    assert locate_plan(text, "xa-son-lang-tin.txt") is None
    assert _found(text, "gia-lai_tin-ke-hoach-1734.txt") == ("tỉnh Gia Lai", "file")


def test_ingest_records_the_source(tmp_path: Path):
    from kehoach.core.settings import Settings
    from kehoach.ingest.pipeline import load_plan

    path = tmp_path / "gia-lai_xa-son-lang-chi-tieu-chu-yeu.txt"
    path.write_text("Các chỉ tiêu chủ yếu (nhiệm kỳ 2020-2025)\n- Thu nhập bình quân đầu người "
                    "đến năm 2025: 45 triệu đồng/năm.\n- Xây dựng xã đạt chuẩn nông thôn mới.\n",
                    encoding="utf-8")
    meta = load_plan(path, Settings().chunk_max_chars).meta
    assert (meta.locality, meta.locality_source) == ("xã Sơn Lang", "file")
    assert "locality" not in meta.evidence  # no span of the text says it
