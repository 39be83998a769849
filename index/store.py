"""The index on disk: written atomically, loaded with integrity checks, never pickled.

Layout of the index folder::

    CURRENT              name of the live generation (replaced atomically)
    gen-<time>-<id>/     manifest.json, chunks.jsonl, plans.jsonl, vectors.npy,
                         vectors.faiss, bm25.*.npy and bm25.*.json (bm25s' arrays)
    .lock                held while writing

A new index is written into a fresh generation folder and only then does CURRENT point
to it, so a crash mid-ingest leaves the previous index as it was.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import os
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
from kehoach.core.errors import IndexCorruptError, IndexMismatchError, IndexMissingError
from kehoach.core.records import Chunk, PlanMeta

__all__ = ["PlanIndex", "PlanRecord", "write_index", "load_index", "verify_index", "index_exists",
           "writer_lock"]

CURRENT_FILE = "CURRENT"
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
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _current_generation(folder: Path) -> Path | None:
    pointer = folder / CURRENT_FILE
    if not pointer.is_file():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    return folder / name if name else None


def index_exists(folder: Path) -> bool:
    return _current_generation(Path(folder)) is not None


def write_index(folder: Path, manifest: Manifest, chunks: list[Chunk], vectors: np.ndarray,
                plans: list[PlanRecord], faiss_threshold: int) -> Path:
    """Write a complete new generation, then switch CURRENT to it; old ones are removed.

    The caller holds ``writer_lock(folder)``.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    generation = folder / f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
    generation.mkdir()
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

    pointer_tmp = folder / f".{CURRENT_FILE}.{uuid.uuid4().hex[:8]}"
    pointer_tmp.write_text(generation.name, encoding="utf-8")
    with pointer_tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, folder / CURRENT_FILE)
    _fsync_dir(folder)

    for old in folder.glob("gen-*"):
        if old != generation and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    for stale in folder.glob(f".{CURRENT_FILE}.*"):
        stale.unlink(missing_ok=True)
    return generation


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


def _verified(folder: Path, verify: bool) -> tuple[Path, Manifest]:
    """The live generation folder and its manifest, its files checked."""
    generation = _current_generation(folder)
    if generation is None:
        raise IndexMissingError(
            f"Chưa có chỉ mục tại '{folder}'. Hãy chạy `kehoach ingest` để nạp các kế hoạch."
        )
    if not (generation / MANIFEST_NAME).is_file():
        raise _corrupt(folder, f"thiếu thế hệ '{generation.name}'")
    manifest = Manifest.load(generation)
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
    """Load the live generation; damaged or truncated files raise ``IndexCorruptError``."""
    folder = Path(folder)
    generation, manifest = _verified(folder, verify)
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
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, EOFError,
            zipfile.BadZipFile) as exc:  # what json, numpy, zipfile and faiss raise on damage
        raise _corrupt(folder, str(exc)[:200]) from None
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
