"""Document references of any ký hiệu, as administrative texts cite them.

"Kế hoạch số 281/KH-UBND ngày 10/12/2023 của Chủ tịch UBND tỉnh", "Nghị quyết số 47-NQ/TU,
ngày 09/9/2021 của Ban Chấp hành Đảng bộ tỉnh", "Nghị định số: 02/2019/NĐ-CP", "Chỉ thị
19/CT-TTg", "Công văn số 87/LĐTBXH-VPQGGN", "Nghị quyết số 24/2021/QH15", "Số: 36 /KH -
UBND", "Luật Phòng, chống thiên tai ngày 19/6/2013" (a law named with its date) and "Kế hoạch
23" (a number only). The ký hiệu is read by its shape (number, optional year, upper-case
segments joined by "-" or "/"), not from a list, so any issuing body's symbol is read.

``is_reference_date`` tells whether a date belongs to a reference, so the date of a
"Căn cứ Quyết định … ngày 08/5/2020" is never taken for a deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kehoach.core.text import fold, fold_aligned, nfc
from kehoach.grammar.dates import DateMention, aligned_nfc, date_at, find_dates

__all__ = ["DocRef", "find_docrefs", "ref_at", "normalise_symbol", "symbol_key", "doc_type_of",
           "is_reference_date", "reference_spans", "free_dates", "DOC_TYPES", "issuer_codes", "document_kind",
           "issued_by", "described_refs", "same_number", "ref_year"]

# Folded document type words -> display. Longest first where one contains another.
DOC_TYPES: dict[str, str] = {
    "thong tu lien tich": "Thông tư liên tịch", "nghi quyet lien tich": "Nghị quyết liên tịch",
    "ke hoach": "Kế hoạch", "quyet dinh": "Quyết định", "nghi quyet": "Nghị quyết",
    "nghi dinh": "Nghị định", "chi thi": "Chỉ thị", "cong van": "Công văn",
    "thong tu": "Thông tư", "bo luat": "Bộ luật", "luat": "Luật", "phap lenh": "Pháp lệnh",
    "chuong trinh": "Chương trình", "de an": "Đề án", "huong dan": "Hướng dẫn",
    "thong bao": "Thông báo", "ket luan": "Kết luận", "to trinh": "Tờ trình",
    "bao cao": "Báo cáo", "cong dien": "Công điện", "quy dinh": "Quy định", "quy che": "Quy chế",
    "van ban": "Văn bản", "hien phap": "Hiến pháp", "phuong an": "Phương án",
}
# The type abbreviation that opens a ký hiệu ("QĐ-UBND", "NQ/TU", "2017/NĐ-CP").
_TYPE_OF_ABBREVIATION = {
    "KH": "Kế hoạch", "QD": "Quyết định", "NQ": "Nghị quyết", "ND": "Nghị định",
    "CT": "Chỉ thị", "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "TB": "Thông báo",
    "KL": "Kết luận", "TTR": "Tờ trình", "BC": "Báo cáo", "HD": "Hướng dẫn",
    "CTR": "Chương trình", "DA": "Đề án", "CD": "Công điện", "QC": "Quy chế", "QYD": "Quy định",
    "CV": "Công văn",  # "số 12-CV/ĐU", "Công văn số 45/CV-UBND"
    "PA": "Phương án",  # "Phương án số 316/PA-UBND"
}
_TYPES_RE = "|".join(sorted(map(re.escape, DOC_TYPES), key=len, reverse=True))
_QUALIFIER = r"(?:\s+(?:hanh dong|lien tich|lien nganh|trien khai))?"

# One symbol segment: upper-case letters (a little lower case: "TTg", "TTr"), digits at the
# end ("QH15"), ending at a word boundary.
_SEG = r"[A-ZĐ][A-Za-zĐđ]{0,11}\d{0,3}(?![^\W\d_])"
# A further segment, on the same line, or past a line break only written as a symbol is
# (capitals, "TTg"), not as a word of a name: a header in two columns breaks "Số:
# 255/BC-BCĐPCGD-" before the place line "Nga Sơn, ngày …", whose name is no part of it.
_CAPS_SEG = r"(?:[A-ZĐ]{2,12}[a-zđ]{0,2}|[A-ZĐ])\d{0,3}(?![^\W\d_])"
_NEXT_SEG = rf"(?:[ \t]*[-/][ \t]*{_SEG}|\s*[-/]\s*{_CAPS_SEG})"
_CORE_RE = re.compile(
    rf"(?<![\w/.-])(?P<num>\d{{1,5}})(?:\s*/\s*(?P<year>(?:19|20)\d\d))?"
    rf"(?P<sep>\s*/\s*|-\s*)(?P<sym>{_SEG}{_NEXT_SEG}{{0,3}})"
)
_BLANK_NUMBER_RE = re.compile(rf"/\s*(?P<sym>{_SEG}{_NEXT_SEG}{{0,3}})")
_MIN_SYMBOL_UPPER = 2
_MAX_SYMBOL_LOWER = 2
_TYPE_BEFORE_RE = re.compile(rf"(?<![a-z])(?P<type>{_TYPES_RE}){_QUALIFIER}\s*(?P<so>so\s*:?\s*)?$")
_LAW_NAME_BEFORE_RE = re.compile(r"(?<![a-z])(?P<type>bo luat|luat)\s+(?P<name>[^;:\n]{2,80}?)\s+so\s*:?\s*$")
_SO_BEFORE_RE = re.compile(r"(?<![a-z])(?P<so>so\s*:?\s*)$")
_NUMBER_ONLY_RE = re.compile(
    rf"(?<![a-z])(?P<type>{_TYPES_RE}){_QUALIFIER}\s+(?P<so>so\s*:?\s*)?(?P<num>\d{{1,5}})"
    r"(?![\d/]|[.,]\d|\s*[/-]\s*[a-z0-9]|\s+(?:nam|thang|tuan|quy|lan)\b|\s+ngay\b(?!\s*\d)|\s*%)"
)
_LAW_DATE_RE = re.compile(r"(?<![a-z])(?P<type>bo luat|luat)\s+(?P<name>[^;:\n]{2,120}?)\s*,?\s+(?=ngay\s*\d)")
# "Luật Hộ tịch năm 2014": a law named with its year (the name capitalised, as laws are).
_LAW_YEAR_RE = re.compile(r"(?<![a-z])(?P<type>bo luat|luat)\s+(?P<name>[^;:,\n]{2,80}?)\s+nam\s+(?P<year>(?:19|20)\d\d)(?!\d)")
_DATE_LEAD_RE = re.compile(r"\s*,?\s*(?:ban hanh\s+)?(?=ngay\s*\d|\d{1,2}\s*/)")
_ISSUER_LEAD_RE = re.compile(r"\s*,?\s*(?:cua|cau)\s+")
# Where an issuer phrase ("của Chủ tịch UBND tỉnh") ends: its verb or punctuation.
_ISSUER_END_RE = re.compile(
    r"(?<!\bban)\s+chi dao"  # "của Ban Chỉ đạo …" is a board, not "chỉ đạo" (to direct)
    r"|\s+(?:ve\b|phe duyet|ban hanh|quy dinh|huong dan|trien khai|thuc hien|giao\b|tai\b|"
    r"dieu chinh|sua doi|bo sung|thong bao|tiep tuc|tang cuong|tap trung|xay dung|to chuc|"
    r"phan bo|quy hoach|cong nhan|kien toan|thanh lap|va\s+(?:ke hoach|quyet dinh|"
    r"nghi quyet|nghi dinh|chi thi|cong van|thong tu|luat)|nam\s+\d)"
    r"|[;:,.“”\"\n]|$"
)
_MAX_ISSUER_CHARS = 90
_DATE_PRECISIONS = ("day", "month")


@dataclass(frozen=True)
class DocRef:
    """A cited document. ``number``/``year``/``symbol`` come from its ký hiệu
    ("30/2017/NĐ-CP" -> "30", "2017", "NĐ-CP"); ``symbol`` has no inner spaces. ``date`` is
    the date written with it, ``issuer`` the "của …" phrase, ``name`` a law's name."""

    start: int
    end: int
    text: str
    doc_type: str | None = None
    number: str | None = None
    year: str | None = None
    symbol: str | None = None
    separator: str = "/"
    date: DateMention | None = None
    issuer: str | None = None
    issuer_span: tuple[int, int] | None = None
    name: str | None = None

    @property
    def ref(self) -> str | None:
        """'281/KH-UBND', '47-NQ/TU', '30/2017/NĐ-CP', '23' (number only), or None."""
        if self.number is None:
            return None
        if self.symbol is None:
            return self.number
        year = f"/{self.year}" if self.year else ""
        return f"{self.number}{year}{self.separator}{self.symbol}"

    @property
    def key(self) -> tuple[str | None, str | None]:
        """What two citations of one document share: number and folded symbol."""
        return self.number, symbol_key(self.symbol) if self.symbol else None


