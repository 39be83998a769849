"""Which document a "số mấy / ngày nào" question is about: the plan itself or one it cites;
a province's plan about one of its districts; whose duty "trách nhiệm của ai" asks.

The plans are the real pages of eval/tune-sites (a tuning set: tests may use it). The
questions are worded for each rule, not copied from the set; each rule also holds for a
plan written here for another province and level (a district's decision about a commune).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kehoach.answer.assistant import Assistant
from kehoach.answer.query import analyse
from kehoach.core.settings import Settings
from kehoach.grammar.units import ACCOUNTABLE, FORMED, LEAD, asked_role, find_units
from kehoach.core.text import fold
from kehoach.index.builder import ingest
from kehoach.index.store import load_index

PLANS = Path(__file__).resolve().parent.parent / "eval" / "tune-sites" / "plans"

# A district's decision approving a plan for one of its communes, which implements a
# resolution of the district's Party congress (written for these tests).
_DISTRICT_DECISION = """ỦY BAN NHÂN DÂN
HUYỆN NAM ĐÀN
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 512/QĐ-UBND
Nam Đàn, ngày 05 tháng 3 năm 2024

QUYẾT ĐỊNH
PHÊ DUYỆT KẾ HOẠCH PHÁT TRIỂN DU LỊCH CỘNG ĐỒNG TRÊN ĐỊA BÀN XÃ KIM LIÊN GIAI ĐOẠN 2024-2026

ỦY BAN NHÂN DÂN HUYỆN NAM ĐÀN

Thực hiện Nghị quyết số 07-NQ/HU ngày 12/8/2023 của Ban Chấp hành Đảng bộ huyện về phát triển du lịch giai đoạn 2023-2026;

Xét đề nghị của Trưởng phòng Văn hóa và Thông tin huyện tại Tờ trình số 21/TTr-VHTT ngày 20/02/2024.

QUYẾT ĐỊNH:

Điều 1. Phê duyệt Kế hoạch phát triển du lịch cộng đồng trên địa bàn xã Kim Liên giai đoạn 2024-2026, cụ thể như sau:

1. Mục đích: gắn kết quả phát triển du lịch với trách nhiệm của người đứng đầu cấp ủy, chính quyền xã.
"""


def _assistant(root: Path, plans: Path, embeddings) -> Assistant:
    settings = Settings.load(plans_dir=plans, index_dir=root / "index")
    ingest(settings, embeddings)
    return Assistant(settings, embeddings, load_index(settings.index_dir))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:
    root = tmp_path_factory.mktemp("tune-sites-index")
    shutil.copytree(PLANS, root / "plans")
    return _assistant(root, root / "plans", embeddings)


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:
    root = tmp_path_factory.mktemp("district-decision")
    (root / "plans").mkdir()
    (root / "plans" / "nam-dan_quyet-dinh-512-du-lich-kim-lien.txt").write_text(_DISTRICT_DECISION,
                                                                               encoding="utf-8")
    return _assistant(root, root / "plans", embeddings)


# ------------------------------------------------------------------ the asked document
@pytest.mark.parametrize(("question", "doc_type"), [
    # opens with a type no plan is: that document's number
    ("QĐ của UBND tỉnh Tây Ninh duyệt kế hoạch thực hiện chương trình MTQG vùng đồng bào dân "
     "tộc thiểu số giai đoạn 2022-2025 là số mấy?", "quyet dinh"),
    # the number asked follows the implemented document it names
    ("Kế hoạch phát triển KT-XH 5 năm của Kiên Giang thực hiện nghị quyết đại hội đảng bộ tỉnh "
     "lần thứ XI số mấy?", "nghi quyet"),
    ("nq cua hdnd tinh kien giang ve nhiem vu phat trien kt-xh 5 nam thong qua ngay nao", "nghi quyet"),
])
def test_a_question_about_a_cited_document_asks_that_document(question: str, doc_type: str) -> None:
    analysis = analyse(question, [])
    assert analysis.kind == "reference" and not analysis.fields
    assert analysis.doc_type == doc_type


def test_a_document_named_with_its_number_before_the_question_is_the_plans() -> None:
    """"Kế hoạch thực hiện Nghị quyết 06-NQ/TU số mấy": the resolution is named by its
    number, so "số mấy" asks the plan's."""
    analysis = analyse("Kế hoạch của Nam Định thực hiện Nghị quyết 06-NQ/TU là số mấy?", [])
    assert analysis.fields == ("number",)


@pytest.mark.parametrize(("question", "expected", "own"), [
    ("qd cua ubnd tinh tay ninh phe duyet ke hoach thuc hien chuong trinh mtqg vung dong bao dan toc "
     "thieu so giai doan 2022-2025 co so hieu la gi", "948/QĐ-UBND", "615/KH-UBND"),
    ("Kế hoạch 5 năm của Kiên Giang triển khai nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI số mấy?",
     "11-NQ/ĐH", "80/KH-UBND"),
])
def test_a_kế_hoạch_own_number_never_answers_for_a_cited_document(sites: Assistant, question: str,
                                                                   expected: str, own: str) -> None:
    answer = sites.ask(question)
    assert answer.found and expected in answer.answer
    assert f"có số {own}" not in answer.answer


