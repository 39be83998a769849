"""The page's side of background uploads: start the worker, show its progress, pick up
the new index when it is written.

The job's state is a file in the data folder (``upload_worker``), so it survives every
Streamlit rerun, a reload of the page, even a restart of the app. Questions asked
meanwhile are answered from the index already loaded; once the worker has switched the
index to a new generation, the next run of the page reloads it (once per process).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import streamlit as st

from kehoach.index.store import CURRENT_FILE
from kehoach.ui import upload_worker
from kehoach.ui.resources import Shared
from kehoach.ui.upload_worker import (JobState, cancel_requested, jobs_dir, process_alive, read_job,
                                      request_cancel, undo_killed_store, write_job)

__all__ = ["start", "latest", "busy", "refresh", "collect", "render_progress", "NOTICE_KEY",
           "CANCEL_LABEL"]

NOTICE_KEY = "library_notice"  # the sidebar shows (once) what this list holds
_POLL_S = 1.0
# A worker writes its pid first thing; a job still queued this long after it was written
# has no worker (it could not start), so it must not hold the uploader back forever.
_START_TIMEOUT_S = 120.0
CANCEL_LABEL = "Hủy tải lên"


def start(shared: Shared, files: list[tuple[str, bytes]], replace: bool = False) -> Path:
    """Queue ``files`` and start the worker in its own session (a rerun cannot stop it)."""
    settings = shared.assistant.settings
    folder = upload_worker.new_job(settings, files, replace)
    log = (folder / "worker.log").open("wb")
    subprocess.Popen([sys.executable, "-m", "kehoach.ui.upload_worker", str(folder)],
                     env=upload_worker.worker_env(settings), stdout=log, stderr=subprocess.STDOUT,
                     stdin=subprocess.DEVNULL, start_new_session=True)
    log.close()
    return folder


_alive = process_alive  # the page's name for it (tests import it from here)


def latest(shared: Shared) -> tuple[Path, JobState] | None:
    """The newest job (a worker that died is marked failed, with a message)."""
    root = jobs_dir(shared.assistant.settings)
    folders = sorted((p for p in root.iterdir() if p.is_dir()), reverse=True) if root.is_dir() else []
    for folder in folders:
        job = read_job(folder)
        if job is None:
            continue
        never_started = job.state == "queued" and time.time() - job.created > _START_TIMEOUT_S
        if (job.state == "running" and not _alive(job.pid)) or never_started:
            undo_killed_store(folder)  # the files it had copied are taken back
            job.state = "failed"
            job.errors.append(["", "Tiến trình nạp kế hoạch đã dừng bất ngờ; hãy tải tệp lên lại."])
            job.message = "Không nạp được kế hoạch nào."
            write_job(folder, job)
        return folder, job
    return None


def busy(shared: Shared) -> bool:
    """Is an upload job queued or running? One at a time: its progress and its cancel
    button are the only ones the page shows, so a second job would run out of reach."""
    found = latest(shared)
    return found is not None and found[1].running


def _loaded_generation(shared: Shared) -> str:
    return Path(shared.assistant.index.folder).name


def _current_generation(shared: Shared) -> str | None:
    try:
        return (Path(shared.assistant.settings.index_dir) / CURRENT_FILE).read_text(
            encoding="utf-8").strip()
    except OSError:
        return None


def refresh(shared: Shared) -> None:
    """Reload the shared assistant if another process (the worker) wrote a new index."""
    current = _current_generation(shared)
    if current and current != _loaded_generation(shared):
        with shared.lock:
            if _current_generation(shared) != _loaded_generation(shared):
                shared.assistant.reload()


def _publish(folder: Path, job: JobState) -> None:
    """The job's result, as sidebar notices (shown once, by the first page to see it)."""
    if job.state == "cancelled":
        notices = [("info", job.message)]
    else:
        notices = [("success", job.message)] if job.added else []
        notices += [("error", f"Không nạp {name}: {message}" if name else message)
                    for name, message in job.errors]
        if not job.added and (len(job.files) > 1 or not notices):
            notices.append(("warning", job.message))
    st.session_state[NOTICE_KEY] = notices
    job.shown = True
    write_job(folder, job)


def collect(shared: Shared) -> None:
    """A finished job not shown yet: its result becomes this page's notices."""
    found = latest(shared)
    if found is not None and not found[1].running and not found[1].shown:
        _publish(*found)


def _progress_view(shared: Shared) -> None:
    found = latest(shared)
    if found is None:
        return
    folder, job = found
    if job.running:
        share = job.done / job.total if job.total else 0.0
        names = ", ".join(job.files)
        st.progress(min(share, 1.0), text=f"Đang nạp {names} — {job.stage}: {job.done}/{job.total}")
        if cancel_requested(folder):
            st.caption("Đang hủy tải lên… (dừng ở bước an toàn kế tiếp)")
        elif st.button(CANCEL_LABEL, key=f"cancel-{job.id}",
                       help="Dừng việc nạp; thư mục kế hoạch và chỉ mục giữ nguyên như trước."):
            request_cancel(folder)
            st.caption("Đang hủy tải lên… (dừng ở bước an toàn kế tiếp)")
        st.caption("Bạn vẫn hỏi được trong lúc nạp (theo các kế hoạch đã có).")
    elif not job.shown:
        st.rerun(scope="app")  # the page picks up the new index and shows the result


@st.fragment(run_every=_POLL_S)
def _live_progress(shared: Shared) -> None:
    _progress_view(shared)


def render_progress(shared: Shared) -> None:
    """The running job's progress bar (refreshed every second while it runs)."""
    found = latest(shared)
    if found is not None and found[1].running:
        _live_progress(shared)
