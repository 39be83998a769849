"""The index on disk: written atomically, loaded with integrity checks, never pickled.

Layout of the index folder::

    CURRENT              name of the live generation (replaced atomically)
    gen-<time>-<id>/     manifest.json, chunks.jsonl, plans.jsonl, vectors.npy,
                         vectors.faiss, bm25.*.npy and bm25.*.json (bm25s' arrays)
    .lock                held while writing
    gen-*/.readers       a reader holds a shared lock on it while it loads that generation

A new index is written into a fresh generation folder and only then does CURRENT point
to it, so a crash mid-ingest leaves the previous index as it was. A reader pins the
generation it opened (shared ``flock`` on its ``.readers``); an old generation is removed
only when nobody pins it (exclusive, non-blocking ``flock``), by every ingest — also one
with nothing to do, so generations left by killed ingests go too. A reader that still
loses the race (the generation went between reading CURRENT and pinning it) retries once
on the generation CURRENT names now. A failed write (disk full) removes its own
half-written generation and raises ``IndexWriteError``; the previous index stays.
"""

from __future__ import annotations

import dataclasses
import fcntl
import functools
import hashlib
import json
import errno
import os
import re
import shutil
import time
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kehoach.index.bm25 import BM25_FILES, BM25Index
from kehoach.index.manifest import FORMAT_VERSION, MANIFEST_NAME, Manifest
from kehoach.index.vector_index import build_vector_index, read_vector_index, write_vector_index
from kehoach.core.errors import IndexCorruptError, IndexMismatchError, IndexMissingError, IndexWriteError
from kehoach.core.records import Chunk, PlanMeta

__all__ = ["PlanIndex", "PlanRecord", "write_index", "load_index", "verify_index", "index_exists",
           "writer_lock", "remove_old_generations"]

CURRENT_FILE = "CURRENT"
READERS_FILE = ".readers"
_GENERATION_RE = re.compile(r"gen-[A-Za-z0-9-]{1,80}")
_CHECKED_FILES = ("chunks.jsonl", "plans.jsonl", "vectors.npy", "vectors.faiss") + BM25_FILES


@dataclass(frozen=True)
class PlanRecord:
    """A plan as the index keeps it: metadata and full text (for citations and viewers)."""

    meta: PlanMeta
    text: str
    raw_text: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"meta": self.meta.to_json(), "text": self.text, "raw_text": self.raw_text}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "PlanRecord":
        return cls(PlanMeta.from_json(data["meta"]), data["text"], data.get("raw_text"))


