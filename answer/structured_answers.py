"""Exact answers from the extracted target records (extract/), still citing the passage.

Used only when the records settle the question: a target question, one locality or plan
in scope, the question naming one indicator of the vocabulary, and exactly one quantified
record of that indicator in scope. Anything less certain falls back to sentence search.
"""

from __future__ import annotations

from collections.abc import Collection

from answer.citations import chunk_at, cite
from answer.compose import plan_ref
from answer.query import QueryAnalysis
from extract.indicators import indicator_key
from extract.records import ANNUAL, Target
from extract.views import views_of_index
from kehoach.records import Citation

__all__ = ["target_answer"]

_QUOTE_CHARS = 320
_EXACT_SCORE = 1.0  # citation score of a record that matched exactly


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
    if analysis.kind != "target" or (len(scope) != 1 and not (doc_ids and len(doc_ids) == 1)):
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
    said = clause if len(clause) > len(target.value_text) + 1 else target.passage
    if len(said) > _QUOTE_CHARS:
        said = said[:_QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
    ref = plan_ref(plan.meta.locality, plan.meta.number)
    text = (f"Theo {ref}: {target.indicator}: {target.figure_text}{_year_phrase(target.year)}. "
            f"“{said}” [1]")
    citation = cite(1, chunk, plan, _EXACT_SCORE, (target.start, target.end), target.section)
    return text, True, [citation]
