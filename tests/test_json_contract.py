"""The JSON result of `kehoach ask --json` is a stable contract other tools read."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kehoach.cli import cli
from kehoach.core.settings import Settings

CITATION_TYPES = {"n": int, "doc": str, "title": str, "locality": (str, type(None)),
                  "section": str, "text": str, "score": float}


def _check(result: dict) -> None:
    assert isinstance(result["question"], str)
    assert isinstance(result["answer"], str)
    assert isinstance(result["found"], bool)
    assert result["locality"] is None or isinstance(result["locality"], str)
    assert set(result["timings_ms"]) >= {"retrieve", "answer"}
    assert all(isinstance(v, float) for v in result["timings_ms"].values())
    assert isinstance(result["citations"], list)
    for n, citation in enumerate(result["citations"], 1):
        assert citation["n"] == n
        for key, kind in CITATION_TYPES.items():
            assert isinstance(citation[key], kind), key
        assert "/" not in citation["doc"] and not citation["doc"].endswith(".txt")


def _args(settings: Settings) -> list[str]:
    return ["--plans-dir", str(settings.plans_dir), "--index-dir", str(settings.index_dir)]


def test_ask_json_schema(built_settings: Settings) -> None:
    result = CliRunner().invoke(cli, _args(built_settings) + [
        "ask", "Phường Kiến An phải gửi báo cáo trước ngày nào?", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    _check(data)
    assert data["found"] and data["locality"] == "phường Kiến An"
    assert data["citations"] and "[1]" in data["answer"]


def test_ask_jsonl_one_result_per_line(built_settings: Settings, tmp_path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"question": "Chỉ tiêu BHYT của phường Thạch Khôi?"}\n'
        "Ai ký kế hoạch của phường Kiến An?\n\n"
        '{"question": "Chỉ tiêu hộ nghèo của xã Tiên Lãng?", "id": "x"}\n',
        encoding="utf-8")
    result = CliRunner().invoke(cli, _args(built_settings) + ["ask", "--jsonl", str(questions)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert len(lines) == 3
    for line in lines:
        _check(line)
    assert [line["found"] for line in lines] == [True, True, False]
