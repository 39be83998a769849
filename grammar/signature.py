"""The signature block that closes an administrative document.

"TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / (signature) / Nguyễn Văn A": who
signs for whom (TM. = thay mặt, KT. = ký thay, Q. = quyền, TL. = thừa lệnh, TUQ. = thừa
ủy quyền), the signer's title and name. Copies interleave the block with "Nơi nhận:"
("Nơi nhận: CHỦ TỊCH") or put it in a table cell; a digital signature adds stamps
("Bùi Trọng Thược <…@….gov.vn> đã ký lên văn bản này!"), whose name keeps its diacritics
when the printed one was OCR'd. Titles come from the closed set of official titles, so an
OCR'd "CHUTICH" still reads as "Chủ tịch".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kehoach.core.text import fold, fold_aligned, nfc
from kehoach.grammar.casing import Casing, is_upper_text

__all__ = ["Signature", "read_signature", "opens_signature", "opens_closing", "TITLES"]

Span = tuple[int, int]

# Folded official titles -> display; "phó"/"quyền" prefixes are read separately.
TITLES: dict[str, str] = {
    "chu tich": "Chủ tịch", "giam doc": "Giám đốc", "tong giam doc": "Tổng Giám đốc",
    "truong ban": "Trưởng ban", "truong phong": "Trưởng phòng", "bi thu": "Bí thư",
    "chanh van phong": "Chánh Văn phòng", "cuc truong": "Cục trưởng", "vu truong": "Vụ trưởng",
    "chi cuc truong": "Chi cục trưởng", "bo truong": "Bộ trưởng", "thu truong": "Thủ trưởng",
    "thu tuong": "Thủ tướng", "hieu truong": "Hiệu trưởng", "chu nhiem": "Chủ nhiệm",
    "truong doan": "Trưởng đoàn", "giam doc so": "Giám đốc Sở", "chanh thanh tra": "Chánh Thanh tra",
}
_TITLE_BY_LETTERS = {key.replace(" ", ""): display for key, display in TITLES.items()}
_TITLE_RE = "|".join(sorted((t.replace(" ", r"\s*") for t in TITLES), key=len, reverse=True))
_ROLE_RE = re.compile(rf"(?P<prefix>(?:pho|quyen)\s+)?(?P<title>{_TITLE_RE})(?P<rest>[^\n|]*)$")
_AUTHORITY_RE = re.compile(r"(?<![a-z])(?P<mark>t\s*/?\s*m)\s*\.\s*(?P<body>[^\n|]{3,80})")
_CAPACITY_RE = re.compile(r"(?<![a-z])(?P<mark>kt|q|tl|tuq|ktl)\s*\.\s*(?P<role>[^\n|]{3,60})")
_STAMP_RE = re.compile(r"^(?P<name>[^<>\n|]{4,80}?)\s*<[^<>@\s]+@[^<>\s]+>\s*đã ký")
_TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:")
_NAME_RE = re.compile(r"^[^\W\d_]+(?:[ \t]+[^\W\d_]+){1,4}$")
_NOT_A_NAME = ("noi nhan", "luu", "da ky", "ky ten", "dong dau", "viet nam", "tm", "kt")
_MARKS = {"tm": "TM.", "t/m": "TM.", "kt": "KT.", "q": "Q.", "tl": "TL.", "tuq": "TUQ.", "ktl": "KT."}


@dataclass(frozen=True)
class Signature:
    """The block's parts as written (``authority`` "TM. ỦY BAN NHÂN DÂN", ``capacity``
    "KT. CHỦ TỊCH"), the signer's ``title`` for display ("Phó Chủ tịch") and ``name``.
    ``organisation`` is a body that signed digitally ("ỦY BAN NHÂN DÂN XÃ …")."""

    authority: str | None = None
    capacity: str | None = None
    title: str | None = None
    title_text: str | None = None
    name: str | None = None
    name_span: Span | None = None
    span: Span | None = None
    organisation: str | None = None
    stamped: bool = False


_OPENS_RE = re.compile(r"^(?:t\s*/?\s*m|kt|q|tl|tuq)\s*\.\s*\S")


def opens_signature(line: str) -> bool:
    """Does ``line`` open a signature block ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")?"""
    stripped = nfc(line).strip()
    match = _OPENS_RE.match(fold_aligned(stripped))
    return match is not None and is_upper_text(stripped[match.end() - 1:])


# Folded openings of the closing part of a plan: "Trên đây là Kế hoạch …" (OCR'd "1à",
# "ià"), "Nơi nhận:".
_CLOSING_RE = re.compile(r"^(tren day (la|1a|ia)|noi nh)")


