"""Figures and their units (kehoach.grammar.figures), on real plan text."""

from __future__ import annotations

import pytest

from kehoach.grammar.figures import find_figures, has_unit

from conftest import PLANS_DIR

HECTARE_LINE = "(3) Đến năm 2030, giá trị sản phẩm trên 01 ha đất trồng trọt và nuôi trồng"


def test_the_hectare_line_is_in_the_plan() -> None:
    text = (PLANS_DIR / "nguyen-luong-bang_ke-hoach-dot-thi-dua-2025.txt").read_text(encoding="utf-8")
    assert HECTARE_LINE in " ".join(text.split())


@pytest.mark.parametrize(("text", "written"), [
    (HECTARE_LINE, True),
    ("diện tích gieo trồng đạt 1.250ha/năm", True),
    ("GIÁ TRỊ SẢN PHẨM TRÊN 1 HA ĐẤT CANH TÁC", True),
    ("tiêu thụ sản phẩm OCOP tại thành phố Hà Nội", False),
    ("đầu tư hạ tầng, giá trị sản phẩm tăng", False),
    ("HÀ TĨNH, HÀ NAM", False),
    ("hai sản phẩm", False),
])
def test_a_unit_is_matched_with_its_diacritics(text: str, written: bool) -> None:
    """"ha" (hectare) folds like "Hà", "hạ": a unit is read as written, not folded."""
    assert has_unit(text, "ha") is written



@pytest.mark.parametrize(("text", "figures"), [
    ("(6) Thu cân đối ngân sách xã hưởng: tăng 10%/năm trở lên.", [(10.0, "%")]),
    ("tỷ lệ hộ nghèo giảm bình quân (đạt 1,5%) mỗi năm", [(1.5, "%")]),
    ("theo Kế hoạch số 36/KH-UBND, mục (11) [1]", []),
])
def test_a_percentage_before_a_slash_or_a_bracket(text: str, figures: list[tuple[float, str]]) -> None:
    """After "%" a "/" is "per" and ")" closes a parenthesis: the figure stays (the number
    of "36/KH-UBND", a marker "(11)" or a footnote "[1]" is still none)."""
    assert [(f.value, f.unit) for f in find_figures(text)] == figures


@pytest.mark.parametrize(("text", "figures"), [
    ("Tháng vệ sinh từ ngày 24.02.2025 đến 16.06.2025, tiêm phòng đạt 80%.", [80.0]),
    ("Cấp phát trên 10.500 cuốn, mục 1.2.3.", [10500.0]),
    ("đạt 5 - 24.02.2025", [5.0]),
])
def test_a_date_written_with_dots_is_not_a_figure(text: str, figures: list[float]) -> None:
    """News pages write dates "24.02.2025": read as an amount it crashed the whole answer
    (a ValueError from parse_number); it is a date, and a section number "1.2.3" is none."""
    assert [f.value for f in find_figures(text)] == figures
