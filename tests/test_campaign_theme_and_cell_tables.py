"""A campaign's theme and its period, and a table copied one cell per line.

Snippets are real text: the campaign plans bundled in data/plans (Thạch Khôi's is OCR'd,
and its repair garbles "đến hết" into "đôn hậu") and the indicator table of
eval/tune-target/plans (a commune's digital-transformation targets, pasted one cell per
line). The end-to-end tests load those plans with the real model and FAISS and ask in
words of their own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kehoach.answer.assistant import Assistant
from kehoach.answer.query import analyse
from kehoach.core.settings import Settings
from kehoach.grammar.dates import without_end_cues
from kehoach.grammar.themes import names_theme, states_theme, without_theme_words
from kehoach.index.builder import ingest
from kehoach.ingest.cell_tables import table_rows
from kehoach.ingest.cleaning import clean_paragraphs

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "data" / "plans"
TABLE_PLAN = ROOT / "eval" / "tune-target" / "plans" / "ninh-binh_xa-gia-phong-phu-luc-chi-tieu-chuyen-doi-so.txt"


# ------------------------------------------------------------------ themes


@pytest.mark.parametrize(("text", "theme"), [
    ("Chủ đề thi đua: “Đoàn kết-kỷ cương- đổi mới-sảng tạo xây dựng phường Thạch Khôi phát triển”", True),
    ("Phát động phong trào thi đua với chủ đề “Chuyển đổi số vì nhân dân”", True),
    ("Khẩu hiệu hành động: Kỷ cương, trách nhiệm, hành động, sáng tạo", True),
    ("tuyên truyền thông điệp \"5K\" của Bộ Y tế", True),
    # The label alone names no theme: units are asked to pick one.
    ("Căn cứ tình hình, thực tế tại cơ quan, đơn vị sẽ lựa chọn chủ đề thi đua tiêu biểu, đặc thù", False),
    ("tổ chức các hoạt động theo chủ đề của năm. Tổ chức: hội thi", False),
])
def test_a_theme_is_a_labelled_quotation(text: str, theme: bool) -> None:
    assert states_theme(text) is theme


def test_a_question_naming_a_theme() -> None:
    assert names_theme("chu de thi dua cua phuong la gi")
    assert names_theme("khau hieu cua chien dich la gi")
    assert not names_theme("ty le ho ngheo la bao nhieu")
    assert without_theme_words("dot thi dua mang chu de gi") == "dot thi dua"
    assert without_theme_words("chu de cua dot thi dua") == "cua dot thi dua"


@pytest.mark.parametrize(("question", "theme"), [
    ("Chủ đề thi đua của phường Kiến An năm 2025 là gì?", True),
    ("Đợt thi đua ở xã Cẩm Giang mang khẩu hiệu gì?", True),
    ("Tỷ lệ hộ nghèo của phường Kiến An là bao nhiêu?", False),
    ("Ai phát động chủ đề thi đua?", False),  # who, not what
])
def test_a_theme_question_wants_the_theme(question: str, theme: bool) -> None:
    assert (analyse(question, []).wants == "theme") is theme


def test_the_words_asking_an_end_are_no_topic() -> None:
    assert without_end_cues("dot thi dua thoi gian thuc hien den het den") == "dot thi dua thoi gian thuc hien"
    assert without_end_cues("kéo dài tới hết năm") == "kéo dài năm"


# ------------------------------------------------------------------ tables one cell per line


TABLE = """STT
|
Tên chỉ tiêu
|
Đơn vị tính
|
Chỉ tiêu cụ thể
|
I
|
Đào tạo, chuyển đổi nhận thức (02 chỉ
tiêu)
|
1
|
Tỷ
lệ cán bộ, công chức được đào tạo, tập huấn kỹ năng số
|
%
|
100
|
2
|
Tỷ
lệ người dân trưởng thành được thông tin, tuyên truyền
|
%
|
3
|
II
|
Hạ tầng số (05 chỉ tiêu)
|
|
|
1
|
Tỷ lệ cán bộ được trang bị máy vi tính
|
%
|
100"""


def test_a_table_copied_one_cell_per_line_is_read_by_rows() -> None:
    lines, rows = table_rows(TABLE.splitlines())
    assert lines == [
        "STT | Tên chỉ tiêu | Đơn vị tính | Chỉ tiêu cụ thể",
        "I. Đào tạo, chuyển đổi nhận thức (02 chỉ tiêu)",
        "1. Tỷ lệ cán bộ, công chức được đào tạo, tập huấn kỹ năng số | % | 100",
        # A figure equal to the next sequence number stays in its row: the row has not
        # as many cells as the header yet.
        "2. Tỷ lệ người dân trưởng thành được thông tin, tuyên truyền | % | 3",
        "II. Hạ tầng số (05 chỉ tiêu)",
        "1. Tỷ lệ cán bộ được trang bị máy vi tính | % | 100",
    ]
    assert rows == set(range(6))


def test_each_row_is_a_paragraph_and_its_figures_stay() -> None:
    text = "KẾ HOẠCH\nChuyển đổi số\n" + TABLE + "\n\n5\n\nNơi nhận:"
    paragraphs = clean_paragraphs(text)
    assert "1. Tỷ lệ cán bộ, công chức được đào tạo, tập huấn kỹ năng số | % | 100" in paragraphs
    assert "II. Hạ tầng số (05 chỉ tiêu)" in paragraphs
    assert "5" not in paragraphs  # a page number outside the table is still dropped


def test_cells_without_a_sequence_column_are_left_alone() -> None:
    # A plan's header laid out as cells (province, motto, number, place and date).
    text = ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n-------\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n|\n"
            "Số: 498/KH-UBND\n|\nBắc Ninh, ngày 28 tháng 10 năm 2022")
    lines = text.splitlines()
    assert table_rows(lines) == (lines, set())


# ------------------------------------------------------------------ end to end


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:
    root = tmp_path_factory.mktemp("themes-tables")
    (root / "plans").mkdir()
    for name in ("thach-khoi_ke-hoach-50-dot-thi-dua-2025.txt", "kien-an_ke-hoach-dot-thi-dua-2025.txt"):
        shutil.copy(PLANS / name, root / "plans")
    shutil.copy(TABLE_PLAN, root / "plans")
    settings = Settings.load(plans_dir=root / "plans", index_dir=root / "index")
    ingest(settings, embeddings)
    from kehoach.index.store import load_index

    return Assistant(settings, embeddings, load_index(settings.index_dir))


def test_the_theme_of_a_campaign(loaded: Assistant) -> None:
    answer = loaded.ask("Đợt thi đua ở phường Thạch Khôi mang chủ đề gì?")
    assert answer.found and "Đoàn kết" in answer.answer and "kỷ cương" in answer.answer


def test_no_theme_is_no_answer(loaded: Assistant) -> None:
    # Kiến An's plan only asks its units to pick themes of their own.
    answer = loaded.ask("Chủ đề thi đua của phường Kiến An là gì?")
    assert not answer.found


def test_the_end_of_a_campaign_whose_cue_ocr_garbled(loaded: Assistant) -> None:
    answer = loaded.ask("Đợt thi đua của phường Thạch Khôi kéo dài tới khi nào?")
    assert answer.found and "tháng 12 năm 2025" in answer.answer


def test_a_table_rows_figure(loaded: Assistant) -> None:
    answer = loaded.ask("Xã Gia Phong đặt chỉ tiêu bao nhiêu phần trăm người dân trưởng thành, doanh "
                        "nghiệp được tuyên truyền về chuyển đổi số?")
    assert answer.found and "100" in answer.answer
    assert answer.citations[0].doc == TABLE_PLAN.stem
