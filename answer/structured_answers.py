"""Answers from the records extracted at load time (extract/), each record a candidate that
the answer gate must admit like any sentence.

Used only when the records settle the question; anything less certain returns None and
the answerer goes on to sentence search:
- a target question with one plan or locality in scope, where exactly one admitted target
  record covers the question's topic best (the figure first, then the plan's own words);
- a question asking for the list of deadlines ("những mốc hạn nào") of one locality or
  plan: every admitted dated deadline, in date order, with who reports to whom;
- a responsible-unit question whose topic one admitted task of "Tổ chức thực hiện" covers
  better than any other unit's task: the answer names the unit.
"""

from __future__ import annotations

import re

from kehoach.answer.candidates import PlaceReader, deadline_candidate, target_candidate, task_candidate
from kehoach.answer.citations import chunk_at, cite
from kehoach.answer.compose import plan_ref
from kehoach.answer.evidence import strip_marker
from kehoach.answer.gate import AnswerGate
from kehoach.answer.scope import locality_groups
from kehoach.answer.scoring import TopicScorer
from kehoach.core.records import Citation
from kehoach.extract.records import ANNUAL, Target
from kehoach.extract.views import views_of_index
from kehoach.grammar.units import NAMED_ROLES, compatible_roles, find_units

__all__ = ["target_answer", "responsible_answer", "deadlines_answer"]

_QUOTE_CHARS = 320
_EXACT_SCORE = 1.0  # citation score of a record the gate admitted
# "Ai phát động ...?" asks for a unit even when the analyser files it as "general".
_WHO_RE = re.compile(r"(?:^|\s)ai\s")
# "Những mốc hạn nào", "các thời hạn": the question wants all deadlines, not one.
_LIST_OF_DEADLINES_RE = re.compile(r"\b(?:nhung|cac)\s+(?:moc\s+)?(?:han|thoi han|moc)\b")
_TASK_CHARS = 150
# A record answers only when it covers the topic clearly better than the next one.
_RECORD_MARGIN = 0.05
# Each item of a list of deadlines covers the topic at least this share of the best one.
_LIST_SHARE = 0.8

Result = tuple[str, bool, list[Citation]]


def _one_plan_or_locality(gate: AnswerGate, index) -> bool:
    """One plan, or plans of one known locality: a record answers for all of them. Plans of
    unknown locality may be of different places, so no one record speaks for them all."""
    return len(locality_groups(index, gate.scope.docs)) == 1


def _year_phrase(year: str | None) -> str:
    if not year:
        return ""
    if year == ANNUAL:
        return " (hằng năm)"
    return f" (giai đoạn {year})" if "-" in year else f" (năm {year})"


def _shorten(text: str, limit: int = _QUOTE_CHARS) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def target_answer(gate: AnswerGate, index, scorer: TopicScorer, places: PlaceReader) -> Result | None:
    """The answer from the one target record that fits best, or None to search sentences."""
    if (gate.analysis.kind != "target" or gate.analysis.several
            or not _one_plan_or_locality(gate, index)):
        return None  # several figures asked: sentence search lists them
    admitted: list[tuple[float, Target]] = []
    for target in views_of_index(index).targets:
        if target.doc not in gate.scope.docs or target.value is None:
            continue
        plan = index.plans[target.doc]
        clause = plan.text[target.start:target.end].strip()
        candidate = target_candidate(target, clause, scorer, plan.meta.title or "", places)
        if gate.admits(candidate):
            admitted.append((candidate.coverage.share, target))
    if not admitted:
        return None
    admitted.sort(key=lambda row: -row[0])
    share, target = admitted[0]
    if any(s >= share - _RECORD_MARGIN and (t.value, t.unit) != (target.value, target.unit)
           for s, t in admitted[1:]):
        return None  # two figures fit about as well: let sentence search decide
    chunk = chunk_at(index.chunks, target.doc, target.start)
    plan = index.plans[target.doc]
    if chunk is None:
        return None
    clause = plan.text[target.start:target.end].strip()
    said = strip_marker(clause if len(clause) > len(target.value_text) + 1 else target.passage)
    said = _shorten(said.strip().rstrip(" .;"))
    ref = plan_ref(plan.meta.locality, plan.meta.number)
    name = target.indicator_key or strip_marker(target.indicator)
    # The figure first (under the shared indicator name when there is one), then the plan's words.
    text = (f"Chỉ tiêu {name}: {target.figure_text}{_year_phrase(target.year)}. "
            f"Theo {ref}: “{said}.” [1]")
    citation = cite(1, chunk, plan, _EXACT_SCORE, (target.start, target.end), target.section)
    return text, True, [citation]


