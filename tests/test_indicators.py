"""The indicator vocabulary (kehoach.extract.indicators): a measure is read as written."""

from __future__ import annotations

import pytest

from kehoach.extract.indicators import indicator_key

from conftest import PLANS_DIR

PER_HECTARE = "giá trị sản phẩm trên 1 ha"


def test_the_per_hectare_target_of_the_plan() -> None:
    text = (PLANS_DIR / "nguyen-luong-bang_ke-hoach-dot-thi-dua-2025.txt").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "giá trị sản phẩm trên 01 ha" in line)
    assert indicator_key(line) == PER_HECTARE


@pytest.mark.parametrize("text", [
    "Phấn đấu có thêm 05 sản phẩm OCOP được tiêu thụ tại thành phố Hà Nội",
    "Huy động nguồn lực đầu tư hạ tầng, nâng cao giá trị sản phẩm chủ lực",
    "SẢN PHẨM DU LỊCH CỦA TỈNH HÀ TĨNH",
])
def test_ha_noi_and_ha_tang_are_no_hectare(text: str) -> None:
    """Folded, "Hà Nội" and "hạ tầng" hold " ha ": the hectare is matched as written."""
    assert indicator_key(text) != PER_HECTARE
