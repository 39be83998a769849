"""The grounding guard on crafted generations: bad ones are rejected with a reason, good
ones pass. The passages are real sentences from the bundled plans."""

from __future__ import annotations

import pytest

from kehoach.answer.figures import PassageFigures, figures_in
from kehoach.answer.guard import ABSTAIN_TEXT, check, citation_numbers
from kehoach.answer.prompt import load_prompt
from kehoach.core.settings import Settings

KIEN_AN = ("Chỉ tiêu Văn hóa – Xã hội:\n- Tỷ lệ tăng dân số tự nhiên: 0,67%.\n"
           "- Tỷ lệ người dân tham gia BHXH: 95,08%.\n- Giải quyết việc làm năm 2025: 1.805 người.\n"
           "- Thu ngân sách nhà nước trên địa bàn: 330.681 triệu đồng.")
DEADLINE = ("Các đơn vị báo cáo kết quả về UBND phường (qua Văn phòng HĐND và UBND) "
            "trước ngày 10/12/2025 để tổng hợp.")
SOURCES = {1: KIEN_AN, 2: DEADLINE}


def _reasons(answer: str, sources: dict[int, str] = SOURCES, found: bool = False) -> str:
    verdict = check(answer, sources, evidence_found=found)
    assert not verdict.accepted, answer
    return " | ".join(verdict.reasons)


@pytest.mark.parametrize("answer", [
    "Tỷ lệ người dân tham gia BHXH là 95,08% [1].",
    "Giải quyết việc làm năm 2025 cho 1.805 người [1]; báo cáo trước ngày 10/12/2025 [2].",
    "Hạn báo cáo là ngày 10 tháng 12 năm 2025 [2].",  # the same date, written out
    "Báo cáo trong tháng 12/2025 [2].",  # less precise than the plan: still what it says
    "Thu ngân sách 330.681 triệu đồng [1], [2].",  # a group of markers: either may state it
    "Tỷ lệ tăng dân số tự nhiên 0,67 % [1-2].",
    "1. Việc làm: 1.805 người [1].\n2. Hạn: trước ngày 10/12/2025 [2].",  # list numbers
    ABSTAIN_TEXT,
])
def test_good_generations_pass(answer: str) -> None:
    verdict = check(answer, SOURCES)
    assert verdict.accepted, verdict.reasons
    assert verdict.reasons == ()


def test_accepted_answer_lists_what_it_cites() -> None:
    verdict = check("BHXH 95,08% [1]; báo cáo trước ngày 10/12/2025 [2].", SOURCES)
    assert verdict.cited == (1, 2) and not verdict.abstained
    assert check(ABSTAIN_TEXT, SOURCES).abstained


def test_changed_figure_is_rejected() -> None:
    assert "“95,8%” không có trong nguồn [1]" in _reasons("Tỷ lệ tham gia BHXH là 95,8% [1].")
    assert "“1.850”" in _reasons("Giải quyết việc làm cho 1.850 người [1].")


def test_rounded_or_truncated_figure_is_rejected() -> None:
    assert "“95%”" in _reasons("Tỷ lệ tham gia BHXH khoảng 95% [1].")
    assert "“330”" in _reasons("Thu ngân sách 330 tỷ đồng [1].")


def test_wrong_date_is_rejected() -> None:
    assert "Ngày “15/12/2025”" in _reasons("Báo cáo trước ngày 15/12/2025 [2].")
    assert "Ngày “ngày 10 tháng 11 năm 2025”" in _reasons(
        "Báo cáo trước ngày 10 tháng 11 năm 2025 [2].")


def test_invented_day_is_rejected() -> None:
    # The plan gives a month only; a day the model adds is invented.
    sources = {1: "Tổ chức sơ kết trong tháng 12/2025."}
    assert "Ngày “5/12/2025”" in _reasons("Sơ kết ngày 5/12/2025 [1].", sources)


def test_figure_cited_to_the_wrong_passage_is_rejected() -> None:
    # 95,08% is in [1], not in [2]: a correct figure with the wrong citation misleads.
    assert "“95,08%” không có trong nguồn [2]" in _reasons("Tỷ lệ BHXH 95,08% [2].")


