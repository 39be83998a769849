"""The locality a plan belongs to, and which part of the plan said so.

Officers load plans copied from web pages whose header ("ỦY BAN NHÂN DÂN / XÃ …") is lost.
The issuing locality is then read from the other places an administrative document states
it, in an order of trust (``SOURCES``):

1. ``header``: the issuing body in the header (``localities._from_header``);
2. ``site``: a legal-document website's table ("Cơ quan ban hành", "Nơi ban hành");
3. ``title``: "KẾ HOẠCH … trên địa bàn xã X / của huyện Y" (the header's title lines, or a
   web page's title "Kế hoạch 53/KH-UBND … do thành phố Cần Thơ ban hành");
4. ``opening``: the enacting sentence ("UBND phường X ban hành Kế hoạch …", "Thực hiện …,
   UBND huyện Y xây dựng kế hoạch …", "UBND huyện Z (tỉnh T) vừa ban hành kế hoạch …");
5. ``signature``: "TM. ỦY BAN NHÂN DÂN XÃ X" or the body's digital signature;
6. ``opening+place``: an enacting sentence that names only the kind ("UBND huyện vừa ban
   hành …") and the "<place>, ngày …" line naming a unit of that kind;
7. ``mentions``: the unit the plan names most with its kind word (the place breaks ties);
8. ``place``: the "<place>, ngày …" line alone, when the gazetteer reads it one way. It names
   where the issuer sits ("Điện Bàn, ngày …" may head a commune's plan of that town), so it
   is weak;
9. ``file``: the name the officer gave the file ("kh-xa-tan-lap-bhyt.pdf"), read only through
   the national gazetteer and only when it reads one way (a province named in it picks
   among same-named communes; an enacting sentence's kind must agree). Weakest.

``WEAK_SOURCES`` are those an answer should say it inferred the locality from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from kehoach.core.text import fold, fold_aligned
from kehoach.grammar.gazetteer import Unit, canonical_kind, gazetteer
from kehoach.grammar.header import read_enacting_clause, read_header
from kehoach.grammar.localities import (
    Locality,
    _date_place,
    _from_header,
    _repaired,
    _from_metadata,
    _from_signature,
    _from_title,
    _in_reference,
    _most_named,
    _scan,
    _Span,
    _Text,
    _typed_in,
    unit_locality,
)
from kehoach.grammar.signature import read_signature

__all__ = ["PlanLocality", "locate_plan", "locality_from_file_name", "SOURCES", "WEAK_SOURCES"]

SOURCES = ("header", "site", "title", "opening", "signature", "opening+place", "mentions",
           "place", "file")
WEAK_SOURCES = frozenset({"place", "file"})

Span = tuple[int, int]

_OPENING_CHARS = 3000
_CLOSING_CHARS = 3000
# Markers before a unit in a title or page title that make it the plan's own.
_TITLE_MARKER_RE = re.compile(r"(?:\bcua|\btai|\btren dia ban|\bdo|\bubnd|\buy ban nhan dan)\s+$")
_FILE_WORD_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class PlanLocality:
    """The plan's locality, the span of the text that states it ((0, 0) for the file name),
    and which source it came from (one of ``SOURCES``)."""

    locality: Locality
    span: Span
    source: str

    @property
    def weak(self) -> bool:
        return self.source in WEAK_SOURCES


def locate_plan(text: str, file_name: str | None = None) -> PlanLocality | None:
    """The locality of a plan, from the most trusted place that states it (module docstring)."""
    for source, step in (("header", _from_header), ("site", _from_metadata), ("title", _title)):
        span = step(text)
        if span is not None:
            return PlanLocality(_repaired(span.named, text), (span.start, span.end), source)
    clause = read_enacting_clause(text, min(len(text), _OPENING_CHARS))
    if clause is not None and clause.name:
        typed = _typed_in(text, clause.start, clause.end, header=True)
        if typed:
            return PlanLocality(typed[0].named, (typed[0].start, typed[0].end), "opening")
    span = _signature(text)
    if span is not None:
        return PlanLocality(span.named, (span.start, span.end), "signature")
    kind = clause.kind if clause is not None and not clause.name else None
    place = _date_place(text)
    if kind and place:
        found = _unit_of_kind(place, kind)
        if found is not None:
            start = fold_aligned(text).find(place)
            return PlanLocality(found, (clause.start, clause.end) if start < 0 else (start, start + len(place)),
                                "opening+place")
    spans = _mentions(text)
    if spans:
        span = _most_named(spans, place)
        span = next(s for s in spans if s.typed and s.named == span.named)  # cite it typed
        return PlanLocality(span.named, (span.start, span.end), "mentions")
    if place:
        found = _place_alone(place)
        if found is not None:
            start = fold_aligned(text).find(place)
            return PlanLocality(found, (start, start + len(place)) if start >= 0 else (0, 0), "place")
    if file_name:
        found = locality_from_file_name(file_name, kind)
        if found is not None:
            return PlanLocality(found, (0, 0), "file")
    return None


def _title(text: str) -> _Span | None:
    """The unit the title names as the plan's own: under a "KẾ HOẠCH" line, else in the
    title ``read_header`` found (its lines, or a website's page title)."""
    span = _from_title(text)
    if span is not None:
        return span
    header = read_header(text)
    areas = [s for s in (header.title_span, header.page_title.span if header.page_title else None) if s]
    for start, end in areas:
        folded = fold_aligned(text[:end])
        for found in _typed_in(text, start, end):
            if _TITLE_MARKER_RE.search(folded[max(start, found.start - 30):found.start]):
                return found
    return None


def _mentions(text: str) -> list[_Span]:
    """The units the text names with their kind word, each also counted where its name stands
    bare: a news page says "huyện Thăng Bình" once, then "Thăng Bình phấn đấu …", "(Thăng
    Bình)", "Năm 2022, Thăng Bình giảm …". A bare name is read by the bare-name rule
    (capitalised, not a street's or a person's …) as if the typed units were loaded; a
    name two typed units share counts for each. Units named in a cited document's clause
    ("… của UBND tỉnh X") count only when nothing else is named."""
    typed = [s for s in _scan(_Text(text)) if s.typed]
    typed = [s for s in typed if not _in_reference(text, s.start)] or typed
    if not typed:
        return []
    named = tuple(dict.fromkeys(s.named for s in typed))
    bare = []
    for s in _scan(_Text(text), named):
        if s.typed or not s.loaded or _in_reference(text, s.start):
            continue
        for loc in s.loaded:
            bare.append(_Span(s.i, s.j, s.start, s.end, loc, (), False))
    return sorted(typed + bare, key=lambda s: s.start)


def _signature(text: str) -> _Span | None:
    """"TM. ỦY BAN NHÂN DÂN XÃ X" in the closing part, else the digital signature's body."""
    offset = max(0, len(text) - _CLOSING_CHARS)
    signature = read_signature(text[offset:], offset, reference=text)
    if signature.authority and signature.span:
        body = signature.authority[len("TM. "):]
        at = text.find(body, signature.span[0])
        if at >= 0:
            typed = _typed_in(text, at, at + len(body), header=True)
            if typed:
                return typed[-1]
    return _from_signature(text)


def _unit_of_kind(place: str, kind: str) -> Locality | None:
    """The unit of ``kind`` the place line names ("Châu Thành" + "huyện")."""
    g = gazetteer()
    units = [u for k, u in g.named(tuple(place.split())) if k == kind
             or (kind == "tỉnh" and u.level == 1) or (kind == "thành phố" and u.kind == kind)]
    return _one_place(units)


def _place_alone(place: str) -> Locality | None:
    """The place line read alone: a province of that name, else the one unit so named."""
    units = [u for _, u in gazetteer().named(tuple(place.split()))]
    provinces = [u for u in units if u.level == 1]
    if provinces:
        return unit_locality(min(provinces, key=lambda u: u.era != "current"))
    if len({(u.kind, u.key) for u in units}) == 1:
        return unit_locality(min(units, key=lambda u: u.era != "current"))
    return None


def _one_place(units: list[Unit]) -> Locality | None:
    """The locality ``units`` all are (one kind and spelling), else None (ambiguous)."""
    readings = {(u.kind, u.name) for u in units}
    if len(readings) != 1:
        return None
    return unit_locality(min(units, key=lambda u: u.era != "current"))


def locality_from_file_name(file_name: str, kind_hint: str | None = None) -> Locality | None:
    """The locality a file's name gives, when the gazetteer reads it one way.

    "kh-xa-tan-lap-bhyt.pdf" -> xã Tân Lập; "gia-lai_phuong-hoi-phu-chi-tieu.txt" -> phường
    Hội Phú (the province narrows the commune); "nghe-an_tin-ke-hoach.txt" -> tỉnh Nghệ An.
    A unit named with its kind word wins over a province named bare; a name several units
    of different kinds or spellings share (after the province narrows them) gives None, as
    does a reading whose level contradicts ``kind_hint`` (the kind the plan's enacting
    sentence names, "UBND tỉnh vừa ban hành …").
    """
    stem = PurePath(file_name).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    words = _FILE_WORD_RE.findall(fold(stem.replace("_", " ")))
    if not words:
        return None
    spans = _scan(_Text(" ".join(words)))
    g = gazetteer()
    provinces = [u for s in spans if not s.typed for u in s.units if u.level == 1]
    typed = [s for s in spans if s.typed and s.units]
    levels = _levels(kind_hint) if kind_hint else None
    if levels is not None:
        typed = [s for s in typed if any(u.level in levels for u in s.units)]
        if not typed and 1 not in levels:
            return None
    for span in typed:
        units = [u for u in span.units if not provinces or any(
            u.id == p.id or g.within(u, p) for p in provinces)]
        found = _one_place(units)
        if found is not None:
            return found
        return None  # the most specific unit named is ambiguous: do not guess
    if provinces and (levels is None or 1 in levels):
        return _one_place(provinces)
    return None


def _levels(kind: str) -> frozenset[int]:
    """The levels a kind word names ("thành phố" is a province or a district's city)."""
    kind = canonical_kind(kind) or kind
    return frozenset({"tỉnh": (1,), "thành phố": (1, 2), "huyện": (2,), "quận": (2,),
                      "thị xã": (2,)}.get(kind, (3,)))
