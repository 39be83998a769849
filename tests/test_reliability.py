"""Reliability with real parts: concurrent questions, an ingest killed mid-way, damaged
index files. Every failure must leave a loadable index and a clear, actionable message."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from kehoach.answer.assistant import Assistant
from kehoach.index.builder import ingest
from kehoach.index.embeddings import PlanEmbeddings
from kehoach.index.store import CURRENT_FILE, load_index
from kehoach.core.errors import IndexCorruptError
from kehoach.core.settings import Settings

from _dev import QUESTIONS, dev_questions
from conftest import PLAN_IDS

CONCURRENT_QUERIES = 20
# Generous: on a loaded 2-core machine re-embedding the five plans took ~6 minutes.
KILL_TIMEOUT_S = 1200
KEHOACH = Path(sys.executable).with_name("kehoach")


def _questions(count: int) -> list[str]:
    """Dev questions (or the built-in ones), cycled to ``count``."""
    pool = dev_questions()
    return [pool[i % len(pool)] for i in range(count)]


def _stable(answer: Any) -> dict[str, Any]:
    """An answer's JSON without its timings (the only part that may differ between runs)."""
    data = answer.to_json()
    data.pop("timings_ms", None)
    return data


def _env(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env["KEHOACH_PLANS_DIR"] = str(settings.plans_dir)
    env["KEHOACH_INDEX_DIR"] = str(settings.index_dir)
    return env


def _run(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(KEHOACH), *args], env=_env(settings), capture_output=True,
                          text=True, timeout=KILL_TIMEOUT_S)


# --------------------------------------------------------------------------- concurrency
def test_concurrent_queries_match_sequential(assistant: Assistant) -> None:
    questions = _questions(CONCURRENT_QUERIES)
    sequential = [_stable(assistant.ask(q)) for q in questions]
    start = threading.Barrier(CONCURRENT_QUERIES)

    def ask(question: str) -> dict[str, Any]:
        start.wait()  # all threads ask at the same moment
        return _stable(assistant.ask(question))

    with ThreadPoolExecutor(max_workers=CONCURRENT_QUERIES) as pool:
        concurrent = list(pool.map(ask, questions))
    for question, alone, together in zip(questions, sequential, concurrent):
        assert together == alone, question


