"""Take the README screenshots: the app answering a question with its first citation open,
on a desktop or a phone-sized (390x844) viewport, optionally on a structured tab.

Starts the app headless on a free localhost port (plans and index from the usual settings,
e.g. KEHOACH_INDEX_DIR), asks through Debian's Chromium and saves a PNG. History goes to a
temporary file, not the data folder.

    .venv/bin/python scripts/screenshot.py [--out docs/app-screenshot.png] [--question "..."]
        [--phone] [--tab "Chỉ tiêu"]
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from kehoach.core.settings import PROJECT_ROOT, Settings
from kehoach.ui.browser import ask_in_page, browser_available, launch_chromium, serve_app

DEFAULT_QUESTION = "Chỉ tiêu BHYT của xã Nguyễn Lương Bằng là bao nhiêu?"
DEFAULT_OUT = PROJECT_ROOT / "docs" / "app-screenshot.png"
VIEWPORT = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
_LOAD_TIMEOUT_MS = 300_000
_SETTLE_MS = 1000


@click.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_OUT)
@click.option("--question", default=DEFAULT_QUESTION)
@click.option("--phone", is_flag=True, help="A 390x844 viewport (a phone).")
@click.option("--tab", default=None, help="Open this tab after the answer (e.g. 'Chỉ tiêu').")
def main(out: Path, question: str, phone: bool, tab: str | None) -> None:
    missing = browser_available()
    if missing:
        raise click.ClickException(missing)
    from playwright.sync_api import sync_playwright

    settings = Settings.load()
    scratch = tempfile.mkdtemp(prefix="kehoach-screenshot-")
    env = {"KEHOACH_PLANS_DIR": str(settings.plans_dir.resolve()),
           "KEHOACH_INDEX_DIR": str(settings.index_dir.resolve()),
           "KEHOACH_HISTORY_DB": str(Path(scratch) / "history.sqlite3")}
    out.parent.mkdir(parents=True, exist_ok=True)
    with serve_app({**os.environ, **env}) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport=PHONE if phone else VIEWPORT,
                                    device_scale_factor=2 if phone else 1)
            page.goto(url)
            page.get_by_text("Bạn có thể hỏi, ví dụ:").wait_for(timeout=_LOAD_TIMEOUT_MS)
            message = ask_in_page(page, question)
            citation = message.get_by_test_id("stExpander").first
            citation.locator("summary").click()
            citation.get_by_role("button", name="Mở toàn văn kế hoạch tại đoạn này").wait_for()
            page.wait_for_timeout(_SETTLE_MS)  # the expander's opening animation
            if tab:
                page.get_by_role("tab", name=tab).click()
                page.wait_for_timeout(3 * _SETTLE_MS)  # charts draw
            page.mouse.move(0, 0)  # no hover outline in the picture
            page.screenshot(path=str(out))
        finally:
            browser.close()
    click.echo(f"Đã lưu ảnh: {out}")


if __name__ == "__main__":
    main()
