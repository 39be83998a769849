"""Issue 14 leftovers: an app upload can be cancelled, a batch is all or nothing, finished
job folders are cleaned up.

The worker is the real one (``python -m kehoach.ui.upload_worker``, a subprocess as the
app starts it) on a private copy of the bundled plans and index, with the real model; the
plan to cancel is the long-sentence bomb (~340 chunks: well over a minute of embedding
here, with the plan limits raised for it), so the cancel lands in the embedding stage.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kehoach.answer.assistant import Assistant
from kehoach.core.settings import Settings
from kehoach.index.store import CURRENT_FILE, load_index
from kehoach.ingest.library import HISTORY_DIR
from kehoach.ui import uploads_job
from kehoach.ui.resources import Shared
from kehoach.ui.upload_worker import (JOURNAL_FILE, JobState, new_job, prune_jobs, read_job,
                                      request_cancel, worker_env, write_job)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from hostile_files import txt_long_sentence  # noqa: E402

from test_app import UPLOAD_PLAN  # noqa: E402
from conftest import index_snapshot

_START_S = 300.0  # the worker loads the model, reads and chunks before embedding
_STOP_S = 60.0  # one embedding batch at most, on a loaded 2-core machine
EMBEDDING = "Nhúng đoạn văn"




def _entries(settings: Settings) -> list[str]:
    """Every name in the two folders, directories too (an empty .history counts)."""
    return sorted(str(p) for folder in (settings.plans_dir, settings.index_dir)
                  for p in folder.rglob("*") if p.name != ".lock")


def _worker(settings: Settings, folder: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kehoach.ui.upload_worker", str(folder)],
                            env=worker_env(settings), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)


def _wait_for(folder: Path, ready, limit_s: float) -> JobState:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + limit_s
    while True:
        job = read_job(folder)
        if job is not None and ready(job):
            return job
        assert time.monotonic() < deadline, f"job stuck: {job}"
        time.sleep(0.2)


def _cancel_while_embedding(settings: Settings, files: list[tuple[str, bytes]],
                            replace: bool = False) -> tuple[JobState, float, list[str]]:
    """Start the worker, cancel once it embeds; the job, seconds to stop, and the plans
    folder's names at the cancel (the upload was copied in by then)."""
    folder = new_job(settings, files, replace)
    worker = _worker(settings, folder)
    try:
        job = _wait_for(folder, lambda j: j.stage == EMBEDDING and j.done > 0 or not j.running,
                        _START_S)
        assert job.running, f"the job ended before the cancel: {job}"
        copied = sorted(p.name for p in settings.plans_dir.iterdir())
        asked = time.monotonic()
        request_cancel(folder)
        worker.wait(timeout=_STOP_S)
        stopped = time.monotonic() - asked
        print(f"cancelled at {job.stage} {job.done}/{job.total}: the worker exited "
              f"{stopped:.1f} s later")
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    output = worker.stdout.read().decode() if worker.stdout else ""
    assert "Traceback" not in output, output
    return read_job(folder), stopped, copied


@pytest.fixture()
def roomy(index_copy: Settings) -> Settings:
    """The private copy with the plan limits raised, so the long plan is embedded at length."""
    return index_copy.with_overrides(max_plan_chars=1_000_000, max_plan_chunks=5_000)


def test_cancel_during_embedding_leaves_index_and_plans_as_they_were(roomy: Settings,
                                                                     tmp_path: Path) -> None:
    bomb = txt_long_sentence(tmp_path / "long.txt").read_bytes()
    generation = (roomy.index_dir / CURRENT_FILE).read_text(encoding="utf-8")
    before, names = index_snapshot(roomy), _entries(roomy)
    job, stopped, copied = _cancel_while_embedding(roomy, [("Kế hoạch dài.txt", bomb)])
    assert "Ke-hoach-dai.txt" in copied  # so the cancel had a copy to take back
    assert job.state == "cancelled" and not job.running
    assert job.message.startswith("Đã hủy tải lên Kế hoạch dài.txt")
    assert stopped < _STOP_S
    assert (roomy.index_dir / CURRENT_FILE).read_text(encoding="utf-8") == generation
    assert index_snapshot(roomy) == before and _entries(roomy) == names  # no copy, no generation
    assert len(load_index(roomy.index_dir).plans) == 5


