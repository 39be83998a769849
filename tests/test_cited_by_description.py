"""Cited documents asked by description and issuer, and duties or figures asked by role.

Each test names a rule: an issuer written with "&" ("Bộ TT&TT") matches its ký hiệu
(BTTTT); the year that names the one plan in scope is no topic word; a document that
issued another ("… ban hành tại Quyết định số …") is described by what it issued; the
decision a loaded text is ("Số: 412/QĐ-UBND … Ban hành kèm theo Quyết định này Kế hoạch")
answers "kèm quyết định số mấy" with its own number; "có hiệu lực kể từ ngày ký" answers
when it takes effect; a "Phương án" is a cited type; a resolution named by its issuer
with its day asked is the cited one; a place a distance is measured from is not the
figure's owner; "theo chức năng, nhiệm vụ được giao" between a body and its verb keeps the
body the actor; "trình bày" is no "trình" (to submit). The texts are written for the tests
(provinces and topics of no tuning set); the index, model and grammar are the real ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.answer.assistant import Assistant
from kehoach.answer.query import analyse
from kehoach.core.settings import Settings
from kehoach.core.text import fold
from kehoach.grammar.dates import event_days
from kehoach.grammar.docrefs import described_refs, find_docrefs, issued_by
from kehoach.grammar.localities import parse_locality, places_named
from kehoach.grammar.units import PROPOSER, asked_role, find_units
from kehoach.index.builder import ingest
from kehoach.index.store import load_index

_DECISION = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
-------
Số: 412/QĐ-UBND
Lào Cai, ngày 05 tháng 3 năm 2023

QUYẾT ĐỊNH
BAN HÀNH KẾ HOẠCH PHÒNG, CHỐNG DỊCH BỆNH GIA SÚC, GIA CẦM TỈNH LÀO CAI

ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Quyết định số 172/QĐ-TTg ngày 13 tháng 02 năm 2021 của Thủ tướng Chính phủ phê duyệt Kế hoạch quốc gia phòng, chống dịch bệnh gia súc;
Theo đề nghị của Giám đốc Sở Nông nghiệp và Phát triển nông thôn tại Tờ trình số 88/TTr-SNN ngày 01 tháng 3 năm 2023.
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống dịch bệnh gia súc, gia cầm tỉnh Lào Cai.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở, ban, ngành chịu trách nhiệm thi hành Quyết định này.
"""

_BESIDE = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
-------
Số: 20/KH-UBND
Lào Cai, ngày 10 tháng 02 năm 2023

KẾ HOẠCH
PHÁT TRIỂN DU LỊCH CỘNG ĐỒNG TỈNH LÀO CAI

Căn cứ Quyết định số 922/QĐ-TTg ngày 02 tháng 8 năm 2022 của Thủ tướng Chính phủ phê duyệt Chương trình phát triển du lịch nông thôn;
Ủy ban nhân dân tỉnh ban hành Kế hoạch phát triển du lịch cộng đồng như sau:
I. MỤC TIÊU
Đến năm 2025, đón 50.000 lượt khách du lịch cộng đồng.
"""

_PLAN = """ỦY BAN NHÂN DÂN
TỈNH SÓC TRĂNG
-------
Số: 55/KH-UBND
Sóc Trăng, ngày 10 tháng 5 năm 2023

KẾ HOẠCH
PHÁT TRIỂN THƯƠNG MẠI ĐIỆN TỬ TRÊN ĐỊA BÀN TỈNH

