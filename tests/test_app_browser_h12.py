"""Issue 12 in the real app (`streamlit run app.py`, headless, localhost) through Debian's
Chromium with Playwright: a reload keeps the conversation, 👍/👎 with a comment lands in
the history database, "Tải Word" downloads a DOCX holding the citations, a plan holding a
Markdown image and bare URLs makes no request leave 127.0.0.1 and shows them as text, and
axe-core finds no serious or critical violation on each tab, desktop and 390x844.

Skipped only when /usr/bin/chromium (or playwright) is missing, with the reason.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import docx
import pytest

from kehoach.core.history import HistoryStore
from kehoach.core.settings import Settings
from kehoach.index.builder import ingest
from kehoach.ui.browser import ask_in_page, browser_available, serve_app, wait_until_idle

_MISSING = browser_available()
pytestmark = pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")

QUESTION = "Chỉ tiêu BHYT của xã Nguyễn Lương Bằng là bao nhiêu?"
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
_TIMEOUT_MS = 180_000
TABS = ("Hỏi đáp", "Chỉ tiêu", "Hạn chót", "Phân công")
IMAGE = "![x](http://example.invalid/a.png)"
BARE_URL = "http://example.invalid/trang"
HOSTILE_PLAN = f"""ỦY BAN NHÂN DÂN
PHƯỜNG HỒNG BÀNG

Số: 78/KH-UBND

Hồng Bàng, ngày 06 tháng 10 năm 2025

KẾ HOẠCH
Công khai thủ tục hành chính trên trang thông tin điện tử năm 2025 của phường Hồng Bàng

I. CHỈ TIÊU
1. Tỷ lệ thủ tục hành chính được công khai trên trang thông tin điện tử đạt 100%.

II. TỔ CHỨC THỰC HIỆN
1. Văn phòng HĐND và UBND phường chủ trì, đăng tải {IMAGE} và đường dẫn {BARE_URL} hoặc www.example.invalid lên trang thông tin.
2. Các bộ phận chuyên môn báo cáo kết quả {IMAGE} về Ủy ban nhân dân phường trước ngày 20/12/2025.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Phạm Văn Hùng
"""


@pytest.fixture(scope="module")
def app(built_settings: Settings, embeddings, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The app over the bundled plans plus one plan holding Markdown and URLs."""
    root = tmp_path_factory.mktemp("h12-browser")
    shutil.copytree(built_settings.plans_dir, root / "plans")
    shutil.copytree(built_settings.index_dir, root / "index")
    (root / "plans" / "hong-bang_ke-hoach-78-cong-khai.txt").write_text(HOSTILE_PLAN, "utf-8")
    settings = built_settings.with_overrides(plans_dir=root / "plans", index_dir=root / "index")
    ingest(settings, embeddings)
    db = root / "history.sqlite3"
    env = {"KEHOACH_PLANS_DIR": str(settings.plans_dir),
           "KEHOACH_INDEX_DIR": str(settings.index_dir), "KEHOACH_HISTORY_DB": str(db)}
    with serve_app(env, log=root / "app.log") as url:
        yield url, db


def _open(browser, url: str, viewport: dict = DESKTOP, path: str = ""):
    page = browser.new_page(viewport=viewport, accept_downloads=True)
    page.goto(url + path)
    page.get_by_test_id("stChatInputTextArea").wait_for(timeout=_TIMEOUT_MS)
    return page


def _conversation_id(page) -> str:
    page.wait_for_function("() => new URLSearchParams(location.search).get('c')",
                           timeout=_TIMEOUT_MS)
    return page.evaluate("() => new URLSearchParams(location.search).get('c')")


def test_reload_keeps_the_conversation(app, browser) -> None:
    url, db = app
    page = _open(browser, url)
    ask_in_page(page, QUESTION)
    ident = _conversation_id(page)
    page.reload()
    messages = page.get_by_test_id("stChatMessage")
    messages.nth(1).get_by_text("Trả lời trong").wait_for(timeout=_TIMEOUT_MS)
    assert QUESTION in messages.nth(0).inner_text()
    assert "100%" in messages.nth(1).inner_text() and "Nguồn:" in messages.nth(1).inner_text()
    assert _conversation_id(page) == ident
    # The conversation is in the sidebar's list of past ones.
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Cuộc trò chuyện trước").click()
    past = sidebar.get_by_role("button", name=QUESTION[:30])
    past.first.wait_for(timeout=_TIMEOUT_MS)  # the expander opens after the click, later on a busy CPU
    assert past.count() >= 1
    assert [m.question for m in HistoryStore(db).messages(ident)] == [QUESTION]
    page.close()


