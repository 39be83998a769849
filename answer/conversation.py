"""Follow-up questions: remember which locality (and plan) the talk is about.

An officer asks "Chỉ tiêu BHYT của xã Nguyễn Lương Bằng?" and then "Còn hạn báo cáo thì
sao?": the second question names no locality, so it is answered for the same one. A
question that names a locality (or a plan number) starts a new context; a comparison
across localities ("Những xã nào...") clears it. Face-independent: the app and the CLI
can both hold one ``Conversation`` per user.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from kehoach.answer.assistant import Assistant
from kehoach.answer.query import analyse
from kehoach.grammar.localities import parse_locality
from kehoach.core.records import Answer

__all__ = ["Conversation", "Turn"]


@dataclass(frozen=True)
class Turn:
    """One exchange; ``carried_locality``/``carried_docs`` say what came from earlier turns."""

    question: str
    answer: Answer
    carried_locality: str | None = None
    carried_docs: tuple[str, ...] = ()

    @property
    def carried(self) -> bool:
        return bool(self.carried_locality or self.carried_docs)


class Conversation:
    """A sequence of questions to one ``Assistant`` that share context."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.turns: list[Turn] = []
        self.locality: str | None = None  # the locality the talk is about
        self.docs: tuple[str, ...] = ()  # the plans a plan number narrowed it to

    def reset(self) -> None:
        """Forget the history and the context (a new conversation)."""
        self.turns.clear()
        self.locality = None
        self.docs = ()

    def ask(self, question: str, locality: str | None = None,
            doc_ids: Collection[str] | None = None, **options: Any) -> Turn:
        """Answer ``question``; explicit filters win over the remembered context.

        ``options`` go to ``Assistant.ask`` as they are (``mode``, ``on_text``).
        """
        loaded = [loc for loc in map(parse_locality, self.assistant.localities) if loc]
        analysis = analyse(question, loaded)
        names_own = bool(analysis.mentions) or analysis.doc_number is not None
        follows = not names_own and analysis.kind != "compare"
        carried_locality = self.locality if follows and locality is None else None
        carried_docs = self.docs if follows and doc_ids is None else ()
        answer = self.assistant.ask(
            question,
            locality=locality or carried_locality,
            doc_ids=doc_ids if doc_ids is not None else (carried_docs or None),
            **options,
        )
        self._remember(answer, analysis.doc_number, locality is not None or doc_ids is not None)
        turn = Turn(question, answer, carried_locality, carried_docs)
        self.turns.append(turn)
        return turn

    def _remember(self, answer: Answer, doc_number: str | None, filtered: bool) -> None:
        """The context for the next question: this answer's locality and numbered plan."""
        if filtered:  # a filter chosen by hand is the face's to keep, not the talk's
            return
        known = answer.locality in self.assistant.localities
        if answer.locality != self.locality:
            self.docs = ()
        self.locality = answer.locality if known else None
        if doc_number is not None:
            plans = self.assistant.index.plans
            self.docs = tuple(sorted(
                d for d, p in plans.items()
                if p.meta.number == doc_number and (not known or p.meta.locality == answer.locality)
            ))