Thực hiện Công văn số 1510/BCT-TMĐT ngày 20/3/2023 của Bộ Công Thương về hướng dẫn phát triển thương mại điện tử; Công văn số 900/BTTTT-THH ngày 01/3/2023 của Bộ Thông tin và Truyền thông về phát triển nền tảng số; Kế hoạch hành động của Ban Chỉ đạo quốc gia về thương mại điện tử năm 2023 ban hành tại Quyết định số 12/QĐ-BCĐTMĐT ngày 02/02/2023; Quyết định số 645/QĐ-TTg ngày 15/5/2020 của Thủ tướng Chính phủ phê duyệt Kế hoạch tổng thể phát triển thương mại điện tử; Nghị định số 52/2013/NĐ-CP ngày 16/5/2013 của Chính phủ về thương mại điện tử; Nghị quyết số 08/NQ-HĐND ngày 12/4/2023 của Hội đồng nhân dân tỉnh về phát triển thương mại; Phương án số 77/PA-UBND ngày 01/4/2023 của Ủy ban nhân dân tỉnh về sắp xếp chợ truyền thống, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Đưa thương mại điện tử thành kênh phân phối quan trọng của doanh nghiệp trong tỉnh.
Ngày 04/3/2022, Ủy ban nhân dân tỉnh đã ban hành Kế hoạch số 21/KH-UBND phát triển thương mại điện tử năm 2022 với 12 chỉ tiêu.
2. Yêu cầu
- Các sở, ban, ngành, UBND các huyện, thị xã, thành phố theo chức năng, nhiệm vụ được giao triển khai thực hiện kế hoạch hiệu quả, đúng tiến độ.
"""

_COMMUNE = """KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2024 XÃ TÂN LẬP

I. ĐẶC ĐIỂM TỰ NHIÊN
1. Vị trí địa lý
Xã Tân Lập nằm cách trung tâm huyện Đồng Phú 18 km, có đường tỉnh lộ đi qua.
2. Tình hình chung
Tỷ lệ hộ nghèo của huyện Đồng Phú năm 2023 là 2%.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:
    root = tmp_path_factory.mktemp("cited-by-description")
    plans = root / "plans"
    plans.mkdir()
    (plans / "lao-cai_quyet-dinh-412-dich-benh-gia-suc.txt").write_text(_DECISION, encoding="utf-8")
    (plans / "lao-cai_ke-hoach-20-du-lich-cong-dong.txt").write_text(_BESIDE, encoding="utf-8")
    (plans / "soc-trang_ke-hoach-55-thuong-mai-dien-tu.txt").write_text(_PLAN, encoding="utf-8")
    (plans / "binh-phuoc_xa-tan-lap-kinh-te-xa-hoi-2024.txt").write_text(_COMMUNE, encoding="utf-8")
    settings = Settings.load(plans_dir=plans, index_dir=root / "index")
    ingest(settings, embeddings)
    return Assistant(settings, embeddings, load_index(settings.index_dir))


def _says(answer, *expected: str) -> bool:
    text = fold(answer.answer)
    return answer.found and all(fold(e) in text for e in expected)


# ------------------------------------------------------------------ grammar


def test_an_issuer_written_with_an_ampersand_matches_its_code() -> None:
    (ref,) = find_docrefs("Công văn số 900/BTTTT-THH ngày 01/3/2023 của Bộ Thông tin và Truyền thông")
    assert issued_by(ref, "bo tt&tt") is True
    (other,) = find_docrefs("Công văn số 1510/BCT-TMĐT ngày 20/3/2023 của Bộ Công Thương")
    assert issued_by(other, "bo tt&tt") is False


def test_a_phuong_an_is_a_document_type() -> None:
    (ref,) = find_docrefs("Căn cứ Phương án số 77/PA-UBND ngày 01/4/2023 của Ủy ban nhân dân tỉnh")
    assert (ref.doc_type, ref.ref) == ("Phương án", "77/PA-UBND")


def test_a_document_that_issued_another_is_described_by_it() -> None:
    text = ("Công văn số 900/BTTTT-THH của Bộ Thông tin và Truyền thông; Kế hoạch hành động của Ban "
            "Chỉ đạo quốc gia năm 2023 ban hành tại Quyết định số 12/QĐ-BCĐTMĐT ngày 02/02/2023; "
            "Quyết định số 645/QĐ-TTg của Thủ tướng Chính phủ")
    spans = {ref.ref: text[a:b] for ref, a, b in described_refs(text)}
    assert spans["12/QĐ-BCĐTMĐT"].startswith("Kế hoạch hành động của Ban Chỉ đạo quốc gia")
    assert spans["645/QĐ-TTg"].startswith("Quyết định số 645")  # no "ban hành tại" before it


def test_a_day_named_by_an_event() -> None:
    text = "Quyết định này có hiệu lực kể từ ngày ký."
    assert [text[a:b] for a, b in event_days(text)] == ["kể từ ngày ký"]
    assert event_days("Quyết định này có hiệu lực từ ngày 01/7/2023.") == []


