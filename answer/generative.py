"""Generated answers: a LangChain chain writes from the numbered passages, the guard checks.

Order of work for one question:
1. the extractive answer (it is the fallback, and tells whether the plans answer at all);
2. the sources: the passages it cites, then the retrieved passages, in the same scope;
3. prompt | chat model | text, streamed piece by piece;
4. the grounding guard; an accepted answer cites the sources it names, a rejected one is
   replaced by the extractive answer, and ``guard.reasons`` says why.

If the model server stops answering (it crashed or was killed before or while writing, or
does not reply in time), the extractive answer is shown the same way, with
``guard.stopped`` set and a reason saying the model stopped: the officer still gets an
answer, and the text written so far is kept as the draft.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Collection, Iterator
from typing import Any

from langchain_core.output_parsers import StrOutputParser

from kehoach.answer.extractive import ExtractiveAnswerer
from kehoach.answer.guard import Verdict, check
from kehoach.answer.llm_backends import describe, llm_errors, make_chat_model
from kehoach.answer.prompt import chat_prompt, load_prompt, render_sources
from kehoach.answer.sources import Source, gather_sources
from kehoach.core.errors import LLMStoppedError
from kehoach.core.records import Answer
from kehoach.core.settings import Settings

__all__ = ["GenerativeAnswerer", "MODE"]

MODE = "generate"
_STOPPED_WRITING = "Mô hình ngôn ngữ dừng giữa chừng khi đang viết câu trả lời."
_STOPPED_BEFORE = "Mô hình ngôn ngữ dừng, không viết được câu trả lời."
_NO_SOURCES = ("Không có đoạn kế hoạch nào trong phạm vi câu hỏi để mô hình dùng; "
               "hiển thị câu trả lời trích xuất.")


class GenerativeAnswerer:
    """Answers with a chat model, guarded; built once per assistant."""

    def __init__(self, extractive: ExtractiveAnswerer, settings: Settings,
                 chat_model: Any | None = None) -> None:
        self.extractive = extractive
        self.settings = settings
        parts = load_prompt(settings.llm_prompt_file)
        self.instructions = parts.fixed_text
        self.prompt = chat_prompt(parts, settings.llm_system_role)
        self.chat_model = chat_model if chat_model is not None else make_chat_model(settings)
        self.chain = self.prompt | self.chat_model | StrOutputParser()

    def answer(self, question: str, locality: str | None = None, k: int | None = None,
               doc_ids: Collection[str] | None = None,
               on_text: Callable[[str], None] | None = None) -> Answer:
        """The guarded answer; ``on_text`` (if given) sees the pieces as they come."""
        result = None
        for item in self.stream(question, locality, k, doc_ids):
            if isinstance(item, Answer):
                result = item
            elif on_text is not None:
                on_text(item)
        assert result is not None  # stream always ends with an Answer
        return result

    def stream(self, question: str, locality: str | None = None, k: int | None = None,
               doc_ids: Collection[str] | None = None) -> Iterator[str | Answer]:
        """Text pieces as the model writes them (unchecked), then the guarded ``Answer``.

        ``locality`` and ``doc_ids`` limit the plans, as for the extractive answer.
        """
        started = time.perf_counter()
        fallback = self.extractive.answer(question, locality=locality, k=k, doc_ids=doc_ids)
        sources = gather_sources(self.extractive, fallback, question, locality,
                                 k or self.settings.top_k, doc_ids)
        timings = {"extractive": (time.perf_counter() - started) * 1000}
        if not sources:
            yield self._fallback(fallback, Verdict(False, (_NO_SOURCES,), (), False), None, timings)
            return
        inputs = {"sources": render_sources(sources), "question": fallback.question}
        pieces: list[str] = []
        generating = time.perf_counter()
        try:
            with llm_errors(self.settings):
                for piece in self.chain.stream(inputs):
                    if piece:
                        pieces.append(piece)
                        yield piece
        except LLMStoppedError as exc:
            timings["generate"] = (time.perf_counter() - generating) * 1000
            draft = "".join(pieces).strip()
            said = _STOPPED_WRITING if draft else _STOPPED_BEFORE
            yield self._fallback(fallback, Verdict(False, (f"{said} {exc}",), (), False),
                                 draft or None, timings, stopped=True)
            return
        timings["generate"] = (time.perf_counter() - generating) * 1000
        draft = "".join(pieces).strip()
        verdict = check(draft, {s.n: s.evidence for s in sources}, evidence_found=fallback.found,
                        instructions=self.instructions)
        if verdict.accepted:
            yield self._accepted(fallback, draft, verdict, sources, timings)
        else:
            yield self._fallback(fallback, verdict, draft, timings)

    def _extra(self, verdict: Verdict, draft: str | None,
               stopped: bool = False) -> dict[str, Any]:
        guard: dict[str, Any] = {"accepted": verdict.accepted, "reasons": list(verdict.reasons)}
        if stopped:
            guard["stopped"] = True
        if draft is not None:
            guard["draft"] = draft
        return {"guard": guard, "llm": describe(self.settings)}

    def _accepted(self, fallback: Answer, draft: str, verdict: Verdict,
                  sources: list[Source], timings: dict[str, float]) -> Answer:
        by_n = {s.n: s for s in sources}
        # "Not found" lists the extractive answer's closest passages, as the extractive one does.
        citations = (fallback.citations if verdict.abstained
                     else tuple(by_n[n].citation() for n in verdict.cited))
        return dataclasses.replace(
            fallback,
            answer=draft,
            found=not verdict.abstained,
            citations=citations,
            timings_ms=timings,
            mode=MODE,
            extra=self._extra(verdict, None),
        )

    def _fallback(self, fallback: Answer, verdict: Verdict, draft: str | None,
                  timings: dict[str, float], stopped: bool = False) -> Answer:
        return dataclasses.replace(fallback, timings_ms={**fallback.timings_ms, **timings},
                                   mode=MODE, extra=self._extra(verdict, draft, stopped))
