"""Typed candidates from each source: a retrieved sentence, an extracted record, a plan field.

Each adapter states what its span says (the kinds of value), how much of the question's
topic it covers, and — lazily — which localities it names, so that ``answer.gate`` can
hold every source to the same checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from kehoach.answer.evidence import Sentence
from kehoach.answer.gate import Candidate, Place
from kehoach.answer.scoring import Coverage, TopicScorer
from kehoach.core.records import PlanMeta
from kehoach.extract.records import Deadline, Responsibility, Target
from kehoach.grammar.dates import find_dates
from kehoach.grammar.localities import Locality, parse_locality, places_named, within
from kehoach.grammar.units import find_units

__all__ = ["PlaceReader", "title_subjects", "sentence_candidate", "target_candidate", "deadline_candidate",
           "task_candidate", "field_candidate", "plan_period"]

class PlaceReader:
    """Localities a span names, relative to the plan's own locality. ``subjects_of`` gives
    the keys of the lower units a plan is about (its title names them: a province's
    "đề án … trên địa bàn huyện Đam Rông"); a span naming one speaks of the plan's subject,
    not of another place."""

    def __init__(self, loaded: Iterable[Locality], owner_of: Callable[[str], str | None],
                 subjects_of: Callable[[str], frozenset[str]] | None = None) -> None:
        self.loaded = list(loaded)
        self.owner_of = owner_of
        self.subjects_of = subjects_of or (lambda doc: frozenset())

    def places(self, doc: str, text: str) -> tuple[Place, ...]:
        return _places(tuple(self.loaded), self.owner_of(doc), text, self.subjects_of(doc))

    def reader(self, doc: str, text: str) -> Callable[[], tuple[Place, ...]]:
        return lambda: self.places(doc, text)


@lru_cache(maxsize=4096)
def _places(loaded: tuple[Locality, ...], own_display: str | None, text: str,
            subjects: frozenset[str] = frozenset()) -> tuple[Place, ...]:
    own = parse_locality(own_display)
    return tuple(Place(locality.key, "subject" if locality.key in subjects else _below(own, locality, rel))
                 for locality, rel in places_named(text, own, loaded))


def title_subjects(title: str | None, own_display: str | None, loaded: Iterable[Locality]) -> frozenset[str]:
    """Keys of the units inside the plan's own locality that its title names ("Phê duyệt đề
    án … trên địa bàn huyện Đam Rông" of tỉnh Lâm Đồng): the plan is about them."""
    own = parse_locality(own_display)
    if own is None or not title:
        return frozenset()
    return frozenset(locality.key for locality, rel in places_named(title, own, loaded)
                     if rel == "other" and within(locality, own))


def _below(own: Locality | None, locality: Locality, rel: str) -> str:
    """"below" for a unit inside the plan's own locality ("UBND các huyện An Lão, Vĩnh Thạnh"
    in a province's plan): another locality for a figure, the plan's own bodies for a unit."""
    return "below" if rel == "other" and own is not None and within(locality, own) else rel


def sentence_candidate(sentence: Sentence, coverage: Coverage, ordinal: str | None,
                       places: PlaceReader, leans_on_heading: bool) -> Candidate:
    doc = sentence.hit.chunk.doc_id
    return Candidate(
        origin="sentence", doc=doc, start=sentence.start, end=sentence.end,
        section=sentence.section, text=sentence.text, stated=sentence.stated(ordinal),
        coverage=coverage, leans_on_heading=leans_on_heading, heading=sentence.is_heading,
        cites=sentence.cites, issued_by=sentence.issued_by, cites_ref=sentence.cites_ref,
        dated_in=sentence.dated_in,
        places=places.reader(doc, sentence.text), source=sentence)


def target_candidate(target: Target, clause: str, scorer: TopicScorer, title: str,
                     places: PlaceReader) -> Candidate:
    stated = {"text"}
    if target.value is not None or target.comparator == "không còn":
        stated |= {"number", "percent"}
    if target.year and target.year[:1].isdigit():
        stated.add("year")
    return Candidate(
        origin="record", doc=target.doc, start=target.start, end=target.end,
        section=target.section, text=clause, stated=frozenset(stated),
        coverage=scorer.coverage(clause, target.section, title),
        places=places.reader(target.doc, target.passage), source=target)


def deadline_candidate(deadline: Deadline, scorer: TopicScorer, title: str,
                       places: PlaceReader) -> Candidate:
    return Candidate(
        origin="record", doc=deadline.doc, start=deadline.start, end=deadline.end,
        section=deadline.section, text=deadline.task,
        stated=frozenset({"text", "date", "deadline", "deadline:end", "deadline:due"}),
        coverage=scorer.coverage(deadline.passage, deadline.section, title),
        leans_on_heading=True, places=places.reader(deadline.doc, deadline.passage),
        source=deadline)


def task_candidate(record: Responsibility, task: str, start: int, scorer: TopicScorer,
                   places: PlaceReader) -> Candidate:
    """A task of a unit's part of "Tổ chức thực hiện": the unit's own (its heading), and the
    roles the task gives the bodies it names ("Phối hợp với Công an xã …")."""
    roles = {f"unit:{r}" for m in find_units(task) for r in m.roles}
    return Candidate(
        origin="record", doc=record.doc, start=start, end=start + len(task),
        section=record.section, text=task, stated=frozenset({"text", "unit", "unit:heading"} | roles),
        coverage=scorer.coverage(task), places=places.reader(record.doc, task),
        source=record)


def field_candidate(meta: PlanMeta, field: str, coverage: Coverage) -> Candidate:
    """A plan field (number, date, signer…): its topic is the plan's title."""
    span = meta.evidence.get(_EVIDENCE_KEY.get(field, field), (0, 0))
    return Candidate(
        origin="field", doc=meta.doc_id, start=span[0], end=span[1], section="",
        text=_field_value(meta, field) or "", stated=frozenset({f"field:{field}"}),
        coverage=coverage, leans_on_heading=True, source=meta)


_EVIDENCE_KEY = {"parent": "parent_plan", "period": "title"}


def _field_value(meta: PlanMeta, field: str) -> str | None:
    return {"number": meta.number, "issue_date": meta.issue_date, "signer": meta.signer,
            "issuer": meta.issuer, "parent": meta.parent_plan,
            "period": plan_period(meta)}.get(field)


def plan_period(meta: PlanMeta) -> str | None:
    """The years a plan is for, as its title writes them: a range ("giai đoạn 2024 - 2030")
    before a single year ("năm 2025")."""
    mentions = find_dates(meta.title or "")
    for precision in ("range", "year"):
        for mention in mentions:
            if mention.precision == precision:
                return mention.text
    return None