def test_the_place_a_distance_is_measured_from_is_not_named_as_an_owner() -> None:
    own = parse_locality("xã Tân Lập")
    named = places_named("Xã Tân Lập nằm cách trung tâm huyện Đồng Phú 18 km.", own)
    assert named and all(rel == "own" for _, rel in named)
    assert any(rel != "own" for _, rel in places_named("Huyện Đồng Phú đạt 2%.", own))


def test_an_aside_between_a_body_and_its_verb() -> None:
    mentions = find_units("- Các sở, ban, ngành, UBND các huyện, thị xã, thành phố theo chức năng, "
                          "nhiệm vụ được giao triển khai thực hiện kế hoạch.")
    assert any(m.name.startswith("UBND các huyện") and m.roles for m in mentions)


def test_presenting_is_not_submitting() -> None:
    assert asked_role("nguoi trinh bay du thao de an sap xep khu pho la ai") != PROPOSER
    assert asked_role("so nao trinh ke hoach nay") == PROPOSER


# ------------------------------------------------------------------ questions


@pytest.mark.parametrize(("question", "doc_type"), [
    ("Lào Cai ban hành kế hoạch phòng chống dịch bệnh gia súc kèm theo quyết định số mấy?", "quyet dinh"),
    ("Tỉnh X ban hành kế hoạch hành động bằng quyết định số mấy", "quyet dinh"),
    ("Kế hoạch hành động của Ban Chỉ đạo quốc gia mà tỉnh căn cứ được ban hành tại quyết định nào?", "quyet dinh"),
    ("Kế hoạch 55 căn cứ quyết định nào của Thủ tướng?", "quyet dinh"),
])
def test_the_document_asked(question: str, doc_type: str) -> None:
    analysis = analyse(question, [])
    assert (analysis.kind, analysis.doc_type) == ("reference", doc_type)


def test_the_year_given_a_cited_document_and_how_the_plan_names_it() -> None:
    analysis = analyse("Nghị định năm 2013 về thương mại điện tử mà kế hoạch của tỉnh nêu là số mấy?", [])
    assert (analysis.kind, analysis.doc_type, analysis.cited_year) == ("reference", "nghi dinh", "2013")
    assert "neu" not in analysis.topic.split()


def test_the_who_of_a_person_question_is_no_topic_word() -> None:
    analysis = analyse("Ở phường 2, người trình bày dự thảo đề án sắp xếp khu phố là ai?", [])
    assert "nguoi" not in analysis.topic.split() and analysis.kind == "responsible"


# ------------------------------------------------------------------ answers


def test_the_decision_a_text_is_answers_which_decision_issued_the_plan(assistant: Assistant) -> None:
    answer = assistant.ask("Lào Cai ban hành kế hoạch phòng chống dịch bệnh gia súc kèm theo quyết định số mấy?")
    assert _says(answer, "412/QĐ-UBND")


def test_a_decision_on_another_subject_is_not_the_one_asked(assistant: Assistant) -> None:
    """Lào Cai's decision is on livestock disease, its other plan on tourism: neither issued
    a flood plan, and "Quyết định ban hành …" in every decision's title names none."""
    answer = assistant.ask("Lào Cai ban hành kế hoạch phòng chống lũ bão kèm theo quyết định số mấy?")
    assert "412/QĐ-UBND" not in answer.answer and "922/QĐ-TTg" not in answer.answer


def test_a_decision_takes_effect_on_the_day_it_is_signed(assistant: Assistant) -> None:
    answer = assistant.ask("Quyết định ban hành kế hoạch phòng chống dịch bệnh gia súc của Lào Cai "
                           "có hiệu lực từ khi nào?")
    assert _says(answer, "kể từ ngày ký")


