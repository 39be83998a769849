"""Where a web page's own text ends: the list of other articles a news site prints after it.

A news page copied from a portal goes on after the article with the site's list of other
items ("Tin cùng chuyên mục", "Tin liên quan", "Bài viết khác" …), each a headline naming
its own commune or district ("Vận hành … tại xã Quỳnh Phụ"). Those names say nothing of the
article's locality, even when the article names none with its kind word.
"""

from __future__ import annotations

import re

from kehoach.core.text import fold_aligned

__all__ = ["body_end"]

# A line that is only a related-items heading (folded), with an optional colon.
_TAIL_HEADING_RE = re.compile(
    r"^[ \t]*(?:cac |nhung )?(?:tin|bai|bai viet|tin bai|tin tuc)"
    r"(?: cung chuyen muc| lien quan| khac| da dua| moi hon| cu hon| cung loai)[ \t]*:?[ \t]*$"
    r"|^[ \t]*xem them[ \t]*:?[ \t]*$",
    re.MULTILINE)


def body_end(text: str) -> int:
    """The offset where the site's list of other items starts, else ``len(text)``. A heading
    on the first line is the page's own title, not a list after it."""
    folded = fold_aligned(text)
    for found in _TAIL_HEADING_RE.finditer(folded):
        if text[:found.start()].strip():
            return found.start()
    return len(text)
