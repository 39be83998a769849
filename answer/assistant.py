"""The one object the faces use: load the index and model once, answer questions.

The CLI and the Streamlit app both call ``Assistant``; nothing else below the faces
knows about either.
"""

from __future__ import annotations

from collections.abc import Collection

from index.builder import IngestReport, Progress, check_compatible, ingest
from index.embeddings import PlanEmbeddings, make_embeddings
from index.retriever import HybridRetriever
from index.store import PlanIndex, index_exists, load_index
from answer.extractive import ExtractiveAnswerer
from kehoach.records import Answer
from kehoach.settings import Settings

__all__ = ["Assistant"]


class Assistant:
    """Answers questions over the plans in one index folder."""

    def __init__(self, settings: Settings, embeddings: PlanEmbeddings, index: PlanIndex) -> None:
        check_compatible(index.manifest, embeddings)
        self.settings = settings
        self.embeddings = embeddings
        self.index = index
        self.retriever = HybridRetriever(index, embeddings, settings)
        self.extractive = ExtractiveAnswerer(self.retriever, settings)

    @classmethod
    def open(cls, settings: Settings | None = None, build_if_missing: bool = True,
             progress: Progress | None = None) -> "Assistant":
        """Load the index (building it from the plans folder first if there is none)."""
        settings = settings or Settings.load()
        embeddings = make_embeddings(settings)
        if build_if_missing and not index_exists(settings.index_dir):
            ingest(settings, embeddings, progress=progress)
        return cls(settings, embeddings, load_index(settings.index_dir))

    def ask(self, question: str, locality: str | None = None, k: int | None = None,
            doc_ids: Collection[str] | None = None) -> Answer:
        """Answer one question (extractive, grounded, cited).

        ``locality`` and ``doc_ids`` (plan ids) limit the plans the answer may come from.
        """
        return self.extractive.answer(question, locality=locality, k=k, doc_ids=doc_ids)

    def ingest(self, rebuild: bool = False, progress: Progress | None = None) -> IngestReport:
        """Sync the index with the plans folder and reload it."""
        report = ingest(self.settings, self.embeddings, rebuild=rebuild, progress=progress)
        if report.written:
            self.reload()
        return report

    def reload(self) -> None:
        """Pick up an index another process (or ``ingest``) wrote."""
        self.__init__(self.settings, self.embeddings, load_index(self.settings.index_dir))  # type: ignore[misc]

    @property
    def localities(self) -> list[str]:
        return self.retriever.localities
