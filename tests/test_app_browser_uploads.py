"""Issue 14 leftovers in the real app (`streamlit run app.py`, headless, localhost) through
Debian's Chromium with Playwright: an upload named like a loaded plan makes the app ask
("Thay thế" / "Không") instead of replacing it, and a running upload can be cancelled
with "Hủy tải lên", leaving the plans folder and the index generation as they were.

One app for the module, on a private copy of the bundled plans and index; its plan
limits are raised so the long-sentence plan (~340 chunks, minutes of embedding here) is
still being embedded when the button is clicked. Skipped only when /usr/bin/chromium or
playwright is missing.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kehoach.core.settings import Settings
from kehoach.index.store import CURRENT_FILE
from kehoach.ingest.library import HISTORY_DIR
from kehoach.ui.browser import browser_available, serve_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from hostile_files import txt_long_sentence  # noqa: E402
from conftest import index_snapshot

_MISSING = browser_available()
pytestmark = pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")

DESKTOP = {"width": 1400, "height": 1000}
_LOAD_MS = 300_000
_UPLOAD_MS = 300_000
_CANCEL_MS = 90_000
UPLOAD_PLAN = Path(__file__).parent / "fixtures" / "upload_plan_hong_bang.txt"
KIEN_AN = "kien-an_ke-hoach-dot-thi-dua-2025.txt"
QUESTION_END = "Thay thế kế hoạch cũ? Bản cũ được lưu trong lịch sử."


@pytest.fixture(scope="module")
def app(built_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    root = tmp_path_factory.mktemp("h14c-uploads")
    shutil.copytree(built_settings.plans_dir, root / "plans")
    shutil.copytree(built_settings.index_dir, root / "index")
    settings = built_settings.with_overrides(plans_dir=root / "plans", index_dir=root / "index")
    env = {"KEHOACH_PLANS_DIR": str(settings.plans_dir), "KEHOACH_INDEX_DIR": str(settings.index_dir),
           "KEHOACH_MAX_PLAN_CHARS": "1000000", "KEHOACH_MAX_PLAN_CHUNKS": "5000"}
    with serve_app(env, log=root / "app.log") as url:
        yield _Served(settings, url)


@dataclass(frozen=True)
class _Served:
    settings: Settings
    url: str




def _open(browser: Any, url: str) -> Any:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(url)
    page.get_by_text("Bạn có thể hỏi, ví dụ:").wait_for(timeout=_LOAD_MS)
    return page


def _upload(page: Any, path: Path) -> Any:
    from playwright.sync_api import expect

    sidebar = page.get_by_test_id("stSidebar")
    picker = sidebar.locator('input[type="file"]')
    # After an answer to the replace question the app renders a fresh, empty uploader (a new
    # key); until that rerun ends the old one is still in the page beside it.
    expect(picker).to_have_count(1, timeout=_LOAD_MS)
    picker.set_input_files(str(path))
    sidebar.get_by_role("button", name="Nạp vào chỉ mục").click()
    return sidebar


def test_app_asks_before_replacing(app: _Served, browser: Any, tmp_path: Path) -> None:
    incoming = tmp_path / KIEN_AN  # Kiến An's file name, another plan's text
    incoming.write_bytes(UPLOAD_PLAN.read_bytes())
    old = (app.settings.plans_dir / KIEN_AN).read_bytes()
    page = _open(browser, app.url)
    try:
        before = index_snapshot(app.settings)
        sidebar = _upload(page, incoming)
        question = sidebar.get_by_text(QUESTION_END)
        question.wait_for(timeout=_LOAD_MS)
        assert question.inner_text().startswith("Đã có kế hoạch phường Kiến An")
        sidebar.get_by_role("button", name="Không", exact=True).click()
        sidebar.get_by_text("Giữ nguyên kế hoạch phường Kiến An").wait_for(timeout=_LOAD_MS)
        assert sidebar.get_by_text(QUESTION_END).count() == 0
        assert index_snapshot(app.settings) == before

        sidebar = _upload(page, incoming)
        sidebar.get_by_text(QUESTION_END).wait_for(timeout=_LOAD_MS)
        sidebar.get_by_role("button", name="Thay thế", exact=True).click()
        done = sidebar.get_by_text("có thể hỏi ngay")
        done.wait_for(timeout=_UPLOAD_MS)
        assert "phường Hồng Bàng" in done.inner_text()
        assert (app.settings.plans_dir / KIEN_AN).read_bytes() == UPLOAD_PLAN.read_bytes()
        kept = list((app.settings.plans_dir / HISTORY_DIR).iterdir())
        assert [p.read_bytes() for p in kept] == [old]
    finally:
        page.close()


def test_cancel_button_stops_the_upload_and_changes_nothing(app: _Served, browser: Any,
                                                            tmp_path: Path) -> None:
    bomb = txt_long_sentence(tmp_path / "Kế hoạch dài.txt")
    page = _open(browser, app.url)
    try:
        generation = (app.settings.index_dir / CURRENT_FILE).read_text(encoding="utf-8")
        before = index_snapshot(app.settings)
        sidebar = _upload(page, bomb)
        # Cancel while embedding: by then the file was copied into the plans folder.
        sidebar.get_by_text("Nhúng đoạn văn").wait_for(timeout=_UPLOAD_MS)
        sidebar.get_by_role("button", name="Hủy tải lên").click()
        cancelled = sidebar.get_by_text("Đã hủy tải lên Kế hoạch dài.txt")
        cancelled.wait_for(timeout=_CANCEL_MS)
        page.screenshot(path=str(tmp_path / "cancelled.png"))
        assert sidebar.get_by_role("button", name="Hủy tải lên").count() == 0
        assert (app.settings.index_dir / CURRENT_FILE).read_text(encoding="utf-8") == generation
        assert index_snapshot(app.settings) == before
    finally:
        page.close()
