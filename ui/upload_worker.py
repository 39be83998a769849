"""Index uploaded plans in a process of their own: ``python -m kehoach.ui.upload_worker JOB``.

A Streamlit rerun (an officer asking a question while an upload is indexed) stops the
page's script wherever it is; indexing inside the page was cancelled that way, leaving
the file in the plans folder unindexed. Here the files are checked, stored and indexed
by a separate process at lower CPU priority (``ingest_niceness``); the page only
reads the job file this process rewrites (atomically) with its progress and result,
and keeps answering from the previous index until the new one is written. No
Streamlit here.

A job is a folder ``<data folder>/upload-jobs/<id>/`` holding ``files/`` (the uploads,
written by the page) and ``job.json`` (``JobState``). The page asks the worker to stop by
creating ``cancel`` there ("Hủy tải lên"); the worker looks for it at every safe point
(before each file, each OCR'd page, each plan read, each embedding batch) and stops with
the plans folder and the index exactly as before: nothing is written to the index before
the last embedding batch, and files already copied to the plans folder are taken back
(``undo_store``). Folders of finished jobs are removed after ``upload_job_keep_hours``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kehoach.core.settings import Settings

__all__ = ["JobState", "jobs_dir", "read_job", "write_job", "new_job", "run_job", "main",
           "JOB_FILE", "FILES_DIR", "CANCEL_FILE", "worker_env", "request_cancel",
           "cancel_requested", "UploadCancelled", "prune_jobs", "process_alive", "JOURNAL_FILE",
           "undo_killed_store"]

JOB_FILE = "job.json"
FILES_DIR = "files"
CANCEL_FILE = "cancel"
# The plans-folder steps of the job's store, written before each is taken; removed once the
# index holds the plans. Left behind only by a worker that was killed: the page then puts
# the plans folder back from it (``undo_killed_store``).
JOURNAL_FILE = "store.journal"
_STAGE_LABELS = {"check": "Kiểm tra tệp", "read": "Đọc kế hoạch",
                 "ocr": "Nhận dạng chữ (OCR) trang", "embed": "Nhúng đoạn văn"}


@dataclass
class JobState:
    """What the page shows of one upload job; rewritten whole by the worker."""

    id: str
    files: list[str]
    replace: bool = False  # the person ticked "replace a plan of the same name"
    state: str = "queued"  # queued | running | done | failed | cancelled
    stage: str = "Đang chờ"
    done: int = 0
    total: int = 0
    added: list[dict[str, str]] = field(default_factory=list)  # doc, title, locality
    errors: list[list[str]] = field(default_factory=list)  # [file name, Vietnamese reason]
    message: str = ""
    created: float = field(default_factory=time.time)
    finished: float | None = None
    pid: int | None = None
    nice: int | None = None  # the worker's niceness, as it ran
    shown: bool = False  # a page has shown its result

    @property
    def running(self) -> bool:
        return self.state in ("queued", "running")


class UploadCancelled(Exception):
    """The person pressed "Hủy tải lên". Not a ``KehoachError`` on purpose: no reader or
    ingest step may take it for a bad file and carry on with the others."""


def request_cancel(folder: Path) -> None:
    """Ask the job's worker to stop at its next safe point."""
    (folder / CANCEL_FILE).touch()


def cancel_requested(folder: Path) -> bool:
    return (folder / CANCEL_FILE).exists()


def process_alive(pid: int | None) -> bool:
    """Is process ``pid`` running (an exited child not yet reaped counts as dead)?"""
    if not pid:
        return True  # not started yet: the worker writes its pid first thing
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # an exited child not yet reaped (a zombie) still answers kill(0)
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def jobs_dir(settings: Settings) -> Path:
    """The jobs live beside the index, in the data folder."""
    return Path(settings.index_dir).parent / "upload-jobs"


