"""Rounds and phases a text names (kehoach.grammar.rounds): the gate holds a question about
"đợt 2" to a text of that round."""

from __future__ import annotations

import pytest

from kehoach.grammar.rounds import disagree, rounds


@pytest.mark.parametrize("text, expected", [
    ("Tháng vệ sinh, khử trùng, tiêu độc đợt 1 năm 2025 từ ngày 1 – 31/3", {("dot", 1)}),
    ("tiem phong cum gia cam dot 2 nam 2025", {("dot", 2)}),
    ("tuần lễ vệ sinh tiêu độc khử trùng lần 2", {("dot", 2)}),
    ("ra quân lần thứ hai", {("dot", 2)}),
    ("đợt 1/2025", {("dot", 1)}),
    ("kết thúc đợt 3.", {("dot", 3)}),
    ("Giai đoạn II (2026-2030)", {("giai doan", 2)}),
    ("Nghị quyết Đại hội Đảng bộ lần thứ XIII", set()),  # a congress's term, no round
    ("giai đoạn 2021-2025", set()),  # a period of years
    ("đợt từ ngày 5 đến ngày 10", set()),  # "từ" is no "tư"
    ("tăng gấp 2 lần so với năm trước", set()),
    ("lần 2,5", set()),
])
def test_rounds(text: str, expected: set) -> None:
    assert rounds(text) == expected


def test_disagree_only_when_the_text_names_another_round() -> None:
    asked = rounds("đợt 2")
    assert disagree(asked, rounds("đợt 1 năm 2025"))
    assert not disagree(asked, rounds("đợt 1 và đợt 2"))
    assert not disagree(asked, rounds("tháng vệ sinh năm 2025"))  # names no round
    assert not disagree(asked, rounds("giai đoạn 1"))  # a phase is another kind of round
