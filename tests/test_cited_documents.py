"""Questions about the documents a plan cites ("căn cứ / thực hiện …"), on real plans of
other provinces (eval/tune-reference, a tuning set: tests may use it).

Each test names a rule, not a question: the reference whose own description and issuer fit
the question is the answer among many; the issuer is read from the ký hiệu's initials; a
question whose subject is the cited document asks that document's number or date; a plan
number that reads like a year names the loaded plan that has it; a cited document of another
plan, or of another issuer, is no answer.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kehoach.answer.assistant import Assistant
from kehoach.answer.query import analyse
from kehoach.core.settings import Settings
from kehoach.core.text import fold
from kehoach.index.builder import ingest
from kehoach.index.store import load_index

PLANS = Path(__file__).resolve().parent.parent / "eval" / "tune-reference" / "plans"


@pytest.fixture(scope="module")
def cited(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:
    root = tmp_path_factory.mktemp("tune-reference-index")
    shutil.copytree(PLANS, root / "plans")
    settings = Settings.load(plans_dir=root / "plans", index_dir=root / "index")
    ingest(settings, embeddings)
    return Assistant(settings, embeddings, load_index(settings.index_dir))


@pytest.mark.parametrize(("question", "doc_type", "issuer"), [
    ("Chương trình hành động 28 của UBND tỉnh Hưng Yên thực hiện nghị quyết nào của Chính phủ?",
     "nghi quyet", "chinh phu"),
    ("kh 383 tien giang can cu nghi quyet nao cua tinh uy ve chuyen doi so", "nghi quyet", "tinh uy"),
    ("KH 1924 của Ninh Thuận căn cứ kế hoạch số mấy của UBND tỉnh về thực hiện Quyết định 1002?",
     "ke hoach", "uy ban nhan dan tinh"),
    ("Quyết định của Thủ tướng mà KH 130 của Thanh Hóa thực hiện được ban hành ngày nào?",
     "quyet dinh", "thu tuong"),
])
def test_the_cited_documents_issuer_is_read_after_its_type(question: str, doc_type: str,
                                                             issuer: str) -> None:
    """The plan's own issuer ("Chương trình 28 của UBND tỉnh Hưng Yên") is not the cited
    document's: only a "của …" after the cited type word counts."""
    analysis = analyse(question, [])
    assert analysis.kind == "reference"
    assert (analysis.doc_type, analysis.cited_issuer) == (doc_type, issuer)


@pytest.mark.parametrize(("question", "cited_day"), [
    ("Quyết định của Thủ tướng mà KH 130 của Thanh Hóa năm 2025 thực hiện được ban hành ngày nào?", True),
    ("Quyết định của Thủ tướng phê duyệt Chương trình hành động quốc gia về hộ tịch mà Bắc Ninh "
     "triển khai là số mấy?", False),
    ("Kế hoạch 1799/KH-UBND mà Ninh Thuận căn cứ được ban hành ngày nào?", True),
])
def test_a_question_whose_subject_is_the_cited_document_asks_for_it(question: str,
                                                                    cited_day: bool) -> None:
    """"<Type> … mà <plan> căn cứ / thực hiện / triển khai …": the number or date asked is
    the cited document's, not a field of the plan."""
    analysis = analyse(question, [])
    assert analysis.kind == "reference" and not analysis.fields
    assert analysis.cited_day is cited_day


def test_the_plan_own_kind_of_question_is_unchanged() -> None:
    analysis = analyse("Kế hoạch 130 của Thanh Hóa ban hành ngày nào?", [])
    assert analysis.fields == ("issue_date",) and not analysis.cited_day


