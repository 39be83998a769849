"""The documents a plan rests on (its bases), as plans state them.

Most plans open with sentences that each say it: "Căn cứ Quyết định số …;", "Thực hiện Kế
hoạch số …". Others put them under a heading and list them bare, one a line:

    I. CĂN CỨ PHÁP LÝ / CĂN CỨ XÂY DỰNG KẾ HOẠCH / CƠ SỞ PHÁP LÝ
    - Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ …;
    - Kế hoạch số 59/KH-UBND ngày 01/3/2022 của UBND tỉnh …;

Every item under such a heading is a basis as much as a "Căn cứ …" sentence is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kehoach.core.records import SECTION_SEP
from kehoach.core.text import fold
from kehoach.grammar.markers import strip_marker

__all__ = ["BASIS_LEAD_RE", "is_bases_heading", "under_bases_heading", "states_basis"]

# The words a sentence opens with to say the plan rests on a document (folded).
BASIS_LEAD_RE = re.compile(r"^\s*(?:can cu|thuc hien|trien khai|de trien khai)\b")
# "CĂN CỨ PHÁP LÝ", "CĂN CỨ XÂY DỰNG KẾ HOẠCH", "CƠ SỞ PHÁP LÝ", "Căn cứ ban hành",
# "CĂN CỨ VÀ CƠ SỞ PHÁP LÝ", "Cơ sở xây dựng kế hoạch" (a heading, not a "Căn cứ …" sentence:
# nothing after those words but what they are the bases of).
_QUALIFIER = (r"(?: phap ly| chinh tri| thuc tien| ban hanh| xay dung| de xay dung| lap"
              r"| (?:ke hoach|chuong trinh|de an)(?: nay)?)")
_BASES_HEADING_RE = re.compile(
    r"^(?:phan thu \w+\s*[:.-]?\s*|phan [ivx\d]+\s*[:.-]?\s*)?"
    rf"(?:(?:cac )?can cu(?: va co so)?{_QUALIFIER}*|co so{_QUALIFIER}+)\s*[:.]?\s*$")


def is_bases_heading(heading: str) -> bool:
    """Does this heading open the list of the plan's bases ("I. CĂN CỨ PHÁP LÝ")?"""
    folded = fold(strip_marker(heading.strip())).strip()
    return bool(folded) and _BASES_HEADING_RE.match(folded) is not None


def under_bases_heading(path: Iterable[str] | str) -> bool:
    """Is a paragraph with this section path (labels, or one " › "-joined string) an item
    of the list of the plan's bases?"""
    labels = path.split(SECTION_SEP) if isinstance(path, str) else path
    return any(is_bases_heading(label) for label in labels)


def states_basis(sentence: str, path: Iterable[str] | str = ()) -> bool:
    """Does the sentence state a document the plan rests on: "Căn cứ …"/"Thực hiện …", or
    an item listed under a bases heading?"""
    return (BASIS_LEAD_RE.match(fold(strip_marker(sentence.strip()))) is not None
            or under_bases_heading(path))
