"""The header and title of an administrative document, and the table websites put on top.

The layout is the one of Nghị định 30/2020/NĐ-CP: the issuing body on the left (a parent
body over it or not: "UBND TỈNH X" over "SỞ Y TẾ"; "ỦY BAN NHÂN DÂN" over "TỈNH LẠNG SƠN"),
"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc" on the right, then
"Số: …/…" and "<place>, ngày … tháng … năm …", the document type ("KẾ HOẠCH"), the title
lines, then the preamble ("Căn cứ …", "Thực hiện …"). Copied from the web, the two columns
arrive as "A | B |" rows or as lines interleaved ("PHƯỜNG X Độc lập - Tự do …"), and lines
go missing. So the header is read by recognising its pieces wherever they are (the two
mottos, rules, the number, the place and date) and taking the capitals left over before the
number and date as the issuing body. Legal-document websites add a table of their own
("Số hiệu", "Ngày ban hành", "Người ký", "Cơ quan ban hành", "Nơi ban hành" …):
``read_site_table`` reads it; the document's own header is preferred where both give a value.

Every value comes with its span in the text it was read from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from kehoach.core.text import fold, fold_aligned, nfc
from kehoach.grammar.casing import LOCALITY_WORDS, Casing, capitalise, is_upper_text
from kehoach.grammar.dates import DateMention, find_dates, parse_date
from kehoach.grammar.docrefs import DOC_TYPES, DocRef, doc_type_of, normalise_symbol, ref_at
from kehoach.grammar.signature import Signature, read_signature

__all__ = ["Header", "Spanned", "read_header", "read_site_table", "read_signature", "Signature",
           "EnactingClause", "read_enacting_clause", "complete_issuer", "normalise_body",
           "SITE_FIELDS"]

Span = tuple[int, int]


@dataclass(frozen=True)
class Spanned:
    """A piece of text and where it is."""

    text: str
    start: int
    end: int

    @property
    def span(self) -> Span:
        return self.start, self.end


# Folded labels of legal-document websites -> field names.
SITE_FIELDS: dict[str, str] = {
    "so hieu": "number", "so ky hieu": "number", "loai van ban": "doc_type",
    "noi ban hanh": "place", "co quan ban hanh": "issuer", "nguoi ky": "signer",
    "chuc danh": "signer_title", "chuc vu": "signer_title", "ngay ban hanh": "issue_date",
    "ngay co hieu luc": "effective_date", "ngay hieu luc": "effective_date",
    "ngay het hieu luc": "expiry_date", "ngay cong bao": "gazette_date",
    "so cong bao": "gazette_number", "tinh trang hieu luc": "status", "tinh trang": "status",
    "linh vuc": "field", "trich yeu": "subject",
}
_SITE_LABEL_RE = re.compile(
    r"(?<![a-z])(?P<label>" + "|".join(sorted(map(re.escape, SITE_FIELDS), key=len, reverse=True))
    + r")(?![a-z])"
)
_SITE_PLACEHOLDERS = {"da biet", "dang cap nhat", "khong xac dinh", "khong co", "chua co"}
_SITE_MIN_LABELS = 2
_SITE_SCAN_CHARS = 2500

_W = r"[\s|]*"
_NATIONAL_RE = re.compile(rf"c[o0]ng{_W}h[o0]a[\s|]+x[a34][\s|]+h[o0q]i[\s|]+chu[\s|]+ngh[i1]a"
                          rf"[\s|]+viet[\s|]+nam")
_MOTTO_RE = re.compile(rf"d[oe]c{_W}[l1i]ap{_W}[-–—]{_W}t[uw]{_W}do{_W}[-–—]{_W}h[a-z]nh{_W}"
                       rf"ph[a-z]{{1,3}}c")
_RULE_RE = re.compile(r"[-_=–—*.]{3,}")
_NUMBER_LABEL_RE = re.compile(r"(?<![a-z0-9])s[o0-9]\s*(?P<colon>:)?[\s|]*")
_PLACE_WORD_RE = re.compile(r"(?:TP\.|[^\W\d_]+)$")
_MAX_PLACE_WORDS = 5
_MAX_ISSUER_LINES = 4
_HEADER_SCAN_LINES = 60
_HEADER_SCAN_CHARS = 6000
_MAX_TITLE_LINES = 8
_MAX_TITLE_CHARS = 900
_LONG_LINE_CHARS = 1000

_TYPES_RE = "|".join(sorted(map(re.escape, DOC_TYPES), key=len, reverse=True))
_DOC_TYPE_LINE_RE = re.compile(rf"^(?P<type>{_TYPES_RE})(?P<qualifier>\s+(?:hanh dong|lien tich))?$")
# Lines that open the preamble, the body, or a part: the title has ended.
_PREAMBLE_RE = re.compile(r"^(?:can cu|theo de nghi|xet de nghi|thi hanh|tren co so|de\s|nham\s|"
                          r"thuc hien|can cir|thue hien)\b")
_FIRST_LINE_STOP_RE = re.compile(r"^(?:can cu|can cir|theo de nghi|xet de nghi)\b")
_PART_RE = re.compile(r"^(?:phan\s+(?:[ivx]{1,4}|thu\s+[a-z]+|\d{1,2})(?![a-z])|[ivx]{1,4}\s*[.,]\s|"
                      r"\d{1,2}\.\s|[a-d]\s*[.)]\s)")
# Inside a line: where a part heading glued to the title starts ("… TUYÊN QUANG Phần I. …").
_TITLE_CUT_RE = re.compile(r"\s(?=(?:Phần|PHẦN)\s+(?:[IVX]{1,4}|thứ|THỨ)\b|[IVX]{1,4}\.\s+[A-ZĐ])")
_BODY_HEADS = {"uy ban nhan dan": "Ủy ban nhân dân", "ubnd": "Ủy ban nhân dân",
               "hoi dong nhan dan": "Hội đồng nhân dân", "hdnd": "Hội đồng nhân dân"}
# A body that needs its locality to be named (the line under it may be lost in a copy).
_BARE_BODIES = {"uy ban nhan dan", "hoi dong nhan dan", "ubnd", "hdnd"}
_LOCALITY_KINDS = "tinh|thanh pho|tp\\.?|huyen|quan|thi xa|xa|phuong|thi tran|dac khu"
_LOCALITY_DISPLAY = {"tinh": "tỉnh", "thanh pho": "thành phố", "tp": "thành phố", "tp.": "thành phố",
                     "huyen": "huyện", "quan": "quận", "thi xa": "thị xã", "xa": "xã",
                     "phuong": "phường", "thi tran": "thị trấn", "dac khu": "đặc khu"}
_LOCALITY_START_RE = re.compile(rf"^(?P<kind>{_LOCALITY_KINDS})(?:\s+|$)")
_ENACT_RE = re.compile(
    r"(?<![a-z])(?:chu tich\s+)?(?P<body>uy ban nhan dan|ubnd)(?:\s*\(ubnd\))?"
    rf"(?:\s+(?P<kind>{_LOCALITY_KINDS})(?P<name>(?:\s+[^\W\d_]+){{0,4}}?))?"
    # News copies: "UBND huyện Khánh Vĩnh (Khánh Hòa) vừa ban hành kế hoạch …".
    r"(?:\s*\([^()\n]{2,40}\))?(?:\s+(?:vua moi|vua|moi))?"
    r"\s+(?:ban hanh|xay dung|trien khai xay dung)\s+(?P<type>" + _TYPES_RE + r")\b"
)
_SUBJECT_END_RE = re.compile(r",?\s*(?:cu the|voi (?:nhung|cac) noi dung|gom (?:nhung|cac)|bao gom|"
                             r"nhu sau|nhu the)|[:.;]\s|[:.;]?$")
_PAGE_TITLE_RE = re.compile(
    rf"^(?P<type>{_TYPES_RE})(?P<qualifier>\s+hanh dong)?\s+(?:so\s+)?(?P<ref>\d{{1,5}}[^\s]*)"
    r"(?:\s+nam\s+\d{4}(?=\s))?(?:\s+ve)?\s+(?P<subject>.+?)(?:\s+do\s+.{2,60}?\s+ban hanh)?\s*$"
)


@dataclass(frozen=True)
class EnactingClause:
    """"UBND thành phố Cần Thơ ban hành Kế hoạch …": who issues, and what."""

    body: str                 # "Ủy ban nhân dân thành phố Cần Thơ" / "Ủy ban nhân dân tỉnh"
    kind: str | None          # "thành phố", or None
    name: str | None          # "Cần Thơ", or None when only the kind is written
    doc_type: str
    subject: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Header:
    """What the header block says. ``issuer`` is the issuing body, normalised ("Ủy ban nhân
    dân tỉnh Lạng Sơn"); ``issuer_complete`` is False when the copy keeps only a bare
    "ỦY BAN NHÂN DÂN" (see ``complete_issuer``). ``title`` is the full title with its type
    ("Kế hoạch chuyển đổi số năm 2024 …"), in the document's own casing."""

    issuer_lines: tuple[Spanned, ...] = ()
    issuer: str | None = None
    issuer_span: Span | None = None
    issuer_complete: bool = False
    parent_body: str | None = None
    number: str | None = None
    symbol: str | None = None
    number_span: Span | None = None
    place: str | None = None
    place_span: Span | None = None
    date: DateMention | None = None
    doc_type: str | None = None
    doc_type_span: Span | None = None
    title: str | None = None
    title_span: Span | None = None
    page_title: Spanned | None = None
    site: dict[str, tuple[str, Span]] = field(default_factory=dict)
    end: int = 0


def _lines(text: str, limit: int) -> list[Spanned]:
    lines, position = [], 0
    for raw in text[:limit].split("\n"):
        lines.append(Spanned(raw, position, position + len(raw)))
        position += len(raw) + 1
    return lines


def read_site_table(text: str, end: int | None = None) -> dict[str, tuple[str, Span]]:
    """The metadata table of a legal-document website, if ``text`` starts with one.

    Rows come as "Số hiệu: 51/KH-UBND Loại văn bản: Kế hoạch", "| Số hiệu | 53/KH-UBND |",
    "Số hiệu | 53/KH-UBND |" or "Số hiệu 115/KH-UBND". Placeholder values ("Đã biết",
    "Đang cập nhật") are dropped. Returns {field: (value, span)}; empty when fewer than two
    labels are found (a lone "Người ký" in a sentence is not a table).
    """
    limit = min(len(text), end if end is not None else _SITE_SCAN_CHARS)
    folded = fold_aligned(text[:limit])
    labels = []
    for match in _SITE_LABEL_RE.finditer(folded):
        line_start = folded.rfind("\n", 0, match.start()) + 1
        before = folded[line_start:match.start()]
        after = folded[match.end():match.end() + 2]
        at_cell = before.strip() == "" or before.rstrip().endswith("|")
        value_start = text[match.end() + 1:match.end() + 2]
        separated = re.match(r"\s*[:|]", folded[match.end():]) is not None
        # Without a separator the label opens a cell, or is capitalised and followed by a
        # value that starts with a digit or a capital ("Số hiệu 115/KH-UBND").
        bare = after[:1] == " " and (at_cell or value_start.isdigit() or value_start.isupper())
        if (separated or bare) and text[match.start()].isupper():
            labels.append(match)
    if len(labels) < _SITE_MIN_LABELS:
        return {}
    table: dict[str, tuple[str, Span]] = {}
    for index, match in enumerate(labels):
        start = match.end()
        skip = re.match(r"[\s:|]*", folded[start:])
        start += skip.end() if skip else 0
        stop = labels[index + 1].start() if index + 1 < len(labels) else limit
        line_end = folded.find("\n", start)
        cell_end = folded.find("|", start)
        for bound in (line_end, cell_end):
            if 0 <= bound < stop:
                stop = bound
        value = text[start:stop].strip()
        if not value or fold(value) in _SITE_PLACEHOLDERS:
            continue
        name = SITE_FIELDS[match.group("label")]
        table.setdefault(name, (value, (start, start + len(value))))
    return table


def _site_end(text: str, table: dict[str, tuple[str, Span]]) -> int:
    if not table:
        return 0
    last = max(span[1] for _, span in table.values())
    line_end = text.find("\n", last)
    return len(text) if line_end < 0 else line_end + 1


def _place_before(text: str, start: int, floor: int) -> tuple[str, Span] | None:
    """"Lạng Sơn" in "Lạng Sơn, ngày …": capitalised words before the comma."""
    head = text[floor:start].rstrip()
    if not head.endswith(","):
        return None
    head = head[:-1].rstrip()
    words: list[tuple[int, int]] = []
    position = len(head)
    while len(words) < _MAX_PLACE_WORDS:
        match = _PLACE_WORD_RE.search(head[:position].rstrip(" \t"))
        if match is None:
            break
        word = match.group(0)
        if not word[:1].isupper() or (word.isupper() and len(word) > 1 and word != "TP."):
            break
        words.append((match.start(), match.end()))
        gap = head[:match.start()]
        if not gap.endswith((" ", "\t")):
            break
        position = len(gap.rstrip(" \t"))
        if position == 0:
            break
    if not words:
        return None
    first, last = words[-1][0], words[0][1]
    return " ".join(head[first:last].split()), (floor + first, floor + last)


def _header_date(text: str, zone: tuple[int, int]
                 ) -> tuple[DateMention, tuple[str, Span] | None] | None:
    """The "<place>, ngày … tháng … năm …" line: the first such date of the zone."""
    for mention in find_dates(text[zone[0]:zone[1]]):
        if mention.precision not in ("day", "month") or not fold(mention.text).startswith("ngay"):
            continue
        start = zone[0] + mention.start
        line_start = max(text.rfind("\n", 0, start), text.rfind("|", 0, start)) + 1
        place = _place_before(text, start, line_start)
        before = text[line_start:start].strip()
        if place is None and before:
            continue
        return replace(mention, start=start, end=zone[0] + mention.end, cue_start=None), place
    return None


def _header_number(text: str, folded: str, zone: tuple[int, int]) -> tuple[DocRef, Span] | None:
    for match in _NUMBER_LABEL_RE.finditer(folded, zone[0], zone[1]):
        if text[match.start()] != "S":
            continue
        line_start = max(text.rfind("\n", 0, match.start()), text.rfind("|", 0, match.start())) + 1
        at_cell = text[line_start:match.start()].strip() == ""
        if not match.group("colon") and not at_cell:
            continue
        ref = ref_at(text, match.end())
        if ref is not None:
            return ref, (match.start(), ref.end)
    return None


def _covered_mask(length: int, spans: list[Span], offset: int) -> list[bool]:
    mask = [False] * length
    for start, end in spans:
        for i in range(max(start - offset, 0), min(end - offset, length)):
            mask[i] = True
    return mask


def _leftovers(text: str, zone: tuple[int, int], pieces: list[Span]) -> list[Spanned]:
    """Runs of the zone's text no recognised piece covers, split at lines and cells."""
    start, end = zone
    mask = _covered_mask(end - start, pieces, start)
    runs: list[Spanned] = []
    run_start = None
    for i in range(start, end + 1):
        free = i < end and not mask[i - start] and text[i] not in "|\n"
        if free and run_start is None:
            run_start = i
        elif not free and run_start is not None:
            piece = text[run_start:i]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                runs.append(Spanned(stripped, run_start + lead, run_start + lead + len(stripped)))
            run_start = None
    return runs


def _locality_split(words: list[str]) -> int | None:
    """Index of the word that opens a locality ("TỈNH", "THÀNH PHỐ") in a body's words."""
    for index, word in enumerate(words):
        lower = word.lower()
        pair = f"{lower} {words[index + 1].lower()}" if index + 1 < len(words) else ""
        if lower in LOCALITY_WORDS or pair in LOCALITY_WORDS:
            return index
        if lower == fold(lower) and fold(lower) in ("tinh", "huyen", "xa", "phuong") \
                and index + 1 < len(words):
            return index  # an OCR'd line without diacritics ("PHUONG THACH KHOI")
    return None


def normalise_body(text: str, casing: Casing | None = None, place: str | None = None) -> str:
    """An issuing body as a sentence writes it: 'UBND TỈNH LẠNG SƠN' -> 'Ủy ban nhân dân
    tỉnh Lạng Sơn', 'SỞ Y TẾ' -> 'Sở Y tế' (with the document's casing)."""
    text = " ".join(nfc(text).replace("Uỷ", "Ủy").replace("UỶ", "ỦY").split())
    words = text.split(" ")
    split = _locality_split(words)
    head_words = words if split is None else words[:split]
    tail_words = [] if split is None else words[split:]
    head = " ".join(head_words)
    folded_head = fold(head)
    for short, display in _BODY_HEADS.items():
        if folded_head == short or folded_head.startswith(short + " "):
            rest = head[len(short):].strip()
            head = display + (" " + (casing.recase(rest) if casing and rest.isupper() else rest)
                              if rest else "")
            break
    else:
        if head and is_upper_text(head):
            head = casing.recase(head) if casing else head.lower()
        head = head[:1].upper() + head[1:]
    if not tail_words:
        return head
    kind_words = 2 if " ".join(w.lower() for w in tail_words[:2]) in LOCALITY_WORDS else 1
    kind = _LOCALITY_DISPLAY.get(fold(" ".join(tail_words[:kind_words])), " ".join(tail_words[:kind_words]).lower())
    name = " ".join(tail_words[kind_words:])
    if place and fold(place) == fold(name):
        name = place
    elif name.isupper() or name == fold(name):
        name = " ".join(capitalise(w) for w in name.split())
    return " ".join(part for part in (head, kind, name) if part)


def _bodies(lines: list[Spanned]) -> list[list[Spanned]]:
    """Issuer lines grouped into bodies: a line opening with a locality word continues the
    body above it ("ỦY BAN NHÂN DÂN" / "TỈNH LẠNG SƠN"); any other line is a new body."""
    groups: list[list[Spanned]] = []
    for line in lines:
        words = line.text.split()
        continues = bool(groups) and (_locality_split(words) == 0
                                      or fold(line.text).startswith("va ")
                                      or fold(groups[-1][-1].text).endswith(" va"))
        if continues:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _is_bare(body: str) -> bool:
    return fold(body) in _BARE_BODIES


def _doc_type_line(line: Spanned) -> tuple[str, str] | None:
    """("Kế hoạch", "hành động") for a line "KẾ HOẠCH HÀNH ĐỘNG"; None for other lines."""
    stripped = line.text.strip(" .:|")
    if not stripped or not is_upper_text(stripped):
        return None
    words = stripped.split()
    match = _DOC_TYPE_LINE_RE.match(" ".join(fold(stripped).split()))
    if match is None:
        return None
    qualifier_words = len((match.group("qualifier") or "").split())
    qualifier = " ".join(words[len(words) - qualifier_words:]).lower() if qualifier_words else ""
    return DOC_TYPES[match.group("type")], qualifier


def _title_lines(lines: list[Spanned], first: int, stop_at: str | None = None
                 ) -> tuple[list[Spanned], int]:
    """The title lines from ``lines[first]``, and the index of the line after them; a line
    opening with ``stop_at`` (the folded issuing body) ends them."""
    chosen: list[Spanned] = []
    upper = None
    index = first
    total = 0
    while index < len(lines) and len(chosen) < _MAX_TITLE_LINES:
        line = lines[index]
        text = line.text.strip(" |")
        if not text or _RULE_RE.fullmatch(text):
            index += 1
            continue
        folded = " ".join(fold(text).split())
        if upper is None:
            if _FIRST_LINE_STOP_RE.match(folded) or _PART_RE.match(folded) or len(text) > _LONG_LINE_CHARS:
                break
            upper = is_upper_text(text)
        elif upper and not is_upper_text(text):
            break
        elif not upper and (_PREAMBLE_RE.match(folded) or re.search(r":\s+\S", text)
                            or any(m.precision == "day" for m in find_dates(text))):
            break  # a sentence of the preamble, not a title line
        elif not upper and chosen and chosen[-1].text.rstrip().endswith((".", ":")):
            break
        elif not upper and chosen and text.rstrip().endswith((".", ":", ";")) and len(text) > 200:
            break
        if _PART_RE.match(folded) and chosen:
            break
        if chosen and stop_at and folded.startswith(stop_at):
            break  # the issuing body repeated (the enacting formula of a Nghị quyết)
        cut = _TITLE_CUT_RE.search(line.text)
        if cut and (upper or cut.start() > 0):
            start = line.start + (len(line.text) - len(line.text.lstrip()))
            piece = line.text[:cut.start()].strip()
            if piece:
                chosen.append(Spanned(piece, start, start + len(piece)))
            index += 1
            break
        stripped = line.text.strip(" |")
        lead = line.text.find(stripped)
        chosen.append(Spanned(stripped, line.start + lead, line.start + lead + len(stripped)))
        total += len(stripped)
        index += 1
        if total > _MAX_TITLE_CHARS:
            break
    return chosen, index


def _subject_text(lines: list[Spanned], casing: Casing) -> str:
    text = " ".join(line.text for line in lines).strip().rstrip(" ,;")
    if is_upper_text(text):
        text = casing.recase(text)
    if text[:1].isupper() and not text[:2].isupper():
        text = text[0].lower() + text[1:]
    return text


def read_header(text: str | list[str]) -> Header:
    """The header block, title and site table at the start of ``text`` (a plan's text,
    or its lines, which are joined with newlines; spans are into that joined text)."""
    if isinstance(text, list):
        text = "\n".join(text)
    limit = min(len(text), _HEADER_SCAN_CHARS)
    folded = fold_aligned(text[:limit])
    national = _NATIONAL_RE.search(folded)
    site = read_site_table(text, national.start() if national else None)
    site_end = _site_end(text, site)
    lines = _lines(text, limit)
    first_line = next((i for i, line in enumerate(lines) if line.start >= site_end), len(lines))
    page_title = None
    if lines and site:
        # A website's page title opens the text, up to its table ("Kế hoạch 115/KH-UBND về …").
        first_value = min(span[0] for _, span in site.values())
        head_end = min(lines[0].end, first_value)
        head = text[lines[0].start:head_end]
        label = _SITE_LABEL_RE.search(fold(head))
        head = (head[:label.start()] if label else head).strip(" |")
        if head and _PAGE_TITLE_RE.match(fold(head)):
            page_title = Spanned(head, lines[0].start + text[lines[0].start:].find(head),
                                 lines[0].start + text[lines[0].start:].find(head) + len(head))
    # The header zone: from the site table to the preamble or the first part of the body.
    zone_last = min(len(lines), first_line + _HEADER_SCAN_LINES)
    for index in range(first_line, zone_last):
        line_folded = " ".join(fold(lines[index].text).strip(" |").split())
        if index > first_line and (_FIRST_LINE_STOP_RE.match(line_folded) or
                                   (_PREAMBLE_RE.match(line_folded) and not is_upper_text(lines[index].text))):
            zone_last = index
            break
    zone = (lines[first_line].start if first_line < len(lines) else limit,
            lines[zone_last - 1].end if zone_last > first_line else limit)
    pieces: list[Span] = []
    for regex in (_NATIONAL_RE, _MOTTO_RE, _RULE_RE):
        pieces += [m.span() for m in regex.finditer(folded, zone[0], zone[1])]
    number = _header_number(text, folded, zone)
    dated = _header_date(text, zone)
    anchors = []
    if number:
        pieces.append(number[1])
        anchors.append(number[1][0])
    date = place = None
    if dated:
        date, place = dated
        begin = place[1][0] if place else date.start
        pieces.append((begin, date.end))
        anchors.append(begin)
    # The document type line, after the header pieces.
    pieces_end = max((end for _, end in pieces), default=zone[0])
    doc_type = doc_type_span = None
    qualifier = ""
    title_first = None
    for index in range(first_line, zone_last):
        line = lines[index]
        if line.end <= min(anchors, default=zone[0]) and anchors:
            continue
        found = _doc_type_line(line)
        if found:
            doc_type, qualifier = found
            stripped = line.text.strip(" .:|")
            lead = line.text.find(stripped)
            doc_type_span = (line.start + lead, line.start + lead + len(stripped))
            anchors.append(doc_type_span[0])
            title_first = index + 1
            break
    if title_first is None and (number or dated):
        title_first = next((i for i in range(first_line, len(lines)) if lines[i].start >= pieces_end),
                           None)
        if title_first is not None:
            following = lines[title_first].text.strip(" |")
            if not following or not is_upper_text(following):
                title_first = None
    # The issuing body: capitals left over before the number, date and document type.
    issuer_end = min(anchors) if anchors else zone[0]
    issuer_lines: list[Spanned] = []
    for run in _leftovers(text, (zone[0], issuer_end), pieces):
        if is_upper_text(run.text):
            issuer_lines.append(run)
        elif issuer_lines:
            break
    issuer_lines = issuer_lines[-_MAX_ISSUER_LINES:]
    casing = Casing(text)
    place_text = place[0] if place else None
    issuer = parent = None
    issuer_span = None
    groups = _bodies(issuer_lines)
    if groups:
        body = groups[-1]
        issuer = normalise_body(" ".join(line.text for line in body), casing, place_text)
        issuer_span = (body[0].start, body[-1].end)
        if len(groups) > 1:
            parent = normalise_body(" ".join(l.text for g in groups[:-1] for l in g), casing, place_text)
    title = title_span = None
    end = max(pieces_end, doc_type_span[1] if doc_type_span else 0)
    if title_first is not None:
        stop_at = " ".join(fold(issuer_lines[0].text).split()) if issuer_lines else None
        chosen, _ = _title_lines(lines, title_first, stop_at)
        if chosen:
            kind = doc_type or (doc_type_of(number[0].symbol) if number and number[0].symbol else None)
            subject = _subject_text(chosen, casing)
            if kind:
                kind_text = f"{kind} {qualifier}".strip()
                title = f"{kind_text} {subject}"
                doc_type = doc_type or kind
            else:
                title = subject[:1].upper() + subject[1:]
            title_span = (doc_type_span[0] if doc_type_span else chosen[0].start, chosen[-1].end)
            end = max(end, chosen[-1].end)
    ref = number[0] if number else None
    return Header(
        issuer_lines=tuple(issuer_lines), issuer=issuer, issuer_span=issuer_span,
        issuer_complete=bool(issuer) and not _is_bare(issuer), parent_body=parent,
        number=ref.ref if ref and ref.number else None, symbol=ref.symbol if ref else None,
        number_span=number[1] if number else None, place=place_text,
        place_span=place[1] if place else None, date=date, doc_type=doc_type,
        doc_type_span=doc_type_span, title=title, title_span=title_span, page_title=page_title,
        site=site, end=end,
    )


def title_from_page(page_title: str) -> str | None:
    """'Kế hoạch 53/KH-UBND thực hiện chỉ tiêu … năm 2025 do thành phố Cần Thơ ban hành'
    -> 'Kế hoạch thực hiện chỉ tiêu … năm 2025' (a website's page title)."""
    folded = fold(page_title.strip())
    text = nfc(page_title.strip())
    match = _PAGE_TITLE_RE.match(folded)
    if match is None:
        return None
    subject = text[match.start("subject"):match.end("subject")].strip()
    kind = DOC_TYPES[match.group("type")] + (" hành động" if match.group("qualifier") else "")
    return f"{kind} {subject}"


def read_enacting_clause(text: str, end: int | None = None) -> EnactingClause | None:
    """The first "… UBND <locality> ban hành Kế hoạch …" sentence of ``text[:end]``."""
    end = len(text) if end is None else end
    folded = fold_aligned(text[:end])
    for match in _ENACT_RE.finditer(folded):
        name = None
        if match.group("name"):
            name = text[match.start("name"):match.end("name")].strip()
            if not all(w[:1].isupper() for w in name.split()):
                continue
        kind = _LOCALITY_DISPLAY.get(match.group("kind").rstrip(".")) if match.group("kind") else None
        body = " ".join(p for p in ("Ủy ban nhân dân", kind, name) if p)
        subject_start = match.end("type")
        stop = _SUBJECT_END_RE.search(folded, subject_start)
        subject_end = stop.start() if stop else len(folded)
        subject = text[subject_start:subject_end].strip() or None
        return EnactingClause(body, kind, name, DOC_TYPES[match.group("type")], subject,
                              match.start(), subject_end)
    return None


def locality_in_text(text: str, place: str) -> str | None:
    """'thành phố Đà Nẵng' for place 'Đà Nẵng': the first "<kind> <place>" the text writes."""
    name = r"\s+".join(map(re.escape, fold(place).split()))
    match = re.search(rf"(?<![a-z])(?P<kind>{_LOCALITY_KINDS})\s+{name}(?![a-z])", fold_aligned(text))
    if match is None:
        return None
    return f"{_LOCALITY_DISPLAY[match.group('kind').rstrip('.')]} {place}"


def complete_issuer(header: Header, text: str,
                    locality_of: Callable[[str], str | None] | None = None,
                    enacting: EnactingClause | None = None) -> tuple[str, Span] | None:
    """The issuing body with its locality when the header lost it (or has no header):
    from the site table ("Cơ quan ban hành: Tỉnh Bắc Ninh"), the enacting clause ("UBND
    thành phố Cần Thơ ban hành …"), ``locality_of(place)`` (a gazetteer), or the text's own
    "<kind> <place>". Returns (body, span of the evidence) or None."""
    if header.issuer and header.issuer_complete:
        return header.issuer, header.issuer_span  # type: ignore[return-value]
    head = header.issuer or "Ủy ban nhân dân"
    evidence = header.issuer_span
    site = header.site.get("issuer") or header.site.get("place")
    if site is not None:
        value, span = site
        words = value.split()
        split = _locality_split(words)
        if split == 0 and _is_bare(head):
            return normalise_body(f"{head} {value}", None, header.place), evidence or span
        if split is not None and split > 0 and header.issuer is None:
            return normalise_body(value, None, header.place), span
    if enacting is not None and (header.issuer is None or _is_bare(head)):
        if enacting.name:
            return enacting.body, evidence or (enacting.start, enacting.end)
        if enacting.kind and header.place:
            return f"Ủy ban nhân dân {enacting.kind} {header.place}", evidence or (enacting.start, enacting.end)
    if header.place and (header.issuer is None or _is_bare(head)):
        locality = (locality_of(header.place) if locality_of else None) or locality_in_text(text, header.place)
        if locality and header.issuer is not None:
            return f"{head} {locality}", evidence or header.place_span  # type: ignore[return-value]
    return None