@pytest.mark.parametrize(("question", "expected"), [
    # the one of three references of one sentence that the issuer names
    ("Chương trình hành động 28 của UBND tỉnh Hưng Yên thực hiện nghị quyết nào của Chính phủ?",
     "11/NQ-CP"),
    ("hung yen can cu cong van so may cua bo ke hoach va dau tu de ban hanh chuong trinh hanh dong 28",
     "892/BKHĐT-TH"),
    # the one of two party resolutions whose description names the topic
    ("kh 383 tien giang chuyen doi so nong thon moi can cu nghi quyet nao cua tinh uy ve chuyen doi so",
     "08-NQ/TU"),
    # "KH 1924" is the loaded plan 1924/KH-UBND, not the year 1924
    ("ninh thuan ke hoach 1924 can cu quyet dinh nao cua thu tuong ve cap do rui ro thien tai",
     "44/2014/QĐ-TTg"),
    # "về kế hoạch … giai đoạn 2021-2025" describes the cited resolution, not the plan
    ("Nghị quyết HĐND tỉnh Hưng Yên về kế hoạch đầu tư công trung hạn 5 năm giai đoạn 2021-2025 là "
     "nghị quyết số mấy?", "160/NQ-HĐND"),
])
def test_the_reference_asked_is_picked_among_many(cited: Assistant, question: str, expected: str) -> None:
    answer = cited.ask(question)
    assert answer.found, answer.answer
    assert expected in answer.answer


def test_a_cited_documents_date_is_its_own(cited: Assistant) -> None:
    """Before: "Quyết định … mà KH 130 thực hiện ban hành ngày nào" got the plan's date."""
    answer = cited.ask("Quyết định của Thủ tướng mà KH 130 của Thanh Hóa năm 2025 thực hiện được "
                       "ban hành ngày nào?")
    assert answer.found
    assert answer.answer.startswith("Quyết định số 923/QĐ-TTg được ban hành ngày 14/5/2025")
    assert "27/6/2025" not in answer.answer.split("Theo")[0]


def test_a_parent_plan_listed_with_and_is_the_parent(cited: Assistant) -> None:
    """"Thực hiện Chỉ thị số 19/CT-TTg … và Kế hoạch số 16/KH-HĐTĐKT …": a plan listed with
    "và" in the opening sentence is the one the plan implements."""
    answer = cited.ask("Kế hoạch thi đua năm 2021 của tỉnh Nghệ An còn thực hiện kế hoạch nào "
                       "của Hội đồng Thi đua - Khen thưởng Trung ương?")
    assert answer.found and "16/KH-HĐTĐKT" in answer.answer


@pytest.mark.parametrize("question", [
    # Ninh Bình's 130/KH-UBND cites the Thông tư; Thanh Hóa's 130/KH-UBND does not
    "Kế hoạch 130 của Thanh Hóa căn cứ thông tư nào của Bộ Lao động - Thương binh và Xã hội?",
    # the plan cites Bộ GD&ĐT's guidance without a number, and no plan of the Bộ
    "Kế hoạch 168 của Hà Nội về văn hóa ứng xử trong trường học thực hiện kế hoạch số mấy của Bộ "
    "Giáo dục và Đào tạo?",
])
def test_another_plans_or_another_issuers_document_is_no_answer(cited: Assistant, question: str) -> None:
    answer = cited.ask(question)
    assert not answer.found, answer.answer
    assert "10/2022/TT-BLĐTBXH" not in answer.answer


def test_a_resolution_of_the_wrong_issuer_is_refused(cited: Assistant) -> None:
    """Hưng Yên's programme cites resolutions of the Chính phủ, the Quốc hội and the HĐND, but
    no Chỉ thị: asked for a Chỉ thị of the Thủ tướng, nothing answers; asked for the Quốc
    hội's resolution, the Chính phủ's is not given."""
    answer = cited.ask("Chương trình hành động 28 của Hưng Yên thực hiện chỉ thị nào của Thủ tướng?")
    assert not answer.found
    answer = cited.ask("Chương trình 28 của Hưng Yên triển khai nghị quyết số mấy của Quốc hội?")
    assert answer.found and "43/2022/QH15" in answer.answer
    assert fold(answer.answer).count("qh15") >= 1


@pytest.mark.parametrize(("question", "expected"), [
    # a law cited by its name and year only ("Thực hiện Luật Hộ tịch năm 2014, …")
    ("KH 155 Bắc Ninh căn cứ luật nào?", "Luật Hộ tịch năm 2014"),
    # a law cited by its name and date; "căn cứ"/"thực hiện" are the same role
    ("KH 1924 Ninh Thuận căn cứ luật nào?", "Luật phòng chống thiên tai ngày 19/6/2013"),
    # "QĐ" spelled out; the number given names the cited decision, whose date is asked
    ("QĐ 524 mà Lào Cai thực hiện được ban hành ngày nào?", "ngày 01/4/2021"),
    ("Nghị định số 123/2015/NĐ-CP được Bắc Ninh căn cứ ban hành ngày nào?", "ngày 15/11/2015"),
    # a type with its issuing body, then "nào"
    ("Chương trình 28 Hưng Yên căn cứ nghị quyết HĐND nào về dự toán thu ngân sách?", "158/NQ-HĐND"),
])
def test_more_ways_of_asking_for_a_cited_document(cited: Assistant, question: str, expected: str) -> None:
    answer = cited.ask(question)
    assert answer.found, answer.answer
    assert expected in answer.answer


