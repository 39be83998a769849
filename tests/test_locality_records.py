"""Issue 14: records obey the locality rule — a sentence naming another locality is not a
record of the plan's own locality.

The plan is CONSTRUCTED (tests/fixtures/issue14/an-hung_ke-hoach-thi-dua-2025.txt): a plan
of xã An Hưng with the probe's sentence "… chỉ tiêu BHYT của xã Nguyễn Lương Bằng là 0%",
a deadline of xã Nguyễn Lương Bằng and a unit "UBND xã Nguyễn Lương Bằng". It goes through
the real ingest, index and `kehoach targets / deadlines / units`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kehoach.cli import cli
from kehoach.core.settings import Settings
from kehoach.index.builder import ingest

PLAN = Path(__file__).parent / "fixtures" / "issue14" / "an-hung_ke-hoach-thi-dua-2025.txt"


@pytest.fixture(scope="module")
def an_hung(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Settings:
    root = tmp_path_factory.mktemp("an-hung")
    (root / "plans").mkdir()
    shutil.copy(PLAN, root / "plans")
    settings = Settings.load(plans_dir=root / "plans", index_dir=root / "index")
    ingest(settings, embeddings)
    return settings


def _json(settings: Settings, *args: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["--plans-dir", str(settings.plans_dir), "--index-dir",
                                      str(settings.index_dir), *args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))


def test_another_localitys_figure_is_no_target_of_the_plan(an_hung: Settings) -> None:
    rows = _json(an_hung, "targets")
    values = sorted(row["value"] for row in rows)
    assert values == [90.0, 95.0], rows  # An Hưng's own two figures; no 0% row
    assert all(row["locality"] == "xã An Hưng" for row in rows)


def test_another_localitys_deadline_and_unit_are_no_records_of_the_plan(an_hung: Settings) -> None:
    deadlines = _json(an_hung, "deadlines")
    assert [d["date"] for d in deadlines] == ["2025-12-15"], deadlines
    units = _json(an_hung, "units")
    assert units and not any("Nguyễn Lương Bằng" in u["unit"] for u in units), units
    assert any(u["unit"].startswith("Trạm Y tế xã") for u in units)
