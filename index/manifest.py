"""The JSON manifest saved beside the index: what built it and from which plans.

It lets a later run tell whether the index still fits the configured model (refuse with a
clear message otherwise), which plans changed (incremental ingest) and whether the files
on disk are whole (sizes and SHA-256 of every index file).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kehoach.core.errors import IndexCorruptError

__all__ = ["Manifest", "DocumentEntry", "FORMAT_VERSION", "MANIFEST_NAME"]

# 2: BM25 saved by bm25s (bm25.*.npy / bm25.*.json instead of bm25.npz / bm25.json).
FORMAT_VERSION = 2
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class DocumentEntry:
    """One indexed plan: its file, content hash and how many chunks it gave."""

    file: str
    sha256: str
    chunks: int
    locality: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Manifest:
    format_version: int
    ingest_version: int
    backend: str
    model_id: str
    dimension: int
    chunk_max_chars: int
    vector_index: str
    chunk_count: int
    created: str
    documents: dict[str, DocumentEntry]
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["documents"] = {k: asdict(v) for k, v in self.documents.items()}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Manifest":
        """Parse, checking the shape too (a hand-edited ``"files": []`` is damage, not a crash)."""
        if not isinstance(data, dict):
            raise TypeError("manifest không phải một đối tượng JSON")
        data = dict(data)
        if not isinstance(data.get("documents"), dict):
            raise TypeError("'documents' phải là một đối tượng")
        data["documents"] = {k: DocumentEntry(**v) for k, v in data["documents"].items()}
        files = data.get("files", {})
        if not isinstance(files, dict) or not all(
                isinstance(v, dict) and isinstance(v.get("bytes"), int)
                and isinstance(v.get("sha256"), str) for v in files.values()):
            raise TypeError("'files' phải ánh xạ tên tệp tới kích thước và mã kiểm tra")
        for name in ("chunk_count", "dimension", "format_version", "ingest_version"):
            if not isinstance(data.get(name), int):
                raise TypeError(f"'{name}' phải là số nguyên")
        return cls(**data)

    def save(self, folder: Path) -> None:
        (folder / MANIFEST_NAME).write_text(
            json.dumps(self.to_json(), ensure_ascii=False, indent=2), encoding="utf-8"
        )

    @classmethod
    def load(cls, folder: Path) -> "Manifest":
        path = folder / MANIFEST_NAME
        try:
            return cls.from_json(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise IndexCorruptError(
                f"Thiếu tệp {MANIFEST_NAME} trong chỉ mục '{folder}'. "
                "Hãy chạy `kehoach ingest --rebuild`."
            ) from None
        except (ValueError, TypeError, KeyError, AttributeError, OSError) as exc:
            raise IndexCorruptError(
                f"Tệp {MANIFEST_NAME} của chỉ mục bị hỏng ({exc}). Hãy chạy `kehoach ingest --rebuild`."
            ) from None
