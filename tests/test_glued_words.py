"""Words a copy glued together are split at ingest; everything else is left as written.

Snippets are real text of eval/tune-responsible/plans (a decision copied from a
legal-document site: "Chủ tịch UBND cáchuyện An Lão", "Quyết địnhsố 2120") and of a
commune's page with a URL.
"""

from __future__ import annotations

import pytest

from kehoach.ingest.glued_words import split_glued
from kehoach.ingest.pipeline import build_plan
from kehoach.ingest.readers import RawText


@pytest.mark.parametrize(("text", "split"), [
    ("Chủ tịch UBND cáchuyện An Lão, Vĩnh Thạnh triển khai thựchiện",
     "Chủ tịch UBND các huyện An Lão, Vĩnh Thạnh triển khai thực hiện"),
    ("Căn cứ Quyết địnhsố 2120/QĐ-CTUBND về việc thành lập BanĐiều hành",
     "Căn cứ Quyết định số 2120/QĐ-CTUBND về việc thành lập Ban Điều hành"),
    ("PHÁTTRIỂN VĂN HÓA TRÊN ĐỊA BÀN TỈNHBÌNH ĐỊNH", "PHÁT TRIỂN VĂN HÓA TRÊN ĐỊA BÀN TỈNH BÌNH ĐỊNH"),
    ("Xét đề nghị củaGiám đốc Sở", "Xét đề nghị của Giám đốc Sở"),
])
def test_glued_words_are_split(text: str, split: str) -> None:
    assert split_glued(text) == split


@pytest.mark.parametrize("text", [
    "date 2023-08, https://hatinh.gov.vn/locha",  # no Vietnamese letter: a URL, English
    "trỉến khai",  # a typo: "ến" is no syllable plans write
    "Nguyễn Huệ, khuyến nông, nghiêng, Krông Búk, Đắk Lắk, H'Mông, Cư Jút",
])
def test_words_that_are_no_glued_pair_stay(text: str) -> None:
    assert split_glued(text) == text


def test_ingest_splits_them_in_clean_text_only() -> None:
    raw = RawText(text="KẾ HOẠCH\nGiao Chủ tịch UBND cáchuyện An Lão triển khai thựchiện.", source="x.txt")
    plan = build_plan(raw, "x", "0", 1200)
    assert "các huyện An Lão" in plan.text and "thực hiện" in plan.text
