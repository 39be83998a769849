"""The CLI: exit codes and messages for good and bad input; the index is never harmed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kehoach.cli import cli
from kehoach.core.settings import PROJECT_ROOT, Settings
from conftest import index_snapshot


def _args(settings: Settings) -> list[str]:
    return ["--plans-dir", str(settings.plans_dir), "--index-dir", str(settings.index_dir)]




@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "rỗng"),
        ("scan.pdf", bytes(range(256)) * 40, "không phải PDF hợp lệ"),
        ("report.xlsx", b"data", "Không hỗ trợ định dạng '.xlsx'"),
        (None, None, "Không tìm thấy"),
    ],
)
def test_bad_ingest_input(index_copy: Settings, tmp_path: Path, name: str | None,
                          data: bytes | None, message: str) -> None:
    path = tmp_path / (name or "missing.txt")
    if data is not None:
        path.write_bytes(data)
    before = index_snapshot(index_copy)
    result = CliRunner().invoke(cli, _args(index_copy) + ["ingest", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert index_snapshot(index_copy) == before


def test_one_bad_file_among_good_ones_changes_nothing(index_copy: Settings, tmp_path: Path) -> None:
    good = tmp_path / "new-plan.txt"
    good.write_text((index_copy.plans_dir / "kien-an_ke-hoach-dot-thi-dua-2025.txt").read_text())
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    before = index_snapshot(index_copy)
    result = CliRunner().invoke(cli, _args(index_copy) + ["ingest", str(good), str(bad)])
    assert result.exit_code == 2 and index_snapshot(index_copy) == before


def test_ingest_unchanged_and_info(index_copy: Settings) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, _args(index_copy) + ["ingest"])
    assert result.exit_code == 0 and "Không có thay đổi" in result.stdout
    result = runner.invoke(cli, _args(index_copy) + ["info", "--json"])
    assert result.exit_code == 0
    info = json.loads(result.stdout)
    assert info["chunks"] > 0 and len(info["plans"]) == 5
    thach_khoi = next(p for p in info["plans"] if p["doc_id"].startswith("thach-khoi"))
    assert thach_khoi["number"] == "50/KH-UBND" and thach_khoi["issue_date"] == "2025-09-19"
    result = runner.invoke(cli, _args(index_copy) + ["info"])
    assert result.exit_code == 0 and "phường Thạch Khôi" in result.stdout


def test_ask_without_question(index_copy: Settings) -> None:
    result = CliRunner().invoke(cli, _args(index_copy) + ["ask", "  "])
    assert result.exit_code == 2 and "Hãy nhập câu hỏi" in result.stderr


def test_ask_builds_missing_index(built_settings: Settings, tmp_path: Path) -> None:
    # A plans folder with one plan and no index yet: ask ingests first.
    plans = tmp_path / "plans"
    plans.mkdir()
    source = built_settings.plans_dir / "kien-an_ke-hoach-dot-thi-dua-2025.txt"
    (plans / source.name).write_bytes(source.read_bytes())
    result = CliRunner().invoke(cli, ["--plans-dir", str(plans), "--index-dir", str(tmp_path / "idx"),
                                      "ask", "Chỉ tiêu gia đình văn hóa của phường Kiến An?"])
    assert result.exit_code == 0, result.output
    assert "95%" in result.stdout and "[1]" in result.stdout
    assert (tmp_path / "idx" / "CURRENT").exists()


def test_corrupt_index_message(index_copy: Settings) -> None:
    generation = (index_copy.index_dir / "CURRENT").read_text()
    (index_copy.index_dir / generation / "vectors.npy").write_bytes(b"broken")
    result = CliRunner().invoke(cli, _args(index_copy) + ["ask", "Chỉ tiêu BHYT?"])
    assert result.exit_code == 1
    assert "kehoach ingest --rebuild" in result.stderr and "Traceback" not in result.output
    result = CliRunner().invoke(cli, _args(index_copy) + ["ingest", "--rebuild"])
    assert result.exit_code == 0
    result = CliRunner().invoke(cli, _args(index_copy) + ["ask", "Chỉ tiêu BHYT của Thạch Khôi?"])
    assert result.exit_code == 0 and "95%" in result.stdout


def test_eval_command(built_settings: Settings, tmp_path: Path) -> None:
    questions = tmp_path / "set.jsonl"
    questions.write_text(json.dumps({"id": "a", "question": "Chỉ tiêu nước sạch của phường Kiến An?",
                                     "answerable": True, "docs": ["kien-an_ke-hoach-dot-thi-dua-2025"],
                                     "expect": [["100%"]], "kind": "target"}, ensure_ascii=False) + "\n")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(cli, _args(built_settings) + ["eval", str(questions), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert re.search(r"^answer accuracy\s+1\.000$", result.stdout, re.M), result.stdout
    report = json.loads(out.read_text())
    assert report["summary"]["answer_accuracy"] == 1.0
    # Without --out the report goes to the reports folder (KEHOACH_REPORTS_DIR), not the cwd.
    reports = tmp_path / "reports"
    result = CliRunner().invoke(cli, _args(built_settings) + ["eval", str(questions)],
                                env={"KEHOACH_REPORTS_DIR": str(reports)})
    assert result.exit_code == 0, result.output
    assert json.loads((reports / "set.report.json").read_text())["summary"]["questions"] == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n")
    result = CliRunner().invoke(cli, _args(built_settings) + ["eval", str(bad)])
    assert result.exit_code == 2 and "Dòng 1" in result.stderr


def test_reports_folder_is_git_ignored() -> None:
    """A checkout writes reports into reports/, and git never picks them up."""
    assert Settings().reports_dir == PROJECT_ROOT / "reports"
    if shutil.which("git") is None or not (PROJECT_ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    ignored = subprocess.run(["git", "check-ignore", "-q", "reports/dev.report.json"],
                             cwd=PROJECT_ROOT, check=False)
    assert ignored.returncode == 0
    kept = subprocess.run(["git", "check-ignore", "-q", "reports/README.md"], cwd=PROJECT_ROOT,
                          check=False)
    assert kept.returncode == 1  # the folder itself is in the repository


def test_no_plans_says_where_to_put_them(tmp_path: Path) -> None:
    """An installed package starts with no plans: ingest and ask say which folder to fill."""
    plans, index = tmp_path / "user" / "plans", tmp_path / "user" / "index"
    args = ["--plans-dir", str(plans), "--index-dir", str(index)]
    for command in (["ingest"], ["ask", "Chỉ tiêu BHYT?"]):
        result = CliRunner().invoke(cli, [*args, *command])
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        assert f"thư mục kế hoạch '{plans}' không có tệp" in result.stderr
        assert "KEHOACH_PLANS_DIR" in result.stderr
    assert plans.is_dir() and not index.exists()  # the folder to fill is there; no empty index
