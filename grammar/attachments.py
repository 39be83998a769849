"""The file a portal post attaches, named by the plan's number.

A news post about a plan often gives its number only in the attachment it links:
"Tải Kế hoạch tại đây 353-Ke-hoach-dam-bao-ATTP-Tet-2025.pdf", "KH 107.signed.pdf",
"Kế hoạch số 12-KH-UBND.docx". Offices name such files by the document's number and
type, so a file name that opens with a number and the type "kế hoạch" (KH), or with the
type and then a number, gives the plan's number. A year ("2025-ke-hoach.pdf") is no number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kehoach.core.text import fold_aligned
from kehoach.grammar.dates import aligned_nfc

__all__ = ["AttachedNumber", "attached_plan_numbers"]

_SEP = r"[-_ ]"
_TYPE = rf"(?:kh|ke{_SEP}?hoach)"
_EXT = r"\.(?:signed\.)?(?:pdf|docx?|odt|rar|zip)(?![a-z0-9])"
_ATTACHMENT_RE = re.compile(
    rf"(?<![\w.\-/])(?:(?P<lead>\d{{1,5}}){_SEP}*{_TYPE}(?![a-z0-9])[^\s]*?"
    rf"|{_TYPE}{_SEP}+(?:so{_SEP}+)?(?P<after>\d{{1,5}})(?:[-_./][^\s]*?)?){_EXT}",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class AttachedNumber:
    """The number an attachment's file name gives ("353"), and where the name is."""

    number: str
    start: int
    end: int


def attached_plan_numbers(text: str) -> list[AttachedNumber]:
    """Every plan number given by the name of a file ``text`` links, in order."""
    normal, starts = aligned_nfc(text)
    if starts is not None:
        return [AttachedNumber(a.number, starts[a.start], starts[a.end])
                for a in attached_plan_numbers(normal)]
    out = []
    for match in _ATTACHMENT_RE.finditer(fold_aligned(text)):
        number = match.group("lead") or match.group("after")
        if _YEAR_RE.fullmatch(number):
            continue
        out.append(AttachedNumber(number.lstrip("0") or "0", match.start(), match.end()))
    return out
