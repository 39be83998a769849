"""A plan's own number, date, title and issuer when the text is a portal's news of it or a
legal site's copy (eval/tune-mixed, a tuning set: tests may use it).

Such texts have no "Số:" line and no "<place>, ngày …" line; the plan's reference is in
its enacting sentence ("UBND huyện X ban hành Kế hoạch số 57/KH-UBND ngày 01/3/2023 về
…"), its number in the attachment's file name ("KH 107.signed.pdf"). A reference the plan
carries out ("Thực hiện Kế hoạch số 53/KH-UBND … của UBND tỉnh, UBND xã … đã ban hành kế
hoạch …") is never taken for its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.answer.query import analyse
from kehoach.grammar.attachments import attached_plan_numbers
from kehoach.grammar.header import enacting_clauses, heading_title, read_enacting_clause, read_header
from kehoach.ingest.pipeline import load_plan

PLANS = Path(__file__).resolve().parent.parent / "eval" / "tune-mixed" / "plans"


def _meta(stem: str):
    path = PLANS / f"{stem}.txt"
    if not path.is_file():
        pytest.skip("eval/tune-mixed is not in this checkout")
    return load_plan(path, 1200)


def test_number_and_date_of_the_enacting_sentence_of_a_news_post() -> None:
    plan = _meta("cao-bang_huyen-trung-khanh-ke-hoach-57-thoat-ngheo-2023")
    meta = plan.meta
    assert (meta.number, meta.issue_date) == ("57/KH-UBND", "2023-03-01")
    # The title is the plan's subject, not "Kế hoạch số 57/KH-UBND ngày …" (which made the
    # answer quote a number it said the plan did not give).
    assert meta.title.startswith("Kế hoạch thực hiện hỗ trợ thoát khỏi tình trạng nghèo")
    assert "57/KH-UBND" in plan.text[slice(*meta.evidence["number"])]
    assert plan.text[slice(*meta.evidence["issue_date"])] == "ngày 01/3/2023"


def test_a_day_without_year_is_completed_from_another_citation_of_the_same_plan() -> None:
    """"Ngày 31/8, UBND thị xã đã ban hành Kế hoạch số 162/KH-UBND về …" and, further on,
    "Kế hoạch số 162/KH-UBND ngày 31/8/2021 của UBND thị xã"."""
    plan = _meta("hung-yen_thi-xa-my-hao-hoi-dap-ke-hoach-162-tiem-vac-xin-covid-2021")
    meta = plan.meta
    assert (meta.number, meta.issue_date) == ("162/KH-UBND", "2021-08-31")
    assert meta.title.startswith("Kế hoạch triển khai chiến dịch tiêm vắc xin phòng Covid-19")
    assert meta.parent_plan is None  # its own citation is not a plan it carries out


def test_the_plan_carried_out_is_not_the_own_number() -> None:
    meta = _meta("dak-lak_xa-tuy-an-dong-tin-an-toan-thuc-pham-trung-thu-2025").meta
    assert meta.number is None
    assert meta.parent_plan == "53/KH-UBND"
    assert meta.issuer == "Ủy ban nhân dân xã Tuy An Đông"
    assert meta.title == "Kế hoạch triển khai các hoạt động bảo đảm ATTP trên địa bàn xã"


@pytest.mark.parametrize(("stem", "number"), [
    ("son-la_huyen-song-ma-ke-hoach-353-an-toan-thuc-pham-tet-2025", "353"),
    ("khanh-hoa_xa-dai-lanh-tin-thang-hanh-dong-an-toan-thuc-pham-2021", "107"),
])
def test_number_of_the_attached_file(stem: str, number: str) -> None:
    plan = _meta(stem)
    assert plan.meta.number == number
    assert plan.text[slice(*plan.meta.evidence["number"])].lower().endswith(".pdf")


def test_a_steering_committee_that_issued_the_plan_is_its_issuer() -> None:
    meta = _meta("son-la_huyen-song-ma-ke-hoach-353-an-toan-thuc-pham-tet-2025").meta
    assert meta.issuer == "Ban Chỉ đạo liên ngành về an toàn thực phẩm huyện Sông Mã"
    assert meta.title.startswith("Kế hoạch triển khai công tác bảo đảm an toàn thực phẩm Tết")


def test_a_repeated_site_table_is_not_the_issuing_body() -> None:
    """The legal site prints its table twice (a row, then a line per field): the second
    copy's "18/KH-UBND" was taken for the issuer."""
    meta = _meta("quang-ninh_ke-hoach-18-phong-chay-chua-chay-cuu-nan-cuu-ho-2025").meta
    assert meta.issuer == "Ủy ban nhân dân tỉnh Quảng Ninh"
    assert (meta.number, meta.issue_date, meta.signer) == ("18/KH-UBND", "2025-01-16", "Nghiêm Xuân Cường")


