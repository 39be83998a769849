"""A loaded text is not always a Kế hoạch: answers name it by the type its ký hiệu gives."""

from __future__ import annotations

import pytest

from kehoach.answer.compose import plan_ref
from kehoach.grammar.docrefs import document_kind


@pytest.mark.parametrize(("number", "kind"), [
    ("820/QĐ-UBND", "Quyết định"),
    ("28/TTr-UBND", "Tờ trình"),
    ("255/BC-BCĐPCGD", "Báo cáo"),
    ("02-NQ/HU", "Nghị quyết"),
    ("66/2021/NĐ-CP", "Nghị định"),
    ("50/KH-UBND", "Kế hoạch"),
    ("12", "Kế hoạch"),
    (None, "Kế hoạch"),
])
def test_the_kind_of_document_a_number_names(number: str | None, kind: str) -> None:
    assert document_kind(number) == kind


def test_an_answer_does_not_call_a_decision_a_plan() -> None:
    """'theo kế hoạch số 820/QĐ-UBND' was said of a Quyết định."""
    assert plan_ref("tỉnh Bắc Ninh", "820/QĐ-UBND") == "quyết định số 820/QĐ-UBND của tỉnh Bắc Ninh"
    assert plan_ref("xã Công Lý", "28/TTr-UBND") == "tờ trình số 28/TTr-UBND của xã Công Lý"
    assert plan_ref("phường Thạch Khôi", "50/KH-UBND") == "kế hoạch số 50/KH-UBND của phường Thạch Khôi"
