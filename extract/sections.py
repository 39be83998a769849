"""Where in a plan each kind of record lives, read from the paragraphs' section paths."""

from __future__ import annotations

import re

from kehoach.core.records import Paragraph
from kehoach.grammar.markers import strip_marker
from kehoach.grammar.sections import in_review
from kehoach.core.text import fold

__all__ = ["in_targets_section", "in_organisation_section", "unit_name", "strip_marker",
           "ORGANISATION"]

ORGANISATION = "to chuc thuc hien"  # "Tổ chức thực hiện", folded
_TARGETS = "chi tieu"
_GOALS = "muc tieu"  # "MỤC TIÊU CỤ THỂ": quantified goals are targets too
# The umbrella heading "II. NỘI DUNG, MỤC TIÊU, CHỈ TIÊU, NHIỆM VỤ..." names targets too.
_UMBRELLA = ("noi dung", "nhiem vu")
# Words that introduce a unit in "Tổ chức thực hiện" without being part of its name.
_UNIT_LEAD_RE = re.compile(r"^(?:giao|đề nghị|đối với)\s+", re.IGNORECASE)


def in_targets_section(paragraph: Paragraph, goals: bool = True) -> bool:
    """True inside "3. Các chỉ tiêu thi đua" (or another heading naming targets) and, with
    ``goals``, inside "Mục tiêu cụ thể" and the like (whose quantified items are targets)."""
    if in_review(paragraph.path):  # "TÌNH HÌNH THỰC HIỆN CÁC MỤC TIÊU NĂM 2023": results
        return False
    words = (_TARGETS, _GOALS) if goals else (_TARGETS,)
    for label in paragraph.path[:2] if len(paragraph.path) > 1 else paragraph.path:
        folded = fold(label)
        if any(w in folded for w in words) and not any(word in folded for word in _UMBRELLA):
            return True
    return False


def in_organisation_section(paragraph: Paragraph) -> bool:
    return bool(paragraph.path) and ORGANISATION in fold(paragraph.path[0])


def unit_name(heading_text: str) -> str:
    """'2. Giao phòng Văn hoá - Xã hội: Theo dõi...' -> 'phòng Văn hoá - Xã hội'."""
    head = re.split(r":(?!//)", strip_marker(heading_text), maxsplit=1)[0].strip().rstrip(".;")
    lead = _UNIT_LEAD_RE.match(head)
    if lead:
        head = head[lead.end():]
    return head.strip()