def test_the_date_of_a_cited_resolution_adopted_by_the_council(sites: Assistant) -> None:
    answer = sites.ask("Nghị quyết của HĐND tỉnh Kiên Giang về phát triển kinh tế - xã hội 5 năm "
                       "2021-2025 được thông qua ngày nào?")
    assert answer.found and "14/01/2021" in answer.answer


@pytest.mark.parametrize(("question", "expected"), [
    ("Thanh Hóa ban hành kế hoạch hành động về nhiệm vụ phát triển KT-XH năm 2025 bằng quyết "
     "định số mấy?", "01/QĐ-UBND"),
])
def test_a_plan_issued_as_that_type_answers_with_its_own_number(sites: Assistant, question: str,
                                                                 expected: str) -> None:
    answer = sites.ask(question)
    assert answer.found and expected in answer.answer


def test_a_decision_is_the_plan_only_when_the_plan_is_a_decision(district: Assistant) -> None:
    own = district.ask("Quyết định phê duyệt kế hoạch du lịch cộng đồng xã Kim Liên số mấy?")
    assert own.found and "512/QĐ-UBND" in own.answer
    cited = district.ask("Quyết định du lịch cộng đồng Kim Liên thực hiện nghị quyết nào của Ban "
                         "Chấp hành Đảng bộ huyện?")
    assert cited.found and "07-NQ/HU" in cited.answer and "có số 512/QĐ-UBND" not in cited.answer


# ------------------------------------------------------------------ a plan about a lower unit
def test_a_provinces_decision_about_a_district_answers_for_that_district(sites: Assistant) -> None:
    answer = sites.ask("Đề án hỗ trợ hộ nghèo huyện Đam Rông được phê duyệt ngày nào, số mấy?")
    assert answer.found
    assert "1927/QĐ-UBND" in answer.answer and "23/7/2021" in answer.answer


def test_the_period_of_a_plan_about_a_district(sites: Assistant) -> None:
    answer = sites.ask("Đề án hỗ trợ phát triển sản xuất hộ nghèo ở Đam Rông, Lâm Đồng thực hiện "
                       "trong giai đoạn nào?")
    assert answer.found and "2021-2025" in answer.answer


def test_a_districts_decision_about_a_commune(district: Assistant) -> None:
    answer = district.ask("Kế hoạch du lịch cộng đồng xã Kim Liên thực hiện giai đoạn nào?")
    assert answer.found and "2024-2026" in answer.answer


def test_a_district_no_title_names_is_still_not_loaded(sites: Assistant) -> None:
    answer = sites.ask("Kế hoạch hỗ trợ hộ nghèo của huyện Lạc Dương số mấy?")
    assert not answer.found and "huyện Lạc Dương" in answer.answer


# ------------------------------------------------------------------ whose duty, which body
@pytest.mark.parametrize(("text", "holder"), [
    ("góp phần nâng cao nhận thức, trách nhiệm của các cấp ủy, chính quyền và người\ndân trong việc "
     "bảo vệ trẻ em.", "các cấp ủy, chính quyền và người dân"),
    ("- Gắn kết quả xây dựng NTM với trách nhiệm của người đứng đầu chính quyền các cấp, các Sở,\n"
     "ban, ngành.", "người đứng đầu chính quyền các cấp, các Sở, ban, ngành"),
    ("Nêu cao trách nhiệm của thủ trưởng các cơ quan, đơn vị khi để xảy ra sai phạm.",
     "thủ trưởng các cơ quan, đơn vị"),
])
def test_the_holders_of_a_duty(text: str, holder: str) -> None:
    found = {m.name: m.roles for m in find_units(text)}
    assert found.get(holder) == {ACCOUNTABLE}


def test_a_duty_of_no_one_named_gives_no_holder() -> None:
    assert not find_units("Tăng cường trách nhiệm của mình trong công tác phòng chống dịch.")


@pytest.mark.parametrize(("text", "name", "role"), [
    ("phân công cụ thể cho các Sở, ban, ngành, huyện, thành phố để triển khai thực hiện.",
     "các Sở, ban, ngành, huyện, thành phố", LEAD),
    ("Kiện toàn Ban Chỉ đạo phòng, chống thiên tai các cấp; phân công nhiệm vụ cho từng thành viên.",
     "Ban Chỉ đạo phòng, chống thiên tai các cấp", FORMED),
])
def test_assigned_and_strengthened_bodies(text: str, name: str, role: str) -> None:
    found = {m.name: m.roles for m in find_units(text)}
    assert role in found.get(name, set())


@pytest.mark.parametrize(("question", "role"), [
    ("Kế hoạch gắn kết quả với trách nhiệm của ai?", ACCOUNTABLE),
    ("nang cao trach nhiem cua nhung ai", ACCOUNTABLE),
    ("Nhiệm vụ được phân công cho những đơn vị nào?", LEAD),
    # "ai được phân công giúp đỡ …" asks whoever does it, in any role
    ("Ai được phân công giúp đỡ các hộ đăng ký thoát nghèo?", None),
    ("Phải kiện toàn ban nào ở các cấp?", FORMED),
])
def test_the_role_a_question_asks(question: str, role: str | None) -> None:
    assert asked_role(fold(question)) == role