def test_blank_header_number_is_not_filled_from_elsewhere() -> None:
    meta = _meta("quang-ninh_xa-hoa-binh-ke-hoach-chuyen-doi-so-2022-2025").meta
    assert meta.number is None and meta.issue_month == "2022-04"


@pytest.mark.parametrize(("text", "ref", "subject"), [
    ("UBND huyện Trùng Khánh ban hành Kế hoạch số 57/KH-UBND ngày 01/3/2023 về thực hiện hỗ trợ "
     "thoát nghèo năm 2023.", "57/KH-UBND", "thực hiện hỗ trợ thoát nghèo năm 2023"),
    ("Sở Y tế vừa ban hành Kế hoạch số 12/KH-SYT về phòng, chống dịch bệnh.", "12/KH-SYT",
     "phòng, chống dịch bệnh"),
    # The plan carried out is named after the clause's own type word: not the plan's.
    ("UBND xã đã ban hành Kế hoạch triển khai Kế hoạch số 53/KH-UBND của UBND tỉnh.", None,
     "triển khai Kế hoạch số 53/KH-UBND của UBND tỉnh"),
    ("Thực hiện Kế hoạch số 53/KH-UBND ngày 11/9/2025 của UBND tỉnh, UBND xã Tuy An Đông đã ban "
     "hành kế hoạch kiểm tra an toàn thực phẩm.", None, "kiểm tra an toàn thực phẩm"),
])
def test_the_enacting_clause_gives_its_own_reference(text: str, ref: str | None, subject: str) -> None:
    clause = next(enacting_clauses(text, past=True))
    assert (clause.ref.ref if clause.ref else None, clause.subject) == (ref, subject)


def test_no_enacting_clause_in_other_sentences() -> None:
    assert next(enacting_clauses("Số hộ đã ban hành kế hoạch sản xuất là 20 hộ.", past=True), None) is None
    assert read_enacting_clause("Ban Chỉ huy PCTT xã xây dựng Kế hoạch như sau:") is None
    # In a plan's review, what was issued before is an earlier plan, past tense or not asked.
    review = "Năm 2023, UBND tỉnh đã ban hành Kế hoạch số 12/KH-UBND về chuyển đổi số."
    assert next(enacting_clauses(review, past=True), None) is None
    assert read_enacting_clause("UBND tỉnh đã ban hành Kế hoạch số 12/KH-UBND về chuyển đổi số.") is None


def test_the_clause_lead_date() -> None:
    clause = next(enacting_clauses("Trả lời:\nNgày 31/8, UBND thị xã đã ban hành Kế hoạch số 162/KH-UBND "
                                   "về tiêm vắc xin.", past=True))
    assert (clause.lead_date.day, clause.lead_date.month, clause.lead_date.year) == (31, 8, None)
    assert next(enacting_clauses("Đến ngày 31/8 có 20 xã. UBND huyện đã ban hành Kế hoạch về "
                                 "tiêm vắc xin.", past=True)).lead_date is None