def read_job(folder: Path) -> JobState | None:
    try:
        data = json.loads((folder / JOB_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    names = {f.name for f in dataclasses.fields(JobState)}
    return JobState(**{k: v for k, v in data.items() if k in names})


def write_job(folder: Path, job: JobState) -> None:
    """Replace job.json atomically: a reader never sees half a file."""
    temporary = folder / f".{JOB_FILE}.{uuid.uuid4().hex[:8]}"
    temporary.write_text(json.dumps(dataclasses.asdict(job), ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, folder / JOB_FILE)


def prune_jobs(settings: Settings, now: float | None = None) -> list[Path]:
    """Remove job folders finished (or dead) more than ``upload_job_keep_hours`` ago, and
    folders of jobs already shown except the newest one; returns what was removed.

    The newest job stays so the page knows its result was shown; a running job stays
    whatever its age while its worker lives.
    """
    import shutil

    root = jobs_dir(settings)
    if not root.is_dir():
        return []
    now = time.time() if now is None else now
    keep_s = settings.upload_job_keep_hours * 3600
    folders = sorted((p for p in root.iterdir() if p.is_dir()), reverse=True)
    removed = []
    for number, folder in enumerate(folders):
        job = read_job(folder)
        if job is None:  # half-made (the page died writing it): by the folder's age
            old = now - folder.stat().st_mtime > keep_s
        elif job.running:
            old = now - job.created > keep_s and not process_alive(job.pid)
        else:
            old = now - (job.finished or job.created) > keep_s or (job.shown and number > 0)
        if old:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def new_job(settings: Settings, files: list[tuple[str, bytes]], replace: bool = False) -> Path:
    """Write the uploads and a queued job.json; return the job folder (old ones are pruned)."""
    prune_jobs(settings)
    job_id = time.strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
    folder = jobs_dir(settings) / job_id
    (folder / FILES_DIR).mkdir(parents=True)
    names = []
    for index, (name, data) in enumerate(files):
        # The original name is kept in the list; the stored copy is numbered (no clash).
        (folder / FILES_DIR / f"{index:03d}").write_bytes(data)
        names.append(name)
    write_job(folder, JobState(id=job_id, files=names, replace=replace))
    return folder


def _result_message(job: JobState) -> str:
    if job.state == "cancelled":
        return f"Đã hủy tải lên {', '.join(job.files)}; thư mục kế hoạch và chỉ mục giữ nguyên."
    if not job.added and job.errors and len(job.files) > 1:
        return (f"Không nạp tệp nào trong lượt này ({len(job.errors)}/{len(job.files)} tệp lỗi): "
                "một tệp lỗi thì cả lượt không được chép; các kế hoạch đã có giữ nguyên. "
                "Hãy bỏ hoặc sửa tệp lỗi rồi tải lên lại.")
    if not job.added:
        return "Không nạp được kế hoạch nào."
    named = "; ".join(f"“{a['title']}”" + (f" ({a['locality']})" if a.get("locality") else "")
                      for a in job.added)
    return f"Đã nạp {named}; có thể hỏi ngay."


def run_job(folder: Path, settings: Settings) -> JobState:
    """Check, store and index the job's files, all or none; the job file says how far it got."""
    from kehoach.core.errors import KehoachError
    from kehoach.index.builder import ingest
    from kehoach.index.embeddings import make_embeddings
    from kehoach.index.store import load_index
    from kehoach.ingest.library import FileJournal, undo_store
    from kehoach.ui.uploads import store_uploads

    job = read_job(folder)
    if job is None:
        raise SystemExit(f"Không đọc được {folder / JOB_FILE}.")
    job.state, job.pid, job.nice = "running", os.getpid(), os.nice(0)

    def checkpoint() -> None:
        if cancel_requested(folder):
            raise UploadCancelled

    def progress(stage: str, done: int, total: int) -> None:
        checkpoint()  # every progress report is a safe point to stop at
        job.stage, job.done, job.total = _STAGE_LABELS.get(stage, stage), done, total
        write_job(folder, job)

    try:
        progress("check", 0, len(job.files))
        files = [(name, (folder / FILES_DIR / f"{index:03d}").read_bytes())
                 for index, name in enumerate(job.files)]
        journal = FileJournal(folder / JOURNAL_FILE)
        stored = store_uploads(settings, files, progress, replace=job.replace, journal=journal)
        job.errors.extend([list(pair) for pair in stored.errors])
        if stored.added:
            try:
                embeddings = make_embeddings(settings)
                checkpoint()
                # The last safe point is the last embedding batch: the index is written after.
                report = ingest(settings, embeddings, progress=progress)
            except BaseException:
                undo_store(stored.journal)  # the plans folder as it was: nothing half-added
                raise
            journal.commit()  # indexed: a kill from here on leaves nothing to undo
            job.errors.extend([list(pair) for pair in report.failed])
            plans = load_index(settings.index_dir).plans
            for doc in stored.added:
                plan = plans.get(doc)
                if plan is not None:
                    job.added.append({"doc": doc, "title": plan.meta.title or doc,
                                      "locality": plan.meta.locality or ""})
        job.state = "done" if not stored.errors else "failed"
    except UploadCancelled:
        job.state = "cancelled"
    except KehoachError as exc:
        job.state = "failed"
        job.errors.append(["", str(exc)])
    except Exception as exc:  # noqa: BLE001 - the page must learn the job ended
        job.state = "failed"
        job.errors.append(["", f"Lỗi khi nạp kế hoạch: {exc}"])
        raise
    finally:
        job.message = _result_message(job)
        job.finished = time.time()
        write_job(folder, job)
        for leftover in (folder / FILES_DIR).glob("*"):
            leftover.unlink(missing_ok=True)
    return job


def undo_killed_store(folder: Path) -> bool:
    """Put the plans folder back as it was before a job whose worker was killed (SIGKILL,
    out of memory, power cut) while storing or indexing; True if there was anything to undo.

    The index is written only after the last step that can fail, and the journal is
    removed right after: a journal left behind means the index never took these files.
    """
    from kehoach.ingest.library import read_journal, undo_store

    path = folder / JOURNAL_FILE
    steps = read_journal(path)
    undo_store(steps)
    path.unlink(missing_ok=True)
    return bool(steps)


def worker_env(settings: Settings) -> dict[str, str]:
    """The environment that gives the worker the page's own settings."""
    defaults = Settings()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEHOACH_")}
    for f in dataclasses.fields(Settings):
        value: Any = getattr(settings, f.name)
        if value != getattr(defaults, f.name):
            env[f"KEHOACH_{f.name.upper()}"] = str(value)
    return env


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("Dùng: python -m kehoach.ui.upload_worker THƯ_MỤC_VIỆC", file=sys.stderr)
        return 2
    settings = Settings.load()
    try:
        os.nice(settings.ingest_niceness)
    except OSError:
        pass  # not allowed here: index at normal priority rather than not at all
    job = run_job(Path(args[0]), settings)
    return 0 if job.state == "done" else 1


if __name__ == "__main__":
    raise SystemExit(main())
