"""Time frames, end dates and targets in running text (news pages about a plan).

Every snippet is real text from eval/tune-mixed/plans (portal news items and copies of
plans, sources in its README). The end-to-end tests load a few of those pages with the
real model and FAISS, as an officer would, and ask in words of their own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kehoach.answer.assistant import Assistant
from kehoach.answer.compose import holds
from kehoach.answer.evidence import _PREAMBLE_RE
from kehoach.answer.query import analyse
from kehoach.core.settings import Settings
from kehoach.core.text import fold
from kehoach.core.records import Paragraph, PlanMeta
from kehoach.extract.targets import extract_targets
from kehoach.grammar.dates import dateline, find_dates, find_periods, states_time_frame
from kehoach.grammar.figures import find_figures
from kehoach.index.builder import ingest

ROOT = Path(__file__).resolve().parent.parent
MIXED = ROOT / "eval" / "tune-mixed" / "plans"
PAGES = ("ninh-thuan_huyen-ninh-son-tin-tiem-vac-xin-soi-rubella-2014-2015",
         "da-nang_phuong-hoa-hiep-bac-tin-cum-dan-cu-an-toan-pccc-2014",
         "dak-lak_xa-tuy-an-dong-tin-an-toan-thuc-pham-trung-thu-2025",
         "cao-bang_huyen-trung-khanh-ke-hoach-57-thoat-ngheo-2023",
         "nghe-an_xa-thanh-huong-tin-ke-hoach-chuyen-doi-so-2025",
         "ninh-thuan_xa-tan-hai-tin-ke-hoach-phong-chong-thien-tai-2024")


# ------------------------------------------------------------------ grammar


@pytest.mark.parametrize(("text", "frame", "first", "last"), [
    ("Thời gian phát động diễn ra từ ngày 16/8/2014 đến ngày 23/8/2014.",
     "từ ngày 16/8/2014 đến ngày 23/8/2014", "2014-08-16", "2014-08-23"),
    # The first day leaves its year to the last.
    ("Thời gian triển khai từ ngày 15/9 đến ngày 10/10/2025.",
     "từ ngày 15/9 đến ngày 10/10/2025", "2025-09-15", "2025-10-10"),
    # … or its month and year ("từ ngày 15 đến 22-10-2014").
    ("thời gian triển khai từ ngày 15 đến 22-10-2014; đợt II",
     "từ ngày 15 đến 22-10-2014", "2014-10-15", "2014-10-22"),
    ("thời gian thực hiện Kế hoạch bắt đầu từ ngày 15/4/2021 đến ngày 15/5/2021, với phạm vi",
     "bắt đầu từ ngày 15/4/2021 đến ngày 15/5/2021", "2021-04-15", "2021-05-15"),
    ("từ tháng 3/2025 đến tháng 6/2025", "từ tháng 3/2025 đến tháng 6/2025", "2025-03", "2025-06"),
])
def test_a_time_frame_is_read_whole(text: str, frame: str, first: str, last: str) -> None:
    (period,) = find_periods(text)
    assert (period.text, period.first.iso, period.last.iso) == (frame, first, last)
    assert text[period.start:period.end] == period.text


def test_each_step_of_a_schedule_is_its_own_frame() -> None:
    text = ("đợt I … từ ngày 15 đến 22-10-2014; đợt II … Tiểu học từ ngày 12 đến 19-11-2014 và đợt III "
            "… THCS từ ngày 12 đến 19-01-2015")
    assert [(p.first.iso, p.last.iso) for p in find_periods(text)] == [
        ("2014-10-15", "2014-10-22"), ("2014-11-12", "2014-11-19"), ("2015-01-12", "2015-01-19")]


def test_two_dates_that_are_no_frame() -> None:
    # A dateline and a due date; a frame whose "first" day is after its last.
    assert find_periods("Ngày 13/8/2014, UBND phường tổ chức Hội nghị; báo cáo trước ngày 20/8/2014") == []
    assert find_periods("từ ngày 25 đến 5/11/2025") == []


def test_an_end_is_what_follows_den_truoc_or_cuoi() -> None:
    text = ("Ngày 13/8/2014, UBND phường tổ chức Hội nghị. Theo lộ trình là đến cuối tháng 10/2014, có "
            "25% hộ …; cuối tháng 7/2015, 100% hộ …; Phấn đấu đến cuối năm 2025, huyện thoát nghèo")
    ends = {m.text: m.is_end for m in find_dates(text)}
    assert ends == {"Ngày 13/8/2014": False, "tháng 10/2014": True, "tháng 7/2015": True,
                    "cuối năm 2025": True}


def test_a_sentence_that_gives_a_time_frame() -> None:
    assert states_time_frame("Thời gian triển khai từ ngày 15/9 đến ngày 10/10/2025.")
    assert states_time_frame("Được biết, thời gian thực hiện Kế hoạch bắt đầu từ ngày 15/4/2021 đến ngày 15/5/2021")
    assert states_time_frame("Chiến dịch diễn ra từ ngày 1/3 đến ngày 31/3/2025.")
    assert not states_time_frame("Ngày 13/8.2014, UBND phường tổ chức Hội nghị triển khai kế hoạch")
    assert not states_time_frame("Thời gian qua, xã đã làm tốt công tác tuyên truyền.")


@pytest.mark.parametrize(("text", "opening"), [
    ("Ngày 03/5, UBND huyện vừa ban hành Kế hoạch triển khai các hoạt động", "Ngày 03/5"),
    ("Sáng ngày 13/02/2025, UBND xã Thanh Hương tổ chức Hội nghị", "ngày 13/02/2025"),
    ("Ngày 13/8.2014, Ủy ban nhân dân - Ủy ban Mặt trận Tổ quốc Việt Nam phường", "Ngày 13/8"),
    ("- Ngày 15/3/2025: tổ chức lễ ra quân", None),
    ("báo cáo kết quả về Ban Chỉ huy huyện trước ngày 06/6/2024", None),
])
def test_a_news_items_dateline(text: str, opening: str | None) -> None:
    found = dateline(text)
    assert (found.text if found else None) == opening


def test_theo_cites_only_a_document() -> None:
    """"Theo lộ trình …, đến cuối tháng 7/2015 …" is a schedule, "Theo Quyết định số …" a basis."""
    assert _PREAMBLE_RE.match(fold("theo quyết định số 36/2021/qđ-ttg ngày 13/12/2021"))
    assert not _PREAMBLE_RE.match(fold("theo lộ trình thực hiện tiêu chí là đến cuối tháng 10/2014"))
    assert not _PREAMBLE_RE.match(fold("theo kế hoạch, thời gian triển khai từ ngày 15 đến 22-10-2014"))


def test_a_figure_is_found_whole() -> None:
    """"1" of "1-5 tuổi" is no figure of the clause "… khoảng 18.396 trẻ"."""
    assert not holds("dự kiến … của huyện Ninh Sơn khoảng 18.396 trẻ.", "1")
    assert holds("tiêm cho trẻ từ 1-5 tuổi", "1")
    assert holds("60 - 70% hồ sơ công việc", "70%") and not holds("170% hồ sơ", "70%")


@pytest.mark.parametrize(("text", "figure", "value", "upper"), [
    ("60 - 70% hồ sơ công việc cấp xã được xử lý trên môi trường mạng", "60 - 70%", 60, 70),
    ("đợt II tiêm cho trẻ từ 6-10 tuổi", "6-10 tuổi", 6, 10),
    ("tăng 1,5 - 2 lần so với năm 2020", "1,5 - 2 lần", 1.5, 2),
])
def test_a_range_is_one_figure(text: str, figure: str, value: float, upper: float) -> None:
    (found,) = find_figures(text)
    assert (found.text, found.value, found.upper) == (figure, value, upper)


def test_what_is_no_range() -> None:
    assert [f.text for f in find_figures("10 - 2 người")] == ["10", "2 người"]
    assert [f.upper for f in find_figures("đạt 5 - 2030 người")] == [None]
    assert all(f.upper is None for f in find_figures("từ ngày 15 đến 22-10-2014"))


def test_a_range_target_keeps_both_ends() -> None:
    text = "- 60 - 70% hồ sơ công việc cấp xã được xử lý trên môi trường mạng;"
    meta = PlanMeta(doc_id="x", source_file="x.txt", title="Kế hoạch chuyển đổi số năm 2025",
                    locality="xã Thanh Hương")
    paragraph = Paragraph(text=text, start=0, end=len(text), path=("II. MỤC TIÊU", "2. Chỉ tiêu", "-"),
                          kind="item", marker="-")
    (target,) = extract_targets(meta, [paragraph])
    assert (target.value, target.upper, target.figure_text) == (60, 70, "60 - 70%")


# ------------------------------------------------------------------ questions


@pytest.mark.parametrize(("question", "end"), [
    ("Đợt ra quân kéo dài đến ngày nào?", True),
    ("Xã làm ATTP đến hết ngày nào?", True),
    ("Đến khi nào thì 100% hộ dân có bình chữa cháy?", True),
    ("Chiến dịch kết thúc khi nào?", True),
    ("Tháng hành động thực hiện từ ngày nào đến ngày nào?", False),
    ("Huyện tiêm đợt II vào thời gian nào?", False),
    ("Hạn nộp báo cáo là ngày nào?", False),
])
def test_a_question_asking_an_end(question: str, end: bool) -> None:
    analysis = analyse(question, [])
    assert analysis.kind == "deadline" and analysis.wants == "date"
    assert analysis.asks_end is end


@pytest.mark.parametrize(("question", "due"), [
    ("Hạn báo cáo kết quả là ngày nào?", True),
    ("Các xã phải gửi báo cáo trước ngày nào?", True),
    ("Hội đồng họp chậm nhất ngày nào?", True),
    ("Xã triển khai kế hoạch vào thời gian nào?", False),
])
def test_a_question_asking_a_due_date(question: str, due: bool) -> None:
    assert analyse(question, []).asks_due is due


def test_when_a_plan_was_issued_is_its_field_not_a_deadline() -> None:
    analysis = analyse("TX Mỹ Hào ban hành kế hoạch tiêm vắc xin Covid-19 ngày nào", [])
    assert analysis.fields == ("issue_date",)
    assert analyse("Ban hành kế hoạch xong, các xã phải nộp báo cáo trước ngày nào?", []).kind == "deadline"


@pytest.mark.parametrize("question", [
    "Xã đặt mục tiêu giảm thiệt hại về gì?",
    "Phường đặt mục tiêu thế nào về ngộ độc thực phẩm?",
])
def test_a_target_asked_in_words(question: str) -> None:
    analysis = analyse(question, [])
    assert (analysis.kind, analysis.wants) == ("target", "text")


# ------------------------------------------------------------------ end to end


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:
    root = tmp_path_factory.mktemp("tune-mixed")
    (root / "plans").mkdir()
    for name in PAGES:
        shutil.copy(MIXED / f"{name}.txt", root / "plans")
    settings = Settings.load(plans_dir=root / "plans", index_dir=root / "index")
    ingest(settings, embeddings)
    from kehoach.index.store import load_index

    return Assistant(settings, embeddings, load_index(settings.index_dir))


def test_the_end_of_a_campaign_is_not_its_launch_meeting(pages: Assistant) -> None:
    answer = pages.ask("Phong trào cụm dân cư an toàn PCCC ở phường Hòa Hiệp Bắc phát động đến ngày nào thì xong?")
    assert answer.found and "23/8/2014" in answer.answer
    assert not answer.answer.startswith("Hạn: Ngày 13/8")


def test_the_frame_of_a_page_takes_the_pages_topic(pages: Assistant) -> None:
    answer = pages.ask("Đợt bảo đảm an toàn thực phẩm Tết Trung thu của xã Tuy An Đông kéo dài đến ngày nào?")
    assert answer.found and "10/10/2025" in answer.answer


def test_the_step_asked_of_a_schedule(pages: Assistant) -> None:
    answer = pages.ask("Huyện Ninh Sơn tiêm Sởi-Rubella cho học sinh THCS (đợt III) vào thời gian nào?")
    assert answer.found and "19-01-2015" in answer.answer.split("Theo")[0]
    roadmap = pages.ask("Phường Hòa Hiệp Bắc: đến khi nào 75% hộ gia đình có bình chữa cháy?")
    assert roadmap.found and "4/2015" in roadmap.answer.split("Theo")[0]


def test_a_goal_year_answers_until_when(pages: Assistant) -> None:
    answer = pages.ask("Huyện Trùng Khánh phấn đấu đến khi nào ra khỏi tình trạng nghèo?")
    assert answer.found and "cuối năm 2025" in answer.answer


def test_the_figure_of_the_asked_clause_is_quoted(pages: Assistant) -> None:
    answer = pages.ask("Ninh Sơn dự kiến tiêm vắc xin Sởi-Rubella cho khoảng bao nhiêu trẻ trong chiến dịch?")
    assert answer.found and "18.396" in answer.answer


def test_a_pages_headline_names_its_concept(pages: Assistant) -> None:
    """xã Thanh Hương's page: "Thanh Chương: UBND xã Thanh Hương triển khai Kế hoạch chuyển
    đổi số năm 2025" under a dateline; its targets do not repeat "chuyển đổi số"."""
    answer = pages.ask("Kế hoạch chuyển đổi số năm 2025 của xã Thanh Hương đặt bao nhiêu % cán bộ, "
                       "công chức được đào tạo kỹ năng số?")
    assert answer.found and "100%" in answer.answer


def test_a_goal_in_words(pages: Assistant) -> None:
    answer = pages.ask("Kế hoạch phòng chống thiên tai 2024 của xã Tân Hải nhằm giảm thiệt hại về gì?")
    assert answer.found and "người và tài sản" in answer.answer


def test_a_dateline_is_no_due_date(pages: Assistant) -> None:
    """xã Tân Hải's page opens "Ngày 15/10/2024, Ủy ban nhân dân xã Tân Hải triển khai Kế
    hoạch …" and gives no due date: asked for one, that day is no answer."""
    answer = pages.ask("Hạn chót xã Tân Hải báo cáo kết quả phòng chống thiên tai năm 2024 là ngày nào?")
    assert "15/10/2024" not in answer.answer.split("Theo")[0]
    launched = pages.ask("Xã Tân Hải triển khai Kế hoạch phòng, chống thiên tai năm 2024 vào ngày nào?")
    assert launched.found and "15/10/2024" in launched.answer