def opens_closing(line: str) -> bool:
    """Does ``line`` open the closing part of a plan ("Trên đây là Kế hoạch …", "Nơi nhận:",
    or its signature block): where its body ends?"""
    return _CLOSING_RE.match(fold(line)) is not None or opens_signature(line)


def _cells(text: str, offset: int) -> list[tuple[str, int]]:
    cells, position = [], 0
    for line in text.split("\n"):
        cell_start = position
        for cell in line.split("|"):
            stripped = cell.strip()
            if stripped:
                cells.append((stripped, offset + cell_start + cell.find(stripped)))
            cell_start += len(cell) + 1
        position += len(line) + 1
    return cells


def _role(cell: str, folded: str, casing: Casing | None = None) -> tuple[str, str, int] | None:
    """(display title, text as written, start) of an upper-case title ending ``cell``;
    a title opening the cell may name its body ("GIÁM ĐỐC SỞ Y TẾ")."""
    for match in _ROLE_RE.finditer(folded):
        written = cell[match.start():].strip()
        rest = cell[match.start("rest"):match.end("rest")].strip(" .")
        if not is_upper_text(written) or (rest and (match.start() > 0 or not is_upper_text(rest))):
            continue
        if match.start() > 0 and folded[match.start() - 1].isalpha():
            continue
        title = _TITLE_BY_LETTERS[re.sub(r"\s+", "", match.group("title"))]
        prefix = match.group("prefix")
        if prefix:
            title = ("Phó " if prefix.startswith("pho") else "Quyền ") + title
        if rest:
            body = casing.recase(rest) if casing else rest.lower()
            title = f"{title} {body[:1].upper()}{body[1:]}"
        return title, written, match.start()
    return None


def read_signature(text: str, offset: int = 0, reference: str | None = None) -> Signature:
    """The signature block of ``text`` (a document's closing part; spans are
    ``offset`` + positions in ``text``). Parts the text does not show are None.
    ``reference`` (the whole document) gives the casing of a body named in a title."""
    text = nfc(text)
    casing = Casing(reference if reference is not None else text)
    authority = capacity = title = title_text = name = organisation = None
    name_span = None
    block_start = block_end = None
    stamped = False
    printed: list[tuple[str, Span]] = []
    title_seen = False
    for cell, start in _cells(text, offset):
        folded = fold_aligned(cell)
        stamp = _STAMP_RE.match(cell)
        if stamp:
            who = stamp.group("name").strip()
            if is_upper_text(who):
                organisation = organisation or who
            elif name is None or not stamped:
                name, name_span, stamped = who, (start, start + len(who)), True
            continue
        if _TIMESTAMP_RE.match(cell):
            continue
        found_authority = _AUTHORITY_RE.search(folded)
        if found_authority and is_upper_text(cell[found_authority.start("body"):]):
            authority = "TM. " + cell[found_authority.start("body"):].strip()
            block_start = block_start if block_start is not None else start + found_authority.start()
            block_end = start + len(cell)
            continue
        found_capacity = _CAPACITY_RE.search(folded)
        if found_capacity and is_upper_text(cell[found_capacity.start("role"):]):
            mark = _MARKS[found_capacity.group("mark")]
            capacity = f"{mark} {cell[found_capacity.start('role'):].strip()}"
            block_start = block_start if block_start is not None else start + found_capacity.start()
            block_end = start + len(cell)
            if mark == "Q.":
                role = _role(cell[found_capacity.start("role"):], folded[found_capacity.start("role"):],
                             casing)
                if role and title is None:
                    title, title_text = "Quyền " + role[0], capacity
            title_seen = True
            continue
        role = _role(cell, folded, casing)
        if role is not None:
            if title is None:  # the first title line is the signer's; a later one is a note
                title, title_text = role[0], role[1]
            block_start = block_start if block_start is not None else start + role[2]
            block_end = start + len(cell)
            title_seen = True
            continue
        if title_seen and _NAME_RE.match(cell) and not any(w in folded for w in _NOT_A_NAME):
            if not is_upper_text(cell) or len(cell.split()) >= 2:
                printed.append((cell, (start, start + len(cell))))
    if name is None and printed:
        name, name_span = printed[-1][0], printed[-1][1]
    if name_span is not None and block_start is not None:
        block_end = max(block_end or 0, name_span[1])
    span = (block_start, block_end) if block_start is not None and block_end is not None else None
    return Signature(authority=authority, capacity=capacity, title=title, title_text=title_text,
                     name=name, name_span=name_span, span=span, organisation=organisation,
                     stamped=stamped)