def normalise_symbol(symbol: str) -> str:
    """'KH - UBND' -> 'KH-UBND', 'TTr- SKHCN' -> 'TTr-SKHCN' (case kept as written)."""
    symbol = nfc(symbol).replace("–", "-").replace("—", "-")
    return re.sub(r"\s*([-/])\s*", r"\1", symbol.strip())


def symbol_key(symbol: str) -> str:
    """The form two spellings of one symbol share: 'QĐ-TTg', 'QD-TTG' -> 'QD-TTG'."""
    return fold(normalise_symbol(symbol)).upper()


def doc_type_of(symbol: str) -> str | None:
    """The document type its symbol's first segment names ('NQ/TU' -> 'Nghị quyết')."""
    first = re.split(r"[-/]", symbol_key(symbol), maxsplit=1)[0]
    return _TYPE_OF_ABBREVIATION.get(first)


def document_kind(number: str | None, default: str = "Kế hoạch") -> str:
    """The type of document a number names: '820/QĐ-UBND' -> 'Quyết định', '28/TTr-UBND' ->
    'Tờ trình', '02-NQ/HU' -> 'Nghị quyết'; ``default`` when the ký hiệu names none (a loaded
    text is not always a Kế hoạch: an answer must not call a Quyết định "kế hoạch số …")."""
    if not number:
        return default
    symbol = re.sub(r"^\s*\d+\s*[-/]?\s*(?:(?:19|20)\d\d\s*/\s*)?", "", nfc(number))
    return doc_type_of(symbol) or default if symbol else default


