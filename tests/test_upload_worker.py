"""The background upload worker (``python -m kehoach.ui.upload_worker``), run as the app
runs it: a real subprocess on a private copy of the plans and index."""

from __future__ import annotations

import subprocess
import sys

from kehoach.core.settings import Settings
from kehoach.index.store import load_index
from kehoach.ui.upload_worker import new_job, read_job, worker_env

from test_app import UPLOAD_PLAN


def test_worker_indexes_the_upload(index_copy: Settings) -> None:
    """(A batch with a bad file adds nothing: tests/test_upload_cancel.py.)"""
    settings = index_copy.with_overrides(ingest_niceness=7)
    folder = new_job(settings, [("Kế hoạch 77 Hồng Bàng.txt", UPLOAD_PLAN.read_bytes())])
    assert read_job(folder).state == "queued"
    done = subprocess.run([sys.executable, "-m", "kehoach.ui.upload_worker", str(folder)],
                          env=worker_env(settings), capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode()
    job = read_job(folder)
    assert job.state == "done" and not job.running
    assert job.nice is not None and job.nice >= 7  # lower priority than the page
    assert [a["locality"] for a in job.added] == ["phường Hồng Bàng"]
    assert job.added[0]["title"].startswith("Đẩy mạnh chuyển đổi số") or \
        "chuyển đổi số" in job.added[0]["title"]
    assert job.message.startswith("Đã nạp “") and "(phường Hồng Bàng)" in job.message
    assert job.errors == []
    assert not list((folder / "files").iterdir())  # the uploaded copies are not kept
    plans = load_index(settings.index_dir).plans
    assert job.added[0]["doc"] in plans and len(plans) == 6


def test_worker_env_carries_the_page_settings(index_copy: Settings) -> None:
    env = worker_env(index_copy.with_overrides(max_upload_mb=3))
    assert env["KEHOACH_INDEX_DIR"] == str(index_copy.index_dir)
    assert env["KEHOACH_MAX_UPLOAD_MB"] == "3.0"


def test_a_dead_worker_is_told_from_a_running_one() -> None:
    """The page marks a job failed when its worker died; an exited child that is not yet
    reaped (a zombie) still answers kill(pid, 0) and must count as dead."""
    import time

    from kehoach.ui.uploads_job import _alive

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1)"])
    assert _alive(child.pid)
    time.sleep(2.5)
    assert not _alive(child.pid)
    child.wait()
    assert not _alive(child.pid)
