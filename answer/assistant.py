"""The one object the faces use: load the index and model once, answer questions.

The CLI and the Streamlit app both call ``Assistant``; nothing else below the faces
knows about either.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from typing import Any

from kehoach.index.builder import IngestReport, Progress, check_compatible, ingest, needs_rebuild
from kehoach.index.embeddings import PlanEmbeddings, make_embeddings
from kehoach.index.retriever import HybridRetriever
from kehoach.index.store import PlanIndex, index_exists, load_index
from kehoach.ingest.limits import Limits, check_question
from kehoach.answer.extractive import ExtractiveAnswerer
from kehoach.answer.filters import FILTER_NOTE_KEY, resolve_filters
from kehoach.answer.generative import GenerativeAnswerer
from kehoach.answer.llm_backends import llm_configured
from kehoach.answer.query import analyse
from kehoach.core.errors import ConfigError
from kehoach.core.records import Answer
from kehoach.core.settings import Settings
from kehoach.core.threads import background_work

__all__ = ["Assistant", "MODES"]

MODES = ("extractive", "generate")


class Assistant:
    """Answers questions over the plans in one index folder."""

    def __init__(self, settings: Settings, embeddings: PlanEmbeddings, index: PlanIndex,
                 chat_model: Any | None = None) -> None:
        """``chat_model``: a LangChain chat model for generate mode (default: the configured one)."""
        check_compatible(index.manifest, embeddings)
        self.settings = settings
        self.embeddings = embeddings
        self.index = index
        self.retriever = HybridRetriever(index, embeddings, settings)
        self.extractive = ExtractiveAnswerer(self.retriever, settings)
        self._chat_model = chat_model
        self._generative: GenerativeAnswerer | None = None

    @classmethod
    def open(cls, settings: Settings | None = None, build_if_missing: bool = True,
             progress: Progress | None = None) -> "Assistant":
        """Load the index (building it from the plans folder first if there is none, or if
        an older version of this program built it)."""
        settings = settings or Settings.load()
        embeddings = make_embeddings(settings)
        if build_if_missing and (not index_exists(settings.index_dir)
                                 or needs_rebuild(settings.index_dir)):
            with background_work(settings.ingest_niceness, settings.ingest_threads):
                ingest(settings, embeddings, progress=progress)
        return cls(settings, embeddings, load_index(settings.index_dir))

    def ask(self, question: str, locality: str | None = None, k: int | None = None,
            doc_ids: Collection[str] | None = None, mode: str | None = None,
            on_text: Callable[[str], None] | None = None) -> Answer:
        """Answer one question, cited; ``mode`` defaults to ``settings.answer_mode``.

        ``locality`` and ``doc_ids`` (plan ids) limit the plans the answer may come from.
        ``on_text`` receives the generated text piece by piece as the model writes it
        (generate mode only; unchecked until the returned answer's ``guard`` says so).
        A filter that excludes the place or plan the question names is ignored, and the
        answer's ``filter_note`` says so (``answer.filters``).
        """
        check_question(question, Limits.of(self.settings))  # before any work on it
        mode = mode or self.settings.answer_mode
        if mode not in MODES:
            raise ConfigError(f"Chế độ trả lời '{mode}' không hợp lệ (KEHOACH_ANSWER_MODE): dùng "
                              f"{' hoặc '.join(MODES)}.")
        filters = resolve_filters(analyse(question, self.extractive.loaded), self.index,
                                  locality, doc_ids)
        locality, doc_ids = filters.locality, filters.doc_ids
        if mode == "generate":
            answer = self.generative.answer(question, locality=locality, k=k, doc_ids=doc_ids,
                                            on_text=on_text)
        else:
            answer = self.extractive.answer(question, locality=locality, k=k, doc_ids=doc_ids)
        if filters.note:
            answer.extra[FILTER_NOTE_KEY] = filters.note
        return answer

    def stream_generate(self, question: str, locality: str | None = None, k: int | None = None,
                        doc_ids: Collection[str] | None = None) -> Iterator[str | Answer]:
        """Generate mode, streamed: text pieces as the model writes them (not yet checked),
        then the guarded ``Answer`` (which may be the extractive one; see ``guard``)."""
        check_question(question, Limits.of(self.settings))
        return self.generative.stream(question, locality=locality, k=k, doc_ids=doc_ids)

    @property
    def generation_available(self) -> bool:
        """Is a chat model configured, so a face may offer generate mode?"""
        return self._chat_model is not None or llm_configured(self.settings)

    @property
    def generative(self) -> GenerativeAnswerer:
        """The generative answerer, built on first use (it connects to or loads a model)."""
        if self._generative is None:
            self._generative = GenerativeAnswerer(self.extractive, self.settings,
                                                  chat_model=self._chat_model)
            self._chat_model = self._generative.chat_model  # kept across reload()
        return self._generative

    def ingest(self, rebuild: bool = False, progress: Progress | None = None) -> IngestReport:
        """Sync the index with the plans folder and reload it."""
        report = ingest(self.settings, self.embeddings, rebuild=rebuild, progress=progress)
        if report.written:
            self.reload()
        return report

    def reload(self) -> None:
        """Pick up an index another process (or ``ingest``) wrote."""
        self.__init__(self.settings, self.embeddings, load_index(self.settings.index_dir),  # type: ignore[misc]
                      chat_model=self._chat_model)

    @property
    def localities(self) -> list[str]:
        return self.retriever.localities