@dataclass
class PlanIndex:
    """A loaded index: chunks, their vectors, the vector and lexical indexes, the plans."""

    folder: Path
    manifest: Manifest
    chunks: list[Chunk]
    vectors: np.ndarray
    vector_index: Any
    bm25: BM25Index
    plans: dict[str, PlanRecord]

    @functools.cached_property
    def abbreviations(self) -> dict[str, str]:
        """The abbreviations the loaded plans define ("Ban Chỉ đạo (BCĐ)"), folded; one
        that two plans define two ways is left out (neither meaning is sure)."""
        found: dict[str, str] = {}
        clashes: set[str] = set()
        for _, plan in sorted(self.plans.items()):
            for short, long in plan.meta.abbreviations.items():
                if found.setdefault(short, long) != long:
                    clashes.add(short)
        return {k: v for k, v in found.items() if k not in clashes}

    def doc_rows(self) -> dict[str, np.ndarray]:
        """Row numbers of each plan's chunks."""
        rows: dict[str, list[int]] = {}
        for row, chunk in enumerate(self.chunks):
            rows.setdefault(chunk.doc_id, []).append(row)
        return {doc: np.asarray(r, dtype=np.int64) for doc, r in rows.items()}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_jsonl(path: Path, rows: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@contextmanager
def writer_lock(folder: Path) -> Iterator[None]:
    """Only one process writes an index folder at a time (others wait)."""
    if folder.exists() and not folder.is_dir():
        raise IndexWriteError(f"'{folder}' là một tệp, không phải thư mục chỉ mục. Hãy xoá/đổi tên "
                              "tệp đó hoặc đặt KEHOACH_INDEX_DIR khác.")
    folder.mkdir(parents=True, exist_ok=True)
    lock = folder / ".lock"
    if lock.is_symlink() or (lock.exists() and not lock.is_file()):  # damage: make it a file again
        _remove(lock)
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _current_generation(folder: Path) -> Path | None:
    """The generation CURRENT names; None if there is no CURRENT; damage is IndexCorruptError."""
    pointer = folder / CURRENT_FILE
    if not pointer.exists() and not pointer.is_symlink():
        return None
    try:
        name = pointer.read_bytes().decode("utf-8").strip()
    except UnicodeDecodeError:
        raise _corrupt(folder, "tệp CURRENT không phải văn bản UTF-8") from None
    except OSError as exc:
        raise _corrupt(folder, f"không đọc được tệp CURRENT: {exc.strerror or exc}") from None
    if not _GENERATION_RE.fullmatch(name):
        raise _corrupt(folder, f"tệp CURRENT chứa '{name[:40]}', không phải tên một thế hệ")
    return folder / name


def index_exists(folder: Path) -> bool:
    """Is there an index (even a damaged one, which loading then reports)?"""
    pointer = Path(folder) / CURRENT_FILE
    return pointer.exists() or pointer.is_symlink()


@contextmanager
def _pinned(folder: Path, generation: Path) -> Iterator[None]:
    """Hold a shared lock on ``generation`` so no ingest removes it while it is read."""
    try:
        handle = (generation / READERS_FILE).open("rb")
    except FileNotFoundError:
        if (generation / MANIFEST_NAME).is_file():  # written before pins existed: read unpinned
            yield
            return
        raise _corrupt(folder, f"thiếu thế hệ '{generation.name}'") from None
    except OSError as exc:
        raise _corrupt(folder, f"không mở được thế hệ '{generation.name}': {exc.strerror}") from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_old_generations(folder: Path) -> list[str]:
    """Remove every generation but the live one that no reader pins; the caller holds the lock.

    Also removes half-written generations of killed ingests and stray CURRENT temporaries.
    Nothing is removed when CURRENT cannot be read (``ingest --rebuild`` replaces it first).
    """
    folder = Path(folder)
    try:
        current = _current_generation(folder)
    except IndexCorruptError:
        return []
    if current is None or not folder.is_dir():
        return []
    removed = []
    for old in folder.glob("gen-*"):
        if old.name == current.name:
            continue
        if not old.is_dir() or old.is_symlink():
            old.unlink(missing_ok=True)
            removed.append(old.name)
            continue
        try:
            handle = (old / READERS_FILE).open("rb")
        except OSError:  # no pin file: older layout or damage; nobody can pin it
            shutil.rmtree(old, ignore_errors=True)
            removed.append(old.name)
            continue
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a reader is loading it: the next ingest removes it
            shutil.rmtree(old, ignore_errors=True)
            removed.append(old.name)
    for stale in folder.glob(f".{CURRENT_FILE}.*"):
        stale.unlink(missing_ok=True)
    return removed


# Below this much free space a failed write is taken for a full disk: numpy and FAISS report
# a short write ("1536 requested and 992 written") without ENOSPC.
_NEARLY_FULL_BYTES = 1_000_000


def _disk_nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def _write_error(folder: Path, exc: BaseException) -> IndexWriteError:
    if (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)) or _disk_nearly_full(folder):
        reason = "ổ đĩa đã đầy"
    elif isinstance(exc, OSError):
        reason = exc.strerror or str(exc)
    else:
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
    return IndexWriteError(
        f"Không ghi được chỉ mục vào '{folder}' ({reason}); chỉ mục cũ vẫn dùng được, không có "
        "thế hệ ghi dở nào được giữ lại. Hãy giải phóng chỗ trống rồi chạy lại `kehoach ingest`."
    )


