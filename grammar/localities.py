"""Localities: recognise any Vietnamese administrative unit in plans and in questions.

A locality is read in one of three ways, on folded syllables ("Nguyễn Lương Bằng",
"nguyen luong bang" and an OCR'd "NGUYEN LUONG BANG" meet), looked up in the national
gazetteer (``kehoach.grammar.gazetteer``):

1. **With its kind word** ("xã", "phường", "thị trấn", "đặc khu", "huyện", "quận", "thị
   xã", "thành phố"/"TP"/"Tp.", "tỉnh"; OCR'd "x4"/"x3" for "xã"): any unit of that kind
   the gazetteer knows. A capitalised name after a commune- or district-level kind word
   that the gazetteer lacks is still a locality (a new or misspelled commune, a district
   merged away before the gazetteer's table was made).
2. **Bare**, the rule that keeps ordinary words from being read as places: only the name
   of a loaded locality or of a province (tỉnh/thành phố, current or former), and only
   where it reads as a proper name:
   - in a text written with capitals, every syllable of the name is capitalised and it is
     not glued to another capitalised word ("Thái Bình Dương", "Điện Biên Phủ");
     in a text typed all in lower case (a quick question), any case will do;
   - it does not follow a word that makes it something else: "đường Lê Lợi", "sông Hồng",
     "chiến thắng Bạch Đằng", "Chủ tịch Hồ Chí Minh", "thôn Hòa Bình", ...;
   - a name that is an ordinary phrase ("hòa bình", "thống nhất", "độc lập", "tân tiến",
     ... see ``ORDINARY_NAMES``) or a single syllable counts only when capitalised inside
     a sentence (not first, not in a line of capitals, not in lower-case typing);
   - a name that reads as a person's (a surname first: "Hồ Chí Minh", "Lê Lợi") counts
     bare only for a loaded locality.
   A bare province that is not loaded is still reported (``loaded=False``), so that a
   question about Hà Nội is told Hà Nội is not loaded instead of getting another city's plan.
3. **By its initials** ("xã NLB" = Nguyễn Lương Bằng), for a loaded locality of three or
   more syllables, written in capitals.

Old and new names are linked through the gazetteer's conversion table: a 2024 plan of
"xã Điện Trung" (thị xã Điện Bàn, Quảng Nam) is found by a question naming it or the
current "xã Gò Nổi" it became part of (``same_place``; see ``Gazetteer.same_place`` for why
a merged province is not the same place as the province it was merged into).

Accents decide where they are written: in a text typed with diacritics "phương án" is not
"phường An ...", "xa" is not "xã", and "xã Cẩm Giàng" is not the loaded "xã Cẩm Giang".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property, lru_cache

from kehoach.core.text import fold, fold_aligned, nfc
from kehoach.grammar.abbreviations import DOTTED_PLACE_KINDS, PLACE_KINDS
from kehoach.grammar.gazetteer import Gazetteer, Unit, gazetteer, spelling_key

__all__ = [
    "KIND_WORDS",
    "relation",
    "places_named",
    "Locality",
    "LocalityMention",
    "ORDINARY_NAMES",
    "parse_locality",
    "detect_plan_locality",
    "find_localities",
    "resolve",
    "same_place",
    "within",
    "unit_locality",
]


@dataclass(frozen=True)
class Locality:
    """A unit as plans name it: ``kind`` ("xã", "phường", "tỉnh", ...) and its ``name``."""

    kind: str
    name: str

    @property
    def display(self) -> str:
        return f"{self.kind} {self.name}"

    @cached_property
    def key(self) -> str:
        return fold(self.name)

    def __str__(self) -> str:
        return self.display


@dataclass(frozen=True)
class LocalityMention:
    """A locality named in a text, at ``start:end`` (the kind word included).

    ``loaded``: some loaded plan belongs to this place; ``locality`` is then the loaded
    locality (what the retriever filters on) and ``named`` the place as the text names it
    when that differs (an old or new name of it). ``matches``: every loaded locality the
    mention may mean (several when a bare name is shared by two loaded localities).
    ``qualifier``: the mention only says where the mention before it lies ("xã Điện Trung,
    thị xã Điện Bàn": the thị xã qualifies the xã); it is not a second locality asked
    about, and it already narrowed which same-named commune the first one is.
    """

    locality: Locality
    start: int
    end: int
    loaded: bool
    named: Locality | None = None
    matches: tuple[Locality, ...] = ()
    qualifier: bool = False


def unit_locality(unit: Unit) -> Locality:
    """The locality a gazetteer unit is ("xã Gò Nổi")."""
    return Locality(unit.kind, unit.name)


# --------------------------------------------------------------------------- words

# Kind words, folded, as token sequences; the accented spelling a text with diacritics must use.
_KIND_SEQUENCES: dict[tuple[str, ...], tuple[str, str | None]] = {
    ("thanh", "pho"): ("thành phố", "thành phố"), ("thi", "xa"): ("thị xã", "thị xã"),
    ("thi", "tran"): ("thị trấn", "thị trấn"), ("dac", "khu"): ("đặc khu", "đặc khu"),
    ("xa",): ("xã", "xã"), ("phuong",): ("phường", "phường"), ("huyen",): ("huyện", "huyện"),
    ("quan",): ("quận", "quận"), ("tinh",): ("tỉnh", "tỉnh"),
    # OCR'd forms carry no accents to check; nor do abbreviations (below).
    ("x4",): ("xã", None), ("x3",): ("xã", None),
}
# Abbreviated kind words, from the one abbreviation table: "TP.", "TX.", "H.", "Q.".
_KIND_SEQUENCES.update({(short,): (kind, None) for short, kind in PLACE_KINDS.items()})
_KIND_SPELLING = {seq: spelling_key(acc) for seq, (_, acc) in _KIND_SEQUENCES.items() if acc}
# The kind words written out (folded "thi xa" → "thị xã"), longest first so "thi xa" is
# tried before "xa": what questions use for a level ("của xã", "các xã, phường").
KIND_WORDS: dict[str, str] = dict(sorted(((" ".join(seq), kind) for seq, (kind, acc)
                                          in _KIND_SEQUENCES.items() if acc),
                                         key=lambda item: -len(item[0])))
_COMMUNE_KINDS = frozenset({"xã", "phường", "thị trấn", "đặc khu"})
# A district the gazetteer lacks is still one: its table is of mid-2025, so a district
# merged away before it ("huyện Mỹ Lộc", "huyện Đất Đỏ", 1/1/2025) is not in it, yet its
# plans and news pages of earlier years name it. ("thành phố" + an unknown name is not
# read: a province's city may be written so, and it is in the table.)
_DISTRICT_KINDS = frozenset({"huyện", "quận", "thị xã"})
_LEVEL_OF_KIND = {"tỉnh": 1, "huyện": 2, "quận": 2, "thị xã": 2, "xã": 3, "phường": 3,
                  "thị trấn": 3, "đặc khu": 3}

# Place names that are also ordinary Vietnamese words or phrases: read bare only when
# written capitalised inside a sentence. Names of one syllable are treated the same way.
ORDINARY_NAMES = frozenset(fold(p) for p in (
    "hòa bình", "thái bình", "thống nhất", "độc lập", "tự do", "hạnh phúc", "đoàn kết",
    "tân tiến", "tiên tiến", "tiến bộ", "quyết thắng", "quyết tiến", "chiến thắng",
    "thắng lợi", "toàn thắng", "đại thắng", "thành công", "đồng tâm", "tiền phong",
    "hưng thịnh", "thịnh vượng", "bình minh", "an bình", "bình an", "bình yên", "yên bình",
    "an ninh", "an lạc", "vinh quang", "quang vinh", "văn minh", "dân chủ", "cộng hòa",
    "công bằng", "nhân nghĩa", "kiên cường", "đại đồng", "hòa hiệp", "hòa thuận",
    "thuận hòa", "hòa hợp", "nhân hòa", "phúc lợi", "trung hòa", "hợp tiến", "hợp thành",
    "hợp nhất", "phú cường", "phát triển", "đổi mới", "tân lập", "tân dân", "trung tâm",
    "thuận lợi", "bình đẳng", "hữu nghị", "quyết chiến", "tiến thắng", "đồng tiến",
    "tiến thành", "thành lập", "hưng thạnh", "an toàn", "bảo an", "kiến thiết",
))
# A surname first: a person's name as much as a place's.
_SURNAMES = frozenset(fold(s) for s in (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mạc", "Lương", "Triệu"))
# Words after which a name is a street, river, battle, person, village, building ...
_BLOCKERS_ACCENTED = [
    "đường", "phố", "đại lộ", "quốc lộ", "tỉnh lộ", "ngõ", "ngách", "hẻm", "kiệt", "sông",
    "suối", "kênh", "rạch", "hồ", "núi", "đèo", "đảo", "vịnh", "cầu", "chợ", "bến", "cảng",
    "ga", "sân bay", "sân vận động", "công viên", "quảng trường", "đền", "chùa", "đình",
    "nhà thờ", "nhà văn hóa", "trường", "bệnh viện", "khu công nghiệp", "cụm công nghiệp",
    "khu đô thị", "khu dân cư", "khu du lịch", "di tích", "công ty", "doanh nghiệp",
    "hợp tác xã", "HTX", "ngân hàng", "tập đoàn", "đập", "hồ chứa", "trạm bơm", "thôn",
    "xóm", "ấp", "bản", "làng", "khu phố", "tổ dân phố", "tổ", "khu", "đội", "chiến thắng",
    "chiến dịch", "trận", "khởi nghĩa", "phong trào", "giải", "chủ tịch", "tư tưởng", "Bác",
    "đồng chí", "ông", "bà", "anh", "chị", "lăng", "đại tướng", "danh nhân", "phong cách",
    "đạo đức", "tấm gương", "cúp", "giải thưởng", "thành phố mang tên", "tên", "thi đua",
]
# The folded forms that cannot be another common word, for text typed without accents.
_BLOCKERS_PLAIN = frozenset(fold(b) for b in (
    "đường", "phố", "đại lộ", "quốc lộ", "tỉnh lộ", "sông", "núi", "công viên",
    "quảng trường", "bệnh viện", "thôn", "xóm", "khu phố", "tổ dân phố", "chiến thắng",
    "chiến dịch", "khởi nghĩa", "phong trào", "chủ tịch", "tư tưởng", "đồng chí", "HTX",
    "hợp tác xã", "công ty", "ngân hàng", "khu công nghiệp", "cụm công nghiệp", "khu đô thị",
    "nhà văn hóa", "phong cách", "tấm gương", "thi đua"))
_BLOCKERS = {tuple(fold(b).split()): spelling_key(b) for b in _BLOCKERS_ACCENTED}
_MAX_BLOCKER = max(map(len, _BLOCKERS))
# After a kind word, these are not names: "xã hội", "phương án/pháp/thức/tiện/hướng/châm".
_NOT_NAMES = {"xã": {"hoi"}, "phường": {"an", "phap", "thuc", "tien", "huong", "cham", "trinh"},
              "quận": set(), "tỉnh": {"uy"}, "huyện": {"uy"}, "thành phố": {"uy"}}
# Words that begin an organisation, not a commune, after a kind word ("Huyện Đoàn").
_BODY_WORDS = frozenset({"doan", "uy", "hoi", "dang", "ban", "ubnd", "hdnd", "mttq"})
# Typed-without-accents guards: "cơ quan" is not "quận", "địa phương" not "phường".
_PLAIN_KIND_AFTER = {"quan": {"co", "lien", "tong", "chu"}, "xa": {"thi", "cach"},
                     "phuong": {"dia", "tay", "huong", "da", "don", "song", "bon", "muoi"}}
# Where a name in capitals that the gazetteer lacks may be read: after the issuing body.
_BODY_BEFORE = ({"ubnd"}, {"uy", "ban", "nhan", "dan"}, {"hdnd"})
# A header's unknown name this close (rapidfuzz ratio) to one gazetteer name is that name.
_REPAIR_SCORE = 85
_FUZZY_MIN = 0.8  # an unknown name this close to a loaded one of its kind is an OCR'd/misspelled it

_ABBREVIATED_NAMES = frozenset({"hcm", "tphcm"})
_MAX_UNKNOWN_NAME = 4
_MIN_INITIALS = 3
_ACCENTED_SHARE = 0.4  # a text where this share of syllables carry diacritics is "accented"


# --------------------------------------------------------------------------- tokens

_TOKEN_RE = re.compile(r"[^\W_]+")
# Web addresses and e-mail addresses are not words ("xã Thạch Kimhttps://thachkim...").
_ADDRESS_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NAME_GAP_RE = re.compile(r"[ \t\r\n\-–—'’ʼ]*")
_KIND_GAP_RE = re.compile(r"[ \t\r\n]*")
_ABBREVIATION_GAP_RE = re.compile(r"[ \t\r\n]*\.?[ \t\r\n]*")  # "TP.HCM", "Tp. Đà Nẵng"
_DOTTED_GAP_RE = re.compile(r"\.[ \t\r\n]*")  # "H. Thọ Xuân", "Q.1": one letter only with its dot
_ABBREVIATIONS = frozenset(PLACE_KINDS)
_SENTENCE_BREAK_RE = re.compile(r"[.!?:;\n|(\[\"“]")


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    fold: str
    raw: str

    @property
    def cap(self) -> bool:
        return self.raw[0].isupper() or self.raw[0].isdigit()

    @property
    def upper(self) -> bool:
        return self.raw.isupper()

    @property
    def accented(self) -> bool:
        return self.raw.lower() != self.fold


class _Text:
    """A text cut into folded syllables, with what its casing and accents say."""

    def __init__(self, text: str) -> None:
        self.text = text
        folded = fold_aligned(_ADDRESS_RE.sub(lambda m: " " * len(m.group()), text))
        self.tokens = [_Token(m.start(), m.end(), m.group(), text[m.start():m.end()])
                       for m in _TOKEN_RE.finditer(folded)]
        self._folds = [t.fold for t in self.tokens]
        words = [t for t in self.tokens if not t.raw.isdigit()]
        # Typed in lower case: no capitalised word after the first (acronyms aside).
        self.casual = not any(t.cap and not t.upper for t in words[1:])
        self.accented = bool(words) and sum(t.accented for t in words) >= _ACCENTED_SHARE * len(words)

    def gap(self, i: int) -> str:
        """The text between token ``i - 1`` and token ``i``."""
        return self.text[self.tokens[i - 1].end:self.tokens[i].start] if i > 0 else ""

    def contiguous(self, i: int, j: int) -> bool:
        """Tokens ``i..j-1`` are one name: only spaces, hyphens and apostrophes between."""
        return all(_NAME_GAP_RE.fullmatch(self.gap(t)) for t in range(i + 1, j))

    def sentence_initial(self, i: int) -> bool:
        return i == 0 or bool(_SENTENCE_BREAK_RE.search(self.gap(i)))

    def folds(self, i: int, j: int) -> tuple[str, ...]:
        return tuple(self._folds[i:j])

    def raw(self, i: int, j: int) -> str:
        return self.text[self.tokens[i].start:self.tokens[j - 1].end]


@dataclass
class _Span:
    """A locality found in a text: tokens ``i..j-1`` (kind word included)."""

    i: int
    j: int
    start: int
    end: int
    named: Locality
    units: tuple[Unit, ...]
    typed: bool
    loaded: tuple[Locality, ...] = ()
    qualifier: bool = False
    ordinary: bool = False


# --------------------------------------------------------------------------- scanner

def _kind_at(text: _Text, i: int) -> tuple[str, int] | None:
    """The kind word starting at token ``i``: (kind, number of tokens)."""
    for n in (2, 1):
        seq = text.folds(i, i + n)
        if len(seq) < n or seq not in _KIND_SEQUENCES:
            continue
        if n == 2 and not text.contiguous(i, i + 2):
            continue
        if n == 1 and seq[0] in DOTTED_PLACE_KINDS and (
                i + 1 >= len(text.tokens) or not _DOTTED_GAP_RE.fullmatch(text.gap(i + 1))):
            continue  # a lone "h" or "q" is no "huyện", "quận"
        kind, _ = _KIND_SEQUENCES[seq]
        expected = _KIND_SPELLING.get(seq)
        raw = text.raw(i, i + n)
        if expected is not None:
            plain = not any(t.accented for t in text.tokens[i:i + n])
            if plain and text.accented:
                return None  # "quan", "xa", "phuong" in a text with accents are other words
            if not plain and spelling_key(raw) != expected:
                return None  # "phương", "quản", "tính"
            if plain and i > 0 and text.tokens[i - 1].fold in _PLAIN_KIND_AFTER.get(seq[-1], ()):
                return None
        return kind, n
    return None


def _capitalised(text: _Text, i: int, j: int) -> bool:
    return all(t.cap for t in text.tokens[i:j])


def _gazetteer_name(text: _Text, g: Gazetteer, j: int, kind: str) -> tuple[int, tuple[Unit, ...]] | None:
    """The longest gazetteer name of ``kind`` starting at token ``j`` ("tỉnh Hà Nội" finds
    the thành phố: the units' own kind is then the one to show)."""
    n = len(text.tokens)
    for length in range(min(g.max_name_tokens, n - j), 0, -1):
        if not text.contiguous(j, j + length):
            continue
        if not text.casual and not _capitalised(text, j, j + length):
            continue
        entries = g.named(text.folds(j, j + length))
        units = tuple(u for k, u in entries if k == kind)
        if not units and kind == "tỉnh":  # "tỉnh Hà Nội": a province all the same
            units = tuple(u for k, u in entries if u.level == 1)
        if units:
            raw = text.raw(j, j + length)
            if fold(raw) != raw.lower():  # written with accents: those spelled so, if any
                spelled = spelling_key(raw)
                units = tuple(u for u in units if spelling_key(u.name) == spelled) or units
            return j + length, units
    return None


def _unknown_name(text: _Text, j: int, caps_allowed: bool) -> int | None:
    """A capitalised name of two to four syllables at ``j`` (a commune the gazetteer lacks).

    In capitals only where an issuing body is named (a header line, "UBND XÃ ..."): a line
    in capitals elsewhere may be anything ("XA HQI CHU NGHIA", an OCR'd motto).
    """
    tokens = text.tokens
    first = tokens[j]
    if not first.cap or first.raw[0].isdigit() or first.fold in _BODY_WORDS:
        return None
    caps = first.upper and len(first.raw) > 1
    if caps and not caps_allowed:
        return None
    end = j + 1
    while end < len(tokens) and end - j < _MAX_UNKNOWN_NAME and text.contiguous(end - 1, end + 1):
        t = tokens[end]
        if not t.cap or t.raw.isdigit() or _kind_at(text, end):
            break
        if caps != (t.upper and len(t.raw) > 1) and not (caps and len(t.raw) == 1):
            break  # "XÃ XUÂN TÍN Độc lập": the capitals stop; "Tân Hưng BHYT": an acronym
        end += 1
    return end if end - j >= 2 else None


_RUN_GAP_RE = re.compile(r"[ \t]+|[-–]")  # one line, no " - " list dash


def _runs_on(text: _Text, j: int, end: int) -> int | None:
    """Where a commune's name that goes on past the gazetteer's match ends ("xã Bình Định
    Nam": the gazetteer knows "Bình Định", not the former commune "Bình Định Nam"), else None.

    Only a name written in title case whose capitalised run stops within
    ``_MAX_UNKNOWN_NAME`` syllables on one line ("xã Xuân Tín\nCăn cứ …" ends at the line): a line in capitals ("XÃ TÂN LẬP NĂM 2024") or a headline
    in title case ("Xã Tân Lập Triển Khai Kế Hoạch") says nothing about where a name ends;
    nor does a run whose rest is itself a place's name ("xã Tân Lập Thăng Bình").
    """
    tokens = text.tokens
    if text.casual or end >= len(tokens) or any(t.upper and len(t.raw) > 1 for t in tokens[j:end]):
        return None
    run = end
    while run < len(tokens) and _RUN_GAP_RE.fullmatch(text.gap(run)):
        t = tokens[run]
        if not t.cap or t.raw.isdigit() or (t.upper and len(t.raw) > 1) or _kind_at(text, run):
            break
        run += 1
    if run == end or run - j > _MAX_UNKNOWN_NAME:
        return None
    g = gazetteer()
    if any(g.named(text.folds(end, k)) for k in range(end + 1, run + 1)):
        return None
    return run


def _blocked(text: _Text, i: int) -> bool:
    """A word before token ``i`` that makes the name a street, river, person, village ..."""
    if text.sentence_initial(i):
        return False
    for n in range(min(_MAX_BLOCKER, i), 0, -1):
        seq = text.folds(i - n, i)
        expected = _BLOCKERS.get(seq)
        if expected is None or not text.contiguous(i - n, i + 1):
            continue
        raw = text.raw(i - n, i)
        if any(t.accented for t in text.tokens[i - n:i]):
            if spelling_key(raw) == expected:
                return True
        elif " ".join(seq) in _BLOCKERS_PLAIN or expected == " ".join(seq):
            return True  # unaccented: only a word that cannot be another ("đường", "HTX")
    return False


def _glued(text: _Text, i: int, j: int) -> bool:
    """The name is part of a longer proper name ("Thái Bình Dương", "Điện Biên Phủ")."""
    if text.casual:
        return False
    tokens = text.tokens

    def proper(t: _Token) -> bool:
        return t.cap and not t.upper and not t.raw.isdigit()

    if i > 0 and proper(tokens[i - 1]) and not text.sentence_initial(i - 1) \
            and _NAME_GAP_RE.fullmatch(text.gap(i)):
        return True
    if j < len(tokens) and proper(tokens[j]) and _NAME_GAP_RE.fullmatch(text.gap(j)):
        return True
    return False


@dataclass(frozen=True)
class _BareIndex:
    """Names that may be read bare: loaded localities' and provinces'."""

    loaded: Mapping[tuple[str, ...], tuple[Locality, ...]]
    max_tokens: int
    first: frozenset[str]  # first syllables of every such name: most tokens start none
    initials: Mapping[str, Locality]


@lru_cache(maxsize=1)
def _province_names() -> dict[tuple[str, ...], tuple[tuple[str, Unit], ...]]:
    """Province names that may be read bare ("HN" is too short to be one)."""
    names = gazetteer().names_at_level(1)
    names.pop(("hn",), None)
    return names


@lru_cache(maxsize=64)
def _bare_index(loaded: tuple[Locality, ...]) -> _BareIndex:
    by_name: dict[tuple[str, ...], list[Locality]] = {}
    initials: dict[str, Locality] = {}
    for loc in loaded:
        key = tuple(_TOKEN_RE.findall(loc.key))
        if key and not key[0].isdigit():  # "phường 1" only with its kind word
            by_name.setdefault(key, []).append(loc)
        if len(key) >= _MIN_INITIALS:
            initials.setdefault("".join(w[0] for w in key), loc)
    provinces = _province_names()
    longest = max(map(len, [*by_name, *provinces]))
    first = frozenset(k[0] for k in [*by_name, *provinces])
    return _BareIndex({k: tuple(v) for k, v in by_name.items()}, longest, first, initials)


def _ordinary(key: tuple[str, ...]) -> bool:
    return len(key) == 1 or " ".join(key) in ORDINARY_NAMES


def _bare_ok(text: _Text, i: int, j: int, ordinary: bool) -> bool:
    """The rule for a name without its kind word (see the module docstring)."""
    if not text.casual and not _capitalised(text, i, j):
        return False
    if ordinary:
        tokens = text.tokens[i:j]
        if text.casual or all(t.upper for t in tokens) or text.sentence_initial(i):
            return False
    if _blocked(text, i) or _glued(text, i, j):
        return False
    return True


def _bare_at(text: _Text, i: int, index: _BareIndex) -> _Span | None:
    if text.tokens[i].fold not in index.first:
        return None
    provinces = _province_names()
    n = len(text.tokens)
    for length in range(min(index.max_tokens, n - i), 0, -1):
        key = text.folds(i, i + length)
        loaded = index.loaded.get(key)
        entries = provinces.get(key)
        if not loaded and not entries:
            continue
        if not text.contiguous(i, i + length):
            continue
        abbreviation = length == 1 and key[0] in _ABBREVIATED_NAMES
        if abbreviation and not text.tokens[i].upper:
            continue  # "HCM", "TPHCM" only in capitals
        ordinary = _ordinary(key) and not abbreviation
        if not loaded and key[0] in _SURNAMES:
            continue  # "Hồ Chí Minh" alone is the person; the city is named with "TP"
        if not _bare_ok(text, i, i + length, ordinary):
            continue
        if any(t.accented for t in text.tokens[i:i + length]):
            # Written with accents, a bare name must be spelled as the place is: "nhà đa
            # năng" is no "Đà Nẵng", even in a sentence with no other capitals.
            names = [loc.name for loc in loaded] if loaded else [u.name for _, u in entries]
            if spelling_key(text.raw(i, i + length)) not in {spelling_key(n) for n in names}:
                continue
        start, end = text.tokens[i].start, text.tokens[i + length - 1].end
        if loaded:
            chosen = _choose(loaded, text.raw(i, i + length))
            return _Span(i, i + length, start, end, chosen, (), False, loaded, ordinary=ordinary)
        units = tuple(u for _, u in entries)
        kind, unit = entries[0]
        current = [(k, u) for k, u in entries if u.era == "current"]
        if current:
            kind, unit = current[0]
        name = unit.name if kind == unit.kind else _proper(text.raw(i, i + length))
        return _Span(i, i + length, start, end, Locality(kind, name), units, False,
                     ordinary=ordinary)
    return None


def _choose(candidates: Sequence[Locality], raw: str) -> Locality:
    """Among loaded localities sharing a folded name: the one spelled as written, a
    province before a city or commune of the same name, then the first."""
    spelled = spelling_key(raw)
    return min(candidates, key=lambda loc: (spelling_key(loc.name) != spelled, _level(loc)))


def _level(loc: Locality) -> int:
    """1 province, 2 district, 3 commune ("thành phố" is 1 or 2: the gazetteer says)."""
    if loc.kind in _LEVEL_OF_KIND:
        return _LEVEL_OF_KIND[loc.kind]
    return min((u.level for u in _units_of(loc)), default=2)


def _initials_at(text: _Text, i: int, index: _BareIndex) -> _Span | None:
    token = text.tokens[i]
    if len(token.raw) < _MIN_INITIALS or not token.upper or not token.raw.isalpha():
        return None
    loc = index.initials.get(token.fold)
    return _Span(i, i + 1, token.start, token.end, loc, (), False, (loc,)) if loc else None


def _not_the_name(raw: str, unit: Unit) -> bool:
    """Words after a kind word that are written in lower case with accents no spelling of
    the unit has ("xã phấn đấu" vs "Phan"): ordinary words, not the unit's name. Typed
    without accents ("xa nhon my") or capitalised, a name is read as the gazetteer's."""
    raw = nfc(" ".join(raw.split()))
    accented = fold(raw) != raw.lower()
    return bool(raw) and raw[0].islower() and accented and spelling_key(raw) != spelling_key(unit.name)


def _typed_at(text: _Text, i: int, kind: str, n: int, index: _BareIndex,
              header: bool) -> _Span | None:
    """The locality named by the kind word at tokens ``i..i+n-1`` and the name after it."""
    tokens = text.tokens
    j = i + n
    gap_re = (_DOTTED_GAP_RE if tokens[i].fold in DOTTED_PLACE_KINDS and n == 1
              else _ABBREVIATION_GAP_RE if tokens[i].fold in _ABBREVIATIONS else _KIND_GAP_RE)
    if j >= len(tokens) or not gap_re.fullmatch(text.gap(j)) or tokens[j].fold in _NOT_NAMES.get(kind, ()):
        return None
    found = _gazetteer_name(text, gazetteer(), j, kind)
    if found and kind in _COMMUNE_KINDS:
        longer = _runs_on(text, j, found[0])
        if longer is not None:  # "xã Bình Định Nam" (a former commune) is no "xã Bình Định"
            return _Span(i, longer, tokens[i].start, tokens[longer - 1].end,
                         Locality(kind, _proper(text.raw(j, longer))), (), True)
    if found:
        end, units = found
        unit = _spelled(units, text.raw(j, end))
        if _not_the_name(text.raw(j, end), unit):
            return None  # "Xã phấn đấu …" is no "xã Phan": the accents say another word
        if _TOKEN_RE.findall(unit.key) == list(text.folds(j, end)):
            named = Locality(unit.kind if unit.level == 1 else kind, unit.name)
        elif unit.kind == kind:  # an abbreviation: "TP.HCM" is Hồ Chí Minh
            named = Locality(kind, unit.name)
        else:  # the name of another time ("tỉnh Thừa Thiên Huế")
            named = Locality(kind, _proper(text.raw(j, end)))
        return _Span(i, end, tokens[i].start, tokens[end - 1].end, named, units, True)
    initials = _initials_at(text, j, index)  # "xã NLB"
    if initials is not None:
        initials.i, initials.start = i, tokens[i].start
        return initials
    if kind in _COMMUNE_KINDS or kind in _DISTRICT_KINDS:
        before = set(text.folds(max(0, i - 4), i))
        end = _unknown_name(text, j, header or any(b <= before for b in _BODY_BEFORE))
        if end:
            return _Span(i, end, tokens[i].start, tokens[end - 1].end,
                         Locality(kind, _proper(text.raw(j, end))), (), True)
    return None


def _scan(text: _Text, loaded: Sequence[Locality] = (), header: bool = False) -> list[_Span]:
    """Every locality in ``text``, left to right, without overlaps. ``header``: the text
    is a line of a document header, where a name in capitals is a unit's."""
    index = _bare_index(tuple(loaded))
    spans: list[_Span] = []
    i = 0
    after_kind = False  # a kind word without a name: what follows is not a bare name
    while i < len(text.tokens):
        kind_word = _kind_at(text, i)
        if kind_word:
            span = _typed_at(text, i, *kind_word, index, header)
            if span is not None:
                spans.append(span)
                i, after_kind = span.j, False
            else:
                i, after_kind = i + kind_word[1], True
            continue
        span = None if after_kind else _bare_at(text, i, index) or _initials_at(text, i, index)
        if span is not None:
            spans.append(span)
            i = span.j
        else:
            i += 1
        after_kind = False
    _mark_qualifiers(text, spans)
    return spans


def _proper(raw: str) -> str:
    """A name as written, spaces tidied, a name typed in capitals title-cased."""
    raw = " ".join(raw.split())
    return nfc(raw.title() if raw.isupper() else raw)


def _spelled(units: Sequence[Unit], raw: str) -> Unit:
    """The unit spelled as written ("Cẩm Giàng" vs "Cẩm Giang"), a current one first."""
    spelled = spelling_key(raw)
    return min(units, key=lambda u: (spelling_key(u.name) != spelled, u.era != "current"))


_QUALIFIER_GAP_RE = re.compile(r"[\s,;()\-–]*(?:(?:thuộc|của|ở|tại|thuoc|cua|o|tai)[\s,]*)?[\s(]*",
                               re.IGNORECASE)


def _mark_qualifiers(text: _Text, spans: list[_Span]) -> None:
    """"xã Điện Trung, thị xã Điện Bàn, tỉnh Quảng Nam": the larger units qualify the first
    and narrow which same-named commune it is."""
    g = gazetteer()
    for k in range(1, len(spans)):
        prev, cur = spans[k - 1], spans[k]
        gap = text.text[prev.end:cur.start]
        # A loaded locality's bare name ("Thăng Bình (Quảng Nam)", "huyện Vụ Bản (Nam
        # Định)" with a plan of Nam Định loaded) is its gazetteer units.
        outer = cur.units or (_units_of(cur.named) if cur.loaded else ())
        if not _QUALIFIER_GAP_RE.fullmatch(gap) or not outer:
            continue
        head = next((s for s in reversed(spans[:k]) if not s.qualifier), prev)
        units = head.units or (_units_of(head.named) if head.loaded else ())
        if not units:
            if head.typed and not head.loaded and _level(cur.named) < _level(head.named):
                cur.qualifier = True  # "huyện Kim Bảng (Hà Nam)": a unit the gazetteer lacks
            continue
        inside = tuple(u for u in units if any(g.within(u, p) for p in outer))
        if inside:
            cur.qualifier = True
            head.units = inside
            if head.typed:
                head.named = Locality(head.named.kind, _spelled(inside, head.named.name).name)


# --------------------------------------------------------------------------- resolution

@lru_cache(maxsize=4096)
def _units_of(locality: Locality) -> tuple[Unit, ...]:
    """The gazetteer units a locality may be: same kind and folded name, the ones spelled
    exactly as the locality first (only those, when the name is written with accents)."""
    g = gazetteer()
    kind = locality.kind
    units = g.lookup(locality.name, kind)
    if not units and kind == "thành phố":  # "thành phố" is also written for a province
        units = g.lookup(locality.name, "tỉnh", level=1)
    if fold(locality.name) != locality.name.lower():
        spelled = spelling_key(locality.name)
        exact = tuple(u for u in units if spelling_key(u.name) == spelled)
        if exact:
            return exact
    return units


def resolve(locality: Locality, context_text: str | None = None) -> list[Unit]:
    """The gazetteer unit(s) ``locality`` is. With ``context_text`` (a plan, a question),
    the provinces and districts it names pick among same-named communes: a plan of "xã
    Cẩm Giang" that names "thành phố Hải Phòng" is the Cẩm Giang of Hải Phòng."""
    units = list(_units_of(locality))
    if not context_text or len(units) < 2:
        return units
    g = gazetteer()
    scores: Counter[str] = Counter()
    for span in _scan(_Text(context_text)):
        for unit in units:
            if any(p.level < unit.level and g.within(unit, p) for p in span.units):
                scores[unit.id] += 1
    if not scores:
        return units
    best = max(scores.values())
    return [u for u in units if scores[u.id] == best]


def _linked(a_units: Iterable[Unit], b_units: Iterable[Unit]) -> bool:
    g = gazetteer()
    b_units = tuple(b_units)
    return any(g.same_place(a, b) for a in a_units for b in b_units)


def _same(a: Locality, a_units: Sequence[Unit], b: Locality, b_units: Sequence[Unit]) -> bool:
    if a_units and b_units:
        return _linked(a_units, b_units)
    return a.kind == b.kind and a.key == b.key


def _close(named: Locality, loaded: Sequence[Locality]) -> tuple[Locality, ...]:
    """Loaded localities of the same kind whose folded name is within OCR/typing distance."""
    words = len(named.key.split())
    return tuple(loc for loc in loaded if loc.kind == named.kind and len(loc.key.split()) == words
                 and SequenceMatcher(None, loc.key, named.key).ratio() >= _FUZZY_MIN)


def same_place(a: Locality, b: Locality) -> bool:
    """``a`` and ``b`` are one place: the same unit, or a former commune and the current
    unit it became part of, or a province and its renamed/continued self."""
    if a == b:
        return True
    return _same(a, _units_of(a), b, _units_of(b))


def within(child: Locality, parent: Locality) -> bool:
    """``child`` lies in ``parent`` (commune in district in province), across eras where
    the conversion data says so. Without context a name may be several units: true if
    one of them is."""
    g = gazetteer()
    parents = _units_of(parent)
    return any(g.within(c, p) for c in _units_of(child) for p in parents)


# --------------------------------------------------------------------------- public API

_PARSE_KINDS = sorted(((" ".join(seq), kind) for seq, (kind, _) in _KIND_SEQUENCES.items()),
                      key=lambda pair: len(pair[0]), reverse=True)


def parse_locality(display: str | None) -> Locality | None:
    """'phường Kiến An' -> Locality('phường', 'Kiến An'); 'TP. Hà Nội' -> ('thành phố', 'Hà Nội')."""
    if not display:
        return None
    display = nfc(display).strip()
    folded = fold(display)
    for word, kind in _PARSE_KINDS:
        after = " ." if word not in DOTTED_PLACE_KINDS else "."
        if folded.startswith(word) and len(folded) > len(word) and folded[len(word)] in after:
            name = display[len(word):].lstrip(" .").strip()
            return Locality(kind, name) if name else None
    return None


def find_localities(question: str, loaded: Iterable[Locality],
                    units: Mapping[Locality, Sequence[Unit]] | None = None) -> list[LocalityMention]:
    """Localities named in ``question`` (or any text), in order, with or without diacritics
    or kind words; see the module docstring for when a bare name counts.

    ``units`` may give a loaded locality's gazetteer unit(s), resolved by the caller with
    its plan text (``resolve(locality, plan_text)``), so that a same-named commune of
    another province is not taken for it.
    """
    loaded = tuple(dict.fromkeys(loaded))
    text = _Text(question)
    spans = _scan(text, loaded)

    def loaded_units(loc: Locality) -> Sequence[Unit]:
        return units[loc] if units is not None and loc in units else _units_of(loc)

    mentions = []
    for span in spans:
        if span.loaded:  # a loaded locality's bare name or initials
            mentions.append(LocalityMention(span.named, span.start, span.end, True, None,
                                            span.loaded, span.qualifier))
            continue
        named_units = span.units or _units_of(span.named)
        # The same name (and kind, when written): the same place unless the gazetteer
        # units say they are two communes of one name.
        matches = tuple(loc for loc in loaded if loc.key == span.named.key
                        and (loc.kind == span.named.kind or not span.typed)
                        and _same(span.named, named_units, loc, loaded_units(loc)))
        if not matches and named_units:  # an old or new name of a loaded locality
            matches = tuple(loc for loc in loaded if _linked(named_units, loaded_units(loc)))
        if not matches and not named_units and span.typed:  # "phuong Thach Khéi" (OCR'd)
            matches = _close(span.named, loaded)
        if matches:
            chosen = _choose(matches, span.named.name)
            mentions.append(LocalityMention(chosen, span.start, span.end, True,
                                            span.named if span.named != chosen else None,
                                            matches, span.qualifier))
        else:
            mentions.append(LocalityMention(span.named, span.start, span.end, False, None, (),
                                            span.qualifier))
    return mentions


# --------------------------------------------------------------------------- plans

_HEADER_CHARS = 3000
_HEADER_LINES = 10
_BODY_START_RE = re.compile(
    r"^\s*(?:uy ban nhan dan|ubnd|ban chi dao|ban chi huy|bo chi huy|hoi dong|so [a-z]|ban |"
    r"dang uy|dang bo|tinh uy|huyen uy|thanh uy|cong an|phong |trung tam|van phong)")
_BODY_NAMES = frozenset({"uy ban nhan dan", "ubnd"})
_MOTTO_RE = re.compile(r"cong\s*hoa|hoa\s+xa\s+h|chu\s+ngh[a-z]a\s+viet|doc\s*lap|hanh\s+ph")
_NUMBER_LINE_RE = re.compile(r"^\s*(?:s[o0-9]\s*:|ke\s*hoach\b|v/v\b)")
_METADATA_RE = re.compile(r"(?:co quan ban hanh|noi ban hanh)\s*[:|]?\s*")
_DATE_PLACE_RE = re.compile(r",\s*ngay\b")
_SIGNED_RE = re.compile(r"^[ \t]*(?P<body>[^<>\n]{4,120}?)\s*<[^<>@\s]+@[^<>\s]+>\s*đã ký", re.MULTILINE)
_TITLE_MARKERS = ({"cua"}, {"tai"}, {"tren", "dia", "ban"}, {"ubnd"}, {"uy", "ban", "nhan", "dan"})
_TITLE_CHARS = 900
_PREAMBLE_RE = re.compile(r"^\s*(?:can cu|thuc hien|de |nham )")


def _lines(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text[:limit]``."""
    spans, pos = [], 0
    for line in text[:limit].split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _typed_in(text: str, start: int, end: int, header: bool = False) -> list[_Span]:
    """Localities named with their kind word in ``text[start:end]``, offsets into ``text``."""
    spans = [s for s in _scan(_Text(text[start:end]), header=header) if s.typed]
    for s in spans:
        s.start += start
        s.end += start
    return spans


def _left_column(text: str, start: int, end: int) -> int:
    """Where the issuing body's column of a header line ends (before "|" or the motto)."""
    line = text[start:end]
    lead = len(line) - len(line.lstrip(" \t|"))  # a table row: "| ỦY BAN NHÂN DÂN | ..."
    start += lead
    cut = line.find("|", lead)
    line_end = start + (cut - lead if cut >= 0 else len(line) - lead)
    motto = _MOTTO_RE.search(fold(text[start:line_end]))
    return start + motto.start() if motto else line_end


# A header whose two columns arrive on one line ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA
# VIỆT NAM XÃ PHÚ MẬU Độc lập - Tự do - Hạnh phúc"): the left column's second line sits
# between the country's name and the motto.
_NATION_RE = re.compile(r"cong\s*hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam")
_MOTTO_START_RE = re.compile(r"doc\s*lap\b")


def _interleaved(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of the left column's words between the country's name and the motto
    on one header line, if the line carries both."""
    folded = fold_aligned(text[start:end]).lower()
    nation = _NATION_RE.search(folded)
    if nation is None:
        return None
    motto = _MOTTO_START_RE.search(folded, nation.end())
    if motto is None or not folded[nation.end():motto.start()].strip(" \t|-–"):
        return None
    return start + nation.end(), start + motto.start()


def _from_header(text: str) -> _Span | None:
    """The unit of the issuing body in the header: the last unit named in the left column
    from the first "ỦY BAN NHÂN DÂN"/"UBND"/"BAN CHỈ ĐẠO"/"SỞ ..." line to the "Số:" line
    (Nghị định 30/2020/NĐ-CP: the superior body above, the issuing body below it)."""
    lines = _lines(text, _HEADER_CHARS)
    for n, (start, end) in enumerate(lines):
        left_end = _left_column(text, start, end)
        start = left_end - len(text[start:left_end].lstrip(" \t|"))
        folded = fold(text[start:left_end])
        if not _BODY_START_RE.match(folded):
            continue
        if not _is_caps(text[start:left_end]) and folded.strip(" :") not in _BODY_NAMES:
            continue  # "Ủy ban nhân dân xã ... đã ..." in a sentence is not the header
        found: list[_Span] = []
        for s, e in lines[n:n + _HEADER_LINES]:
            if s > start and _NUMBER_LINE_RE.match(fold(text[s:e])):
                break
            found.extend(_typed_in(text, s, _left_column(text, s, e), header=True))
            between = _interleaved(text, s, e)
            if between is not None:
                found.extend(_typed_in(text, *between, header=True))
        return found[-1] if found else None
    return None


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _from_metadata(text: str) -> _Span | None:
    """"Cơ quan ban hành: Tỉnh Lạng Sơn", "| Nơi ban hành | Thành phố Cần Thơ |"."""
    head = text[:_HEADER_CHARS]
    folded = fold_aligned(head)
    for match in _METADATA_RE.finditer(folded):
        line_end = head.find("\n", match.end())
        line_end = len(head) if line_end < 0 else line_end
        value_start = match.end()
        if not head[value_start:line_end].strip(" \t|:"):  # the value on the next line
            value_start = line_end + 1
            line_end = head.find("\n", value_start)
            line_end = len(head) if line_end < 0 else line_end
        bar = head.find("|", value_start + 1, line_end)
        value_end = bar if bar >= 0 else line_end
        typed = _typed_in(text, value_start, value_end, header=True)
        if typed:
            return typed[0]
        bare = [s for s in _scan(_Text(text[value_start:value_end])) if s.units]
        if bare:
            span = bare[0]
            span.start += value_start
            span.end += value_start
            return span
    return None


def _from_signature(text: str) -> _Span | None:
    """The issuing body's digital signature: "ỦY BAN NHÂN DÂN XÃ X <ubnd...@...> đã ký"."""
    spans = []
    for match in _SIGNED_RE.finditer(text):
        spans.extend(_typed_in(text, match.start("body"), match.end("body"), header=True))
    return _most_named(spans) if spans else None


def _from_title(text: str) -> _Span | None:
    """The unit after "của", "tại", "trên địa bàn" in the title under "KẾ HOẠCH"."""
    for start, end in _lines(text, _HEADER_CHARS):
        heading = fold(text[start:end]).strip(" .:|")
        if not heading.startswith("ke hoach") or len(heading) > 40 or not _is_caps(text[start:end]):
            continue
        title_end = min(len(text), end + _TITLE_CHARS)
        for s, e in _lines(text[end + 1:title_end], title_end):
            if _PREAMBLE_RE.match(fold(text[end + 1 + s:end + 1 + e])):
                title_end = end + 1 + s
                break
        chunk = _Text(text[end:title_end])
        for span in _scan(chunk):
            before = {t.fold for t in chunk.tokens[max(0, span.i - 4):span.i]}
            if span.typed and any(marker <= before for marker in _TITLE_MARKERS):
                span.start += end
                span.end += end
                return span
        return None
    return None


def _repaired(named: Locality, text: str) -> Locality:
    """The gazetteer's name for a header's unit the gazetteer does not know as written
    ("XÃ HỊA BÌNH": an OCR'd or mis-encoded "Hòa Bình"): the one name of that kind within
    ``_REPAIR_SCORE`` of it among the units inside the places the opening names ("Hạ Long,
    ngày …", "tỉnh Quảng Ninh"). Unchanged when the name is known, or when no single name
    fits (several communes of near names, or no place to tell them apart by)."""
    if _units_of(named):
        return named
    g = gazetteer()
    tokens = tuple(named.key.split())
    if not tokens:
        return named
    candidates = [u for key in g.near(tokens, _REPAIR_SCORE)
                  for kind, u in g.named(key) if kind == named.kind]
    if not candidates:
        return named
    level = _LEVEL_OF_KIND.get(named.kind, 1)
    context = [u for s in _scan(_Text(text[:_HEADER_CHARS])) for u in s.units if u.level < level]
    place = _date_place(text)
    if place:
        context += [u for _, u in g.named(tuple(place.split())) if u.level < level]
    names = {u.name for u in candidates if any(g.within(u, p) for p in context)}
    return Locality(named.kind, names.pop()) if len(names) == 1 else named


def _date_place(text: str) -> str | None:
    """The place of the "X, ngày ..." line: the issuer's commune, city or province."""
    head = text[:_HEADER_CHARS]
    folded = fold_aligned(head)
    match = _DATE_PLACE_RE.search(folded)
    if not match:
        return None
    chunk = _Text(head[max(0, match.start() - 60):match.start()])
    tokens = chunk.tokens
    k = len(tokens)
    while k > 0 and tokens[k - 1].cap and not (tokens[k - 1].upper and len(tokens[k - 1].raw) > 1) \
            and chunk.contiguous(k - 1, len(tokens)) and len(tokens) - k < 5:
        k -= 1
    return " ".join(t.fold for t in tokens[k:]) or None


# A cited document's number: "424/QĐ-UBND", "05-NQ/TU", "232/KH-UBND".
_REFERENCE_RE = re.compile(r"\b\d{1,5}\s*[/-]\s*[A-ZĐ]{1,6}(?:\s*[-/]\s*[A-ZĐ]{1,8})+")
_CLAUSE_BREAK_RE = re.compile(r"\n|;|\.\s")
_REFERENCE_WINDOW = 160


def _in_reference(text: str, start: int) -> bool:
    """The locality belongs to a cited document ("Quyết định số 424/QĐ-UBND ngày ... của
    UBND tỉnh Hà Tĩnh"): the issuer of another text, not the plan's own."""
    window = text[max(0, start - _REFERENCE_WINDOW):start]
    breaks = list(_CLAUSE_BREAK_RE.finditer(window))
    clause = window[breaks[-1].end():] if breaks else window
    return bool(_REFERENCE_RE.search(clause))


def _most_named(spans: Sequence[_Span], prefer: str | None = None) -> _Span:
    counts = Counter(s.named for s in spans)
    first: dict[Locality, _Span] = {}
    for s in spans:
        first.setdefault(s.named, s)
    pool = [loc for loc in counts if prefer and fold(loc.name) == prefer] or list(counts)
    best = max(counts[loc] for loc in pool)
    chosen = min((loc for loc in pool if counts[loc] == best), key=lambda loc: first[loc].start)
    return first[chosen]


def detect_plan_locality(text: str) -> tuple[Locality, tuple[int, int]] | None:
    """The locality a plan belongs to, with a span to cite: its issuing body, read from the
    text alone (``kehoach.grammar.plan_locality.locate_plan`` gives the order of the places
    it is read from, and which one gave it). A stray mention (a copy-paste of another
    commune) loses."""
    from kehoach.grammar.plan_locality import locate_plan  # it builds on this module's steps

    found = locate_plan(text)
    return (found.locality, found.span) if found is not None else None


# --------------------------------------------------------------------------- relations

# Administrative levels by kind word: the body above a plan's locality (the province a
# commune reports to) is told from another locality of the same level.
_LEVEL = {"tỉnh": 1, "thành phố": 1, "huyện": 2, "quận": 2, "thị xã": 2,
          "xã": 3, "phường": 3, "thị trấn": 3, "đặc khu": 3}


def relation(own: Locality | None, other: Locality) -> str:
    """"own" (the same place, old or new name), "above" (a unit ``own`` lies in: the
    province a commune reports to) or "other"."""
    if own is None:
        return "other"
    if other.key == own.key or same_place(own, other):
        return "own"
    if within(own, other):
        return "above"
    if not (_units_of(other) and _units_of(own)) and _LEVEL.get(other.kind, 3) < _LEVEL.get(own.kind, 3):
        # A unit the gazetteer lacks, named at a higher level; or the plan's own unit is
        # one it lacks ("huyện Mỹ Lộc", merged away), so where it lies is unknown: a
        # higher-level unit its text names ("Cục Thống kê tỉnh Nam Định") is taken for the
        # one above it, as its own would be.
        return "above"
    return "other"


def places_named(text: str, own: Locality | None,
                 loaded: Iterable[Locality] = ()) -> list[tuple[Locality, str]]:
    """Localities ``text`` names (with their kind word, or bare when loaded), each with its
    ``relation`` to ``own``. A kind word before an ordinary word ("xã đến") names nothing."""
    found = []
    for mention in find_localities(text, [*loaded, *([own] if own else [])]):
        place = mention.named or mention.locality
        if not (place.name[:1].isupper() or place.name[:1].isdigit()):
            continue
        if _ordinary_words(text[mention.start:mention.end], place):
            continue
        if _DISTANCE_FROM_RE.search(fold(text[max(0, mention.start - 40):mention.start])):
            continue
        found.append((mention.locality, relation(own, mention.locality)))
    return found


# "Xã A nằm cách trung tâm huyện B 30 km": B is where a distance is measured from, not the
# place the figure is about.
_DISTANCE_FROM_RE = re.compile(r"(?<![a-z])cach\s+(?:(?:khu\s+)?trung\s+tam(?:\s+hanh\s+chinh)?\s+)?$")


def _ordinary_words(written: str, place: Locality) -> bool:
    """A plan writes place names capitalised: "UBND phường chủ trì" (written with accents, in
    lower case) names no "phường Chũ". Text without diacritics (OCR, typed) is not judged."""
    words = written.split()
    name_words = words[len(words) - len(place.name.split()):] if place.name else []
    if not name_words:
        return False
    first = name_words[0]
    accented = fold(first) != first.lower()
    return accented and first[:1].islower()