def test_cancelled_replacement_puts_the_old_plan_back(roomy: Settings, tmp_path: Path) -> None:
    """A replacement cancelled after the new file was copied: the old one is back in place
    and no history folder is left."""
    old = sorted(roomy.plans_dir.glob("*.txt"))[0]
    bomb = txt_long_sentence(tmp_path / "long.txt").read_bytes()
    before, names = index_snapshot(roomy), _entries(roomy)
    job, _, copied = _cancel_while_embedding(roomy, [(old.name, bomb)], replace=True)
    assert HISTORY_DIR in copied  # the old file had been moved into the history
    assert job.state == "cancelled"
    assert index_snapshot(roomy) == before and _entries(roomy) == names
    assert not (roomy.plans_dir / HISTORY_DIR).exists()


def test_a_killed_worker_leaves_the_plans_folder_as_it_was(roomy: Settings, embeddings,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path) -> None:
    """SIGKILL (out of memory, the laptop's power) mid-embedding of a replacement: no
    cancel, no ``finally``. The page finds the dead worker, marks the job failed and puts
    the plans folder back from the job's journal: the old plan in place, no copy of the new
    one, no history folder; the index untouched."""
    old = sorted(roomy.plans_dir.glob("*.txt"))[0]
    bomb = txt_long_sentence(tmp_path / "long.txt").read_bytes()
    before, names = index_snapshot(roomy), _entries(roomy)
    folder = new_job(roomy, [(old.name, bomb)], replace=True)
    worker = _worker(roomy, folder)
    try:
        job = _wait_for(folder, lambda j: j.stage == EMBEDDING and j.done > 0 or not j.running,
                        _START_S)
        assert job.running, f"the job ended before the kill: {job}"
        assert HISTORY_DIR in {p.name for p in roomy.plans_dir.iterdir()}  # it had stored the file
    finally:
        worker.kill()
        worker.wait()
    shared = Shared(Assistant(roomy, embeddings, load_index(roomy.index_dir)), threading.RLock(), 0.0)
    found = uploads_job.latest(shared)
    assert found is not None and found[1].state == "failed" and not found[1].running
    assert "dừng bất ngờ" in found[1].errors[-1][1]
    assert index_snapshot(roomy) == before and _entries(roomy) == names
    assert not (folder / JOURNAL_FILE).exists()


def test_cancel_before_the_worker_reads_anything(index_copy: Settings) -> None:
    before = index_snapshot(index_copy)
    folder = new_job(index_copy, [("Kế hoạch 77.txt", UPLOAD_PLAN.read_bytes())])
    request_cancel(folder)
    worker = _worker(index_copy, folder)
    assert worker.wait(timeout=120) == 1
    job = read_job(folder)
    assert job.state == "cancelled" and job.message.startswith("Đã hủy tải lên Kế hoạch 77.txt")
    assert index_snapshot(index_copy) == before
    assert not list((folder / "files").iterdir())


def test_a_batch_with_one_bad_file_adds_nothing(index_copy: Settings) -> None:
    before = index_snapshot(index_copy)
    folder = new_job(index_copy, [("Kế hoạch 77 Hồng Bàng.txt", UPLOAD_PLAN.read_bytes()),
                                  ("rong.txt", b"")])
    done = subprocess.run([sys.executable, "-m", "kehoach.ui.upload_worker", str(folder)],
                          env=worker_env(index_copy), capture_output=True, timeout=600)
    assert done.returncode == 1, done.stderr.decode()
    job = read_job(folder)
    assert job.state == "failed" and not job.added
    assert job.errors == [["rong.txt", "Tệp 'rong.txt' rỗng."]]
    assert "Không nạp tệp nào trong lượt này (1/2 tệp lỗi)" in job.message
    assert index_snapshot(index_copy) == before


def test_finished_job_folders_are_pruned(index_copy: Settings) -> None:
    settings = index_copy.with_overrides(upload_job_keep_hours=1)
    now = time.time()
    states = [(3, "done", True), (3, "failed", False), (0.1, "done", True), (3, "running", False),
              (0.1, "done", False)]
    folders = []
    for _ in states:  # all made first: each new_job prunes, and these are fresh and queued
        folders.append(new_job(settings, [("a.txt", b"x")]))
        time.sleep(1.1)  # job ids are per second: keep them in order
    for folder, (age_h, state, shown) in zip(folders, states):
        job = read_job(folder)
        job.state, job.shown = state, shown
        job.created = now - age_h * 3600
        job.finished = None if state == "running" else job.created
        job.pid = 2 ** 22 + 7 if state == "running" else None  # no such process
        write_job(folder, job)
    removed = prune_jobs(settings, now=now)
    # Old finished ones go, and the dead 'running' one; a recent shown one goes because a
    # newer job exists; the newest (not shown yet) stays.
    assert sorted(removed) == sorted(folders[:4])
    assert [p for p in folders if p.exists()] == [folders[4]]