def test_citation_to_missing_source_is_rejected() -> None:
    reasons = _reasons("Tỷ lệ BHXH 95,08% [3].")
    assert "Trích dẫn [3] không tồn tại (các nguồn: [1]–[2])" in reasons
    assert "không có trong nguồn [3]" in reasons


def test_no_citation_is_rejected() -> None:
    reasons = _reasons("Tỷ lệ người dân tham gia BHXH là 95,08%.")
    assert "không có trích dẫn [n] nào" in reasons
    assert "“95,08%” không có trích dẫn [n] đi kèm" in reasons


def test_uncited_figure_after_the_last_citation_is_rejected() -> None:
    assert "“1.805” không có trích dẫn" in _reasons("BHXH 95,08% [1]. Việc làm: 1.805 người.")


def test_claims_without_citation_or_figure_are_rejected() -> None:
    assert "không có trích dẫn [n] nào" in _reasons("Các đơn vị báo cáo về UBND phường.")


def test_empty_and_copied_markup_are_rejected() -> None:
    assert "rỗng" in _reasons("   ")
    assert "thẻ nguồn" in _reasons('<nguon id="1"> Tỷ lệ BHXH 95,08% [1]')


def test_not_found_while_the_plans_answer_is_rejected() -> None:
    assert "kế hoạch có đoạn trả lời" in _reasons(ABSTAIN_TEXT, found=True)


@pytest.mark.parametrize(("marker", "numbers"), [
    ("[1]", [1]), ("[1, 3]", [1, 3]), ("[2-4]", [2, 3, 4]), ("[2–3]", [2, 3]), ("[1;2]", [1, 2]),
])
def test_citation_numbers(marker: str, numbers: list[int]) -> None:
    assert citation_numbers(marker) == numbers


def test_figures_are_found_by_kind() -> None:
    kinds = [(f.kind, f.value) for f in figures_in(
        "Đạt 95,08% trước ngày 10 tháng 12 năm 2025, trong tháng 6/2025, cho 1.805 người.")]
    assert kinds == [("percent", "95,08%"), ("date", (10, 12, 2025)), ("date", (None, 6, 2025)),
                     ("number", "1.805")]


def test_passage_states_year_of_a_date_and_digits_of_a_percentage() -> None:
    passage = PassageFigures.of(DEADLINE + " Đạt 95%.")
    assert passage.states(figures_in("năm 2025")[0])
    assert passage.states(figures_in("đạt 95 người")[0])
    assert not passage.states(figures_in("10 người")[0])  # a day is not a count


def test_echoed_prompt_rules_are_rejected() -> None:
    # Gemma 3 270M, given the rules in its user turn, answered by repeating them; the rules'
    # own example "[1]" then looked like a citation.
    parts = load_prompt(Settings().llm_prompt_file)
    echo = parts.system[:400]
    assert "[1]" in echo
    verdict = check(echo, SOURCES, instructions=parts.fixed_text)
    assert not verdict.accepted and "chép lại quy tắc của lời nhắc" in " ".join(verdict.reasons)
    # Honest answers that share a few words with the rules, or abstain, are not echoes.
    for answer in ("Tỷ lệ người dân tham gia BHXH là 95,08% [1].", ABSTAIN_TEXT,
                   "Theo các nguồn, chỉ dựa vào kế hoạch: báo cáo trước ngày 10/12/2025 [2]."):
        assert check(answer, SOURCES, instructions=parts.fixed_text).accepted, answer


def test_a_date_is_read_as_the_one_date_grammar_reads_the_plan() -> None:
    """The passage's OCR'd "ngày 10 tháng12 năm 2025" states the answer's "10/12/2025" (the
    guard's own date regex needed a space after "tháng" and rejected an honest answer);
    "31/4/2025" is no date of any calendar, so it is no date a passage could state."""
    ocr = {1: DEADLINE.replace("trước ngày 10/12/2025", "trước ngày 10 tháng12 năm 2025")}
    assert check("Báo cáo trước ngày 10/12/2025 [1].", ocr).accepted
    assert not any(f.kind == "date" for f in figures_in("ngày 31/4/2025"))
