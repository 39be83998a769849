"""Issue 14: disk full, damaged CURRENT or manifest, leftovers of killed ingests.

Real index, real model, real files. Disk full is a REAL full file system: a tiny tmpfs is
mounted for the index folder (needs root/CAP_SYS_ADMIN; the test is skipped, saying so,
where mounting is not allowed). Each damage gives one line and no traceback, and
`kehoach ingest --rebuild` recovers from it.
"""

from __future__ import annotations

import os
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import private_copy
from click.testing import CliRunner

from kehoach.cli import cli
from kehoach.core.errors import IndexCorruptError, IndexWriteError
from kehoach.core.settings import Settings
from kehoach.index.builder import ingest
from kehoach.index.store import CURRENT_FILE, load_index

TINY_PLAN = ("ỦY BAN NHÂN DÂN XÃ AN HƯNG\nKẾ HOẠCH\nTổ chức phong trào thi đua năm 2025\n"
             "I. MỤC ĐÍCH\n1. Phấn đấu tỷ lệ người dân tham gia bảo hiểm y tế đạt 95%.\n")


@pytest.fixture(scope="module")
def tiny_built(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Settings:
    root = tmp_path_factory.mktemp("tiny")
    (root / "plans").mkdir()
    (root / "plans" / "an-hung.txt").write_text(TINY_PLAN, encoding="utf-8")
    settings = Settings.load(plans_dir=root / "plans", index_dir=root / "index")
    ingest(settings, embeddings)
    return settings


@pytest.fixture()
def tiny(tiny_built: Settings, tmp_path: Path) -> Settings:
    return private_copy(tiny_built, tmp_path)


def _run(settings: Settings, *args: str):
    return CliRunner().invoke(cli, ["--plans-dir", str(settings.plans_dir), "--index-dir",
                                    str(settings.index_dir), *args])


def _one_line_error(result) -> str:
    assert result.exit_code != 0 and "Traceback" not in result.output, result.output
    lines = [line for line in result.stderr.splitlines() if "Lỗi" in line]  # not progress bars
    assert len(lines) == 1 and lines[0].startswith("Lỗi: "), result.stderr
    return lines[0]


def _live(settings: Settings) -> Path:
    return settings.index_dir / (settings.index_dir / CURRENT_FILE).read_text().strip()


def _manifest_files_empty_list(live: Path) -> None:
    data = json.loads((live / "manifest.json").read_text())
    data["files"] = []
    (live / "manifest.json").write_text(json.dumps(data))


DAMAGE = {
    "CURRENT non-UTF-8": lambda s, live: (s.index_dir / CURRENT_FILE).write_bytes(b"\xff\xfe\x00gen"),
    "CURRENT empty": lambda s, live: (s.index_dir / CURRENT_FILE).write_bytes(b""),
    "CURRENT leaves the folder": lambda s, live: (s.index_dir / CURRENT_FILE).write_text("../../etc"),
    "CURRENT a folder": lambda s, live: ((s.index_dir / CURRENT_FILE).unlink(),
                                         (s.index_dir / CURRENT_FILE).mkdir()),
    'manifest "files": []': lambda s, live: _manifest_files_empty_list(live),
    "manifest a list": lambda s, live: (live / "manifest.json").write_text("[]"),
    "manifest a folder": lambda s, live: ((live / "manifest.json").unlink(),
                                          (live / "manifest.json").mkdir()),
    "manifest non-UTF-8": lambda s, live: (live / "manifest.json").write_bytes(b"\xff" * 50),
    ".lock a folder": lambda s, live: ((s.index_dir / ".lock").unlink(missing_ok=True),
                                       (s.index_dir / ".lock").mkdir(),
                                       (live / "chunks.jsonl").write_bytes(b"\x00")),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damage_gives_one_line_and_rebuild_recovers(tiny: Settings, damage: str) -> None:
    DAMAGE[damage](tiny, _live(tiny))
    with pytest.raises(IndexCorruptError):
        load_index(tiny.index_dir)
    for args in (("info",), ("ingest",), ("ask", "Chỉ tiêu BHYT là bao nhiêu?")):
        line = _one_line_error(_run(tiny, *args))
        assert "--rebuild" in line, line
    rebuilt = _run(tiny, "ingest", "--rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert sorted(load_index(tiny.index_dir).plans) == ["an-hung"]
    assert _run(tiny, "info").exit_code == 0
    assert len(list(tiny.index_dir.glob("gen-*"))) == 1


def test_generations_of_killed_ingests_go_at_the_next_ingest_even_with_nothing_to_do(
        tiny: Settings, embeddings) -> None:
    live = _live(tiny)
    half = tiny.index_dir / "gen-20250101-000000-deadbeef"  # what a SIGKILL mid-write leaves
    half.mkdir()
    (half / ".readers").touch()
    (half / "chunks.jsonl").write_text('{"half": ')
    (tiny.index_dir / ".CURRENT.0badf00d").write_text(half.name)
    report = ingest(tiny, embeddings)
    assert not report.written  # nothing to do ...
    assert [g.name for g in tiny.index_dir.glob("gen-*")] == [live.name]  # ... yet it cleaned up
    assert not list(tiny.index_dir.glob(".CURRENT.*"))


@pytest.fixture()
def small_disk(tmp_path: Path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}): no real full disk")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_mid_ingest_leaves_nothing_half_written(tiny: Settings, small_disk: Path,
                                                          embeddings) -> None:
    settings = tiny.with_overrides(index_dir=small_disk / "index")
    ingest(settings, embeddings)
    before = _live(settings)
    # Fill the disk so the next generation (a larger plan) cannot be written whole: leave
    # room for about half of what one generation takes on this disk (whole blocks).
    block = os.statvfs(small_disk).f_frsize
    used = sum(-(-p.stat().st_size // block) * block for p in before.iterdir())
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(b"\0" * max(0, free - used // 2))
    (settings.plans_dir / "an-hung.txt").write_text(TINY_PLAN + "2. Hoàn thành trước 30/6/2025.\n" * 60,
                                                    encoding="utf-8")
    with pytest.raises(IndexWriteError, match="ổ đĩa đã đầy"):
        ingest(settings, embeddings)
    assert _live(settings) == before
    assert [g.name for g in settings.index_dir.glob("gen-*")] == [before.name]
    assert not list(settings.index_dir.glob(".CURRENT.*"))
    assert sorted(load_index(settings.index_dir).plans) == ["an-hung"]  # the old index still serves
    line = _one_line_error(_run(settings, "ingest"))
    assert "ổ đĩa đã đầy" in line
    assert [g.name for g in settings.index_dir.glob("gen-*")] == [before.name]
    (small_disk / "filler").unlink()
    assert ingest(settings, embeddings).written
    assert len(list(settings.index_dir.glob("gen-*"))) == 1
