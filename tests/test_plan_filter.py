"""The plan filter of the answering API: Assistant.ask(..., doc_ids=)."""

from __future__ import annotations

from kehoach.answer.assistant import Assistant
from kehoach.core.text import fold

TK_PLAN = "thach-khoi_ke-hoach-50-dot-thi-dua-2025"
NLB_PLAN = "nguyen-luong-bang_ke-hoach-dot-thi-dua-2025"
KA_PLAN = "kien-an_ke-hoach-dot-thi-dua-2025"
BHYT = "Chỉ tiêu tỷ lệ dân số tham gia bảo hiểm y tế là bao nhiêu?"


def test_answers_only_from_the_chosen_plan(assistant: Assistant) -> None:
    for plan, figure in ((TK_PLAN, "95%"), (NLB_PLAN, "100%")):
        answer = assistant.ask(BHYT, doc_ids=[plan])
        assert answer.found, answer.answer
        assert figure in answer.answer
        assert {c.doc for c in answer.citations} == {plan}


def test_metadata_question_within_a_plan(assistant: Assistant) -> None:
    answer = assistant.ask("Ai ký kế hoạch?", doc_ids=[KA_PLAN])
    assert "Trần Thị Phương" in answer.answer
    assert {c.doc for c in answer.citations} == {KA_PLAN}


def test_plan_of_another_locality_gives_no_answer(assistant: Assistant) -> None:
    answer = assistant.ask("Chỉ tiêu BHYT của xã Nguyễn Lương Bằng?", doc_ids=[KA_PLAN])
    assert not answer.found
    assert all(c.locality == "xã Nguyễn Lương Bằng" for c in answer.citations)
    assert "100%" not in answer.answer


def test_no_filter_is_unchanged(assistant: Assistant) -> None:
    assert fold(assistant.ask(BHYT, doc_ids=None).answer) == fold(assistant.ask(BHYT).answer)


def test_timings_are_parts_of_the_total(assistant: Assistant) -> None:
    answer = assistant.ask("Chỉ tiêu BHYT của xã Nguyễn Lương Bằng?")
    assert set(answer.timings_ms) == {"retrieve", "answer"}
    assert all(v >= 0 for v in answer.timings_ms.values()), answer.timings_ms
