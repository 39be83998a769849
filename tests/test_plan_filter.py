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


def test_question_naming_another_locality_wins_over_the_plan_filter(assistant: Assistant) -> None:
    """Issue 12: the question wins over a filter that excludes its place, and says so."""
    answer = assistant.ask("Chỉ tiêu BHYT của xã Nguyễn Lương Bằng?", doc_ids=[KA_PLAN])
    assert answer.found, answer.answer
    assert "100%" in answer.answer
    assert all(c.locality == "xã Nguyễn Lương Bằng" for c in answer.citations)
    note = answer.extra["filter_note"]
    assert "xã Nguyễn Lương Bằng" in note and "bỏ qua bộ lọc" in note
    assert answer.to_json()["filter_note"] == note


def test_question_naming_another_locality_wins_over_the_locality_filter(
        assistant: Assistant) -> None:
    """With the filter on Kiến An, Cẩm Giang's signer, never Kiến An's (issue 12)."""
    kien_an = assistant.ask("Ai ký kế hoạch?", locality="phường Kiến An")
    asked = assistant.ask("Ai ký kế hoạch của xã Cẩm Giang?", locality="phường Kiến An")
    plain = assistant.ask("Ai ký kế hoạch của xã Cẩm Giang?")
    assert "Trần Thị Phương" in kien_an.answer and "filter_note" not in kien_an.extra
    assert "Trần Thị Phương" not in asked.answer
    assert fold(asked.answer) == fold(plain.answer)
    assert {c.locality for c in asked.citations} == {"xã Cẩm Giang"}
    note = asked.extra["filter_note"]
    assert note.startswith("Câu hỏi nêu xã Cẩm Giang") and "phường Kiến An" in note


def test_filter_matching_the_question_is_kept_without_a_note(assistant: Assistant) -> None:
    answer = assistant.ask("Chỉ tiêu BHYT của xã Nguyễn Lương Bằng?", locality="xã Nguyễn Lương Bằng",
                           doc_ids=[NLB_PLAN])
    assert "100%" in answer.answer and "filter_note" not in answer.extra
    assert {c.doc for c in answer.citations} == {NLB_PLAN}


def test_unloaded_place_named_is_not_answered_from_the_filter(assistant: Assistant) -> None:
    answer = assistant.ask("Chỉ tiêu BHYT của xã Điện Trung?", locality="phường Kiến An")
    assert not answer.found
    assert "filter_note" in answer.extra
    assert not any(c.locality == "phường Kiến An" for c in answer.citations)


def test_no_filter_is_unchanged(assistant: Assistant) -> None:
    assert fold(assistant.ask(BHYT, doc_ids=None).answer) == fold(assistant.ask(BHYT).answer)


def test_timings_are_parts_of_the_total(assistant: Assistant) -> None:
    answer = assistant.ask("Chỉ tiêu BHYT của xã Nguyễn Lương Bằng?")
    assert set(answer.timings_ms) == {"retrieve", "answer"}
    assert all(v >= 0 for v in answer.timings_ms.values()), answer.timings_ms