def responsible_answer(gate: AnswerGate, index, scorer: TopicScorer, places: PlaceReader) -> Result | None:
    """The unit whose task best covers the question's topic, or None when not clear-cut."""
    analysis = gate.analysis
    asks_who = analysis.kind == "responsible" or (
        analysis.kind == "general" and _WHO_RE.search(analysis.folded) is not None)
    if not asks_who or not _one_plan_or_locality(gate, index):
        return None
    ranked = []
    for record in views_of_index(index).responsibilities:
        if record.doc not in gate.scope.docs:
            continue
        plan = index.plans[record.doc]
        for task in record.tasks:
            start = plan.text.find(task, record.start)
            if start < 0:
                continue
            candidate = task_candidate(record, task, start, scorer, places)
            if gate.admits(candidate):
                ranked.append((candidate.coverage.share, record, task, start))
    if not ranked:
        return None
    ranked.sort(key=lambda row: -row[0])
    share, record, task, start = ranked[0]
    if any(other.unit != record.unit and s >= share for s, other, _, _ in ranked[1:]):
        return None  # two units fit as well: let sentence search decide
    plan = index.plans[record.doc]
    chunk = chunk_at(index.chunks, record.doc, start)
    if chunk is None:
        return None
    ref = plan_ref(plan.meta.locality, plan.meta.number)
    unit = record.unit
    if analysis.unit_role in NAMED_ROLES:  # the partner, recipient … the task names
        roles = set(compatible_roles(analysis.unit_role))
        unit = ", ".join(dict.fromkeys(m.name for m in find_units(task) if m.roles & roles)) or unit
    text = f"{unit} (theo {ref}): “{_shorten(task)}” [1]"
    citation = cite(1, chunk, plan, _EXACT_SCORE, (start, start + len(task)), record.section)
    return text, True, [citation]


def deadlines_answer(gate: AnswerGate, index, scorer: TopicScorer, places: PlaceReader) -> Result | None:
    """All admitted dated deadlines of one locality or plan, when the question asks for the list."""
    analysis = gate.analysis
    if analysis.kind != "deadline" or not _one_plan_or_locality(gate, index):
        return None
    if not _LIST_OF_DEADLINES_RE.search(analysis.folded):
        return None
    candidates = [deadline_candidate(d, scorer, index.plans[d.doc].meta.title or "", places)
                  for d in views_of_index(index).deadlines_sorted() if d.doc in gate.scope.docs]
    if not candidates:
        return None
    # A list is about the kind of item: each deadline must cover the topic nearly as well
    # as the best one does, not as much as a single answer must.
    best = max(c.coverage.share for c in candidates)
    list_gate = AnswerGate(analysis, gate.scope, gate.settings,
                           min_share=min(gate.min_share, _LIST_SHARE * best), title_of=gate.title_of,
                           placed=gate.placed)
    lines, citations, found = [], [], []
    for candidate in candidates:
        deadline = candidate.source
        plan = index.plans[deadline.doc]
        if not list_gate.admits(candidate):
            continue
        chunk = chunk_at(index.chunks, deadline.doc, deadline.start)
        if chunk is None:
            return None
        found.append(deadline)
        n = len(citations) + 1
        who = f"{deadline.reporter} → " if deadline.reporter else ""
        to = deadline.recipient or ""
        lines.append(f"- {deadline.date.day}/{deadline.date.month}/{deadline.date.year}: "
                     f"{who}{to}: {_shorten(deadline.task, _TASK_CHARS)} [{n}]")
        citations.append(cite(n, chunk, plan, _EXACT_SCORE, (deadline.start, deadline.end),
                              deadline.section))
    if not lines:
        return None
    ref = plan_ref(index.plans[found[0].doc].meta.locality)
    return f"Theo {ref}, có {len(lines)} hạn:\n" + "\n".join(lines), True, citations
