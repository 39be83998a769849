"""Issue 14: readers racing repeated ingests never fail (threads and processes).

Real index, real model, real files; the plans folder is tiny (one short plan that changes
before every other ingest) so an ingest takes a fraction of a second and CURRENT moves
often; a second, larger plan (embedded once) makes each load take a little while. Readers
load and verify the index in a loop the whole time, as the app's reload does.
Before the pins (issue 14) this setup failed about 7% of reads.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from kehoach.core.settings import Settings
from kehoach.index.builder import ingest
from kehoach.index.store import load_index

from conftest import PLANS_DIR

SWITCHES = 6           # ingests that change the plan (a new generation); each is followed by
                       # one with nothing to do
MIN_READS = 1000
THREADS = 3
PROCESSES = 2
TIME_CAP_S = 150       # on a busy machine reads are slower: go on switching until enough

_READER = r"""
import json, sys, time
from pathlib import Path
from kehoach.index.store import load_index
folder, stop = Path(sys.argv[1]), Path(sys.argv[2])
reads, failures, errors, seen = 0, 0, [], set()
print("ready", flush=True)
while not stop.exists():
    try:
        seen.add(load_index(folder).folder.name)
        reads += 1
    except BaseException as exc:
        failures += 1
        errors.append(f"{type(exc).__name__}: {exc}"[:200])
    time.sleep(0.003)  # leave the 2 shared cores some room for the ingest
print(json.dumps({"reads": reads, "failures": failures, "errors": errors[:5], "seen": sorted(seen)}))
"""


def _plan(n: int) -> str:
    return ("ỦY BAN NHÂN DÂN XÃ AN HƯNG\nKẾ HOẠCH\nTổ chức phong trào thi đua năm 2025\n"
            "I. MỤC ĐÍCH\n1. Phấn đấu tỷ lệ người dân tham gia bảo hiểm y tế đạt 95%.\n"
            f"2. Hoàn thành {n} lớp tập huấn trước ngày 30/6/2025.\n")


def test_readers_never_fail_while_ingests_switch_generations(tmp_path: Path, embeddings) -> None:
    plans, index = tmp_path / "plans", tmp_path / "index"
    plans.mkdir()
    plan = plans / "an-hung_ke-hoach.txt"
    plan.write_text(_plan(0), encoding="utf-8")
    shutil.copy(PLANS_DIR / "kien-an_ke-hoach-dot-thi-dua-2025.txt", plans)
    settings = Settings.load(plans_dir=plans, index_dir=index)
    ingest(settings, embeddings)
    stop = tmp_path / "stop"

    counts = {"reads": 0, "failures": 0}
    errors: list[str] = []
    seen: set[str] = set()
    guard = threading.Lock()

    def read_loop() -> None:
        while not stop.exists():
            try:
                name = load_index(index).folder.name
                with guard:
                    counts["reads"] += 1
                    seen.add(name)
            except BaseException as exc:  # any failure counts, tracebacks included
                with guard:
                    counts["failures"] += 1
                    errors.append(f"{type(exc).__name__}: {exc}"[:200])
            time.sleep(0.003)

    procs = [subprocess.Popen([sys.executable, "-c", _READER, str(index), str(stop)],
                              stdout=subprocess.PIPE, text=True) for _ in range(PROCESSES)]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    threads = [threading.Thread(target=read_loop) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    done = 0
    try:
        # Threads count live; processes report at the end (about their share of the reads).
        enough = MIN_READS * THREADS / (THREADS + PROCESSES)
        while ((done < SWITCHES or counts["reads"] < enough)
               and time.monotonic() - started < TIME_CAP_S):
            done += 1
            plan.write_text(_plan(done), encoding="utf-8")
            assert ingest(settings, embeddings).written
            assert not ingest(settings, embeddings).written  # nothing to do: only removes
    finally:
        stop.touch()
        for thread in threads:
            thread.join(timeout=60)
        results = [json.loads(proc.communicate(timeout=60)[0].splitlines()[-1]) for proc in procs]

    reads = counts["reads"] + sum(r["reads"] for r in results)
    failures = counts["failures"] + sum(r["failures"] for r in results)
    errors += [e for r in results for e in r["errors"]]
    generations = seen | {g for r in results for g in r["seen"]}
    print(f"\nrace: {done} switching + {done} idle ingests, {reads} reads ({counts['reads']} by {THREADS} threads, "
          f"{reads - counts['reads']} by {PROCESSES} processes), {failures} failures, "
          f"{len(generations)} generations seen, {time.monotonic() - started:.1f} s")
    assert failures == 0, errors[:5]
    assert reads >= MIN_READS
    assert len(generations) >= 4  # the readers really did race generation switches
    assert all(r["reads"] > 0 for r in results)  # and the processes took part

    ingest(settings, embeddings)  # nothing to do, and no reader left: only the live one stays
    assert len(list(index.glob("gen-*"))) == 1
