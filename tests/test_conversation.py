"""Follow-up questions keep their locality (answer/conversation.py), without Streamlit."""

from __future__ import annotations

import pytest

from kehoach.answer.assistant import Assistant
from kehoach.answer.conversation import Conversation
from kehoach.core.text import fold

NLB = "xã Nguyễn Lương Bằng"
TK = "phường Thạch Khôi"


def _docs(turn) -> set[str]:
    return {c.doc for c in turn.answer.citations}


def _plans_of(assistant: Assistant, locality: str) -> set[str]:
    return {d for d, p in assistant.index.plans.items() if p.meta.locality == locality}


@pytest.fixture()
def talk(assistant: Assistant) -> Conversation:
    return Conversation(assistant)


def test_follow_up_is_answered_for_the_same_locality(talk: Conversation, assistant: Assistant) -> None:
    first = talk.ask("Chỉ tiêu BHYT của xã Nguyễn Lương Bằng?")
    assert first.answer.found and "100%" in first.answer.answer
    assert first.carried_locality is None

    follow = talk.ask("Còn hạn báo cáo thì sao?")
    assert follow.carried_locality == NLB
    assert follow.answer.locality == NLB
    # This plan sets no reporting deadline: the answer says so, and every passage it
    # lists comes from the same locality's plans, never another locality's deadline.
    assert not follow.answer.found
    assert follow.answer.citations
    assert _docs(follow) <= _plans_of(assistant, NLB)


def test_follow_up_finds_the_same_localitys_deadline(talk: Conversation, assistant: Assistant) -> None:
    talk.ask("Phường Thạch Khôi đặt chỉ tiêu bao nhiêu phần trăm dân số tham gia bảo hiểm y tế?")
    follow = talk.ask("Còn hạn báo cáo thì sao?")
    assert follow.carried_locality == TK
    assert follow.answer.found
    assert "10 thang 12 nam 2025" in fold(follow.answer.answer)
    assert _docs(follow) <= _plans_of(assistant, TK)


def test_without_context_the_same_question_is_not_limited(assistant: Assistant) -> None:
    alone = Conversation(assistant).ask("Còn hạn báo cáo thì sao?")
    assert alone.carried_locality is None
    assert alone.answer.locality is None


def test_naming_another_locality_switches_context(talk: Conversation) -> None:
    talk.ask("Chỉ tiêu BHYT của xã Nguyễn Lương Bằng?")
    switched = talk.ask("Chỉ tiêu BHYT của phường Thạch Khôi là bao nhiêu?")
    assert switched.carried_locality is None
    assert switched.answer.locality == TK
    assert talk.locality == TK


def test_a_comparison_clears_the_context(talk: Conversation) -> None:
    talk.ask("Chỉ tiêu BHYT của xã Nguyễn Lương Bằng?")
    compared = talk.ask("Những xã, phường nào đặt chỉ tiêu tỷ lệ dân số tham gia bảo hiểm y tế?")
    assert compared.carried_locality is None
    assert len({c.locality for c in compared.answer.citations}) > 1
    assert talk.locality is None


def test_an_unloaded_locality_clears_the_context(talk: Conversation) -> None:
    talk.ask("Chỉ tiêu BHYT của xã Nguyễn Lương Bằng?")
    other = talk.ask("Chỉ tiêu BHYT của xã Tiên Lãng?")
    assert not other.answer.found
    assert talk.locality is None


def test_a_plan_named_by_number_is_kept_for_follow_ups(talk: Conversation) -> None:
    talk.ask("Kế hoạch số 23/KH-UBND của xã Nguyễn Lương Bằng được ban hành ngày nào?")
    signer = talk.ask("Ai ký?")
    assert signer.carried_docs == ("nguyen-luong-bang_ke-hoach-23-thi-dua-khen-thuong-2025",)
    assert "Bùi Trọng Thược" in signer.answer.answer
    assert _docs(signer) == {"nguyen-luong-bang_ke-hoach-23-thi-dua-khen-thuong-2025"}


def test_explicit_filters_win_and_are_not_remembered(talk: Conversation) -> None:
    talk.ask("Chỉ tiêu BHYT của xã Nguyễn Lương Bằng?")
    filtered = talk.ask("Còn hạn báo cáo thì sao?", locality=TK)
    assert filtered.carried_locality is None
    assert filtered.answer.locality == TK
    assert talk.locality == NLB  # the talk's own context is untouched by a chosen filter


def test_reset_forgets(talk: Conversation) -> None:
    talk.ask("Chỉ tiêu BHYT của xã Nguyễn Lương Bằng?")
    talk.reset()
    assert talk.turns == [] and talk.locality is None
    assert talk.ask("Còn hạn báo cáo thì sao?").carried_locality is None
