"""A text that names its own issuer by kind only: "Ủy ban nhân dân phường đã đề ra mục tiêu",
"phân cấp, ủy quyền của thành phố Thủ Đức cho Ủy ban nhân dân phường".

A ward's portal page often says "UBND phường" and never the ward's name: it is a page of
some unit of that kind, whichever place its text names above it.
"""

from __future__ import annotations

import re

from kehoach.core.text import fold_aligned

__all__ = ["names_issuer_bare"]

_BODY = r"(?:uy ban nhan dan|ubnd|u\.b\.n\.d)"


def names_issuer_bare(text: str, kind: str) -> bool:
    """Does ``text`` name "Ủy ban nhân dân <kind>" with no name after the kind word (the
    next word neither capitalised nor a number: "UBND phường 1" is a named ward)?"""
    folded = fold_aligned(text)
    kind_re = r"\s+".join(map(re.escape, fold_aligned(kind).split()))
    for match in re.finditer(rf"\b{_BODY}\s+{kind_re}\b", folded):
        after = text[match.end():match.end() + 40].lstrip()
        word = re.match(r"[^\s,.;:()]+", after)
        if word is None or not (word.group(0)[:1].isupper() or word.group(0)[:1].isdigit()):
            return True
    return False
