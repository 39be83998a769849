"""Add uploaded plans to the library; remove a plan. No Streamlit here.

OCR and re-indexing run at lower priority (``ingest_niceness``, ``ingest_threads``) in the
thread doing them,
so another user's question in the same app is not starved by a long upload.

A batch is all or nothing, like ``kehoach ingest a b``: every upload is checked
completely (size, type, readable, has text, limits) before anything is written, and one
bad file means none is written, so the plans folder and the index stay exactly as they
were. The background worker (``upload_worker``) then syncs the index once. A file named
like a loaded plan (same folded name) is refused with ``PlanExistsError`` unless the
person answered "Thay thế" to the page's question (``clashes`` finds those names before
the upload starts); the refused names are in ``UploadOutcome.exists``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kehoach.answer.assistant import Assistant
from kehoach.index.builder import IngestReport, Progress
from kehoach.ingest.library import (PreparedPlan, StoreJournal, name_key, plan_files, prepare_plan,
                                    remove_plan, safe_file_name, store_plans)
from kehoach.core.errors import InputError, PlanExistsError
from kehoach.core.settings import Settings
from kehoach.core.threads import background_work
from kehoach.ingest.limits import Limits

__all__ = ["UploadOutcome", "store_uploads", "clashes", "delete_plan"]



@dataclass
class UploadOutcome:
    """What an upload did: plans added (doc ids), files refused with the reason."""

    added: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    exists: list[str] = field(default_factory=list)  # refused: a plan of that name is loaded
    journal: StoreJournal = field(default_factory=list)  # what was written, for undo_store


def clashes(settings: Settings, files: Sequence[tuple[str, bytes]]) -> list[tuple[str, str]]:
    """``(upload name, doc id)`` of each upload that would replace a plan of the plans folder
    (same folded name, other bytes): the page asks before starting such an upload.

    Cheap (names and one file compare, no reading); a name that is not a plan file (wrong
    type) is left for the upload's own check to refuse with its message.
    """
    existing = {name_key(p.stem): p for p in plan_files(settings.plans_dir)}
    found = []
    for name, data in files:
        try:
            file_name = safe_file_name(name)
        except InputError:
            continue
        old = existing.get(name_key(Path(file_name).stem))
        if old is None or (old.name == file_name and old.read_bytes() == data):
            continue
        found.append((name, old.stem))
    return found


def store_uploads(settings: Settings, files: Sequence[tuple[str, bytes]],
                  progress: Progress | None = None, replace: bool = False,
                  journal: StoreJournal | None = None) -> UploadOutcome:
    """Check every ``(file name, bytes)``, then store them all in the plans folder, or none
    if one fails (the index is not touched).

    ``replace``: a file named like a loaded plan replaces it (the old file is kept in
    the plans folder's ``.history``); otherwise it is refused and listed in ``exists``.
    ``progress("check", i, n)`` before each file and ``("ocr", page, pages)`` for a scan;
    it may raise to stop the upload (a cancel), and then nothing is written.
    ``journal``: where the steps are recorded (a ``FileJournal`` survives the process).
    """
    outcome = UploadOutcome() if journal is None else UploadOutcome(journal=journal)
    prepared: list[PreparedPlan] = []
    limits = Limits.of(settings)
    for number, (name, data) in enumerate(files):
        if progress:
            progress("check", number, len(files))
        try:
            prepared.append(prepare_plan(
                data, name, settings.plans_dir, settings.max_upload_bytes,
                settings.chunk_max_chars, replace,
                # a scan is OCR'd here: show its pages
                (lambda done, total: progress("ocr", done, total)) if progress else None,
                limits))
        except PlanExistsError as exc:
            outcome.errors.append((name, str(exc)))
            outcome.exists.append(name)
        except InputError as exc:
            outcome.errors.append((name, str(exc)))
    if outcome.errors:
        return outcome
    if progress:
        progress("check", len(files), len(files))
    try:
        store_plans(prepared, settings.plans_dir, outcome.journal)
    except PlanExistsError as exc:  # two files of one batch with the same folded name
        outcome.errors.append((exc.existing, str(exc)))
        return outcome
    except InputError as exc:  # disk full: nothing was written
        outcome.errors.append(("", str(exc)))
        return outcome
    outcome.added = [Path(item.file_name).stem for item in prepared]
    return outcome


def delete_plan(assistant: Assistant, doc_id: str,
                progress: Progress | None = None) -> IngestReport:
    """Remove a plan file and drop its chunks from the index."""
    remove_plan(doc_id, assistant.settings.plans_dir)
    with background_work(assistant.settings.ingest_niceness, assistant.settings.ingest_threads):
        return assistant.ingest(progress=progress)
