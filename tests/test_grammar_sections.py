"""Parts and review sections: a plan's review of past results holds no targets."""

from __future__ import annotations

from kehoach.answer.candidates import plan_period
from kehoach.answer.lexicon import STOP_SYLLABLES
from kehoach.answer.question_kinds import asks_goal, plan_fields
from kehoach.answer.scope import content_topic
from kehoach.core.records import PlanMeta
from kehoach.core.text import fold
from kehoach.grammar.markers import match_marker
from kehoach.grammar.sections import in_review, is_review_heading
from kehoach.ingest.structure import parse_structure


def test_part_markers_and_not_ordinary_words() -> None:
    assert match_marker("Phần thứ nhất").kind == "part"
    assert match_marker("PHẦN THỨ HAI: MỤC TIÊU, NHIỆM VỤ").kind == "part"
    assert match_marker("Phần II").kind == "part"
    assert match_marker("Phần lớn các xã đã hoàn thành") is None


def test_review_headings() -> None:
    for heading in ("Phần thứ nhất ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN CHƯƠNG TRÌNH",
                    "I. TÌNH HÌNH THỰC HIỆN CÁC MỤC TIÊU NĂM 2023", "a) Kết quả đạt được",
                    "1. Thực trạng"):
        assert is_review_heading(heading), heading
    for heading in ("II. MỤC TIÊU", "2. Chỉ tiêu cụ thể", "III. NHIỆM VỤ VÀ GIẢI PHÁP",
                    "3. Đánh giá, xếp hạng chuyển đổi số"):
        assert not is_review_heading(heading), heading


def test_a_part_title_on_its_own_line_names_the_part() -> None:
    texts = ["Phần thứ nhất", "ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN NĂM 2024",
             "Toàn tỉnh có 100% trẻ em được chăm sóc.", "Phần thứ hai", "MỤC TIÊU",
             "I. MỤC TIÊU CHUNG", "Đến năm 2030, 90% trẻ em được chăm sóc."]
    paths = [p.paragraph.path for p in parse_structure(texts)]
    assert in_review(paths[2]) and not in_review(paths[6])
    assert paths[6][0].startswith("Phần thứ hai") and paths[6][1].startswith("I.")


def test_goal_questions() -> None:
    assert asks_goal(fold("Lạng Sơn đặt mục tiêu đến năm 2030 bao nhiêu phần trăm trẻ em"))
    assert not asks_goal(fold("Kết quả thực hiện chỉ tiêu BHYT năm 2024 là bao nhiêu?"))


def test_plan_named_by_title_leaves_what_is_asked() -> None:
    topic = fold("kế hoạch phát triển chính quyền số giai đoạn 2026-2030 được ban hành theo đề nghị của sở")
    title = "Kế hoạch phát triển chính quyền số tỉnh Bắc Ninh giai đoạn 2026-2030"
    assert content_topic(topic, title, STOP_SYLLABLES) == "theo de nghi cua so"
    # A named concept in the plan's name stays, in full words (a plan writes it either way):
    # a BHXH sentence never answers a BHYT plan.
    kept = content_topic("kh bhyt nam 2025 ty le bao phu", "Kế hoạch BHYT năm 2025", STOP_SYLLABLES)
    assert kept.startswith("bao hiem y te ")
    # No plan named by title: unchanged.
    assert content_topic("chi tieu bhyt nam 2025", title, STOP_SYLLABLES) == "chi tieu bhyt nam 2025"


def test_period_is_a_plan_field_read_from_the_title() -> None:
    assert "period" in plan_fields(fold("KH 32 Lạng Sơn: ngày ban hành và giai đoạn thực hiện?"))
    meta = PlanMeta(doc_id="x", source_file="x.txt", title="Kế hoạch chăm sóc trẻ em giai đoạn 2024 - 2030")
    assert plan_period(meta) == "giai đoạn 2024 - 2030"
    assert plan_period(PlanMeta(doc_id="y", source_file="y.txt", title="Kế hoạch chuyển đổi số")) is None


def test_four_digit_plan_numbers_are_plan_numbers_not_years() -> None:
    from kehoach.answer.query import analyse

    assert analyse("lai chau kh 1767 thuc hien ke hoach so may", []).doc_number == "1767/KH-UBND"
    assert analyse("kh 2025 cua xa so may", []).doc_number is None


def test_a_plan_listed_after_thuc_hien_is_the_parent() -> None:
    from kehoach.ingest.metadata import _parent_plan

    text = ("Thực hiện Quyết định số 426/QĐ-TTg, ngày 21/4/2023 của Thủ tướng Chính phủ; Kế hoạch số "
            "156-KH/TU ngày 02/3/2023 của Ban Thường vụ Tỉnh ủy về việc triển khai thực hiện Chỉ thị số "
            "17-CT/TW, UBND tỉnh ban hành Kế hoạch như sau:")
    assert _parent_plan(text, "1767/KH-UBND").ref == "156-KH/TU"
    assert _parent_plan("Báo cáo theo Kế hoạch số 12/KH-UBND; Kế hoạch số 13/KH-UBND.", None) is None
