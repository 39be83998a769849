"""The documents a plan rests on, stated one by one ("Căn cứ …") or listed under a bases
heading ("I. CĂN CỨ PHÁP LÝ"), with the real structure parser and metadata reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.answer.scope import content_topic
from kehoach.answer.lexicon import STOP_SYLLABLES
from kehoach.core.settings import Settings
from kehoach.grammar.bases import is_bases_heading, states_basis, under_bases_heading
from kehoach.ingest.pipeline import load_plan


@pytest.mark.parametrize("heading", [
    "I. CĂN CỨ PHÁP LÝ", "CĂN CỨ XÂY DỰNG KẾ HOẠCH", "1. Cơ sở pháp lý",
    "II. CĂN CỨ VÀ CƠ SỞ PHÁP LÝ", "PHẦN I: CĂN CỨ PHÁP LÝ", "Căn cứ ban hành kế hoạch:",
    "I. CƠ SỞ XÂY DỰNG KẾ HOẠCH", "CAN CU PHAP LY",
])
def test_bases_headings(heading: str) -> None:
    assert is_bases_heading(heading)


@pytest.mark.parametrize("heading", [
    "Căn cứ Quyết định số 12/QĐ-UBND ngày 3/1/2024 của UBND tỉnh;", "I. MỤC ĐÍCH, YÊU CẦU",
    "Cơ sở", "Căn cứ tình hình thực tế của địa phương", "II. NHIỆM VỤ, GIẢI PHÁP",
])
def test_not_bases_headings(heading: str) -> None:
    assert not is_bases_heading(heading)


def test_a_basis_stated_or_listed() -> None:
    assert states_basis("- Căn cứ Kế hoạch số 59/KH-UBND ngày 01/3/2022 của UBND tỉnh;")
    assert states_basis("Kế hoạch số 59/KH-UBND ngày 01/3/2022 của UBND tỉnh;",
                        "I. CĂN CỨ PHÁP LÝ")
    assert not states_basis("Kế hoạch số 59/KH-UBND ngày 01/3/2022 của UBND tỉnh;",
                            "II. NHIỆM VỤ › 1. Tuyên truyền")
    assert under_bases_heading(("PHẦN I. CĂN CỨ XÂY DỰNG KẾ HOẠCH", "1. Văn bản của Trung ương"))


_PLAN = """ỦY BAN NHÂN DÂN
XÃ TÂN LẬP
Số: 45/KH-UBND
Tân Lập, ngày 10 tháng 4 năm 2024
KẾ HOẠCH
Chuyển đổi số năm 2024
I. CĂN CỨ PHÁP LÝ
- Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình chuyển đổi số quốc gia;
- Kế hoạch số 120/KH-UBND ngày 01/3/2024 của UBND huyện Đan Phượng về chuyển đổi số năm 2024;
- Kế hoạch số 88/KH-UBND ngày 05/3/2024 của UBND thành phố Hà Nội về chuyển đổi số năm 2024.
II. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Triển khai đồng bộ các nhiệm vụ chuyển đổi số theo Kế hoạch số 7/KH-BCĐ của Ban Chỉ đạo.
"""


def test_a_plan_listed_under_the_bases_heading_is_the_parent(tmp_path: Path) -> None:
    path = tmp_path / "kh-45-chuyen-doi-so.txt"
    path.write_text(_PLAN, encoding="utf-8")
    meta = load_plan(path, Settings().chunk_max_chars).meta
    assert meta.parent_plan == "120/KH-UBND"
    assert meta.parent_plan_date == "2024-03-01"


def test_a_plan_named_in_a_task_is_no_basis(tmp_path: Path) -> None:
    path = tmp_path / "kh-45-chuyen-doi-so.txt"
    path.write_text(_PLAN.replace("I. CĂN CỨ PHÁP LÝ", "I. KẾT QUẢ THỰC HIỆN"), encoding="utf-8")
    assert load_plan(path, Settings().chunk_max_chars).meta.parent_plan is None


def test_making_the_plan_is_no_topic_of_a_cited_document_question() -> None:
    title = "Kế hoạch chuyển đổi số năm 2024"
    topic = "lam ke hoach chuyen doi so nam 2024 dua theo ke hoach so cua uy ban nhan dan"
    kept = content_topic(topic, title, STOP_SYLLABLES, keep_concepts=False)
    assert "lam" not in kept.split() and "nhan dan" in kept


def test_a_plan_named_with_one_word_of_its_own_is_still_named_by_its_title() -> None:
    # "rác" for the title's "chất thải rắn": the rest of the title still names the plan,
    # and what is asked is who proposed issuing it.
    title = "Quyết định ban hành kế hoạch phân loại chất thải rắn sinh hoạt tại nguồn trên địa bàn tỉnh"
    topic = "de nghi ban hanh ke hoach phan loai rac sinh hoat tai nguon"
    assert content_topic(topic, title, STOP_SYLLABLES).split() == ["de", "nghi", "ban", "hanh"]
    # A word of the question between title words that is not followed by the title is kept.
    assert "bhyt" in content_topic("chi tieu ke hoach phan loai chat thai bhyt nam 2025", title,
                                   STOP_SYLLABLES).split()