def _symbol_ok(symbol: str) -> bool:
    letters = [c for c in symbol if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= _MIN_SYMBOL_UPPER and len(letters) - upper <= _MAX_SYMBOL_LOWER


def _issuer(text: str, folded: str, position: int) -> tuple[str, tuple[int, int]] | None:
    lead = _ISSUER_LEAD_RE.match(folded, position)
    if lead is None:
        return None
    start = lead.end()
    if not text[start:start + 1].isupper():
        return None
    end_match = _ISSUER_END_RE.search(folded, start, min(len(folded), start + _MAX_ISSUER_CHARS + 1))
    end = end_match.start() if end_match else min(len(text), start + _MAX_ISSUER_CHARS)
    phrase = text[start:end].rstrip(" -")
    if not phrase or phrase.count("(") != phrase.count(")"):
        phrase = phrase.split("(")[0].rstrip() if phrase.count("(") > phrase.count(")") else phrase
    if not phrase:
        return None
    return " ".join(phrase.split()), (start, start + len(phrase))


def _tail(text: str, folded: str, position: int) -> tuple[DateMention | None, str | None,
                                                           tuple[int, int] | None, int]:
    """The date and issuer written after a reference ending at ``position``."""
    end = position
    date = None
    lead = _DATE_LEAD_RE.match(folded, position)
    if lead is not None:
        found = date_at(text, lead.end(), max_gap=0)
        if found is not None and found.precision in _DATE_PRECISIONS:
            date, end = found, found.end
    issuer = _issuer(text, folded, end)
    if issuer is not None:
        end = issuer[1][1]
    return date, issuer[0] if issuer else None, issuer[1] if issuer else None, end


def _core_refs(text: str, folded: str) -> list[DocRef]:
    refs = []
    for match in _CORE_RE.finditer(text):
        symbol = normalise_symbol(match.group("sym"))
        if not _symbol_ok(symbol):
            continue
        if match.group("sep").startswith("-") and text[match.start("sep") - 1:match.start("sep")].isspace():
            continue
        start = match.start()
        before = folded[max(0, start - 120):start]
        offset = start - len(before)
        doc_type = name = None
        typed = _TYPE_BEFORE_RE.search(before)
        law = None if typed else _LAW_NAME_BEFORE_RE.search(before)
        if typed:
            doc_type, start = DOC_TYPES[typed.group("type")], offset + typed.start()
        elif law and text[offset + law.start()].isupper():
            doc_type, start = DOC_TYPES[law.group("type")], offset + law.start()
            name = " ".join(text[offset + law.start("name"):offset + law.end("name")].split())
        else:
            so = _SO_BEFORE_RE.search(before)
            if so:
                start = offset + so.start()
            doc_type = doc_type_of(symbol)
        date, issuer, issuer_span, end = _tail(text, folded, match.end())
        refs.append(DocRef(start=start, end=end, text=text[start:end], doc_type=doc_type,
                           number=match.group("num"), year=match.group("year"), symbol=symbol,
                           separator=match.group("sep").strip(), date=date, issuer=issuer,
                           issuer_span=issuer_span, name=name))
    return refs


def ref_at(text: str, position: int) -> DocRef | None:
    """The ký hiệu written at ``position`` ("36 /KH - UBND"; a blank number "/KH-UBND" gives
    number None): what follows a header's "Số:". No date, issuer or type lookback."""
    match = _CORE_RE.match(text, position)
    if match is not None:
        symbol = normalise_symbol(match.group("sym"))
        if _symbol_ok(symbol):
            return DocRef(start=match.start(), end=match.end(), text=match.group(0),
                          doc_type=doc_type_of(symbol), number=match.group("num"),
                          year=match.group("year"), symbol=symbol,
                          separator=match.group("sep").strip())
    blank = _BLANK_NUMBER_RE.match(text, position)
    if blank is not None:
        symbol = normalise_symbol(blank.group("sym"))
        if _symbol_ok(symbol):
            return DocRef(start=blank.start(), end=blank.end(), text=blank.group(0),
                          doc_type=doc_type_of(symbol), symbol=symbol)
    return None


def _number_only_refs(text: str, folded: str, taken: list[tuple[int, int]]) -> list[DocRef]:
    refs = []
    for match in _NUMBER_ONLY_RE.finditer(folded):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        number = match.group("num")
        written_type = text[match.start()]
        if not match.group("so") and (not written_type.isupper() or re.fullmatch(r"(?:19|20)\d\d", number)):
            continue  # "kế hoạch 5", "Kế hoạch 2025" are not references
        date, issuer, issuer_span, end = _tail(text, folded, match.end())
        refs.append(DocRef(start=match.start(), end=end, text=text[match.start():end],
                           doc_type=DOC_TYPES[match.group("type")], number=number, date=date,
                           issuer=issuer, issuer_span=issuer_span))
    return refs


def _dated_laws(text: str, folded: str, taken: list[tuple[int, int]]) -> list[DocRef]:
    refs = []
    for match in _LAW_DATE_RE.finditer(folded):
        if not text[match.start()].isupper() or any(a < match.end() and match.start() < b
                                                    for a, b in taken):
            continue
        date, issuer, issuer_span, end = _tail(text, folded, match.end())
        if date is None:
            continue
        name = " ".join(text[match.start("name"):match.end("name")].split())
        refs.append(DocRef(start=match.start(), end=end, text=text[match.start():end],
                           doc_type=DOC_TYPES[match.group("type")], date=date, issuer=issuer,
                           issuer_span=issuer_span, name=name))
    return refs


def _yeared_laws(text: str, folded: str, taken: list[tuple[int, int]]) -> list[DocRef]:
    refs = []
    for match in _LAW_YEAR_RE.finditer(folded):
        if (not text[match.start()].isupper() or not text[match.start("name")].isupper()
                or any(a < match.end() and match.start() < b for a, b in taken)):
            continue
        _, issuer, issuer_span, end = _tail(text, folded, match.end())
        name = " ".join(text[match.start("name"):match.end("name")].split())
        refs.append(DocRef(start=match.start(), end=max(end, match.end()), text=text[match.start():max(end, match.end())],
                           doc_type=DOC_TYPES[match.group("type")], year=match.group("year"),
                           issuer=issuer, issuer_span=issuer_span, name=name))
    return refs


def _mapped(ref: DocRef, starts: list[int], text: str) -> DocRef:
    start, end = starts[ref.start], starts[ref.end]
    date = None
    if ref.date is not None:
        date_start, date_end = starts[ref.date.start], starts[ref.date.end]
        date = replace(ref.date, start=date_start, end=date_end, text=text[date_start:date_end],
                       cue_start=None)
    issuer_span = None if ref.issuer_span is None else (starts[ref.issuer_span[0]],
                                                         starts[ref.issuer_span[1]])
    return replace(ref, start=start, end=end, text=text[start:end], date=date,
                   issuer_span=issuer_span)


def find_docrefs(text: str) -> list[DocRef]:
    """Every document reference in ``text``, in order, with offsets into ``text``."""
    normal, starts = aligned_nfc(text)
    if starts is not None:  # not NFC: read the NFC form, give offsets into ``text``
        return [_mapped(ref, starts, text) for ref in find_docrefs(normal)]
    folded = fold_aligned(text)
    refs = _core_refs(text, folded)
    taken = [(r.start, r.end) for r in refs]
    refs += _number_only_refs(text, folded, taken)
    taken = [(r.start, r.end) for r in refs]
    refs += _dated_laws(text, folded, taken)
    taken = [(r.start, r.end) for r in refs]
    refs += _yeared_laws(text, folded, taken)
    return sorted(refs, key=lambda r: r.start)


def reference_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the dates written as part of a reference ("… số 1597/QĐ-UBND ngày 08/5/2020")."""
    return [(r.date.start, r.date.end) for r in find_docrefs(text) if r.date is not None]


def is_reference_date(text: str, date: DateMention | tuple[int, int],
                      refs: list[DocRef] | None = None) -> bool:
    """Is this date (a mention of ``text`` or its span) the date of a cited document?"""
    start, end = (date.start, date.end) if isinstance(date, DateMention) else date
    for ref in refs if refs is not None else find_docrefs(text):
        if ref.date is not None and ref.date.start <= start and end <= ref.date.end:
            return True
    return False


def free_dates(text: str) -> list[DateMention]:
    """The dates of ``text`` that are not the date of a cited document: the ones a deadline,
    a time frame or an answer can be read from."""
    refs = find_docrefs(text)
    return [m for m in find_dates(text) if not is_reference_date(text, m, refs)]


# Issuer codes whose letters are not the initials of the body's name.
# "TW": the Party's central bodies (Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư).
_IRREGULAR_CODES = {"TW": ("tu", "tw", "bch", "bct", "bbt")}
# Words an issuer's name is written with that its code skips ("Bộ Kế hoạch và Đầu tư":
# BKHĐT), and the joints of a name.
_CODE_SKIPPED = frozenset({"va", "&", "-"})
_MIN_CODE_LETTERS = 2


def issuer_codes(symbol: str) -> list[str]:
    """The segments of a ký hiệu that name its issuing body, folded, digits dropped:
    'QĐ-TTg' -> ['TTG'], 'KH-BNN-TCLN' -> ['BNN', 'TCLN'], '43/2022/QH15' (symbol 'QH15') ->
    ['QH'], 'NQ/TW' -> ['TW'], '892/BKHĐT-TH' -> ['BKHDT', 'TH']. The first segment is
    the type code when it is one ('QĐ', 'NQ', 'KH' …), not an issuer."""
    segments = [re.sub(r"\d+", "", s) for s in re.split(r"[-/]", symbol_key(symbol)) if s]
    if len(segments) > 1 and segments[0] in _TYPE_OF_ABBREVIATION:
        segments = segments[1:]
    return [s for s in segments if len(s) >= _MIN_CODE_LETTERS]


_VOWELS = frozenset("aeiouy")


def _initials(name: str) -> str:
    """'Bộ Kế hoạch và Đầu tư' -> 'bkhdt'. An abbreviation in the name ("UBND", "PTNT":
    upper case, or no vowel, as no Vietnamese syllable is) gives all its letters."""
    out = []
    for word in re.split(r"[\s,]+", name):
        key = fold(word).lower()
        if not key or key in _CODE_SKIPPED or not key[0].isalpha():
            continue
        whole = (len(word) > 1 and word.isupper()) or not (set(key) & _VOWELS)
        # "TT&TT", "NN&PTNT": the "&" is the "và" a code skips (BTTTT, BNNPTNT).
        out.append(re.sub(r"[^a-z0-9]", "", key) if whole else key[0])
    return "".join(out)


# After a kind word, these make a party or mass body ("tỉnh ủy", "huyện đoàn"), not a place.
_BODY_AFTER_KIND = frozenset({"uy", "doan", "hoi"})


def _places_of(body: str) -> set[str]:
    """Folded names of the localities a body phrase names with their kind word: "uy ban nhan
    dan tinh quang ninh" -> {"quang ninh"}; none in "tinh uy", "dang bo tinh (khoa xix)". A
    name the gazetteer cannot finish (an issuer cut at a line break: "UBND thành phố Hạ")
    is kept as written, to be compared as a prefix."""
    from kehoach.grammar.localities import KIND_WORDS, find_localities

    found = {m.locality.key for m in find_localities(body, ()) if m.locality.name}
    if found:
        return found
    words = re.findall(r"[^\W\d_]+|[^\w\s]", fold(body))
    for i in range(len(words)):
        for kind in KIND_WORDS:
            n = kind.count(" ") + 1
            if " ".join(words[i:i + n]) != kind:
                continue
            name = []
            for word in words[i + n:]:
                if not word.isalpha():
                    break
                name.append(word)
            if name and name[0] not in _BODY_AFTER_KIND:
                return {" ".join(name)}
    return set()


def _same_places(a: set[str], b: set[str]) -> bool:
    """Some place of ``a`` is one of ``b``, or begins it ("ha" of a cut "thành phố Hạ")."""
    return any(x == y or y.startswith(x + " ") or x.startswith(y + " ") for x in a for y in b)


def issued_by(ref: DocRef, asked: str) -> bool | None:
    """Does ``asked`` (a folded issuer phrase of a question: "thu tuong", "bo lao dong",
    "tinh uy", "hoi dong thi dua khen thuong trung uong") name the body that issued ``ref``?

    Read from the issuer written with the reference ("của Bộ Y tế") and from its ký hiệu,
    whose issuer segment is the initials of the body's name (TTg: Thủ tướng, CP: Chính phủ,
    BLĐTBXH: Bộ Lao động - Thương binh và Xã hội, HĐTĐKT: Hội đồng Thi đua - Khen thưởng):
    no list of bodies. None when neither says who issued it."""
    asked = " ".join(asked.split())
    if not asked:
        return None
    known = False
    if ref.issuer:
        known = True
        written = " ".join(fold(ref.issuer).replace("-", " ").split())
        head = " ".join(w for w in asked.split() if w not in _CODE_SKIPPED)
        if head and (head in written or (len(written.split()) > 1 and written in head)):
            return True
        asked_places, written_places = _places_of(asked), _places_of(ref.issuer)
        if asked_places and written_places and not _same_places(asked_places, written_places):
            return False  # "của UBND tỉnh X" asked, "của UBND thành phố Y" written: its
            # code (UBND) says only the kind of body, the written issuer says which one
        mine, theirs = _initials(ref.issuer), _initials(asked)
        if min(len(mine), len(theirs)) >= _MIN_CODE_LETTERS and (
                mine.startswith(theirs) or theirs.startswith(mine)):
            return True
    wanted = _initials(asked)
    words = set(asked.split())
    for code in issuer_codes(ref.symbol or ""):
        known = True
        code = code.lower()
        if code in words:  # the question writes the code itself ("qđ nào của byt")
            return True
        forms = _IRREGULAR_CODES.get(code.upper(), (code,))
        if len(wanted) >= _MIN_CODE_LETTERS and any(
                f.startswith(wanted) or wanted.startswith(f) for f in forms):
            return True
    return False if known else None


def described_refs(text: str) -> list[tuple[DocRef, int, int]]:
    """Each reference of ``text`` with the span of its own description: from the reference
    to the next one (or the end of its clause at ";"), so that "Nghị quyết số
    11/NQ-CP … của Chính phủ về Chương trình phục hồi …" is told from the "số 160/NQ-HĐND …
    về kế hoạch đầu tư công trung hạn" listed after it."""
    refs = find_docrefs(text)
    folded = fold_aligned(text)
    out = []
    for i, ref in enumerate(refs):
        end = refs[i + 1].start if i + 1 < len(refs) else len(text)
        stop = text.find(";", ref.end, end)  # not a line end: pages wrap lines mid-sentence
        if stop >= 0:
            end = stop
        out.append((ref, _issued_start(folded, ref.start, refs[i - 1].end if i else 0), end))
    return out


