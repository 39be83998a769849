"""Add uploaded plans to the library and the index; remove a plan. No Streamlit here.

Each upload is checked completely (size, type, readable, has text) before anything is
written, so a bad file leaves the plans folder and the index exactly as they were; the
good ones in the same batch are added. The index is then synced once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kehoach.answer.assistant import Assistant
from kehoach.index.builder import IngestReport, Progress
from kehoach.ingest.library import add_plan, remove_plan
from kehoach.ingest.limits import Limits
from kehoach.core.errors import InputError

__all__ = ["UploadOutcome", "add_uploads", "delete_plan", "max_upload_bytes"]

_BYTES_PER_MB = 1_000_000


@dataclass
class UploadOutcome:
    """What an upload did: plans added (doc ids), files refused with the reason."""

    added: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    report: IngestReport | None = None


def max_upload_bytes(assistant: Assistant) -> int:
    return int(assistant.settings.max_upload_mb * _BYTES_PER_MB)


def add_uploads(assistant: Assistant, files: Sequence[tuple[str, bytes]],
                progress: Progress | None = None) -> UploadOutcome:
    """Store each valid ``(file name, bytes)`` in the plans folder, then re-index once."""
    settings = assistant.settings
    outcome = UploadOutcome()
    for name, data in files:
        try:
            path, _ = add_plan(data, name, settings.plans_dir, max_upload_bytes(assistant),
                               settings.chunk_max_chars,  # a scan is OCR'd here: show its pages
                               (lambda done, total: progress("ocr", done, total)) if progress else None,
                               Limits.of(settings))
        except InputError as exc:
            outcome.errors.append((name, str(exc)))
            continue
        outcome.added.append(path.stem)
    if outcome.added:
        outcome.report = assistant.ingest(progress=progress)
        outcome.errors.extend(outcome.report.failed)
    return outcome


def delete_plan(assistant: Assistant, doc_id: str,
                progress: Progress | None = None) -> IngestReport:
    """Remove a plan file and drop its chunks from the index."""
    remove_plan(doc_id, assistant.settings.plans_dir)
    return assistant.ingest(progress=progress)