@pytest.mark.parametrize(("question", "expected", "not_expected"), [
    ("KH thương mại điện tử của Sóc Trăng thực hiện công văn nào của Bộ TT&TT?", "900/BTTTT-THH", "1510/BCT"),
    ("KH thương mại điện tử năm 2023 của Sóc Trăng thực hiện quyết định nào của Thủ tướng?", "645/QĐ-TTg",
     "12/QĐ-BCĐTMĐT"),
    ("Kế hoạch hành động năm 2023 của Ban Chỉ đạo quốc gia về thương mại điện tử mà Sóc Trăng căn cứ "
     "được ban hành tại quyết định nào?", "12/QĐ-BCĐTMĐT", "645/QĐ-TTg"),
    ("Phương án sắp xếp chợ truyền thống mà kế hoạch thương mại điện tử của Sóc Trăng căn cứ là số mấy?",
     "77/PA-UBND", "08/NQ-HĐND"),
    ("Nghị quyết của HĐND tỉnh Sóc Trăng về phát triển thương mại được thông qua ngày nào?", "12/4/2023",
     "10 tháng 5"),
])
def test_a_cited_document_asked_by_description_and_issuer(assistant: Assistant, question: str, expected: str,
                                                          not_expected: str) -> None:
    answer = assistant.ask(question)
    assert _says(answer, expected)
    assert fold(not_expected) not in fold(answer.answer)


def test_a_decision_opening_the_question_is_the_cited_one(assistant: Assistant) -> None:
    answer = assistant.ask("QĐ phê duyệt kế hoạch tổng thể phát triển thương mại điện tử là số mấy?")
    assert _says(answer, "645/QĐ-TTg") and "412/QĐ-UBND" not in answer.answer


def test_a_cited_document_of_another_year_is_no_answer(assistant: Assistant) -> None:
    assert _says(assistant.ask("Nghị định năm 2013 về thương mại điện tử mà kế hoạch của Sóc Trăng nêu là "
                               "số mấy?"), "52/2013/NĐ-CP")
    other = assistant.ask("Nghị định năm 2020 về thương mại điện tử mà kế hoạch của Sóc Trăng nêu là số mấy?")
    assert not other.found and "52/2013" not in other.answer


def test_bodies_asked_by_what_they_are_required_to_do(assistant: Assistant) -> None:
    answer = assistant.ask("KH thương mại điện tử năm 2023 của Sóc Trăng yêu cầu cấp nào triển khai "
                           "theo chức năng nhiệm vụ?")
    assert _says(answer, "UBND các huyện")


def test_a_distance_from_the_district_centre(assistant: Assistant) -> None:
    answer = assistant.ask("Xã Tân Lập cách trung tâm huyện Đồng Phú bao nhiêu km?")
    assert _says(answer, "18 km")


def test_the_district_figure_is_still_not_the_communes(assistant: Assistant) -> None:
    answer = assistant.ask("Tỷ lệ hộ nghèo của xã Tân Lập năm 2023 là bao nhiêu?")
    assert "2%" not in answer.answer or not answer.found


def test_a_plan_of_a_year_not_loaded_may_be_cited_by_the_one_loaded(assistant: Assistant) -> None:
    """The 2022 plan is reported by the 2023 one (with its year); a 2019 plan is cited by none:
    that plan is not loaded, said as such."""
    answer = assistant.ask("KH thương mại điện tử năm 2022 của Sóc Trăng là kế hoạch số mấy?")
    assert _says(answer, "21/KH-UBND")
    missing = assistant.ask("KH thương mại điện tử năm 2019 của Sóc Trăng là kế hoạch số mấy?")
    assert not missing.found and "21/KH-UBND" not in missing.answer and "năm" in missing.answer


@pytest.mark.parametrize(("question", "year"), [
    ("Đề án chuyển đổi số của thành phố đến năm 2025 được ban hành kèm QĐ số mấy?", None),
    ("QĐ phê duyệt KH thực hiện chương trình giảm nghèo của tỉnh giai đoạn 2021-2025 là số mấy?", None),
    ("Chỉ thị của Tỉnh ủy về nông thôn mới mà KH giảm nghèo 2024 nhắc tới là số mấy?", 2024),
    ("KH chuyển đổi số 2024 của thành phố thực hiện công văn nào của Bộ?", 2024),
])
def test_the_years_of_what_a_decision_issued_name_no_loaded_plan(question: str, year: int | None) -> None:
    """The years of what the decision asked issued or approved are that document's, not the
    year of a loaded plan; the plan named after "mà", or one that relies on it, keeps its year."""
    from kehoach.answer.scope import _named_plan_year
    assert _named_plan_year(analyse(question, [])) == year
