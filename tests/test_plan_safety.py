"""Issue 14: a plan is never replaced silently, and a batch is all or nothing.

Real files, the real CLI (click's runner) and the real model; the plans folder holds one
bundled plan so each ingest embeds only a few chunks.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kehoach.cli import cli
from kehoach.core.errors import PlanExistsError
from kehoach.core.settings import Settings
from kehoach.ingest.library import HISTORY_DIR, add_plan, plan_files

from conftest import PLANS_DIR, snapshot

MAX_CHARS = Settings().chunk_max_chars
PLAN = PLANS_DIR / "kien-an_ke-hoach-dot-thi-dua-2025.txt"
OTHER = PLANS_DIR / "thach-khoi_ke-hoach-50-dot-thi-dua-2025.txt"




@pytest.fixture()
def tiny(tmp_path: Path) -> Settings:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(PLAN, plans / PLAN.name)
    return Settings.load(plans_dir=plans, index_dir=tmp_path / "index")


def _run(settings: Settings, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, ["--plans-dir", str(settings.plans_dir), "--index-dir",
                                    str(settings.index_dir), *args], env=env)


@pytest.mark.parametrize(("first", "second"), [("Kế hoạch.txt", "Ke hoach.txt"),
                                               ("ke-hoach.txt", "KE HOACH.txt"),
                                               ("plan.txt", "plan.txt"),
                                               ("plan.txt", "plan.md")])
def test_same_or_folded_name_is_refused_then_replaced_with_history(tmp_path: Path, first: str,
                                                                   second: str) -> None:
    folder = tmp_path / "plans"
    old_path, _ = add_plan(PLAN.read_bytes(), first, folder, 10**8, MAX_CHARS)
    with pytest.raises(PlanExistsError, match="--replace") as caught:
        add_plan(OTHER.read_bytes(), second, folder, 10**8, MAX_CHARS)
    assert old_path.stem in str(caught.value)
    assert plan_files(folder) == [old_path] and old_path.read_bytes() == PLAN.read_bytes()

    new_path, _ = add_plan(OTHER.read_bytes(), second, folder, 10**8, MAX_CHARS, replace=True)
    assert plan_files(folder) == [new_path] and new_path.read_bytes() == OTHER.read_bytes()
    kept = list((folder / HISTORY_DIR).iterdir())
    assert len(kept) == 1 and kept[0].name.startswith(old_path.name + ".")
    assert kept[0].read_bytes() == PLAN.read_bytes()


def test_the_same_bytes_again_is_no_replacement(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    path, _ = add_plan(PLAN.read_bytes(), "plan.txt", folder, 10**8, MAX_CHARS)
    again, _ = add_plan(PLAN.read_bytes(), "plan.txt", folder, 10**8, MAX_CHARS)
    assert again == path and not (folder / HISTORY_DIR).exists()


def test_cli_refuses_same_name_and_replace_keeps_the_old_file(tiny: Settings, tmp_path: Path) -> None:
    assert _run(tiny, "ingest").exit_code == 0
    incoming = tmp_path / "in" / PLAN.name
    incoming.parent.mkdir()
    incoming.write_bytes(OTHER.read_bytes())
    before = snapshot(tiny.plans_dir, tiny.index_dir)
    refused = _run(tiny, "ingest", str(incoming))
    assert refused.exit_code == 2, refused.output
    assert "--replace" in refused.stderr and PLAN.stem in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.output
    assert snapshot(tiny.plans_dir, tiny.index_dir) == before

    replaced = _run(tiny, "ingest", str(incoming), "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert (tiny.plans_dir / PLAN.name).read_bytes() == OTHER.read_bytes()
    history = list((tiny.plans_dir / HISTORY_DIR).iterdir())
    assert [h.read_bytes() for h in history] == [PLAN.read_bytes()]
    info = _run(tiny, "info", "--json")
    assert info.exit_code == 0 and info.output.count('"doc_id"') == 1  # history is not indexed


def test_cli_batch_with_one_too_big_file_copies_nothing(tiny: Settings, tmp_path: Path) -> None:
    assert _run(tiny, "ingest").exit_code == 0
    small = tmp_path / "a.txt"
    small.write_bytes(OTHER.read_bytes())
    big = tmp_path / "too-big.txt"
    big.write_bytes(OTHER.read_bytes() * 10)
    limit_mb = str((len(OTHER.read_bytes()) * 2) / 1e6)  # a.txt fits, too-big.txt does not
    before = snapshot(tiny.plans_dir, tiny.index_dir)
    result = _run(tiny, "ingest", str(small), str(big), env={"KEHOACH_MAX_UPLOAD_MB": limit_mb})
    assert result.exit_code == 2, result.output
    assert "too-big.txt" in result.stderr and "quá lớn" in result.stderr
    assert "không tệp nào được chép" in result.stderr and "Traceback" not in result.output
    assert snapshot(tiny.plans_dir, tiny.index_dir) == before


def test_cli_batch_of_two_files_with_one_name_copies_nothing(tiny: Settings, tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    one, two = tmp_path / "x" / "Kế hoạch.txt", tmp_path / "y" / "Ke hoach.txt"
    one.write_bytes(PLAN.read_bytes())
    two.write_bytes(OTHER.read_bytes())
    before = snapshot(tiny.plans_dir)
    result = _run(tiny, "ingest", str(one), str(two))
    assert result.exit_code == 2 and "trùng tên" in result.stderr, result.output
    assert snapshot(tiny.plans_dir) == before


def test_app_upload_surfaces_the_clash_and_replaces_when_asked(tiny: Settings, embeddings) -> None:
    from kehoach.answer.assistant import Assistant
    from kehoach.index.builder import ingest
    from kehoach.index.store import load_index
    from kehoach.ui.uploads import store_uploads

    ingest(tiny, embeddings)
    outcome = store_uploads(tiny, [(PLAN.name, OTHER.read_bytes())])
    assert outcome.exists == [PLAN.name] and not outcome.added
    assert "--replace" in outcome.errors[0][1] or "Thay thế" in outcome.errors[0][1]
    assert (tiny.plans_dir / PLAN.name).read_bytes() == PLAN.read_bytes()

    outcome = store_uploads(tiny, [(PLAN.name, OTHER.read_bytes())], replace=True)
    assert outcome.added == [PLAN.stem] and not outcome.errors
    assert (tiny.plans_dir / PLAN.name).read_bytes() == OTHER.read_bytes()
    assert len(list((tiny.plans_dir / HISTORY_DIR).iterdir())) == 1


def test_app_asks_before_replacing(tiny: Settings, embeddings,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A file named like a loaded plan: the app asks; "Không" keeps the old plan and adds
    nothing, "Thay thế" replaces it and keeps the old file in the history."""
    from test_app import _open_app, _wait_for_upload

    from kehoach.index.builder import ingest
    from kehoach.ui.upload_worker import jobs_dir

    ingest(tiny, embeddings)
    at = _open_app(tiny, monkeypatch)

    def choose(answer: str) -> None:
        at.sidebar.file_uploader[0].set_value([(PLAN.name, OTHER.read_bytes(), "text/plain")]).run()
        next(b for b in at.sidebar.button if b.label == "Nạp vào chỉ mục").click().run()
        assert not at.exception, at.exception
        [question] = [w.value for w in at.sidebar.warning]
        assert question.startswith("Đã có kế hoạch phường Kiến An")
        assert question.endswith(". Thay thế kế hoạch cũ? Bản cũ được lưu trong lịch sử.")
        assert not at.sidebar.file_uploader  # one question at a time
        next(b for b in at.sidebar.button if b.label == answer).click().run()
        assert not at.exception, at.exception

    before = snapshot(tiny.plans_dir)
    choose("Không")
    infos = [i.value for i in at.sidebar.info]
    assert len(infos) == 1 and infos[0].startswith("Giữ nguyên kế hoạch phường Kiến An"), infos
    assert not at.sidebar.warning and snapshot(tiny.plans_dir) == before
    assert not jobs_dir(tiny).exists() or not any(jobs_dir(tiny).iterdir())  # no upload started

    choose("Thay thế")
    _wait_for_upload(at)
    successes = [s.value for s in at.sidebar.success]
    assert len(successes) == 1 and successes[0].startswith("Đã nạp") and "có thể hỏi ngay" in successes[0]
    assert (tiny.plans_dir / PLAN.name).read_bytes() == OTHER.read_bytes()
    assert [h.read_bytes() for h in (tiny.plans_dir / HISTORY_DIR).iterdir()] == [PLAN.read_bytes()]


