"""Cleaning and structure: paragraphs re-joined, page numbers dropped, section paths."""

from __future__ import annotations

import pytest

from kehoach.ingest.cleaning import clean_paragraphs
from kehoach.grammar.markers import match_marker
from kehoach.ingest.pipeline import load_plan
from kehoach.ingest.structure import CLOSING_LABEL, OPENING_LABEL
from kehoach.core.records import PlanDocument

from conftest import PLANS_DIR

MAX_CHARS = 700


@pytest.fixture(scope="module")
def plans() -> dict[str, PlanDocument]:
    return {p.stem: load_plan(p, MAX_CHARS) for p in sorted(PLANS_DIR.glob("*.txt"))}


def _paragraph(plan: PlanDocument, starts: str):
    return next(p for p in plan.paragraphs if p.text.startswith(starts))


def test_hard_wrapped_lines_are_rejoined_and_page_numbers_dropped() -> None:
    text = (PLANS_DIR / "nguyen-luong-bang_ke-hoach-dot-thi-dua-2025.txt").read_text()
    paragraphs = clean_paragraphs(text)
    assert "(3) Đến năm 2030, giá trị sản phẩm trên 01 ha đất trồng trọt và nuôi trồng thủy sản " \
           "đạt từ 230 triệu đồng trở lên." in paragraphs
    # The page number "3" printed between targets (3) and (4) is gone.
    assert "3" not in paragraphs
    assert any(p.startswith("(4) Vốn đầu tư") for p in paragraphs)


def test_numbered_target_section_path(plans: dict[str, PlanDocument]) -> None:
    plan = plans["nguyen-luong-bang_ke-hoach-dot-thi-dua-2025"]
    target = _paragraph(plan, "(11) Đến năm 2030")
    assert target.path == (
        "II. NỘI DUNG, MỤC TIÊU, CHỈ TIÊU, NHIỆM VỤ, GIẢI PHÁP TỔ CHỨC…",
        "3. Các chỉ tiêu thi đua",
        "(11)",
    )
    assert target.section.endswith("› 3. Các chỉ tiêu thi đua › (11)")
    assert target.text.endswith("bảo hiểm y tế đạt 100%.")


def test_bullets_nest_under_their_heading(plans: dict[str, PlanDocument]) -> None:
    plan = plans["kien-an_ke-hoach-dot-thi-dua-2025"]
    pupils = _paragraph(plan, "+ Tổng số học sinh: 4.675")
    assert pupils.path[-3:] == ("* Chỉ tiêu giáo dục", "- Giáo dục tiểu học", "+ Tổng số học sinh")
    unit = _paragraph(plan, "2. Giao phòng Văn hoá - Xã hội")
    assert unit.path == ("V. TỔ CHỨC THỰC HIỆN", "2. Giao phòng Văn hoá - Xã hội")


def test_lettered_items_including_d_with_stroke(plans: dict[str, PlanDocument]) -> None:
    plan = plans["kien-an_ke-hoach-dot-thi-dua-2025"]
    item = _paragraph(plan, "đ) Tăng cường công tác tuyên truyền")
    assert item.path[-1] == "đ)"
    assert item.path[-2] == "4. Nhiệm vụ và giải pháp"


@pytest.mark.parametrize(
    ("doc", "starts", "roman"),
    [
        ("thach-khoi_ke-hoach-50-dot-thi-dua-2025", "11. NỘI DUNG", "II."),
        ("thach-khoi_ke-hoach-50-dot-thi-dua-2025", "I11. THỜI GIAN", "III."),
        ("nguyen-luong-bang_ke-hoach-23-thi-dua-khen-thuong-2025", "I1. NỘI DUNG", "II."),
        ("nguyen-luong-bang_ke-hoach-23-thi-dua-khen-thuong-2025", "I11. TỔ CHỨC", "III."),
    ],
)
def test_ocr_roman_variants(plans: dict[str, PlanDocument], doc: str, starts: str, roman: str) -> None:
    heading = _paragraph(plans[doc], starts)
    assert heading.kind == "heading"
    assert heading.path[0].startswith(roman + " ")


def test_ocr_numbered_subsections(plans: dict[str, PlanDocument]) -> None:
    plan = plans["nguyen-luong-bang_ke-hoach-23-thi-dua-khen-thuong-2025"]
    sub = _paragraph(plan, "2.1.")
    assert sub.path[0].startswith("II.") and sub.path[-2] == "2." and sub.path[-1].startswith("2.1.")


@pytest.mark.parametrize("doc", sorted(p.stem for p in PLANS_DIR.glob("*.txt")))
def test_every_plan_opens_and_closes(plans: dict[str, PlanDocument], doc: str) -> None:
    plan = plans[doc]
    assert plan.paragraphs[0].path == (OPENING_LABEL,)
    assert plan.paragraphs[-1].path == (CLOSING_LABEL,)
    romans = [p.marker for p in plan.paragraphs if p.marker and len(p.path) == 1
              and p.path[0].startswith(p.marker + " ")]
    assert romans[:3] == ["I.", "II.", "III."]


def test_offsets_locate_paragraphs(plans: dict[str, PlanDocument]) -> None:
    for plan in plans.values():
        for paragraph in plan.paragraphs:
            assert plan.text[paragraph.start:paragraph.end] == paragraph.text


@pytest.mark.parametrize(
    ("line", "previous", "kind", "label"),
    [
        ("II. NỘI DUNG", None, "roman", "II."),
        ("11. NOI DUNG VA GIAI PHAP", None, "roman", "II."),
        ("11. Thu gom rác thải", None, "number", "11."),
        ("1.2. Tăng cường", None, "number", "1.2."),
        ("¢) Khen thưởng đúng", None, "letter", "c)"),
        ("(20) Phấn đấu", None, "paren", "(20)"),
        ("- 95% tỷ lệ dân số", "cấp độ 2.", "bullet", "-"),
        ("+ Tổng số lớp học", None, "bullet", "+"),
    ],
)
def test_markers(line: str, previous: str | None, kind: str, label: str) -> None:
    marker = match_marker(line, previous)
    assert marker is not None and (marker.kind, marker.label) == (kind, label)


@pytest.mark.parametrize(
    ("line", "previous"),
    [("- 2030) tiến tới Đại hội", "thành phố lần thứ I (2025"),
     ("- xã hội đã được xác định", "mục tiêu phát triển kinh tế"),
     ("26/12/2024 của Bộ Chính trị", "Chỉ thị số 41-CT/TW, ngày"),
     ("2025 - 2030) tiến tới", "lần thứ I (nhiệm kỳ")],
)
def test_wrapped_lines_are_not_markers(line: str, previous: str) -> None:
    assert match_marker(line, previous) is None
