"""Answers on the bundled plans: figures as written, citations, honest abstention."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.answer.assistant import Assistant
from kehoach.answer.evaluation import evaluate, load_questions
from kehoach.core.text import fold

from conftest import DEV_SET

# The dev set is the development yardstick; the held-out judge uses other phrasings.
DEV_MIN_ANSWER_ACCURACY = 0.95
DEV_MIN_CITATION_HIT = 1.0
OFFICER_SET = Path(__file__).parent / "questions" / "officer_set.jsonl"


@pytest.mark.skipif(not DEV_SET.exists(), reason="../shared/eval/dev.jsonl not present")
def test_dev_set(assistant: Assistant) -> None:
    summary = evaluate(load_questions(DEV_SET), assistant.ask).summary()
    assert summary["answer_accuracy"] >= DEV_MIN_ANSWER_ACCURACY
    assert summary["abstention"] == 1.0
    assert summary["citation_hit"] >= DEV_MIN_CITATION_HIT


def test_target_answer_quotes_the_figure_and_cites(assistant: Assistant) -> None:
    answer = assistant.ask("Chỉ tiêu BHYT của xã Nguyễn Lương Bằng là bao nhiêu?")
    assert answer.found and "100%" in answer.answer and "2030" in answer.answer
    assert "[1]" in answer.answer
    citation = answer.citations[0]
    assert citation.doc == "nguyen-luong-bang_ke-hoach-dot-thi-dua-2025"
    a, b = citation.highlight
    assert "bảo hiểm y tế đạt 100%" in citation.text[a:b]
    assert citation.section.endswith("› (11)")


def test_question_without_diacritics(assistant: Assistant) -> None:
    answer = assistant.ask("han bao cao ket qua cua cac co quan don vi phuong kien an")
    assert answer.found and "10/12/2025" in answer.answer


def test_unit_answer(assistant: Assistant) -> None:
    answer = assistant.ask("Ai chủ trì theo dõi, đôn đốc thực hiện kế hoạch thi đua ở xã Nguyễn Lương Bằng?")
    assert answer.found and "van hoa - xa hoi" in fold(answer.answer)


def test_unknown_locality_lists_loaded_ones(assistant: Assistant) -> None:
    answer = assistant.ask("Chỉ tiêu hộ nghèo của phường Hồng Bàng là bao nhiêu?")
    assert not answer.found
    assert "phường Hồng Bàng" in answer.answer
    for loaded in ("xã Nguyễn Lương Bằng", "phường Kiến An", "phường Thạch Khôi", "xã Cẩm Giang"):
        assert loaded in answer.answer
    assert answer.citations  # the closest passages, as related reading


def test_never_another_localitys_figure(assistant: Assistant) -> None:
    # Cẩm Giang's plan sets no numeric BHYT target; two other plans do.
    answer = assistant.ask("Xã Cẩm Giang đặt chỉ tiêu tỷ lệ tham gia bảo hiểm y tế bao nhiêu phần trăm?")
    assert not answer.found
    assert all(c.locality == "xã Cẩm Giang" for c in answer.citations)
    assert "100%" not in answer.answer and "95%" not in answer.answer


def test_topic_absent_from_the_plan(assistant: Assistant) -> None:
    answer = assistant.ask("Phường Kiến An thưởng bao nhiêu tiền cho tập thể xuất sắc?")
    assert not answer.found


def test_locality_option_overrides(assistant: Assistant) -> None:
    answer = assistant.ask("Tỷ lệ gia đình văn hóa đạt bao nhiêu?", locality="phường Kiến An")
    assert answer.found and "95%" in answer.answer
    assert {c.locality for c in answer.citations} == {"phường Kiến An"}
    unknown = assistant.ask("Tỷ lệ gia đình văn hóa đạt bao nhiêu?", locality="xã Vĩnh Bảo")
    assert not unknown.found and "xã Vĩnh Bảo" in unknown.answer


def test_metadata_answers_cite_the_header(assistant: Assistant) -> None:
    answer = assistant.ask("Kế hoạch 50/KH-UBND của Thạch Khôi ban hành ngày nào?")
    assert answer.found and "19/9/2025" in answer.answer
    assert answer.citations[0].doc == "thach-khoi_ke-hoach-50-dot-thi-dua-2025"


def test_answers_are_short(assistant: Assistant) -> None:
    for question in ("Những xã, phường nào đặt chỉ tiêu nước sạch?",
                     "Phường Thạch Khôi phải làm gì trước ngày 25/9/2025?"):
        assert len(assistant.ask(question).answer) <= 600


def test_officer_set(assistant: Assistant) -> None:
    """Our own 86 questions (tests/questions/): the issue's bar for answers and abstention."""
    summary = evaluate(load_questions(OFFICER_SET), assistant.ask).summary()
    assert summary["answer_accuracy"] >= 0.90
    assert summary["abstention"] >= 0.95
    assert summary["citation_hit"] >= 0.95


def test_locality_by_initials(assistant: Assistant) -> None:
    answer = assistant.ask("Vốn đầu tư từ ngân sách xã NLB giai đoạn 2026-2030?")
    assert answer.found and answer.locality == "xã Nguyễn Lương Bằng"
    assert "250 tỷ" in answer.answer


def test_named_concept_must_match(assistant: Assistant) -> None:
    """Kiến An quantifies BHXH, not BHYT: sharing "bảo hiểm" is not an answer."""
    answer = assistant.ask("Kiến An chỉ tiêu BHYT bao nhiêu %?")
    assert not answer.found
    assert "95,08" not in answer.answer


def test_two_figures_asked_two_given(assistant: Assistant) -> None:
    answer = assistant.ask("Bậc THCS phường Kiến An bao nhiêu lớp, bao nhiêu học sinh?")
    assert answer.found and "88" in answer.answer and "3.867" in answer.answer
    assert len(answer.citations) == 2


def test_cited_plan_number_is_not_a_loaded_plan(assistant: Assistant) -> None:
    """"Kế hoạch 252 của thành phố" is cited by Cẩm Giang's plan: its date comes from there."""
    answer = assistant.ask("kế hoạch 252 của thành phố ban hành ngày nào")
    assert answer.found and "09/09/2025" in answer.answer
    assert answer.citations[0].doc == "cam-giang_ke-hoach-dot-thi-dua-2025"


def test_blank_day_gives_month_only_when_month_is_asked(assistant: Assistant) -> None:
    month = assistant.ask("Kế hoạch thi đua xã Cẩm Giang ban hành tháng mấy?")
    assert month.found and "tháng 9 năm 2025" in month.answer
    day = assistant.ask("Kế hoạch thi đua xã Cẩm Giang ban hành ngày nào?")
    assert not day.found and "tháng 9 năm 2025" in day.answer
