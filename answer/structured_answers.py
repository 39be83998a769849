"""Exact answers from the extracted records (extract/), still citing the passage.

Used only when the records settle the question; anything less certain returns None and
the answerer falls back to sentence search:
- a target question, one locality or plan in scope, naming one indicator of the
  vocabulary, with exactly one quantified record of that indicator in scope;
- a question asking for the list of deadlines ("những mốc hạn nào") of one locality or
  plan: every dated deadline, in date order, with who reports to whom;
- a responsible-unit question, one locality or plan in scope, whose topic one task of
  "Tổ chức thực hiện" covers better than any other unit's task: the answer names the unit.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from kehoach.answer.citations import chunk_at, cite
from kehoach.answer.compose import plan_ref
from kehoach.answer.evidence import strip_marker
from kehoach.answer.query import QueryAnalysis
from kehoach.answer.scoring import TopicScorer
from kehoach.extract.indicators import indicator_key
from kehoach.extract.records import ANNUAL, Target
from kehoach.extract.views import views_of_index
from kehoach.core.records import Citation

__all__ = ["target_answer", "responsible_answer", "deadlines_answer"]

_QUOTE_CHARS = 320
_EXACT_SCORE = 1.0  # citation score of a record that matched exactly
# "Ai phát động ...?" asks for a unit even when the analyser files it as "general".
_WHO_RE = re.compile(r"(?:^|\s)ai\s")
# "Những mốc hạn nào", "các thời hạn": the question wants all deadlines, not one.
_LIST_OF_DEADLINES_RE = re.compile(r"\b(?:nhung|cac)\s+(?:moc\s+)?(?:han|thoi han|moc)\b")
_TASK_CHARS = 150


def _in_scope(scope: list[str], doc_ids: Collection[str] | None) -> bool:
    return len(scope) == 1 or bool(doc_ids and len(doc_ids) == 1)


def _year_phrase(year: str | None) -> str:
    if not year:
        return ""
    if year == ANNUAL:
        return " (hằng năm)"
    return f" (giai đoạn {year})" if "-" in year else f" (năm {year})"


def _unique(targets: list[Target], key: str) -> Target | None:
    found = [t for t in targets if t.indicator_key == key and t.value is not None]
    return found[0] if len(found) == 1 else None


def target_answer(analysis: QueryAnalysis, index, scope: list[str],
                  doc_ids: Collection[str] | None) -> tuple[str, bool, list[Citation]] | None:
    """The answer from a single matching target record, or None to search sentences."""
    if analysis.kind != "target" or not _in_scope(scope, doc_ids):
        return None
    key = indicator_key(analysis.folded)
    if key is None:
        return None
    targets = [t for t in views_of_index(index).targets
               if (not scope or t.locality in scope) and (doc_ids is None or t.doc in doc_ids)]
    target = _unique(targets, key)
    if target is None:
        return None
    chunk = chunk_at(index.chunks, target.doc, target.start)
    plan = index.plans.get(target.doc)
    if chunk is None or plan is None:
        return None
    clause = plan.text[target.start:target.end].strip()
    said = strip_marker(clause if len(clause) > len(target.value_text) + 1 else target.passage)
    said = said.strip().rstrip(" .;")
    if len(said) > _QUOTE_CHARS:
        said = said[:_QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
    ref = plan_ref(plan.meta.locality, plan.meta.number)
    # The figure first (named with the shared indicator name), then the plan's own words.
    text = (f"Chỉ tiêu {key}: {target.figure_text}{_year_phrase(target.year)}. "
            f"Theo {ref}: “{said}.” [1]")
    citation = cite(1, chunk, plan, _EXACT_SCORE, (target.start, target.end), target.section)
    return text, True, [citation]


def responsible_answer(analysis: QueryAnalysis, index, scorer: TopicScorer, scope: list[str],
                       doc_ids: Collection[str] | None, min_share: float, min_direct: float,
                       ) -> tuple[str, bool, list[Citation]] | None:
    """The unit whose task best covers the question's topic, or None when not clear-cut."""
    asks_who = analysis.kind == "responsible" or (
        analysis.kind == "general" and _WHO_RE.search(analysis.folded) is not None)
    if not asks_who or not _in_scope(scope, doc_ids):
        return None
    ranked = []
    for record in views_of_index(index).responsibilities:
        if (scope and record.locality not in scope) or (doc_ids is not None and record.doc not in doc_ids):
            continue
        for task in record.tasks:
            coverage = scorer.coverage(task)
            if coverage.share >= min_share and coverage.direct >= min_direct:
                ranked.append((coverage.share, record, task))
    if not ranked:
        return None
    ranked.sort(key=lambda row: -row[0])
    share, record, task = ranked[0]
    if any(other is not record and other.unit != record.unit and s >= share for s, other, _ in ranked[1:]):
        return None  # two units fit as well: let sentence search decide
    plan = index.plans.get(record.doc)
    start = plan.text.find(task, record.start) if plan else -1
    chunk = chunk_at(index.chunks, record.doc, start) if start >= 0 else None
    if chunk is None or plan is None:
        return None
    said = task if len(task) <= _QUOTE_CHARS else task[:_QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
    ref = plan_ref(plan.meta.locality, plan.meta.number)
    text = f"{record.unit} (theo {ref}): “{said}” [1]"
    citation = cite(1, chunk, plan, _EXACT_SCORE, (start, start + len(task)), record.section)
    return text, True, [citation]


def deadlines_answer(analysis: QueryAnalysis, index, scope: list[str],
                     doc_ids: Collection[str] | None) -> tuple[str, bool, list[Citation]] | None:
    """All dated deadlines of one locality or plan, when the question asks for the list."""
    if analysis.kind != "deadline" or not _in_scope(scope, doc_ids):
        return None
    if not _LIST_OF_DEADLINES_RE.search(analysis.folded):
        return None
    found = [d for d in views_of_index(index).deadlines_sorted()
             if (not scope or d.locality in scope) and (doc_ids is None or d.doc in doc_ids)]
    lines, citations = [], []
    for deadline in found:
        chunk = chunk_at(index.chunks, deadline.doc, deadline.start)
        plan = index.plans.get(deadline.doc)
        if chunk is None or plan is None:
            return None
        n = len(citations) + 1
        who = f"{deadline.reporter} → " if deadline.reporter else ""
        to = deadline.recipient or ""
        task = deadline.task if len(deadline.task) <= _TASK_CHARS else \
            deadline.task[:_TASK_CHARS].rsplit(" ", 1)[0] + "…"
        lines.append(f"- {deadline.date.day}/{deadline.date.month}/{deadline.date.year}: "
                     f"{who}{to}: {task} [{n}]")
        citations.append(cite(n, chunk, plan, _EXACT_SCORE, (deadline.start, deadline.end),
                              deadline.section))
    if not lines:
        return None
    ref = plan_ref(index.plans[found[0].doc].meta.locality)
    return f"Theo {ref}, có {len(lines)} hạn:\n" + "\n".join(lines), True, citations