def test_the_app_finds_same_and_folded_names_before_uploading(tmp_path: Path) -> None:
    """What makes the app ask: same or same-folded name with other bytes; the very same
    file again, another name, or a type that is not a plan make no question."""
    from kehoach.ui.uploads import clashes

    folder = tmp_path / "plans"
    add_plan(PLAN.read_bytes(), "Kế hoạch.txt", folder, 10**8, MAX_CHARS)
    settings = Settings.load(plans_dir=folder, index_dir=tmp_path / "index")
    other = OTHER.read_bytes()
    found = clashes(settings, [("Ke hoach.txt", other), ("KẾ HOẠCH.md", other),
                               ("Kế hoạch.txt", PLAN.read_bytes()), ("khac.txt", other),
                               ("Kế hoạch.xlsx", other)])
    assert found == [("Ke hoach.txt", "Ke-hoach"), ("KẾ HOẠCH.md", "Ke-hoach")]


def test_undo_store_puts_the_folder_back(tmp_path: Path) -> None:
    """A cancelled upload: new files removed, the replaced one back, no history folder left."""
    from kehoach.ingest.library import prepare_plan, store_plans, undo_store

    folder = tmp_path / "plans"
    add_plan(PLAN.read_bytes(), PLAN.name, folder, 10**8, MAX_CHARS)
    before = snapshot(folder)
    items = [prepare_plan(OTHER.read_bytes(), PLAN.name, folder, 10**8, MAX_CHARS, replace=True),
             prepare_plan(OTHER.read_bytes(), "moi.txt", folder, 10**8, MAX_CHARS)]
    journal: list = []
    store_plans(items, folder, journal)
    assert (folder / HISTORY_DIR).is_dir() and (folder / "moi.txt").is_file()
    undo_store(journal)
    assert snapshot(folder) == before and sorted(p.name for p in folder.iterdir()) == [PLAN.name]