def test_feedback_row_stored(app, browser) -> None:
    url, db = app
    page = _open(browser, url)
    answer = ask_in_page(page, QUESTION)
    ident = _conversation_id(page)
    [message] = HistoryStore(db).messages(ident)
    answer.get_by_test_id("stFeedbackButton").last.click()  # 👎 (Streamlit's order: 👍, 👎)
    comment = answer.get_by_label("Góp ý thêm (không bắt buộc), rồi nhấn Enter")
    comment.wait_for(timeout=_TIMEOUT_MS)
    comment.fill("Thiếu năm áp dụng")
    comment.press("Enter")
    answer.get_by_text("Đã ghi nhận đánh giá").wait_for(timeout=_TIMEOUT_MS)
    page.wait_for_timeout(1500)
    [row] = HistoryStore(db).feedback(message.id)
    assert (row.rating, row.comment, row.question) == (0, "Thiếu năm áp dụng", QUESTION)
    assert row.citations and row.citations[0]["locality"] == "xã Nguyễn Lương Bằng"
    page.close()


def test_word_export_downloads_with_citations(app, browser, tmp_path: Path) -> None:
    url, _ = app
    page = _open(browser, url)
    answer = ask_in_page(page, QUESTION)
    with page.expect_download(timeout=_TIMEOUT_MS) as download:
        answer.get_by_role("button", name="Tải Word").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.suffix == ".docx"
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs)
    assert QUESTION in text and "100%" in text
    assert "Nguồn" in text and "[1] xã Nguyễn Lương Bằng — " in text
    assert "bảo hiểm y tế" in text  # the cited passage itself
    page.close()


def _goto_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    page.wait_for_timeout(800)
    wait_until_idle(page)  # a busy CPU leaves the page faded for longer than 800 ms


def test_plan_markdown_is_text_and_nothing_leaves_localhost(app, browser) -> None:
    url, _ = app
    page = browser.new_page(viewport=DESKTOP)
    hosts: list[str] = []
    page.on("request", lambda r: hosts.append(urlparse(r.url).hostname or r.url.split(":")[0]))
    page.goto(url)
    page.get_by_test_id("stChatInputTextArea").wait_for(timeout=_TIMEOUT_MS)
    _goto_tab(page, "Hạn chót")
    deadlines = page.get_by_role("tabpanel", name="Hạn chót")
    deadlines.get_by_text("20/12/2025").first.wait_for(timeout=_TIMEOUT_MS)
    assert "![x](http" in deadlines.inner_text()  # the deadline parser splits at ":" too
    _goto_tab(page, "Phân công")
    panel = page.get_by_role("tabpanel", name="Phân công")
    panel.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="Công khai thủ tục hành chính").first.click()
    units = panel.get_by_test_id("stExpander")
    units.first.wait_for(timeout=_TIMEOUT_MS)
    for i in range(units.count()):
        units.nth(i).locator("summary").click()
    page.wait_for_timeout(1500)
    shown = panel.inner_text().replace("\u2060", "")  # the invisible joiners that break autolinks
    # The unit parser splits a duty at ':' ("http" | "//example…"); every piece is text.
    assert "![x](http" in shown and "//example.invalid/" in shown
    assert "www.example.invalid" in shown
    assert page.locator("img[src*='example.invalid'], a[href*='example.invalid']").count() == 0
    assert set(hosts) <= {"127.0.0.1", "data", "blob"}, sorted(set(hosts))
    page.close()


def _serious(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"]),
             "target": v["nodes"][0]["target"] if v["nodes"] else None}
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_no_serious_violations_on_each_tab(app, browser, viewport, tmp_path: Path) -> None:
    url, _ = app
    page = _open(browser, url, viewport)
    ask_in_page(page, QUESTION)
    found = {}
    for tab in TABS:
        _goto_tab(page, tab)
        found[tab] = _serious(page)
    (tmp_path / "axe.json").write_text(json.dumps(found, ensure_ascii=False, indent=1))
    print("axe serious/critical:", json.dumps(found, ensure_ascii=False))
    assert all(not v for v in found.values()), found
    page.close()