# "Kế hoạch hoạt động … năm 2022 ban hành tại Quyết định số 27/QĐ-UBQGCĐS": a document
# that issued another is described by what it issued, written before it.
_ISSUED_IN_BEFORE_RE = re.compile(r"\b(?:ban hanh (?:tai|bang|kem theo|kem)|kem theo)\s*$")


def _issued_start(folded: str, start: int, floor: int) -> int:
    """Where the description of the reference at ``start`` begins: at the reference, or,
    when the clause before says it issued something ("… ban hành tại"), at that clause's
    start (after the previous reference or ";", not before ``floor``)."""
    if _ISSUED_IN_BEFORE_RE.search(folded, max(floor, start - 200), start) is None:
        return start
    begin = max(floor, folded.rfind(";", floor, start) + 1)
    while begin < start and folded[begin] in " ,)\n\t":
        begin += 1
    return begin


def ref_year(ref: DocRef) -> str | None:
    """The year a reference shows: its ký hiệu's ("13/2024/NĐ-CP"), else its date's."""
    if ref.year:
        return ref.year
    if ref.date is not None and ref.date.iso:
        return ref.date.iso[:4]
    return None


def same_number(a: str | None, b: str | None) -> bool:
    """'01' and '1' are one document number."""
    return a is not None and b is not None and (a.lstrip("0") or "0") == (b.lstrip("0") or "0")