def write_index(folder: Path, manifest: Manifest, chunks: list[Chunk], vectors: np.ndarray,
                plans: list[PlanRecord], faiss_threshold: int) -> Path:
    """Write a complete new generation, then switch CURRENT to it; unpinned old ones are removed.

    The caller holds ``writer_lock(folder)``. A failure (disk full) removes the new
    generation and raises ``IndexWriteError``; CURRENT still names the previous one.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    generation = folder / f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
    pointer_tmp = folder / f".{CURRENT_FILE}.{uuid.uuid4().hex[:8]}"
    try:
        _write_generation(generation, manifest, chunks, vectors, plans, faiss_threshold)
        pointer_tmp.write_text(generation.name, encoding="utf-8")
        with pointer_tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        pointer = folder / CURRENT_FILE
        if pointer.is_dir() and not pointer.is_symlink():  # damage: a folder named CURRENT
            shutil.rmtree(pointer)
        os.replace(pointer_tmp, pointer)
    except (OSError, RuntimeError) as exc:  # RuntimeError: faiss's failed fwrite
        shutil.rmtree(generation, ignore_errors=True)
        pointer_tmp.unlink(missing_ok=True)
        raise _write_error(folder, exc) from None
    try:
        _fsync_dir(folder)
    except OSError:
        pass  # the switch is done; a failed directory sync only weakens crash safety
    remove_old_generations(folder)
    return generation


def _write_generation(generation: Path, manifest: Manifest, chunks: list[Chunk],
                      vectors: np.ndarray, plans: list[PlanRecord], faiss_threshold: int) -> None:
    generation.mkdir()
    (generation / READERS_FILE).touch()
    _write_jsonl(generation / "chunks.jsonl", [c.to_json() for c in chunks])
    _write_jsonl(generation / "plans.jsonl", [p.to_json() for p in plans])
    np.save(generation / "vectors.npy", np.ascontiguousarray(vectors, dtype=np.float32))
    kind = write_vector_index(build_vector_index(vectors, faiss_threshold), generation / "vectors.faiss")
    BM25Index.build([c.index_text for c in chunks]).save(generation)
    files = {
        name: {"bytes": (generation / name).stat().st_size, "sha256": _sha256(generation / name)}
        for name in _CHECKED_FILES
    }
    manifest = dataclasses.replace(manifest, files=files, vector_index=kind)
    manifest.save(generation)
    for path in generation.iterdir():
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    _fsync_dir(generation)


def _corrupt(folder: Path, detail: str) -> IndexCorruptError:
    return IndexCorruptError(
        f"Chỉ mục tại '{folder}' bị hỏng ({detail}). Hãy chạy `kehoach ingest --rebuild` để tạo lại."
    )


def verify_index(folder: Path, verify: bool = True) -> Manifest:
    """The live generation's manifest, after checking every file's size (and checksum).

    Cheap next to ``load_index``: nothing is parsed, so "is anything to do?" can be
    answered for a large index without loading it.
    """
    return _verified(Path(folder), verify)[1]


def _verified(folder: Path, verify: bool, generation: Path | None = None) -> tuple[Path, Manifest]:
    """The live (or given) generation folder and its manifest, its files checked."""
    generation = generation or _current_generation(folder)
    if generation is None:
        raise IndexMissingError(
            f"Chưa có chỉ mục tại '{folder}'. Hãy chạy `kehoach ingest` để nạp các kế hoạch."
        )
    if not (generation / MANIFEST_NAME).is_file():
        raise _corrupt(folder, f"thiếu thế hệ '{generation.name}'")
    manifest = Manifest.load(generation)
    if set(manifest.files) != set(_CHECKED_FILES):
        raise _corrupt(folder, "manifest không liệt kê đủ các tệp của chỉ mục")
    for name, expected in manifest.files.items():
        path = generation / name
        if not path.is_file():
            raise _corrupt(folder, f"thiếu tệp {name}")
        if path.stat().st_size != expected["bytes"]:
            raise _corrupt(folder, f"tệp {name} bị cắt cụt")
        if verify and _sha256(path) != expected["sha256"]:
            raise _corrupt(folder, f"tệp {name} không khớp mã kiểm tra")
    return generation, manifest


def load_index(folder: Path, verify: bool = True) -> PlanIndex:
    """Load the live generation, pinned while it is read; damage raises ``IndexCorruptError``.

    If the generation vanished under us (an ingest switched CURRENT and removed it between
    our reading CURRENT and pinning it), the load is retried once on the new generation.
    """
    folder = Path(folder)
    generation = _current_generation(folder)
    if generation is None:
        return _load_generation(folder, generation, verify)  # raises IndexMissingError
    try:
        return _load_generation(folder, generation, verify)
    except IndexCorruptError:
        now = _current_generation(folder)
        if now is None or now.name == generation.name:
            raise  # real damage, not a lost race
        return _load_generation(folder, now, verify)


def _load_generation(folder: Path, generation: Path | None, verify: bool) -> PlanIndex:
    if generation is None:
        _verified(folder, verify)  # raises the "no index yet" message
    assert generation is not None
    with _pinned(folder, generation):
        generation, manifest = _verified(folder, verify, generation)
        if manifest.format_version != FORMAT_VERSION:
            raise IndexMismatchError(
                f"Chỉ mục tại '{folder}' được tạo bởi phiên bản cũ (định dạng {manifest.format_version}, "
                f"cần {FORMAT_VERSION}). Hãy chạy `kehoach ingest` để nạp lại các kế hoạch."
            )
        try:
            chunks = [Chunk.from_json(row) for row in _read_jsonl(generation / "chunks.jsonl")]
            plans = [PlanRecord.from_json(row) for row in _read_jsonl(generation / "plans.jsonl")]
            vectors = np.load(generation / "vectors.npy", allow_pickle=False)
            vector_index = read_vector_index(generation / "vectors.faiss")
            bm25 = BM25Index.load(generation)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RuntimeError, EOFError,
                zipfile.BadZipFile) as exc:  # what json, numpy, zipfile and faiss raise on damage
            raise _corrupt(folder, str(exc)[:200]) from None
    if vectors.ndim != 2:
        raise _corrupt(folder, "vectors.npy không phải ma trận")
    if not (len(chunks) == vectors.shape[0] == vector_index.ntotal == bm25.size == manifest.chunk_count):
        raise _corrupt(folder, "số đoạn không khớp giữa các tệp")
    return PlanIndex(
        folder=generation,
        manifest=manifest,
        chunks=chunks,
        vectors=vectors,
        vector_index=vector_index,
        bm25=bm25,
        plans={p.meta.doc_id: p for p in plans},
    )
