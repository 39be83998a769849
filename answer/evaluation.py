"""Score answers against a question set (JSONL: question, answerable, docs, expect, kind).

- answer accuracy (answerable questions): found, at most 600 characters, and every
  ``expect`` group has one alternative in the answer, compared folded;
- abstention (unanswerable questions): found is false;
- citation hit (answerable): some cited plan is one of ``docs``;
- evidence hit (answerable): every group appears in a cited passage from ``docs``;
- wrong-plan answers: found, but citing no plan of ``docs`` (an answerable question
  answered from another plan), or found for an unanswerable question — the failures that
  can give one locality's figure for another's.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kehoach.core.errors import InputError
from kehoach.core.records import Answer
from kehoach.core.text import fold

__all__ = ["EvalItem", "EvalReport", "load_questions", "evaluate", "judge", "MAX_ANSWER_CHARS"]

MAX_ANSWER_CHARS = 600


@dataclass(frozen=True)
class EvalItem:
    id: str
    question: str
    answerable: bool
    docs: tuple[str, ...]
    expect: tuple[tuple[str, ...], ...]
    kind: str


@dataclass
class EvalReport:
    rows: list[dict[str, Any]] = field(default_factory=list)

    def _share(self, key: str, answerable: bool | None) -> float | None:
        rows = [r for r in self.rows if answerable is None or r["answerable"] == answerable]
        return sum(bool(r[key]) for r in rows) / len(rows) if rows else None

    def summary(self) -> dict[str, Any]:
        latencies = [r["ms"] for r in self.rows]
        kinds = sorted({r["kind"] for r in self.rows})
        return {
            "questions": len(self.rows),
            "answer_accuracy": self._share("correct", True),
            "abstention": self._share("correct", False),
            "citation_hit": self._share("citation_hit", True),
            "evidence_hit": self._share("evidence_hit", True),
            "overall": self._share("correct", None),
            "wrong_plan_answers": sum(bool(r["wrong_plan"]) for r in self.rows),
            "latency_ms_p50": statistics.median(latencies) if latencies else None,
            "latency_ms_p95": _percentile(latencies, 0.95),
            "by_kind": {
                k: {
                    "n": sum(r["kind"] == k for r in self.rows),
                    "correct": sum(bool(r["correct"]) for r in self.rows if r["kind"] == k),
                }
                for k in kinds
            },
        }


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def load_questions(path: Path) -> list[EvalItem]:
    """Read a question set; a bad line names its number and what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"Không tìm thấy tệp câu hỏi '{path}'.")
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            items.append(EvalItem(
                id=str(data.get("id", number)),
                question=str(data["question"]),
                answerable=bool(data.get("answerable", True)),
                docs=tuple(data.get("docs", [])),
                expect=tuple(tuple(group) for group in data.get("expect", [])),
                kind=str(data.get("kind", "")),
            ))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"Dòng {number} của '{path}' không hợp lệ: {exc}.") from None
    if not items:
        raise InputError(f"Tệp '{path}' không có câu hỏi nào.")
    return items


def judge(item: EvalItem, answer: Answer) -> dict[str, Any]:
    """One scored row: the answer and the four checks."""
    said = fold(answer.answer)
    groups_in_answer = all(any(fold(alt) in said for alt in group) for group in item.expect)
    if item.answerable:
        correct = answer.found and len(answer.answer) <= MAX_ANSWER_CHARS and groups_in_answer
    else:
        correct = not answer.found
    cited = [c for c in answer.citations if c.doc in item.docs]
    passages = fold(" ".join(c.text for c in cited))
    return {
        "id": item.id,
        "kind": item.kind,
        "question": item.question,
        "answerable": item.answerable,
        "answer": answer.answer,
        "found": answer.found,
        "correct": correct,
        "citation_hit": bool(cited) if item.answerable else None,
        "evidence_hit": (bool(cited) and all(any(fold(a) in passages for a in g) for g in item.expect))
        if item.answerable else None,
        "cited_docs": [c.doc for c in answer.citations],
        "wrong_plan": answer.found and (not cited if item.answerable else True),
        "ms": sum(answer.timings_ms.values()),
    }


def evaluate(items: Iterable[EvalItem], ask: Callable[[str], Answer],
             progress: Callable[[int], None] | None = None) -> EvalReport:
    report = EvalReport()
    for item in items:
        report.rows.append(judge(item, ask(item.question)))
        if progress:
            progress(1)
    return report
