"""Candidate sentences from retrieved chunks, and what each one contains.

A sentence can answer a target question only if it states a figure, a deadline question
only if it states a date, a "who" question only if it gives a unit a role (it proposes,
chairs, coordinates, receives reports …: ``grammar.units``) or sits under the unit's heading;
a body named only as a cited document's issuer or in a symbol ("774/QĐ-UBND") answers no
"who" question. Figures are told apart from list markers, years, dates and
document numbers ("(11)", "năm 2030", "25/9/2025", "Chỉ thị số 41-CT/TW").
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property

from kehoach.answer.lexicon import ACCENTED_UNIT_HEADS, UNIT_HEADS
from kehoach.grammar.dates import POINT_PRECISIONS, DateMention, dateline, event_days, find_dates, find_periods
from kehoach.grammar.figures import find_figures
from kehoach.grammar.units import ISSUER, UnitMention, find_units
from kehoach.grammar.markers import strip_marker
from kehoach.grammar.themes import states_theme
from kehoach.ingest.sentences import sentence_spans
from kehoach.core.records import SECTION_SEP, Hit
from kehoach.core.text import fold, fold_aligned
from kehoach.grammar.docrefs import DOC_TYPES, DocRef, described_refs, issued_by, ref_year, same_number

__all__ = ["Sentence", "candidate_sentences", "unit_of", "strip_marker"]

YEAR_RE = re.compile(r"\b(?:nam|giai doan|den)\s+((?:19|20)\d\d)\b|\b((?:19|20)\d\d)\b")
_ZERO_TARGET_RE = re.compile(r"\bkhong con\b")
# Targets stated without a figure ("thu ngân sách hoàn thành kế hoạch giao").
_QUALITATIVE_TARGET_RE = re.compile(r"\b(?:hoan thanh|vuot)(?: va vuot)?(?: muc)? (?:ke hoach|chi tieu)(?: duoc)? giao\b")
_UNIT_RE = re.compile(r"^(?:giao |de nghi |doi voi )?(" + "|".join(UNIT_HEADS) + r")\b")


def _unit_match(text: str) -> bool:
    """Does ``text`` start with a unit word ("Phòng …", "Sở Y tế …"), with its own accents
    where its folded form is an ordinary word ("Số lượng …" is no unit)?"""
    stripped = text.strip()
    match = _UNIT_RE.match(fold_aligned(stripped))
    if match is None:
        return False
    head = match.group(1)
    accented = ACCENTED_UNIT_HEADS.get(head)
    return accented is None or stripped[match.start(1):match.end(1)].lower() == accented
# A sentence that only lists the documents a plan is based on states no deadline.
# "Theo kế hoạch, thời gian … từ ngày 1-9" reports the plan's own time frame, and "Theo lộ
# trình …, đến cuối tháng 7/2015, 100% hộ …" a schedule: "theo" cites only a document.
_DOC_TYPE_WORDS = "|".join(sorted(map(re.escape, DOC_TYPES), key=len, reverse=True))
_PREAMBLE_RE = re.compile(r"^(?:can cu|thuc hien|trien khai"
                          rf"|theo\s+(?:{_DOC_TYPE_WORDS})\b(?!\s*,))\b")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a retrieved chunk, located in its plan."""

    text: str
    start: int
    end: int
    section: str
    hit: Hit
    rank: int

    @cached_property
    def folded(self) -> str:
        return fold_aligned(self.text)

    @cached_property
    def percents(self) -> list[str]:
        """The percentages the sentence states ("95%", "95,08 %", "100 phần trăm"), by the
        one figure grammar (``grammar.figures``)."""
        return [f.text for f in find_figures(self.text) if f.percent]

    @cached_property
    def date_mentions(self) -> list[DateMention]:
        """The times the sentence names, by the one date grammar (``grammar.dates``): days
        ("ngày 25-10", "10/02/2025"), months, quarters, parts of a year; not bare years."""
        return [m for m in find_dates(self.text) if m.precision in POINT_PRECISIONS]

    @cached_property
    def _times(self) -> list[tuple[int, int, bool, bool]]:
        """(start, end, is a point in time, is an end) of each time the sentence names, a
        time frame ("từ ngày 15 đến 22-10-2014") as one: its end is its last date."""
        periods = find_periods(self.text)
        times = [(p.start, p.end, True, True) for p in periods]
        for m in find_dates(self.text):
            if any(p.start <= m.start < p.end for p in periods):
                continue
            point = m.precision in POINT_PRECISIONS
            times.append((m.start, m.end, point, m.is_end or m.precision == "period"))
        return sorted(times)

    @cached_property
    def dates(self) -> list[tuple[int, int]]:
        """Spans of the times the sentence names, by the one date grammar (``grammar.dates``):
        days ("ngày 25-10", "10/02/2025"), months, quarters, parts of a year, time frames
        ("từ ngày 16/8/2014 đến ngày 23/8/2014"); not bare years."""
        return [(a, b) for a, b, point, _ in self._times if point]

    @cached_property
    def ends(self) -> list[tuple[int, int]]:
        """Spans of the times the sentence gives as an end ("đến ngày 23/8/2014", "đến cuối
        năm 2025", a time frame): what "đến khi nào" asks. A dateline ("Ngày 13/8/2014, UBND
        … tổ chức Hội nghị") or a bare year is none. Not a cited document's date, nor in a
        sentence that only lists what the plan is based on."""
        if self._preamble:
            return []
        return [(a, b) for a, b, _, end in self._times
                if end and not any(x <= a < y for x, y in self.docref_spans)]

    @cached_property
    def dues(self) -> list[tuple[int, int]]:
        """The deadlines that can be a due date ("hạn … là ngày nào"): not the dateline a news
        item opens with ("Ngày 03/5, UBND huyện vừa ban hành Kế hoạch …")."""
        opening = dateline(self.text)
        return [d for d in self.deadlines if opening is None or d[0] != opening.start]

    @cached_property
    def event_days(self) -> list[tuple[int, int]]:
        """Days named by an event ("kể từ ngày ký"): what "có hiệu lực từ khi nào" asks."""
        return event_days(self.text)

    @cached_property
    def years(self) -> list[str]:
        return [m.group(1) or m.group(2) for m in YEAR_RE.finditer(self.folded)]

    @cached_property
    def quantities(self) -> list[str]:
        """Figures that are amounts, not markers, years, dates or document numbers."""
        text = strip_marker(self.text)
        body = fold_aligned(text)
        date_spans = [(m.start, m.end) for m in find_dates(text) if m.precision in POINT_PRECISIONS]
        found = [f.text for f in find_figures(text)
                 if not any(a <= f.start < b for a, b in date_spans)]
        if _ZERO_TARGET_RE.search(body):
            found.append("không còn")
        qualitative = _QUALITATIVE_TARGET_RE.search(body)
        if qualitative:
            found.append(strip_marker(self.text)[qualitative.start():qualitative.end()])
        return found

    @cached_property
    def is_heading(self) -> bool:
        """Is this the heading itself ("III. THỜI GIAN THỰC HIỆN")? It states nothing."""
        label = self.section.rpartition(SECTION_SEP)[2]
        def bare(text: str) -> str:
            return fold_aligned(strip_marker(text.strip())).strip(" .:;")
        mine, heading = bare(self.text), bare(label)
        if heading.endswith("…"):  # long headings are shortened in section paths
            return len(heading) > 1 and mine.startswith(heading[:-1].rstrip())
        return bool(heading) and heading == mine

    @cached_property
    def docrefs(self) -> list[DocRef]:
        """The documents the sentence cites, as the one grammar of references reads them
        (``grammar.docrefs``): any ký hiệu, a number only ("Kế hoạch số 23"), a law by its
        name and date; never a span of years with a dash ("2021-2025 - Đẩy mạnh …")."""
        return [ref for ref, *_ in self.described_refs]

    @cached_property
    def docref_types(self) -> frozenset[str]:
        """Types of the documents the sentence references ("quyet dinh", "nghi quyet"…): the
        word before the number, else the type code of the symbol ("…/QĐ-UBND", "47-NQ/TU")."""
        return frozenset(fold(ref.doc_type) for ref in self.docrefs if ref.doc_type)

    @cached_property
    def described_refs(self) -> list[tuple[DocRef, int, int]]:
        """The references of the sentence (shared grammar), each with its own description."""
        return described_refs(self.text)

    def refs_of_type(self, doc_type: str | None) -> list[tuple[DocRef, int, int]]:
        """The described references of the type asked ("quyet dinh"; None or "van ban": any)."""
        return [(ref, a, b) for ref, a, b in self.described_refs
                if not doc_type or doc_type == "van ban" or fold(ref.doc_type or "") == doc_type]

    def cites_ref(self, number: str, doc_type: str | None) -> bool:
        """Does the sentence cite a document of ``doc_type`` numbered ``number``?"""
        return any(same_number(ref.number, number) for ref, *_ in self.refs_of_type(doc_type))

    def dated_in(self, year: str, doc_type: str | None) -> bool | None:
        """Does the sentence cite a document of ``doc_type`` of that year (by its ký hiệu
        "13/2024/NĐ-CP" or its date), only ones of other years (False), or none whose year
        it shows (None)?"""
        verdicts = [ref_year(ref) == year if ref_year(ref) else None for ref, *_ in self.refs_of_type(doc_type)]
        if any(v is True for v in verdicts):
            return True
        return False if verdicts and all(v is False for v in verdicts) else None

    def issued_by(self, asked: str, doc_type: str | None) -> bool | None:
        """Does the sentence cite a document of ``doc_type`` issued by ``asked`` (True), only
        ones issued by other bodies (False), or none whose issuer it shows (None)?"""
        verdicts = [issued_by(ref, asked) for ref, *_ in self.refs_of_type(doc_type)]
        if any(v is True for v in verdicts):
            return True
        return False if verdicts and all(v is False for v in verdicts) else None

    @cached_property
    def docref_spans(self) -> list[tuple[int, int]]:
        """Each cited document with the date written with it ("… 1597/QĐ-UBND ngày 08/5/2020"),
        as the one grammar of references reads them."""
        return [(ref.start, max(ref.end, ref.date.end) if ref.date is not None else ref.end)
                for ref in self.docrefs]

    @cached_property
    def _preamble(self) -> bool:
        return _PREAMBLE_RE.match(fold_aligned(strip_marker(self.text)).strip()) is not None

    @cached_property
    def deadlines(self) -> list[tuple[int, int]]:
        """Dates that can be a deadline or time frame: not a cited document's date, and not
        in a sentence that only lists what the plan is based on ("Căn cứ …")."""
        if self._preamble:
            return []
        cited = [(ref.date.start, ref.date.end) for ref in self.docrefs if ref.date is not None]
        return [d for d in self.dates if not any(a <= d[0] < b for a, b in cited)]

    def stated(self, ordinal: str | None = None) -> frozenset[str]:
        """The kinds of value this sentence states (see ``answer.gate.Candidate``)."""
        kinds = {"text"}
        if self.quantities:
            kinds |= {"number", "percent"}
        if self.percents:
            kinds.add("percent")
        if self.years:
            kinds.add("year")
        if self.dates:
            kinds.add("date")
        if self.deadlines:
            kinds.add("deadline")
        if self.ends:
            kinds.add("deadline:end")
        if self.dues:
            kinds.add("deadline:due")
        if self.event_days:
            kinds.add("date:event")
        if self.unit is not None:  # "Phòng X: …", or a duty under the unit's heading
            kinds.add("unit")
            if not self.only_names_unit:  # a bare name ("ỦY BAN NHÂN DÂN", a copy's
                kinds.add("unit:heading")  # recipient) gives it no role
        for role in {r for m in self.unit_mentions for r in m.roles}:
            # "Theo đề nghị của Sở Y tế", "Giao Sở X chủ trì"; the body that drew the plan
            # up answers only a question asking that ("đơn vị nào xây dựng kế hoạch").
            kinds |= {f"unit:{role}"} if role == ISSUER else {"unit", f"unit:{role}"}
        if states_theme(self.text):  # "Chủ đề thi đua: “…”", "với chủ đề “…”"
            kinds.add("theme")
        if self.docrefs:  # a law may be cited by name and date only
            kinds.add("docref")
            kinds |= {f"docref:{t}" for t in self.docref_types}
        if ordinal and self.ordinal(ordinal) is not None:
            kinds.add(f"ordinal:{ordinal}")
        return frozenset(kinds)

    def ordinal(self, head: str) -> str | None:
        """'cấp độ 2' for head "cap do": the level/session/rank the sentence states."""
        match = re.search(rf"\b{re.escape(head)}\s+(\d+|[ivx]+)\b", self.folded) if head else None
        return self.text[match.start():match.end()] if match else None

    def cites(self, number: str) -> bool:
        """Does the sentence cite plan number ``number`` ("252/KH-UBND", "Kế hoạch số 252")?"""
        return self.cites_ref(number, "ke hoach")

    @cached_property
    def unit(self) -> str | None:
        return unit_of(self.text, self.section)

    @cached_property
    def only_names_unit(self) -> bool:
        """Is the sentence just a body's name (a header line, a recipient "- Bộ Y tế (để b/c);")?"""
        body = strip_marker(self.text)
        return ":" not in body[:100] and _unit_match(body) and len(body) <= 100

    @cached_property
    def unit_mentions(self) -> list[UnitMention]:
        """Bodies the sentence names, each with the roles it gives them (grammar.units)."""
        return find_units(self.text)

    def units_in_role(self, roles: Collection[str]) -> list[str]:
        """Names of the bodies the sentence gives one of ``roles``, in order, once each."""
        return list(dict.fromkeys(m.name for m in self.unit_mentions if m.roles & set(roles)))


