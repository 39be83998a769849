"""Kinds of plan section, read from their headings.

A plan usually opens by reviewing what was done ("ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN …",
"Kết quả đạt được", "Thực trạng") before it sets its goals. Figures in a review are results,
not targets: "đã hoàn thành 30/34 chỉ tiêu" under "TÌNH HÌNH THỰC HIỆN CÁC MỤC TIÊU NĂM
2023" is no target, although the heading names "mục tiêu".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kehoach.core.records import SECTION_SEP
from kehoach.core.text import fold
from kehoach.grammar.markers import strip_marker

__all__ = ["is_review_heading", "in_review"]

_REVIEW_RE = re.compile(
    r"^(?:phan thu \w+\s*[:.-]?\s*)?"
    r"(?:danh gia (?:tinh hinh|ket qua|thuc trang|viec thuc hien|chung|so ket|tong ket)"
    r"|tinh hinh|thuc trang|ket qua (?:thuc hien|dat duoc|trien khai|dat|nam)"
    r"|so ket|tong ket|nhung (?:ket qua|ton tai|han che)|ton tai|han che|boi canh)\b")


def is_review_heading(heading: str) -> bool:
    """Does this heading open a review of past results (not goals or tasks)?"""
    return _REVIEW_RE.match(fold(strip_marker(heading.strip())).strip()) is not None


def in_review(path: Iterable[str] | str) -> bool:
    """Is a paragraph with this section path (labels, or one " › "-joined string) inside a
    review of past results?"""
    labels = path.split(SECTION_SEP) if isinstance(path, str) else path
    return any(is_review_heading(label) for label in labels)
