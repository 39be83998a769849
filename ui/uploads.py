"""Add uploaded plans to the library; remove a plan. No Streamlit here.

OCR and re-indexing run at lower priority (``ingest_niceness``, ``ingest_threads``) in the
thread doing them,
so another user's question in the same app is not starved by a long upload.

Each upload is checked completely (size, type, readable, has text) before anything is
written, so a bad file leaves the plans folder and the index exactly as they were; the
good ones in the same batch are added. The background worker (``upload_worker``) then
syncs the index once. A file named like a loaded plan (same folded name) is refused with
``PlanExistsError`` unless the person ticked "replace"; the refused names are in
``UploadOutcome.exists`` so the page can offer it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kehoach.answer.assistant import Assistant
from kehoach.index.builder import IngestReport, Progress
from kehoach.ingest.library import add_plan, remove_plan
from kehoach.core.errors import InputError, PlanExistsError
from kehoach.core.settings import Settings
from kehoach.core.threads import background_work
from kehoach.ingest.limits import Limits

__all__ = ["UploadOutcome", "store_uploads", "delete_plan", "max_upload_bytes"]

_BYTES_PER_MB = 1_000_000


@dataclass
class UploadOutcome:
    """What an upload did: plans added (doc ids), files refused with the reason."""

    added: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    exists: list[str] = field(default_factory=list)  # refused: a plan of that name is loaded


def max_upload_bytes(settings: Settings) -> int:
    return int(settings.max_upload_mb * _BYTES_PER_MB)


def store_uploads(settings: Settings, files: Sequence[tuple[str, bytes]],
                  progress: Progress | None = None, replace: bool = False) -> UploadOutcome:
    """Store each valid ``(file name, bytes)`` in the plans folder (the index is not touched).

    ``replace``: a file named like a loaded plan replaces it (the old file is kept in
    the plans folder's ``.history``); otherwise it is refused and listed in ``exists``.
    """
    outcome = UploadOutcome()
    for name, data in files:
        try:
            path, _ = add_plan(data, name, settings.plans_dir, max_upload_bytes(settings),
                               settings.chunk_max_chars,  # a scan is OCR'd here: show its pages
                               (lambda done, total: progress("ocr", done, total)) if progress else None,
                               replace=replace, limits=Limits.of(settings))
        except PlanExistsError as exc:
            outcome.errors.append((name, str(exc)))
            outcome.exists.append(name)
            continue
        except InputError as exc:
            outcome.errors.append((name, str(exc)))
            continue
        outcome.added.append(path.stem)
    return outcome


def delete_plan(assistant: Assistant, doc_id: str,
                progress: Progress | None = None) -> IngestReport:
    """Remove a plan file and drop its chunks from the index."""
    remove_plan(doc_id, assistant.settings.plans_dir)
    with background_work(assistant.settings.ingest_niceness, assistant.settings.ingest_threads):
        return assistant.ingest(progress=progress)
