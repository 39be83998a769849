"""Targets and deadlines on plans nobody tuned the extractors on (issue 11).

Every snippet is real text from eval/tune-target/plans (a tuning split built for this work;
sources in its README) or eval/gen-dev/plans. The end-to-end tests load the tune-target
plans together with the real model and FAISS, as an officer would.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kehoach.answer.assistant import Assistant
from kehoach.answer.gate import Candidate, _target_years
from kehoach.answer.query import analyse
from kehoach.answer.scoring import Coverage
from kehoach.core.settings import Settings
from kehoach.extract.responsibilities import _tasks
from kehoach.extract.sections import unit_name
from kehoach.extract.targets import extract_targets
from kehoach.grammar.dates import find_dates, goal_years, without_periods
from kehoach.grammar.localities import find_localities
from kehoach.grammar.markers import match_marker
from kehoach.core.records import Paragraph
from kehoach.index.builder import ingest
from kehoach.ingest.pipeline import load_plan

ROOT = Path(__file__).resolve().parent.parent
TUNE = ROOT / "eval" / "tune-target" / "plans"
GEN_DEV = ROOT / "eval" / "gen-dev" / "plans"


# ------------------------------------------------------------------ grammar


def test_commune_pages_number_their_headings_with_a_dash() -> None:
    """xã Lơ Ku: "2- Các chỉ tiêu chủ yếu (giai đoạn 2021-2025)"; phường Hội Phú:
    "I- MỤC TIÊU TỔNG QUÁT …". A dash before a digit or a lower-case word stays text."""
    item = match_marker("2- Các chỉ tiêu chủ yếu (giai đoạn 2021-2025)")
    assert item is not None and item.kind == "number" and item.label == "2."
    roman = match_marker("I- MỤC TIÊU TỔNG QUÁT VÀ CÁC CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2020 - 2025")
    assert roman is not None and roman.kind == "roman" and roman.label == "I."
    assert match_marker("1- 2 ngày") is None
    assert match_marker("V- abc") is None


def test_a_percent_after_a_heading_line_starts_an_item() -> None:
    """Lạng Sơn 334: "a) Mục tiêu đến năm 2027" then "- 100% dịch vụ công …"; a wrapped
    "(2025\\n- 2030)" is still no bullet."""
    assert match_marker("- 100% dịch vụ công trực tuyến toàn trình", "a) Mục tiêu đến năm 2027") is not None
    assert match_marker("- 2030)", "giai đoạn (2025") is None


def test_a_targets_years_are_its_period_not_its_baseline_or_a_cited_date() -> None:
    assert goal_years("2- Các chỉ tiêu chủ yếu (giai đoạn 2021-2025)") == frozenset(range(2021, 2026))
    assert goal_years("Tỷ lệ đô thị hóa đến năm 2025: 16% trở lên.") == {2025}
    # Bà Rịa - Vũng Tàu 151: the period after "so với" is the baseline.
    assert goal_years("giảm 10% ca mắc sốt xuất huyết/100.000 dân so với giai đoạn 2016-2020") == frozenset()
    assert goal_years("(theo Chỉ thị 12-CT/TU, ngày 13/2/2018 của Ban Thường vụ Tỉnh ủy)") == frozenset()
    assert without_periods("giai doan 2021-2025 chi tieu tong dan gia suc") == "chi tieu tong dan gia suc"


def test_a_day_and_month_written_with_a_dash_is_a_date() -> None:
    """Báo Gia Lai on KH 1734: "Trước ngày 25-10 … trước ngày 16-11 …", "từ ngày 1-9"."""
    found = find_dates("Trước ngày 25-10, UBND các huyện, thị xã, thành phố phải báo cáo")
    assert [(d.text, d.day, d.month, d.cue) for d in found] == [("ngày 25-10", 25, 10, "truoc")]
    frame = find_dates("tiến hành từ ngày 1-9 đến hết ngày 31-12-2018.")
    assert [d.text for d in frame] == ["ngày 1-9", "ngày 31-12-2018"]


def test_lower_case_words_after_a_kind_word_are_no_place() -> None:
    """xã Lơ Ku: "Xã phấn đấu xây dựng … mô hình nông hội" was read as "xã Phan" (not
    loaded) and refused. Typed without accents, a name is still a name."""
    assert find_localities("Xã phấn đấu xây dựng bao nhiêu mô hình nông hội?", []) == []
    assert [m.locality.display for m in find_localities("xa nhon my bao nhieu", [])] == ["xã Nhơn Mỹ"]
    assert [m.locality.display for m in find_localities("xã nhơn mỹ đạt bao nhiêu", [])] == ["xã Nhơn Mỹ"]


# ------------------------------------------------------------------ extraction


def _targets(path: Path):
    plan = load_plan(path, Settings.load().chunk_max_chars)
    return extract_targets(plan.meta, plan.paragraphs)


def test_label_figure_lists_keep_their_labels_and_the_title_year() -> None:
    """Bến Tre 370 (title "… năm 2023"): "Cơ cấu kinh tế: Khu vực I: 33%; khu vực II: 22,3%";
    "thuế sản phẩm tăng 12,5% (trở lên)"."""
    targets = _targets(GEN_DEV / "ben-tre_ke-hoach-370-phat-trien-kinh-te-xa-hoi-2023.txt")
    by_value = {t.value: t for t in targets}
    assert by_value[33.0].indicator == "Khu vực I"
    assert by_value[22.3].indicator == "khu vực II"
    assert by_value[12.5].comparator == "từ ... trở lên"
    assert by_value[1700.0].comparator == "từ ... trở lên"  # "đạt 1.700 triệu USD (trở lên)"
    assert {t.year for t in targets if t.value is not None} == {"2023"}
    assert not [t for t in targets if t.value is None and len(t.indicator.split()) < 3]  # "4) Tổng v"


def test_a_sub_headings_year_reaches_the_items_under_it() -> None:
    targets = _targets(GEN_DEV / "lang-son_ke-hoach-334-chinh-quyen-so-2025.txt")
    assert [(t.value, t.year) for t in targets] == [(100.0, "2027"), (100.0, "2027"), (95.0, "2027")]
    assert "dịch vụ công trực tuyến toàn trình" in targets[0].indicator
    assert targets[2].comparator == "ít nhất"  # "Tối thiểu 95%"


def test_the_period_of_a_dash_numbered_heading_reaches_its_items() -> None:
    targets = _targets(TUNE / "gia-lai_xa-lo-ku-dinh-huong-phat-trien-2021-2025.txt")
    herd = [t for t in targets if t.value == 3200.0]
    assert herd and herd[0].year == "2021-2025" and herd[0].unit == "con"


def test_an_address_does_not_split_a_units_tasks() -> None:
    """Nghệ An: "… cập nhập thông tin … tại địa chỉ: http://quanlyhongheonghean.vn …"."""
    head = Paragraph(text="- Văn phòng UBND xã: cập nhật danh sách tại http://quanlyhongheonghean.vn để quản lý.",
                     start=0, end=80, path=("III.",), marker="-", kind="item")
    assert _tasks(head, True) == ["cập nhật danh sách tại http://quanlyhongheonghean.vn để quản lý."]
    assert unit_name("- Sở Lao động tại http://abc.vn: theo dõi") == "Sở Lao động tại http://abc.vn"


# ------------------------------------------------------------------ the gate's year check


def _candidate(text: str, section: str) -> Candidate:
    return Candidate(origin="sentence", doc="d", start=0, end=len(text), section=section, text=text,
                     stated=frozenset({"text", "number"}), coverage=Coverage(1.0, 1.0))


def test_a_figure_for_another_period_is_not_the_one_asked() -> None:
    """"Tổng đàn gia cầm năm 2020": xã Lơ Ku's "Gia cầm: 5000 con" is under "giai đoạn
    2021-2025"; a year in the phrase naming the plan chooses the plan, not the figure."""
    from kehoach.answer.gate import AnswerGate
    from kehoach.answer.scope import PlanScope

    analysis = analyse("Tổng đàn gia cầm năm 2020 đạt bao nhiêu con?", [])
    gate = AnswerGate(analysis, PlanScope(docs=frozenset({"d"})), Settings.load())
    assert gate.target_years == {2020}
    later = _candidate("Gia cầm:5000 con.", "2. Các chỉ tiêu chủ yếu (giai đoạn 2021-2025) › (3) Tổng đàn gia súc")
    assert gate.reason(later) == "year"
    unstated = _candidate("gia cầm đạt 120.000 con trở lên.", "II. CÁC CHỈ TIÊU CHỦ YẾU")
    assert gate.reason(unstated) != "year"
    named = analyse("Kế hoạch 151/KH-UBND năm 2023: tỷ lệ tiêm chủng đầy đủ đạt bao nhiêu?", [])
    assert _target_years(named) == frozenset()