@pytest.mark.parametrize(("question", "expected"), [
    ("Kế hoạch 201 của Vĩnh Phúc về trẻ em trên môi trường mạng nâng cao trách nhiệm của ai?",
     "cấp ủy, chính quyền"),
    ("KH 82 Nam Định gắn kết quả nông thôn mới nâng cao, kiểu mẫu với trách nhiệm của ai?",
     "người đứng đầu"),
    ("Theo KH 82 Nam Định, nhiệm vụ xây dựng nông thôn mới nâng cao được phân công cho những đơn vị nào?",
     "Sở, ban, ngành, huyện, thành phố"),
    ("Theo kế hoạch phòng, chống dịch bệnh truyền nhiễm năm 2018 của Quảng Bình, cần kiện toàn ban nào?",
     "Ban Chỉ đạo phòng chống dịch"),
])
def test_whose_duty_and_which_body_end_to_end(sites: Assistant, question: str, expected: str) -> None:
    answer = sites.ask(question)
    assert answer.found and expected in answer.answer


def test_whose_duty_in_a_district_decision(district: Assistant) -> None:
    answer = district.ask("Kế hoạch du lịch cộng đồng Kim Liên gắn kết quả với trách nhiệm của ai?")
    assert answer.found and "người đứng đầu cấp ủy, chính quyền xã" in answer.answer


def test_a_cong_van_numbered_without_its_type_is_the_loaded_one(tmp_path: Path, embeddings) -> None:
    """"476/UBND-VX" carries no type's initials: a công văn, so "công văn … số mấy" about the
    loaded one asks its own number."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "cv.txt").write_text(
        "ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC THỌ\n-------\nSố: 476/UBND-VX\nV/v triển khai tiêm chủng mở rộng năm 2024\n"
        "Đức Thọ, ngày 12 tháng 3 năm 2024\n\nKính gửi: UBND các xã, thị trấn.\n\nThực hiện Kế hoạch số 55/KH-UBND "
        "ngày 02/02/2024 của UBND tỉnh về tiêm chủng mở rộng năm 2024, UBND huyện đề nghị các xã, thị trấn "
        "rà soát đối tượng tiêm chủng, báo cáo trước ngày 30/3/2024.\n", encoding="utf-8")
    assistant = _assistant(tmp_path, tmp_path / "plans", embeddings)
    answer = assistant.ask("Công văn của huyện Đức Thọ về triển khai tiêm chủng mở rộng năm 2024 số mấy?")
    assert answer.found and "476/UBND-VX" in answer.answer


_DISTRICT_PLAN = """ỦY BAN NHÂN DÂN
HUYỆN NAM ĐÀN
-------
Số: 60/KH-UBND
Nam Đàn, ngày 10 tháng 4 năm 2024

KẾ HOẠCH
Thực hiện đề án phát triển nông nghiệp hữu cơ huyện Nam Đàn năm 2024

Thực hiện Quyết định số 301/QĐ-UBND ngày 15/01/2024 của UBND huyện phê duyệt Đề án phát triển nông nghiệp hữu cơ giai đoạn 2024-2028, UBND huyện ban hành Kế hoạch thực hiện năm 2024 như sau:

I. MỤC TIÊU
Phát triển 50 ha sản xuất nông nghiệp hữu cơ trong năm 2024.
"""


def test_a_decision_among_plans_of_both_types(tmp_path: Path, embeddings) -> None:
    """A district's Kế hoạch and Quyết định loaded together: "quyết định … số mấy" is the
    loaded decision's own number when it is the one the question describes, and the decision
    the Kế hoạch cites when that is the one described."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "qd-512.txt").write_text(_DISTRICT_DECISION, encoding="utf-8")
    (tmp_path / "plans" / "kh-60.txt").write_text(_DISTRICT_PLAN, encoding="utf-8")
    assistant = _assistant(tmp_path, tmp_path / "plans", embeddings)
    own = assistant.ask("Quyết định phê duyệt kế hoạch phát triển du lịch cộng đồng xã Kim Liên của "
                        "huyện Nam Đàn số mấy?")
    assert own.found and "512/QĐ-UBND" in own.answer
    cited = assistant.ask("Quyết định của UBND huyện Nam Đàn phê duyệt đề án phát triển nông nghiệp "
                          "hữu cơ số mấy?")
    assert cited.found and "301/QĐ-UBND" in cited.answer and "có số 60/KH-UBND" not in cited.answer
    # the type and issuer words ("quyết định … của UBND huyện phê duyệt") fit any decision's
    # title: the loaded decision is the one asked only when its subject fits
    bare = assistant.ask("nam dan: quyet dinh so may cua ubnd huyen phe duyet de an nong nghiep huu co")
    assert "có số 512/QĐ-UBND" not in bare.answer