@pytest.mark.parametrize("question", [
    "Quyết định 999 mà Lào Cai thực hiện ban hành ngày nào?",  # no decision 999 is cited
    "Kế hoạch 258 Lào Cai thực hiện quyết định nào của Bộ Y tế?",  # only the Thủ tướng's
])
def test_a_cited_document_the_plan_does_not_cite_is_not_found(cited: Assistant, question: str) -> None:
    answer = cited.ask(question)
    assert not answer.found, answer.answer
    assert "524/QĐ-TTg được ban hành" not in answer.answer


def test_doc_type_abbreviations_are_spelled_out_only_before_a_number_or_question_word() -> None:
    assert analyse("kh trong cay xanh lao cai can cu qd so may", []).doc_type == "quyet dinh"
    assert analyse("QĐ 524 mà Lào Cai thực hiện ban hành ngày nào?", []).cited_ref_number == "524"
    # "TT" before a place name is no Thông tư
    assert analyse("Kế hoạch của TT Cát Bà ban hành ngày nào?", []).kind == "issue_date"


@pytest.mark.parametrize(("question", "expected"), [
    # the cited document opens the question with its number: its date, not a plan's
    ("Chỉ thị 19/CT-TTg ban hành ngày nào?", "Chỉ thị số 19/CT-TTg được ban hành ngày 16/7/2021"),
    ("Nghị quyết 11 của Chính phủ được ban hành ngày nào?", "Nghị quyết số 11/NQ-CP được ban hành ngày 30/01/2022"),
    # "ngày ban hành của quyết định được căn cứ", "căn cứ quyết định ngày nào"
    ("Ngày ban hành của quyết định được căn cứ trong KH 130 Thanh Hóa là ngày nào?", "ngày 14/5/2025"),
    ("KH 258 Lào Cai căn cứ quyết định ngày nào của Thủ tướng?", "ngày 01/4/2021"),
    ("Hà Nội kế hoạch 168 thực hiện QĐ 1299 ngày nào?", "ngày 03/10/2018"),
])
def test_the_date_of_a_cited_document(cited: Assistant, question: str, expected: str) -> None:
    answer = cited.ask(question)
    assert answer.found, answer.answer
    assert expected in answer.answer.split(" Theo ")[0]  # said first, before the quote


def test_a_plan_described_by_what_it_implements_keeps_its_own_date(cited: Assistant) -> None:
    answer = cited.ask("Kế hoạch thực hiện Chỉ thị 19 được ban hành ngày nào?")
    assert answer.found and "21/10/2021" in answer.answer


def test_the_plans_own_number_is_no_cited_document(cited: Assistant) -> None:
    """Before: "Kế hoạch 130/KH-UBND … thực hiện văn bản số mấy?" quoted "Số: 130/KH-UBND"."""
    answer = cited.ask("Kế hoạch 130/KH-UBND của Ninh Bình thực hiện văn bản số mấy?")
    assert answer.found and "10/2022/TT-BLĐTBXH" in answer.answer
    assert "Số: 130/KH-UBND" not in answer.answer


def test_a_question_naming_an_uncited_document_by_number_is_not_found(cited: Assistant) -> None:
    answer = cited.ask("Chỉ thị 25/CT-TTg ban hành ngày nào?")
    assert not answer.found