# --------------------------------------------------------------------------- SIGKILL
def test_ingest_killed_while_embedding_leaves_previous_index(index_copy: Settings,
                                                              embeddings: PlanEmbeddings) -> None:
    before_pointer = (index_copy.index_dir / CURRENT_FILE).read_text()
    assistant = Assistant(index_copy, embeddings, load_index(index_copy.index_dir))
    questions = QUESTIONS[:4]
    before = [_stable(assistant.ask(q)) for q in questions]
    # New plans to embed (copies under new names): enough work that the kill lands mid-way.
    for n, source in enumerate(sorted(index_copy.plans_dir.glob("*.txt"))[:3]):
        shutil.copy(source, index_copy.plans_dir / f"them-{n}.txt")

    process = subprocess.Popen([str(KEHOACH), "ingest"], env=_env(index_copy),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = bytearray()
    deadline = time.monotonic() + KILL_TIMEOUT_S
    assert process.stderr is not None
    while "Nhúng".encode() not in seen and process.poll() is None and time.monotonic() < deadline:
        seen += os.read(process.stderr.fileno(), 256)  # tqdm's embedding bar has started
    assert process.poll() is None, f"ingest ended before it could be killed: {seen.decode(errors='replace')}"
    time.sleep(1.0)  # well inside the embedding of ~70 chunks
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL

    assert (index_copy.index_dir / CURRENT_FILE).read_text() == before_pointer
    index = load_index(index_copy.index_dir)  # full checksum verification
    assert sorted(index.plans) == PLAN_IDS
    after = [_stable(a) for a in (Assistant(index_copy, embeddings, index).ask(q) for q in questions)]
    assert after == before
    # The lock died with the process: the next ingest runs and adds the new plans.
    report = ingest(index_copy, embeddings)
    assert sorted(report.added) == ["them-0", "them-1", "them-2"]
    assert len(list(index_copy.index_dir.glob("gen-*"))) == 1


# --------------------------------------------------------------------------- damaged files
def _generation(settings: Settings) -> Path:
    return settings.index_dir / (settings.index_dir / CURRENT_FILE).read_text().strip()


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: max(len(path.read_bytes()) // 3, 1)])


def _garble(path: Path) -> None:
    """Same size, bytes overwritten in the middle (only a checksum or a parser can tell)."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    for i in range(middle, min(middle + 64, len(data))):
        data[i] = (data[i] * 7 + 13) % 256
    path.write_bytes(bytes(data))


def _garble_head(path: Path) -> None:
    """Same size, the first bytes (magic numbers, JSON start) replaced."""
    data = bytearray(path.read_bytes())
    head = min(32, len(data))
    data[:head] = (b"\x00garbage\xff" * 4)[:head]
    path.write_bytes(bytes(data))


INDEX_FILES = ["manifest.json", "chunks.jsonl", "plans.jsonl", "vectors.npy", "vectors.faiss",
               "bm25.data.npy", "bm25.indptr.npy", "bm25.vocab.json", "bm25.params.json"]
DAMAGE = {"truncated": _truncate, "garbled": _garble, "bad-header": _garble_head,
          "missing": lambda path: path.unlink()}


@pytest.mark.parametrize("name", INDEX_FILES)
@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_file_gives_index_corrupt_error(index_copy: Settings, name: str, damage: str) -> None:
    DAMAGE[damage](_generation(index_copy) / name)
    with pytest.raises(IndexCorruptError, match="kehoach ingest --rebuild"):
        load_index(index_copy.index_dir)


@pytest.mark.parametrize("name", INDEX_FILES)
@pytest.mark.parametrize("damage", ["garbled", "bad-header"])
def test_damage_unseen_without_checksums_is_still_a_clean_error(index_copy: Settings, name: str,
                                                                damage: str) -> None:
    """``verify=False`` (used by `kehoach info`) skips the checksums: same-size damage to the
    raw float data cannot be seen then, but whatever a parser trips on is IndexCorruptError."""
    DAMAGE[damage](_generation(index_copy) / name)
    try:
        index = load_index(index_copy.index_dir, verify=False)
    except IndexCorruptError as exc:
        assert "kehoach ingest --rebuild" in str(exc)
        return
    # Raw float arrays (vectors, bm25s' precomputed scores) have no structure to trip on.
    assert name in ("vectors.npy", "vectors.faiss", "bm25.data.npy") and damage == "garbled", \
        "damage went unseen"
    assert len(index.chunks) == index.vectors.shape[0]


def test_pointer_to_missing_generation(index_copy: Settings) -> None:
    (index_copy.index_dir / CURRENT_FILE).write_text("gen-does-not-exist")
    with pytest.raises(IndexCorruptError, match="--rebuild"):
        load_index(index_copy.index_dir)


def test_cli_reports_damage_and_rebuild_recovers(index_copy: Settings) -> None:
    """The real `kehoach` program in a subprocess: one line of error, exit 1, no traceback."""
    generation = _generation(index_copy)
    for name, damage in (("manifest.json", "bad-header"), ("bm25.indptr.npy", "garbled"),
                         ("vectors.faiss", "truncated")):
        saved = (generation / name).read_bytes()
        DAMAGE[damage](generation / name)
        for command in (["ask", QUESTIONS[1]], ["info"], ["ingest"]):
            result = _run(index_copy, *command)
            assert result.returncode == 1, (name, command, result.stdout)
            assert "kehoach ingest --rebuild" in result.stderr, (name, command, result.stderr)
            assert "Traceback" not in result.stderr + result.stdout, (name, command, result.stderr)
        (generation / name).write_bytes(saved)  # next damage on an otherwise sound index
    DAMAGE["truncated"](generation / "vectors.faiss")
    result = _run(index_copy, "ingest", "--rebuild")
    assert result.returncode == 0, result.stderr
    load_index(index_copy.index_dir)
    result = _run(index_copy, "ask", QUESTIONS[1])
    assert result.returncode == 0 and "95%" in result.stdout, result.stdout + result.stderr
