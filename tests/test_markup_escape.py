"""Plan text shown through Streamlit's Markdown stays text: ``markup.md`` escapes it so a
CommonMark renderer (markdown-it-py, installed with Streamlit's rich) makes no link,
image, HTML, heading, list or code of it, and shows every character as written.
GFM's literal autolinks (http://…, www.…, e-mail) are found after the escapes are resolved,
so they are checked on the rendered text here, and in Chromium by
tests/test_app_browser_h12.py."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from kehoach.ui.markup import JOINER, answer_markdown, md

HOSTILE = [
    "![x](http://example.invalid/a.png)",
    "Xem [trang](http://example.invalid) hoặc <http://example.invalid/b>",
    "http://example.invalid/c và www.example.invalid, thư a@example.invalid",
    "<img src=http://example.invalid/d.png> <script>alert(1)</script> &amp; &#64;",
    "# Tiêu đề giả",
    "1. Mục tiêu",
    "- gạch đầu dòng",
    "===",
    "`mã` **đậm** _nghiêng_ ~~gạch~~ $x^2$ :red[màu] :material/home: | a | b |",
    "Tỷ lệ 95,08% (năm 2025) — chỉ tiêu: 1.200 người \\ kết thúc",
    "[1]: http://example.invalid/ref",
]
_TAG = re.compile(r"<(?!/?p>|br ?/?>)[a-z]", re.I)


def _render(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)


def _visible(rendered: str) -> str:
    """What a reader sees (the invisible word joiners that break autolinks removed)."""
    return html.unescape(re.sub(r"</?p>|<br ?/?>|\n", "", rendered)).replace(JOINER, "")


# The literal autolinks of GFM (mdast-util-gfm-autolink-literal, which Streamlit's
# react-markdown runs on the parsed text, after escapes are resolved).
_GFM_URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.I)
_GFM_EMAIL = re.compile(r"([-.+\w]+)@([-\w]+(?:\.[-\w]+)+)")


@pytest.mark.parametrize("text", HOSTILE)
def test_plan_text_renders_as_the_same_text(text: str) -> None:
    rendered = _render(md(text))
    assert not _TAG.search(rendered), rendered  # no <a>, <img>, <h1>, <ol>, <code>, <script>…
    assert _visible(rendered) == text
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert not _GFM_URL.search(shown) and not _GFM_EMAIL.search(shown), shown


def test_lines_are_kept_and_each_escaped() -> None:
    rendered = _render(md("1. Một\n![x](http://example.invalid/a.png)"))
    assert "<img" not in rendered and "<ol" not in rendered and "<br" in rendered


def test_answer_keeps_its_list_but_not_plan_markup() -> None:
    rendered = _render(answer_markdown("- xã A: 95% [1]\n- ![x](http://example.invalid/a.png)"))
    assert rendered.count("<li>") == 2 and "<img" not in rendered and "<a " not in rendered