def unit_of(sentence: str, section: str) -> str | None:
    """The unit a sentence assigns work to: "Phòng X: làm Y", or the heading it is under."""
    body = strip_marker(sentence)
    head, colon, _ = body.partition(":")
    if colon and len(head) <= 100 and _unit_match(head):
        return _clean_unit(head)
    if _unit_match(body) and len(body) <= 100:
        return _clean_unit(body)
    for label in reversed(section.split(SECTION_SEP)):
        text = strip_marker(label.strip())
        if _unit_match(text):
            return _clean_unit(text)
    return None


def _clean_unit(text: str) -> str:
    text = re.sub(r"^(?:[Gg]iao|[Đđ]ề nghị|[Đđ]ối với)\s+", "", text.strip())
    text = text.rstrip(" .:;,")
    return text[:1].upper() + text[1:]


def candidate_sentences(hits: list[Hit], plan_text_of: dict[str, str]) -> list[Sentence]:
    """Sentences of each hit's chunk, each with its own paragraph's section path."""
    result: list[Sentence] = []
    for rank, hit in enumerate(hits):
        text = plan_text_of[hit.chunk.doc_id]
        for segment in hit.chunk.segments:
            paragraph = text[segment.start:segment.end]
            for a, b in sentence_spans(paragraph):
                result.append(Sentence(paragraph[a:b], segment.start + a, segment.start + b,
                                       segment.section, hit, rank))
    return result
