"""`kehoach eval`: score the assistant on a question set, print a table, write JSON."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kehoach.answer.assistant import Assistant
from kehoach.answer.evaluation import evaluate, load_questions
from kehoach.cli.base import cli, progress_bar, require_plans, settings_of
from kehoach.core.errors import ConfigError

__all__ = ["eval_command"]


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


@cli.command("eval")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Tệp JSON kết quả (mặc định: <FILE>.report.json trong thư mục báo cáo "
                   "KEHOACH_REPORTS_DIR, trong bản checkout là reports/).")
@click.option("--show-errors", is_flag=True, help="In các câu trả lời sai.")
@click.pass_context
def eval_command(ctx: click.Context, file: Path, out: Path | None, show_errors: bool) -> None:
    """Chấm điểm trên tệp câu hỏi JSONL (question, answerable, docs, expect, kind).

    Ví dụ: kehoach eval ../shared/eval/dev.jsonl
    """
    items = load_questions(file)
    require_plans(settings_of(ctx))
    bar = progress_bar()
    try:
        assistant = Assistant.open(settings_of(ctx), progress=bar)
    finally:
        bar.close()
    report = evaluate(items, assistant.ask)
    summary = report.summary()
    rows = [
        ("questions", str(summary["questions"])),
        ("answer accuracy", _pct(summary["answer_accuracy"])),
        ("abstention", _pct(summary["abstention"])),
        ("citation hit", _pct(summary["citation_hit"])),
        ("evidence hit", _pct(summary["evidence_hit"])),
        ("overall", _pct(summary["overall"])),
        ("wrong-plan answers", str(summary["wrong_plan_answers"])),
        ("latency p50 (ms)", f"{summary['latency_ms_p50']:.1f}"),
        ("latency p95 (ms)", f"{summary['latency_ms_p95']:.1f}"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        click.echo(f"{name:<{width}}  {value}")
    for kind, counts in summary["by_kind"].items():
        click.echo(f"  {kind or '-':<{width - 2}}  {counts['correct']}/{counts['n']}")
    if show_errors:
        for row in report.rows:
            if not row["correct"]:
                click.echo(f"\n✗ {row['id']} [{row['kind']}] {row['question']}\n  → {row['answer']}")
    out = out or settings_of(ctx).reports_dir / f"{file.stem}.report.json"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"file": str(file), "summary": summary, "rows": report.rows},
                                  ensure_ascii=False, indent=2), encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"Không ghi được tệp kết quả '{out}' ({exc.strerror}): chọn tệp khác "
                          "bằng --out hoặc thư mục khác bằng KEHOACH_REPORTS_DIR.") from None
    click.echo(f"Kết quả chi tiết: {out}")
