"""`kehoach ask`: one question, or a JSONL file of questions with the model loaded once."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kehoach.answer.assistant import MODES, Assistant
from kehoach.answer.llm_backends import check_llm_settings
from kehoach.cli.base import ChoiceVi, IntRangeVi, cli, progress_bar, require_plans, settings_of
from kehoach.cli.render import render_answer
from kehoach.core.errors import InputError
from kehoach.ingest.limits import Limits, check_question

__all__ = ["ask_command", "read_question_lines"]


def read_question_lines(path: Path) -> list[str]:
    """Questions from a file: one per line, a JSON object with "question" or plain text."""
    if not path.is_file():
        raise InputError(f"Không tìm thấy tệp câu hỏi '{path}'.")
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("{"):
            try:
                questions.append(str(json.loads(line)["question"]))
            except (ValueError, KeyError, TypeError):
                raise InputError(f"Dòng {number} của '{path}' không phải JSON có trường \"question\".") from None
        else:
            questions.append(line)
    return questions


@cli.command("ask")
@click.argument("question", required=False)
@click.option("--locality", help="Chỉ tìm trong kế hoạch của địa phương này (vd. \"phường Kiến An\").")
@click.option("--k", "k", type=IntRangeVi(1, 50), default=None, help="Số đoạn truy hồi (1-50).")
@click.option("--mode", type=ChoiceVi(MODES), default=None,
              help="extractive: trích nguyên câu của kế hoạch (mặc định); generate: mô hình ngôn ngữ "
                   "viết câu trả lời, có kiểm tra số liệu (KEHOACH_ANSWER_MODE, xem docs/llm.md).")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@click.option("--jsonl", "jsonl", type=click.Path(path_type=Path), default=None,
              help="Tệp câu hỏi, mỗi dòng một câu; in mỗi kết quả một dòng JSON.")
@click.pass_context
def ask_command(ctx: click.Context, question: str | None, locality: str | None, k: int | None,
                mode: str | None, as_json: bool, jsonl: Path | None) -> None:
    """Hỏi một câu về các kế hoạch đã nạp; trả lời có trích dẫn.

    Nếu chưa có chỉ mục, lệnh sẽ nạp các kế hoạch trong thư mục kế hoạch trước.

    Ví dụ: kehoach ask "Phường Kiến An phải gửi báo cáo trước ngày nào?" --json
    """
    if jsonl is None and not (question and question.strip()):
        raise InputError("Hãy nhập câu hỏi, ví dụ: kehoach ask \"Chỉ tiêu BHYT của xã Nguyễn Lương Bằng?\"")
    questions = read_question_lines(jsonl) if jsonl else [question or ""]
    for text in questions:  # before loading the index and model: fail fast
        check_question(text, Limits.of(settings_of(ctx)))
    if (mode or settings_of(ctx).answer_mode) == "generate":
        check_llm_settings(settings_of(ctx))  # before loading the index: fail fast
    require_plans(settings_of(ctx))
    bar = progress_bar()
    try:
        assistant = Assistant.open(settings_of(ctx), progress=bar)
    finally:
        bar.close()
    for text in questions:
        answer = assistant.ask(text, locality=locality, k=k, mode=mode)
        if as_json or jsonl:
            click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
        else:
            click.echo(render_answer(answer))
