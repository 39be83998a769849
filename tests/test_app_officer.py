"""The app as an officer uses it (issue 12), in Debian's Chromium driven by Playwright:
the newest answer stays in view, an upload is not cancelled by a question, a question
naming another place than the sidebar filter is answered for that place with a note,
and axe-core finds no serious or critical violation (desktop and 390x844 phone).

One app is started for the module, on a private copy of the plans and index (the
upload test adds a plan). Skipped only when /usr/bin/chromium or playwright is missing.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kehoach.core.settings import Settings
from kehoach.ui.a11y import SKIP_LINK_TEXT
from kehoach.ui.browser import ask_in_page, browser_available, serve_app

_MISSING = browser_available()
pytestmark = pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
_LOAD_MS = 300_000
_UPLOAD_MS = 300_000
UPLOAD_PLAN = Path(__file__).parent / "fixtures" / "upload_plan_hong_bang.txt"
UPLOAD_QUESTION = ("Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến toàn trình "
                   "của phường Hồng Bàng là bao nhiêu?")
FIVE_QUESTIONS = [
    "Chỉ tiêu BHYT của xã Nguyễn Lương Bằng là bao nhiêu?",
    "Chỉ tiêu nước sạch của phường Kiến An?",
    "Ai ký kế hoạch của xã Cẩm Giang?",
    "Hạn gửi báo cáo tổng kết đợt thi đua của xã Nguyễn Lương Bằng là khi nào?",
    "Phường Thạch Khôi đặt chỉ tiêu bao nhiêu phần trăm dân số tham gia bảo hiểm y tế?",
]
# Is the element's top edge inside the window, above the pinned question box?
_TOP_IN_VIEW = ("""e => { const r = e.getBoundingClientRect();
  const box = document.querySelector('[data-testid="stChatInput"]');
  const bottom = box ? box.getBoundingClientRect().top : window.innerHeight;
  return r.top >= 0 && r.top < bottom; }""")


@pytest.fixture(scope="module")
def app(built_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("officer-app")
    shutil.copytree(built_settings.plans_dir, root / "plans")
    shutil.copytree(built_settings.index_dir, root / "index")
    env = {"KEHOACH_PLANS_DIR": str(root / "plans"), "KEHOACH_INDEX_DIR": str(root / "index")}
    with serve_app(env, log=root / "app.log") as url:
        yield url


def _open(browser: Any, url: str, viewport: dict[str, int]) -> Any:
    page = browser.new_page(viewport=viewport)
    page.goto(url)
    page.get_by_text("Bạn có thể hỏi, ví dụ:").wait_for(timeout=_LOAD_MS)
    # The example questions are worked out after the page is up: wait for them.
    page.locator(".st-key-example-0 button").wait_for(timeout=_LOAD_MS)
    return page


def test_newest_answer_in_view_after_five_questions(app: str, browser: Any,
                                                    tmp_path: Path) -> None:
    page = _open(browser, app, DESKTOP)
    try:
        for n, question in enumerate(FIVE_QUESTIONS):
            message = ask_in_page(page, question, answers_before=n)
            page.wait_for_timeout(500)  # the scroll runs after the answer is drawn
            assert message.evaluate(_TOP_IN_VIEW), f"answer {n + 1} is out of view"
        # The question box stays pinned at the bottom of the window.
        box = page.get_by_test_id("stChatInput").bounding_box()
        assert box and box["y"] + box["height"] <= DESKTOP["height"] + 1
        assert box["y"] > DESKTOP["height"] / 2
        page.screenshot(path=str(tmp_path / "five-questions.png"))
    finally:
        page.close()


def test_filter_conflict_answers_the_question_and_says_so(app: str, browser: Any) -> None:
    page = _open(browser, app, DESKTOP)
    try:
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_test_id("stSelectbox").first.click()
        page.get_by_role("option", name="phường Kiến An").click()
        page.wait_for_timeout(1000)
        message = ask_in_page(page, "Ai ký kế hoạch của xã Cẩm Giang?")
        text = message.inner_text()
        assert "bỏ qua bộ lọc" in text and "phường Kiến An" in text
        assert "Trần Thị Phương" not in text  # Kiến An's signer
        assert "[1] xã Cẩm Giang" in text
    finally:
        page.close()


def test_upload_then_immediate_question(app: str, browser: Any, tmp_path: Path) -> None:
    page = _open(browser, app, DESKTOP)
    try:
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.locator('input[type="file"]').set_input_files(str(UPLOAD_PLAN))
        sidebar.get_by_role("button", name="Nạp vào chỉ mục").click()
        # A question at once: under the old index it is not answered, and it must not
        # cancel the indexing.
        ask_in_page(page, UPLOAD_QUESTION)
        done = sidebar.get_by_text("có thể hỏi ngay")
        done.wait_for(timeout=_UPLOAD_MS)
        assert "phường Hồng Bàng" in done.inner_text()
        message = ask_in_page(page, UPLOAD_QUESTION, answers_before=1)
        assert "85%" in message.inner_text()
        assert "[1] phường Hồng Bàng" in message.inner_text()
        page.screenshot(path=str(tmp_path / "upload.png"))
    finally:
        page.close()


def _serious(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {len(v['nodes'])} nodes — {v['help']}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_no_serious_violations(app: str, browser: Any, viewport: dict[str, int]) -> None:
    """The main page, then each structured tab, on a desktop and on a 390x844 phone."""
    from kehoach.ui.tabs_structured import TAB_TITLES

    page = _open(browser, app, viewport)
    try:
        page.wait_for_timeout(1000)
        problems = _serious(page)
        assert not problems, "main page:\n" + "\n".join(problems)
        for title in TAB_TITLES:
            page.get_by_role("tab", name=title).click()
            page.wait_for_timeout(2500)
            problems = _serious(page)
            assert not problems, f"tab {title}:\n" + "\n".join(problems)
    finally:
        page.close()


def test_labels_are_vietnamese_and_the_question_box_is_reached_early(app: str,
                                                                      browser: Any) -> None:
    page = _open(browser, app, DESKTOP)
    try:
        page.wait_for_timeout(1000)
        body = page.locator("body").inner_text()
        for english in ("Skip to main content", "Browse files", "Drag and drop"):
            assert english not in body
        assert page.get_by_test_id("stChatInputTextArea").get_attribute("placeholder") \
            .startswith("Nhập câu hỏi")
        for _ in range(5):  # a handful of Tab presses reach the skip link
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "kh-skip-to-question":
                break
        assert page.evaluate("document.activeElement.textContent") == SKIP_LINK_TEXT
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.dataset.testid") == "stChatInputTextArea"
    finally:
        page.close()
