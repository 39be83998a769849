"""A web page's posting line: "Ngày đăng bài: 06/12/2019", "Ngày đăng: 13/02/2025 08:15",
"Đăng ngày 06/12/2019", "Cập nhật lúc …".

Portals put it above or below the text they publish. It dates the page, not a plan's
issue nor any task of its content: a question asking when the text was posted
("được đăng ngày nào") is answered by it, said of the page (its title, its opening).
"""

from __future__ import annotations

import re

from kehoach.core.text import fold

__all__ = ["is_posting_line"]

_POSTING_RE = re.compile(
    r"^\s*(?:ngay (?:dang|dang tai|dang bai|dang tin|cap nhat|xuat ban)|dang (?:luc|ngay|vao ngay)"
    r"|cap nhat (?:luc|ngay)|thoi gian dang)\b\s*:?\s*\d")


def is_posting_line(text: str) -> bool:
    """Is ``text`` a page's posting line (the label, then its date)?"""
    return _POSTING_RE.match(fold(text)) is not None