@pytest.mark.parametrize(("question", "expected"), [
    # the plan's subject ("chuyển đổi số") says nothing of the cited resolution
    ("Hà Tĩnh kế hoạch chuyển đổi số 2024 thực hiện nghị quyết nào của tỉnh ủy?", "05-NQ/TU"),
    # words either side of "thực hiện" make no topic pair ("kh … quyết định")
    ("KH 334 Lạng Sơn thực hiện quyết định nào?", "2629/QĐ-TTg"),
    # asked its date, the sentence citing it with its date ("Căn cứ Nghị quyết số 57-NQ/TW
    # ngày 22/12/2024 …"), not one naming it bare ("… thực hiện Nghị quyết số 57-NQ/TW;")
    ("Nghị quyết 57-NQ/TW ban hành ngày nào?", "ngày 22/12/2024"),
])
def test_cited_documents_on_gen_dev(other_provinces: Assistant, question: str, expected: str) -> None:
    answer = other_provinces.ask(question)
    assert answer.found, answer.answer
    assert expected in answer.answer


@pytest.mark.parametrize(("question", "expected"), [
    # "dựa trên văn bản nào", "căn cứ pháp lý": nothing names the document but the plan: its
    # opening "Căn cứ …" lines answer
    ("kh 53 can tho dua tren van ban nao", "102/NQ-CP"),
    ("Căn cứ pháp lý của kế hoạch 53 Cần Thơ là gì?", "102/NQ-CP"),
    # "văn bản nào …" opening the question asks for a document
    ("Văn bản nào giao chỉ tiêu BHYT cho thành phố Cần Thơ?", "546/QĐ-TTg"),
    # a Tờ trình is a document type like any other
    ("Kế hoạch 186 Bắc Ninh được ban hành theo tờ trình số mấy?", "164/TTr"),
])
def test_any_document_the_plan_rests_on(other_provinces: Assistant, question: str, expected: str) -> None:
    answer = other_provinces.ask(question)
    assert answer.found, answer.answer
    assert expected in answer.answer


def test_those_documents_are_listed_when_several_are_asked(cited: Assistant) -> None:
    answer = cited.ask("Căn cứ pháp lý của KH 1924 Ninh Thuận gồm những văn bản nào?")
    assert answer.found
    assert answer.answer.count("[") >= 2 and "66/2014/NĐ-CP" in answer.answer


def test_a_parent_plan_question_falls_back_to_the_plans_cited_plans(cited: Assistant) -> None:
    """Tiền Giang 383 lists its bases under "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH" (no "Thực hiện Kế
    hoạch số …" opening, so no parent plan is read at load time): the plan it cites among
    them answers "thực hiện kế hoạch nào", through the gate."""
    answer = cited.ask("KH 383 Tiền Giang thực hiện kế hoạch nào của UBND tỉnh?")
    assert answer.found and "370/KH-UBND" in answer.answer
    # and a plan that cites none still says so
    answer = cited.ask("Kế hoạch 168 của Hà Nội thực hiện kế hoạch số mấy của Bộ Giáo dục và Đào tạo?")
    assert not answer.found


@pytest.mark.parametrize("question", [
    "Ben Tre ke hoach 370 thuc hien nghi quyet 01 cua chinh phu ngay nao",  # issuer before "ngày nào"
    "Nghị quyết 1 của Chính phủ mà Bến Tre thực hiện ban hành ngày nào?",  # "1" is "01"
])
def test_the_date_of_a_cited_resolution_not_the_plans(other_provinces: Assistant, question: str) -> None:
    """Before: "Hạn: ngày 19 tháng 01 năm 2023" (the plan's own date, as a deadline)."""
    answer = other_provinces.ask(question)
    assert answer.found
    assert answer.answer.startswith("Nghị quyết số 01/NQ-CP được ban hành ngày 06 tháng 01 năm 2023")


@pytest.mark.parametrize(("question", "expected"), [
    # the issuer written as the officer abbreviates it ("bộ NN"): read against the ký hiệu
    # (KH-BNN-TCLN), not asked of the sentence as a topic word
    ("lao cai kh trong cay can cu kh so may cua bo nn", "2616/KH-BNN-TCLN"),
    # a cited document's issuer is asked of the cited document, not the plan
    ("Thông tư 10/2022/TT-BLĐTBXH do cơ quan nào ban hành?", "Bộ Lao động - Thương binh và Xã hội"),
])
def test_issuers_of_cited_documents(cited: Assistant, question: str, expected: str) -> None:
    answer = cited.ask(question)
    assert answer.found, answer.answer
    assert expected in answer.answer


def test_issuer_abbreviations_leave_the_topic() -> None:
    topic = analyse("lao cai kh trong cay can cu kh so may cua bo nn", []).topic
    assert "nn" not in topic.split() and "bo" in topic.split()