@pytest.mark.parametrize(("text", "numbers"), [
    ("Tải Kế hoạch tại đây 353-Ke-hoach-dam-bao-ATTP-Tet-nguyen-dan-2025-BCD-huyện.pdf", ["353"]),
    ("phạm vi triển khai: trên toàn địa bàn xã. KH 107.signed.pdf", ["107"]),
    ("Tệp đính kèm: 12-KH-UBND.docx", ["12"]),
    ("Tải về 2025-ke-hoach.pdf", []),           # a year is no number
    ("Tải về 45-BC-UBND.pdf", []),             # a report, not a plan
    ("Xem /uploads/12-kh.pdf", []),            # part of an address
])
def test_attached_plan_numbers(text: str, numbers: list[str]) -> None:
    assert [a.number for a in attached_plan_numbers(text)] == numbers


def test_heading_title() -> None:
    text = "Kế hoạch triển khai công tác bảo đảm an toàn thực phẩm Tết Nguyên đán 2025\nHuy động"
    assert heading_title(text).text == "Kế hoạch triển khai công tác bảo đảm an toàn thực phẩm Tết Nguyên đán 2025"
    assert heading_title("Kế hoạch số 57/KH-UBND ngày 01/3/2023 về thoát nghèo\n") is None
    assert heading_title("Kế hoạch này được triển khai. Các xã báo cáo.\n") is None
    assert read_header("KẾ HOẠCH\nPHÒNG CHỐNG THIÊN TAI\n").title is not None


@pytest.mark.parametrize(("question", "fields"), [
    ("UBND tỉnh Quảng Ngãi ban hành KH 91 về kế hoạch hóa gia đình ngày nào?", ("issue_date",)),
    # A document named in the plan's subject is not the one whose day is asked.
    ("TP. Hồ Chí Minh ban hành KH 4155 triển khai kết luận của Thủ tướng về PCCC ngày nào?",
     ("issue_date",)),
    ("TX My Hao ban hanh ke hoach tiem vac xin Covid-19 ngay nao", ("issue_date",)),
])
def test_the_day_a_plan_was_issued_is_a_plan_field(question: str, fields: tuple[str, ...]) -> None:
    analysis = analyse(question, [])
    assert analysis.fields == fields and not analysis.cited_day


@pytest.mark.parametrize("question", [
    "Các xã phải ban hành kế hoạch kiểm tra trước ngày nào?",
    "Các đơn vị phải ban hành kế hoạch từ ngày nào?",
])
def test_a_deadline_for_issuing_a_plan_is_no_issue_date(question: str) -> None:
    analysis = analyse(question, [])
    assert analysis.kind == "deadline" and not analysis.fields


def test_ai_in_a_word_does_not_ask_the_issuer() -> None:
    """"phải ban hành", "Quảng Ngãi ban hành" hold "ai ban hành" inside a word."""
    assert "issuer" not in analyse("Các xã phải ban hành kế hoạch khi nào?", []).fields
    assert analyse("Ai ban hành kế hoạch 12?", []).fields == ("issuer",)


def test_a_clause_of_another_level_is_not_the_plan_own(tmp_path: Path) -> None:
    """A news post that first tells of the province's plan, then of the district's: the
    province's number, date and attached file are not the district plan's."""
    path = tmp_path / "ky-son_tin-giam-ngheo.txt"
    path.write_text(
        "Huyện Kỳ Sơn triển khai kế hoạch giảm nghèo\n\n"
        "UBND tỉnh đã ban hành Kế hoạch số 281/KH-UBND ngày 10/3/2024 về giảm nghèo bền vững. "
        "Trên cơ sở đó, UBND huyện Kỳ Sơn đã ban hành kế hoạch thực hiện giảm nghèo trên địa bàn "
        "huyện Kỳ Sơn năm 2024.\n\nTải về KH 281.pdf\n", encoding="utf-8")
    meta = load_plan(path, 1200).meta
    assert meta.locality == "huyện Kỳ Sơn"
    assert (meta.number, meta.issue_date) == (None, None)
    assert meta.title == "Kế hoạch thực hiện giảm nghèo trên địa bàn huyện Kỳ Sơn năm 2024"
    assert meta.issuer == "Ủy ban nhân dân huyện Kỳ Sơn"
