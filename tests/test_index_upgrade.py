"""An index built by an older version of the program is rebuilt before answering.

Each INGEST_VERSION bump changes what ingest reads from a plan (its locality, dates,
records); an officer who updates the program must not go on being answered from what the
old rules read. Real model, real index (a private copy of the session's), real files: the
copy's manifest is given the previous ingest version, as an older program wrote it.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kehoach.answer.assistant import Assistant
from kehoach.cli import cli
from kehoach.core.settings import Settings
from kehoach.index.builder import needs_rebuild
from kehoach.index.manifest import MANIFEST_NAME
from kehoach.index.store import CURRENT_FILE, verify_index
from kehoach.ingest.pipeline import INGEST_VERSION


def _age(settings: Settings) -> None:
    """Mark the live generation as written by the previous ingest version."""
    generation = settings.index_dir / (settings.index_dir / CURRENT_FILE).read_text(encoding="utf-8").strip()
    path = generation / MANIFEST_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    data["ingest_version"] = INGEST_VERSION - 1
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_a_current_index_is_not_rebuilt(index_copy: Settings) -> None:
    assert not needs_rebuild(index_copy.index_dir)
    assert not needs_rebuild(index_copy.index_dir / "nothing-here")


def test_an_older_index_is_rebuilt_when_the_assistant_opens(index_copy: Settings) -> None:
    _age(index_copy)
    assert needs_rebuild(index_copy.index_dir)
    assistant = Assistant.open(index_copy)
    assert verify_index(index_copy.index_dir).ingest_version == INGEST_VERSION
    assert len(assistant.index.plans) == 5
    answer = assistant.ask("Chỉ tiêu BHYT của xã Nguyễn Lương Bằng là bao nhiêu?")
    assert answer.found and "100%" in answer.answer


def test_ask_on_an_older_index_rebuilds_it_first(index_copy: Settings) -> None:
    _age(index_copy)
    result = CliRunner().invoke(cli, ["--plans-dir", str(index_copy.plans_dir), "--index-dir",
                                      str(index_copy.index_dir), "ask",
                                      "Phường Kiến An phải gửi báo cáo trước ngày nào?"])
    assert result.exit_code == 0, result.output
    assert "10/12/2025" in result.output
    assert verify_index(index_copy.index_dir).ingest_version == INGEST_VERSION
