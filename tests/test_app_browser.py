"""End to end: the real app (`streamlit run app.py`, headless, free localhost port) driven
through Debian's Chromium with Playwright. Asks a dev question, checks the answer and its
citations, opens the plan at the cited place, and saves a screenshot.

Skipped only when /usr/bin/chromium (or the playwright package) is missing, with the reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.core.settings import Settings
from kehoach.ui.browser import ask_in_page, browser_available, launch_chromium, serve_app

_MISSING = browser_available()
pytestmark = pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")

QUESTION = "Chỉ tiêu BHYT của xã Nguyễn Lương Bằng là bao nhiêu?"
VIEWPORT = {"width": 1400, "height": 1000}
_TIMEOUT_MS = 60_000
# In the plan viewer's frame: the page was scrolled and the marked sentence is in view.
_SCROLLED_TO = ("m => { const r = m.getBoundingClientRect();"
                " return window.scrollY > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }")


def test_browser_asks_and_sees_a_cited_answer(built_settings: Settings, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    env = {"KEHOACH_PLANS_DIR": str(built_settings.plans_dir),
           "KEHOACH_INDEX_DIR": str(built_settings.index_dir)}
    with serve_app(env, log=tmp_path / "app.log") as url, sync_playwright() as playwright:
        assert url.startswith("http://127.0.0.1:")
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(url)
            page.get_by_text("Bạn có thể hỏi, ví dụ:").wait_for(timeout=_TIMEOUT_MS * 3)
            message = ask_in_page(page, QUESTION)

            assert "100%" in message.inner_text()
            assert "Nguồn:" in message.inner_text()
            citations = message.get_by_test_id("stExpander")
            assert citations.count() >= 1
            first = citations.first
            first.get_by_text("[1] xã Nguyễn Lương Bằng").click()
            mark = first.locator("mark")
            mark.wait_for(timeout=_TIMEOUT_MS)
            assert "100%" in mark.inner_text()
            assert "Mục: " in first.inner_text()
            page.screenshot(path=str(tmp_path / "app-answer.png"))

            # The whole plan opens scrolled to the cited sentence, highlighted.
            first.get_by_role("button", name="Mở toàn văn kế hoạch tại đoạn này").click()
            dialog = page.get_by_test_id("stDialog")
            dialog.wait_for(timeout=_TIMEOUT_MS)
            viewer = dialog.frame_locator("iframe").locator("mark")
            viewer.wait_for(timeout=_TIMEOUT_MS)
            assert "100%" in viewer.inner_text()
            assert viewer.evaluate(_SCROLLED_TO)
            page.screenshot(path=str(tmp_path / "app-plan.png"))
        finally:
            browser.close()
    assert (tmp_path / "app-answer.png").stat().st_size > 10_000
