"""The locality grammar (kehoach.grammar.localities) on real plans and on questions.

The plans are the bundled five, the three of ../shared/corpus-other-provinces and the 14 of
eval/gen-dev (expected localities: the tables of their READMEs). eval/gen-test is held out
and not read here. The questions are written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.core.settings import PROJECT_ROOT
from kehoach.core.text import fold
from kehoach.grammar.localities import (
    Locality,
    LocalityMention,
    detect_plan_locality,
    find_localities,
    parse_locality,
    resolve,
    same_place,
    within,
)

PLANS = PROJECT_ROOT / "data" / "plans"
GEN_DEV = PROJECT_ROOT / "eval" / "gen-dev" / "plans"
SHARED = next((p for p in (PROJECT_ROOT.parent / "shared", PROJECT_ROOT.parent.parent / "shared")
               if (p / "corpus-other-provinces").is_dir()), None)
OTHER = SHARED / "corpus-other-provinces" if SHARED else None

EXPECTED = {  # data/plans: ../shared/README.md; the others: their READMEs' "cơ quan ban hành"
    "nguyen-luong-bang_ke-hoach-dot-thi-dua-2025": "xã Nguyễn Lương Bằng",
    "nguyen-luong-bang_ke-hoach-23-thi-dua-khen-thuong-2025": "xã Nguyễn Lương Bằng",
    "cam-giang_ke-hoach-dot-thi-dua-2025": "xã Cẩm Giang",
    "kien-an_ke-hoach-dot-thi-dua-2025": "phường Kiến An",
    "thach-khoi_ke-hoach-50-dot-thi-dua-2025": "phường Thạch Khôi",
    "xa-xuan-tin_ke-hoach-36-phong-chong-thien-tai-2025": "xã Xuân Tín",
    "lang-son_ke-hoach-51-giam-ngheo-2024": "tỉnh Lạng Sơn",
    "thanh-hoa_ke-hoach-298-chuyen-doi-so-2024": "tỉnh Thanh Hóa",
    "bac-ninh_ke-hoach-186-chinh-quyen-so-2026-2030": "tỉnh Bắc Ninh",
    "bac-ninh_ke-hoach-498-an-toan-thuc-pham-2022-2025": "tỉnh Bắc Ninh",
    "ben-tre_ke-hoach-370-phat-trien-kinh-te-xa-hoi-2023": "tỉnh Bến Tre",
    "ben-tre_ke-hoach-8016-giao-duc-mam-non-vung-kho-khan-2022-2030": "tỉnh Bến Tre",
    "binh-thuan_ke-hoach-2263-phong-chong-thien-tai-2021-2025": "tỉnh Bình Thuận",
    "can-tho_ke-hoach-53-bhyt-bhxh-2025": "thành phố Cần Thơ",
    "da-nang_ke-hoach-85-tiem-chung-soi-2025": "thành phố Đà Nẵng",
    "ha-tinh_ke-hoach-115-chuyen-doi-so-2024": "tỉnh Hà Tĩnh",
    "lai-chau_ke-hoach-1767-an-toan-thuc-pham-2023": "tỉnh Lai Châu",
    "lang-son_ke-hoach-32-suc-khoe-tam-than-tre-em-2024-2030": "tỉnh Lạng Sơn",
    "lang-son_ke-hoach-334-chinh-quyen-so-2025": "tỉnh Lạng Sơn",
    "tuyen-quang_ke-hoach-100-phong-chong-thien-tai-2025": "tỉnh Tuyên Quang",
    "tuyen-quang_ke-hoach-60-chuyen-doi-so-2025": "tỉnh Tuyên Quang",
    "xa-thach-kim_ke-hoach-chuyen-doi-so-2024": "xã Thạch Kim",
}


def _plan_files() -> list[Path]:
    files = sorted(PLANS.glob("*.txt")) + sorted(GEN_DEV.glob("*.txt"))
    if OTHER is not None:
        files += sorted(OTHER.glob("*.txt"))
    return files


def _text(stem: str) -> str:
    for path in _plan_files():
        if path.stem == stem:
            return path.read_text(encoding="utf-8")
    pytest.skip(f"{stem}.txt not found (../shared missing?)")


def test_every_plan_here_is_expected() -> None:
    assert {p.stem for p in _plan_files()} <= set(EXPECTED)
    assert len(_plan_files()) == len(EXPECTED) or OTHER is None


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_plan_locality(stem: str) -> None:
    text = _text(stem)
    found = detect_plan_locality(text)
    assert found is not None
    locality, (start, end) = found
    assert locality.display == EXPECTED[stem]
    # The span cites the place in the text (OCR'd "PHUONG THACH KHOI" included).
    assert locality.key in " ".join(fold(text[start:end]).split())


def test_plans_name_no_place_that_is_not_one() -> None:
    # Every locality read anywhere in the 22 plans is a loaded one or a real other place:
    # no "xã hội", "phương án", "xã. Tham mưu", "địa phương 02 cấp", OCR'd motto ...
    loaded = [detect_plan_locality(p.read_text(encoding="utf-8"))[0] for p in _plan_files()]
    others = set()
    for path in _plan_files():
        text = path.read_text(encoding="utf-8")
        for m in find_localities(text, loaded):
            if not m.loaded:
                others.add(m.locality.display)
    assert others <= {"thành phố Hải Phòng", "xã Nguyên Giáp"}, others


# --------------------------------------------------------------------------- headers

@pytest.mark.parametrize(("header", "expected"), [
    # The layouts of the real plans above, and of Nghị định 30/2020/NĐ-CP with a superior
    # body above the issuing one (written for this test).
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Số: 35/KH-UBND\nHà Nội, ngày 10 tháng 02 năm 2025\nKẾ HOẠCH", "thành phố Hà Nội"),
    ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nXÃ ĐIỆN TRUNG | Độc lập - Tự do"
     " - Hạnh phúc |\nSố: 12/KH-UBND |\nĐiện Trung, ngày 3 tháng 4 năm 2024 |", "xã Điện Trung"),
    ("UBND TỈNH LẠNG SƠN\nSỞ Y TẾ\n-------\nSố: 120/KH-SYT\nLạng Sơn, ngày 5 tháng 3 năm 2024",
     "tỉnh Lạng Sơn"),
    ("UBND HUYỆN THỌ XUÂN\nBAN CHỈ ĐẠO PCTT VÀ TKCN XÃ XUÂN TÍN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA"
     " VIỆT NAM\nSố: 5/KH-BCĐ", "xã Xuân Tín"),
    ("UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM\n\nTHI XA DIEN BAN Doc lap - Tu do\n"
     "S6: 7 /KH-UBND", "thị xã Điện Bàn"),
    ("ỦY BAN NHÂN DÂN\nXÃ TÂN MỚI HƯNG\nSố: 3/KH-UBND", "xã Tân Mới Hưng"),  # not in the gazetteer
    ("Số hiệu: 9/KH-UBND\nNơi ban hành: Thành phố Cần Thơ Người ký: Trần Văn A\n", "thành phố Cần Thơ"),
    ("| Cơ quan ban hành | Ủy ban nhân dân tỉnh Quảng Nam |\n", "tỉnh Quảng Nam"),
    ("Cơ quan ban hành:\n  Ủy ban nhân dân tỉnh Kon Tum\nNgười ký: Nguyễn Văn B", "tỉnh Kon Tum"),
    ("| ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
     "| Số: 5/KH-UBND | Quảng Ngãi, ngày 1 tháng 2 năm 2024 |", "tỉnh Quảng Ngãi"),
    ("Ủy ban nhân dân\nTỉnh Quảng Trị\nSố: 5/KH-UBND", "tỉnh Quảng Trị"),
    ("ỦY BAN NHÂN DÂN\nTP. HỒ CHÍ MINH\nSố: 5/KH-UBND", "thành phố Hồ Chí Minh"),
    ("UBND QUẬN 1\nSố: 5/KH-UBND", "quận 1"),
])
def test_header_layouts(header: str, expected: str) -> None:
    found = detect_plan_locality(header)
    assert found is not None and found[0].display == expected


def test_title_and_signature_when_no_header() -> None:
    title = ("KẾ HOẠCH\nTriển khai công tác chuyển đổi số năm 2024 trên địa bàn phường Gò Nổi\n"
             "Căn cứ Quyết định số 12/QĐ-UBND ngày 3/1/2024 của UBND thành phố Đà Nẵng;")
    assert detect_plan_locality(title)[0].display == "phường Gò Nổi"
    signed = "…\n\tỦY BAN NHÂN DÂN XÃ XUÂN TÍN <ubndxaxuantin@thanhhoa.gov.vn> đã ký lên văn bản này!"
    assert detect_plan_locality(signed)[0].display == "xã Xuân Tín"


def test_a_cited_documents_issuer_is_not_the_plans_own() -> None:
    text = ("Trang thông tin xã Cẩm Giang\n- Quyết định số 424/QĐ-UBND ngày 18/02/2022 của UBND "
            "thành phố Hải Phòng về chuyển đổi số; - Kế hoạch số 232/KH-UBND của UBND thành phố "
            "Hải Phòng")
    assert detect_plan_locality(text)[0].display == "xã Cẩm Giang"


def test_no_locality() -> None:
    assert detect_plan_locality("Kế hoạch tuyên truyền về bảo hiểm y tế năm 2025.") is None


# --------------------------------------------------------------------------- questions

HP = [Locality("xã", "Nguyễn Lương Bằng"), Locality("phường", "Kiến An"),
      Locality("phường", "Thạch Khôi"), Locality("xã", "Cẩm Giang")]
OTHERS = [Locality("xã", "Xuân Tín"), Locality("tỉnh", "Lạng Sơn"), Locality("tỉnh", "Thanh Hóa"),
          Locality("thành phố", "Đà Nẵng"), Locality("xã", "Điện Trung"), Locality("thành phố", "Cần Thơ")]


def _found(question: str, loaded) -> list[tuple[str, bool]]:
    return [(m.locality.display, m.loaded) for m in find_localities(question, loaded)]


# Today's cases (tests/test_retrieval.py), run against the new grammar.
@pytest.mark.parametrize(("question", "expected", "loaded"), [
    ("Chỉ tiêu BHYT của xã Nguyễn Lương Bằng?", "xã Nguyễn Lương Bằng", True),
    ("chi tieu nuoc sach nguyen luong bang", "xã Nguyễn Lương Bằng", True),
    ("Kiến An gửi báo cáo trước ngày nào", "phường Kiến An", True),
    ("han bao cao phuong thach khoi", "phường Thạch Khôi", True),
    ("Chỉ tiêu của xã Tiên Lãng", "xã Tiên Lãng", False),
    ("chi tieu cua xa Tien Lang", "xã Tiên Lãng", False),
    ("Kế hoạch của phường Hòa Phong", "phường Hòa Phong", False),
    ("Tỷ lệ hộ nghèo của xã NLB?", "xã Nguyễn Lương Bằng", True),
])
def test_todays_cases(question: str, expected: str, loaded: bool) -> None:
    assert _found(question, HP) == [(expected, loaded)]


@pytest.mark.parametrize(("question", "expected"), [
    ("Kế hoạch phòng chống thiên tai của xã Xuân Tín năm 2025 số mấy?", [("xã Xuân Tín", True)]),
    ("xa xuan tin co bao nhieu thon", [("xã Xuân Tín", True)]),
    ("XÃ XUÂN TÍN CÓ BAO NHIÊU THÔN", [("xã Xuân Tín", True)]),
    ("Lạng Sơn giảm bao nhiêu hộ nghèo năm 2024?", [("tỉnh Lạng Sơn", True)]),
    ("lang son giam bao nhieu ho ngheo", [("tỉnh Lạng Sơn", True)]),
    ("UBND tỉnh Thanh Hóa giao bao nhiêu chỉ tiêu?", [("tỉnh Thanh Hóa", True)]),
    ("Ủy ban nhân dân thành phố Cần Thơ ban hành kế hoạch nào?", [("thành phố Cần Thơ", True)]),
    ("Kế hoạch của TP Đà Nẵng, Tp. Cần Thơ và TP.HCM", [
        ("thành phố Đà Nẵng", True), ("thành phố Cần Thơ", True), ("thành phố Hồ Chí Minh", False)]),
    ("chỉ tiêu của thành phố Hải Phòng", [("thành phố Hải Phòng", False)]),
    ("Kế hoạch của huyện Thọ Xuân và thị xã Điện Bàn", [("huyện Thọ Xuân", False),
                                                        ("thị xã Điện Bàn", False)]),
    ("Kế hoạch của quận Hoàn Kiếm", [("quận Hoàn Kiếm", False)]),
    ("đặc khu Phú Quốc có kế hoạch không?", [("đặc khu Phú Quốc", False)]),
    ("Thị trấn Cẩm Giang cũ có kế hoạch gì?", [("thị trấn Cẩm Giang", False)]),
    ("Chỉ tiêu của TPHCM và HCM", [("thành phố Hồ Chí Minh", False), ("thành phố Hồ Chí Minh", False)]),
    ("chỉ tiêu tỉnh Cần Thơ", [("thành phố Cần Thơ", True)]),  # the unit's own kind
])
def test_mentions_with_and_without_kind_words_and_accents(question, expected) -> None:
    assert _found(question, OTHERS) == expected


@pytest.mark.parametrize("question", [
    "Kế hoạch tiêm chủng Sởi năm 2024 của Hà Nội số mấy?",
    "KH tiêm chủng sởi Hà Nội 2025 số hiệu, ngày ban hành",
    "ke hoach tiem chung soi ha noi 2025 so hieu",
    "Chỉ tiêu hạ tầng giao thông ở Hà Nội?",
])
def test_a_province_named_bare_and_not_loaded_is_still_a_place(question: str) -> None:
    mentions = find_localities(question, OTHERS + HP)
    assert [(m.locality.display, m.loaded) for m in mentions] == [("thành phố Hà Nội", False)]
    assert fold(question[mentions[0].start:mentions[0].end]) == "ha noi"


@pytest.mark.parametrize("question", [
    "Chủ tịch Hồ Chí Minh và hòa bình",
    "Giữ vững hòa bình, thống nhất, độc lập dân tộc; xây dựng nông thôn mới tân tiến",
    "Kỷ niệm chiến thắng Bạch Đằng, sửa đường Lê Lợi, nạo vét sông Hồng",
    "Dịch sởi lan rộng ở khu vực châu Á - Thái Bình Dương",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Bảo đảm an sinh xã hội; cơ quan chủ trì, phối hợp",
    "co quan chu tri la ai, phuong an phong chong thien tai the nao",
    "Phương án phòng chống thiên tai; các xã, phường, thị trấn trên địa bàn tỉnh",
    "Hoàn thiện mô hình chính quyền địa phương 02 cấp",
    "Phong trào thi đua Quyết Thắng",
])
def test_ordinary_phrases_are_not_places(question: str) -> None:
    loaded = HP + OTHERS + [Locality("xã", "Hòa Bình"), Locality("xã", "Bạch Đằng"),
                            Locality("phường", "Lê Lợi"), Locality("xã", "Quyết Thắng")]
    assert _found(question, loaded) == []


def test_an_ordinary_name_counts_when_written_as_a_name() -> None:
    loaded = [Locality("xã", "Hòa Bình")]
    assert _found("Chỉ tiêu BHYT của Hòa Bình là bao nhiêu?", loaded) == [("xã Hòa Bình", True)]
    assert _found("chi tieu bhyt cua xa hoa binh", loaded) == [("xã Hòa Bình", True)]
    assert _found("chi tieu bhyt cua hoa binh", loaded) == []  # too ordinary typed bare


def test_accents_tell_two_communes_apart() -> None:
    # Hải Phòng has both; the loaded plan is Cẩm Giang's.
    assert _found("Chỉ tiêu của xã Cẩm Giàng?", HP) == [("xã Cẩm Giàng", False)]
    assert _found("Chỉ tiêu của xã Cẩm Giang?", HP) == [("xã Cẩm Giang", True)]
    assert _found("chi tieu cua xa cam giang", HP) == [("xã Cẩm Giang", True)]


def test_old_and_new_names_find_the_same_plan() -> None:
    # A 2024 plan of xã Điện Trung (thị xã Điện Bàn, Quảng Nam), which became part of
    # xã Gò Nổi (thành phố Đà Nẵng) in 2025.
    loaded = [Locality("xã", "Điện Trung")]
    by_new = find_localities("Kế hoạch chuyển đổi số của xã Gò Nổi năm 2024?", loaded)
    assert [(m.locality.display, m.loaded, m.named.display) for m in by_new] == [
        ("xã Điện Trung", True, "xã Gò Nổi")]
    by_old = find_localities("Kế hoạch của xã Gò Nổi?", [Locality("xã", "Gò Nổi")])
    assert by_old[0].loaded
    assert find_localities("Xã Điện Trung năm 2024 có bao nhiêu thôn?", [Locality("xã", "Gò Nổi")])[0].loaded
    # A sister commune merged into the same unit is another place.
    assert not find_localities("Kế hoạch của xã Điện Quang?", loaded)[0].loaded
    # A province merged into another is not it: Đà Nẵng's question, Quảng Nam's plan.
    assert _found("Đà Nẵng tiêm sởi cho bao nhiêu trẻ?", [Locality("tỉnh", "Quảng Nam")]) == [
        ("thành phố Đà Nẵng", False)]
    assert _found("Kế hoạch của Huế", [Locality("tỉnh", "Thừa Thiên Huế")]) == [("tỉnh Thừa Thiên Huế", True)]


def test_qualifiers_pick_the_commune() -> None:
    mentions = find_localities("xã Điện Trung, thị xã Điện Bàn, tỉnh Quảng Nam có chỉ tiêu gì?", OTHERS)
    assert [(m.locality.display, m.loaded, m.qualifier) for m in mentions] == [
        ("xã Điện Trung", True, False), ("thị xã Điện Bàn", False, True), ("tỉnh Quảng Nam", False, True)]
    # The loaded Cẩm Giang is Hải Phòng's (resolved from its plan): Thanh Hóa's is another.
    loaded = [Locality("xã", "Cẩm Giang")]
    units = {loaded[0]: resolve(loaded[0], _text("cam-giang_ke-hoach-dot-thi-dua-2025"))}
    assert [u.id for u in units[loaded[0]]] == ["c3-10888"]
    other = find_localities("Xã Cẩm Giang, tỉnh Thanh Hóa có chỉ tiêu gì?", loaded, units)
    assert [(m.locality.display, m.loaded, m.qualifier) for m in other] == [
        ("xã Cẩm Giang", False, False), ("tỉnh Thanh Hóa", False, True)]
    same = find_localities("Xã Cẩm Giang, thành phố Hải Phòng có chỉ tiêu gì?", loaded, units)
    assert same[0].loaded and same[1].qualifier


def test_bare_name_shared_by_two_loaded_localities() -> None:
    loaded = [Locality("thành phố", "Lạng Sơn"), Locality("tỉnh", "Lạng Sơn")]
    (mention,) = find_localities("Lạng Sơn có bao nhiêu hộ nghèo?", loaded)
    assert mention.locality == Locality("tỉnh", "Lạng Sơn")  # a bare name is the province
    assert set(mention.matches) == set(loaded)
    (city,) = find_localities("thành phố Lạng Sơn có bao nhiêu hộ nghèo?", loaded)
    assert city.locality == Locality("thành phố", "Lạng Sơn") and city.matches == (city.locality,)


def test_mention_spans_are_offsets_into_the_question() -> None:
    question = "Chỉ tiêu BHYT của phường Kiến An và xã Xuân Tín"
    mentions = find_localities(question, HP)
    assert [question[m.start:m.end] for m in mentions] == ["phường Kiến An", "xã Xuân Tín"]
    assert all(isinstance(m, LocalityMention) for m in mentions)


def test_an_ocr_misspelling_of_a_loaded_name_is_it() -> None:
    (mention,) = find_localities("Thuc hién Ké hoach ctia phuong Thach Khéi", HP)
    assert mention.locality.display == "phường Thạch Khôi" and mention.loaded


# --------------------------------------------------------------------------- helpers

@pytest.mark.parametrize(("display", "expected"), [
    ("phường Kiến An", Locality("phường", "Kiến An")),
    ("xã Nguyễn Lương Bằng", Locality("xã", "Nguyễn Lương Bằng")),
    ("thị xã Điện Bàn", Locality("thị xã", "Điện Bàn")),
    ("thị trấn Cẩm Giang", Locality("thị trấn", "Cẩm Giang")),
    ("tỉnh Lạng Sơn", Locality("tỉnh", "Lạng Sơn")),
    ("Thành phố Hà Nội", Locality("thành phố", "Hà Nội")),
    ("TP. Đà Nẵng", Locality("thành phố", "Đà Nẵng")),
    ("đặc khu Phú Quốc", Locality("đặc khu", "Phú Quốc")),
    ("Hà Nội", None),
    ("", None),
    (None, None),
])
def test_parse_locality(display, expected) -> None:
    assert parse_locality(display) == expected


def test_same_place_and_within() -> None:
    dien_trung, go_noi = Locality("xã", "Điện Trung"), Locality("xã", "Gò Nổi")
    assert same_place(dien_trung, go_noi) and same_place(go_noi, dien_trung)
    assert not same_place(Locality("xã", "Điện Quang"), dien_trung)
    assert not same_place(Locality("tỉnh", "Quảng Nam"), Locality("thành phố", "Đà Nẵng"))
    assert same_place(Locality("xã", "Xuân Tín"), Locality("xã", "Xuân Tín"))
    assert not same_place(Locality("xã", "Cẩm Giang"), Locality("xã", "Cẩm Giàng"))
    assert within(dien_trung, Locality("thị xã", "Điện Bàn"))
    assert within(dien_trung, Locality("tỉnh", "Quảng Nam"))
    assert within(dien_trung, Locality("thành phố", "Đà Nẵng"))
    assert within(go_noi, Locality("tỉnh", "Quảng Nam"))
    assert within(Locality("xã", "Xuân Tín"), Locality("tỉnh", "Thanh Hóa"))
    assert not within(Locality("xã", "Xuân Tín"), Locality("thành phố", "Hà Nội"))
    assert not within(Locality("tỉnh", "Thanh Hóa"), Locality("xã", "Xuân Tín"))


def test_resolve_uses_the_places_named_nearby() -> None:
    cam_giang = Locality("xã", "Cẩm Giang")
    everywhere = resolve(cam_giang)
    assert len(everywhere) > 1  # Hải Phòng's today, and former ones in Thanh Hóa and Tây Ninh
    assert [u.id for u in resolve(cam_giang, "xã Cẩm Giang, huyện Cẩm Thủy, tỉnh Thanh Hóa")] == ["f3-15148"]
    assert resolve(Locality("xã", "Không Có Thật")) == []


@pytest.mark.parametrize(("text", "expected"), [
    # A former commune the gazetteer lacks, whose name begins with a known one's.
    ("Hội LHPN xã Bình Định Nam trao sinh kế cho hộ nghèo", "xã Bình Định Nam"),
    ("Hội LHPN xã Bình Định trao sinh kế cho hộ nghèo", "xã Bình Định"),
    # Capitals and title-cased headlines do not say where a name ends.
    ("KẾ HOẠCH PHÁT TRIỂN XÃ TÂN LẬP NĂM 2024", "xã Tân Lập"),
    ("Xã Tân Lập Triển Khai Kế Hoạch Chuyển Đổi Số", "xã Tân Lập"),
    # The rest of the run is another place's name: the commune, then where it lies.
    ("Hội Nông dân xã Phú Mỹ Tân Phước trao bò giống", "xã Phú Mỹ"),
    # Typed without accents and in lower case: "nam" may be "năm".
    ("xa binh dinh nam 2023 giam bao nhieu ho ngheo", "xã Bình Định"),
])
def test_a_communes_name_that_runs_on_past_the_gazetteers(text: str, expected: str) -> None:
    assert find_localities(text, [])[0].locality.display == expected