# ------------------------------------------------------------------ end to end


@pytest.fixture(scope="module")
def tune(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:
    root = tmp_path_factory.mktemp("tune-target")
    shutil.copytree(TUNE, root / "plans")
    settings = Settings.load(plans_dir=root / "plans", index_dir=root / "index")
    ingest(settings, embeddings)
    from kehoach.index.store import load_index

    return Assistant(settings, embeddings, load_index(settings.index_dir))


def test_the_figure_of_the_asked_clause_is_given(tune: Assistant) -> None:
    """"giảm 10% ca mắc sốt xuất huyết …; giảm 5% ca mắc tay chân miệng …": the plan is
    loaded as a news report of KH 151 (no number of its own)."""
    answer = tune.ask("Kế hoạch 151/KH-UBND năm 2023 đặt mục tiêu giảm bao nhiêu % ca mắc tay chân miệng?")
    assert answer.found and "5%" in answer.answer and "tay chân miệng" in answer.answer
    assert "10%" not in answer.answer


def test_the_date_of_the_asked_step_is_given(tune: Assistant) -> None:
    answer = tune.ask("Theo Kế hoạch 1734/KH-UBND về rà soát hộ nghèo, các huyện phải báo cáo chính "
                      "thức kết quả về Sở Lao động-Thương binh và Xã hội trước ngày nào?")
    assert answer.found and answer.answer.startswith("Hạn: trước ngày 16-11")


def test_a_commune_page_target_under_its_period_heading(tune: Assistant) -> None:
    answer = tune.ask("Giai đoạn 2021-2025 chỉ tiêu tổng đàn gia súc của xã là bao nhiêu con?")
    assert answer.found and "3.200 con" in answer.answer


def test_another_years_figure_is_not_given(tune: Assistant) -> None:
    answer = tune.ask("Tổng đàn gia cầm năm 2020 đạt bao nhiêu con?")
    assert "5000 con" not in answer.answer


def test_a_target_held_in_an_appendix_is_not_taken_from_another_plan(tune: Assistant) -> None:
    answer = tune.ask("Kế hoạch 89/KH-UBND của tỉnh Hà Tĩnh về phòng, chống dịch bệnh truyền nhiễm "
                      "năm 2024 đặt chỉ tiêu tỷ lệ tiêm chủng đầy đủ là bao nhiêu?")
    assert not answer.found and "98%" not in answer.answer


def test_a_goal_asked_in_words(tune: Assistant) -> None:
    answer = tune.ask("Mục tiêu chung của kế hoạch giảm nghèo bền vững năm 2025 của Thừa Thiên Huế là gì?")
    assert answer.found and "giảm nghèo đa chiều, bao trùm" in answer.answer


def test_an_untitled_pages_opening_line_gives_its_period(tune: Assistant) -> None:
    """xã Sơn Lang's page opens "Các chỉ tiêu chủ yếu (nhiệm kỳ 2020-2025)" and has no
    title: its "(7) Tỷ lệ lao động qua đào tạo: trên 20%" is no figure for 2030."""
    answer = tune.ask("Tỷ lệ lao động qua đào tạo năm 2030 là bao nhiêu?")
    assert not answer.found and "20%" not in answer.answer
