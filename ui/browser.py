"""Drive the real app in a real browser: start it headless on a free localhost port and
ask it a question through Debian's Chromium (Playwright). Used by the end-to-end test
and by scripts/screenshot.py; not imported by the app.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kehoach.core.settings import PROJECT_ROOT

__all__ = ["free_port", "serve_app", "launch_chromium", "ask_in_page", "wait_until_idle", "CHROMIUM",
           "CHROMIUM_ARGS", "browser_available"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
HOST = "127.0.0.1"
_HEALTH_PATH = "/_stcore/health"
_START_TIMEOUT_S = 120.0
_POLL_S = 0.25
_ANSWER_TIMEOUT_MS = 180_000
# What the page shows under every answer (ui.markup.timing_line).
ANSWER_DONE_TEXT = "Trả lời trong"


def browser_available() -> str | None:
    """None if the browser test can run here, else why not."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the python package playwright is not installed (pip install -e '.[dev]')"
    if not Path(CHROMIUM).is_file():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + _HEALTH_PATH, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def serve_app(env: dict[str, str], port: int | None = None,
              log: Path | None = None) -> Iterator[str]:
    """`streamlit run app.py` headless on localhost; yields its URL, stops it after."""
    port = port or free_port()
    url = f"http://{HOST}:{port}"
    command = [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"),
               "--server.address", HOST, "--server.port", str(port), "--server.headless", "true",
               "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    out = log.open("wb") if log else subprocess.DEVNULL
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env={**os.environ, **env},
                               stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + _START_TIMEOUT_S
        while not _healthy(url):
            if process.poll() is not None:
                raise RuntimeError(f"the app exited with code {process.returncode} (log: {log})")
            if time.monotonic() > deadline:
                raise TimeoutError(f"the app did not answer on {url} within {_START_TIMEOUT_S} s")
            time.sleep(_POLL_S)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            out.close()  # type: ignore[union-attr]


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, headless (``playwright install`` is not used)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def ask_in_page(page: Any, question: str, answers_before: int = 0) -> Any:
    """Type ``question`` in the chat box and wait for its answer; returns that message."""
    box = page.get_by_test_id("stChatInputTextArea")
    box.wait_for(timeout=_ANSWER_TIMEOUT_MS)
    box.fill(question)
    box.press("Enter")
    done = page.get_by_text(ANSWER_DONE_TEXT)
    done.nth(answers_before).wait_for(timeout=_ANSWER_TIMEOUT_MS)
    return page.get_by_test_id("stChatMessage").nth(2 * answers_before + 1)


# While a script run is in progress Streamlit shows its running icon and fades the elements of
# the previous run ("data-stale"): a check of colours or text made then sees the faded page.
_IDLE_JS = ("() => !document.querySelector('[data-testid=\"stStatusWidgetRunningIcon\"]')"
            " && !document.querySelector('[data-stale=\"true\"]')")


def wait_until_idle(page: Any, timeout_ms: int = _ANSWER_TIMEOUT_MS) -> None:
    """Wait until the app has finished its run and shows no faded element."""
    page.wait_for_function(_IDLE_JS, timeout=timeout_ms)
