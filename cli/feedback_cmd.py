"""`kehoach feedback export`: the 👍/👎 officers gave in the app, for review.

Reads the local history database (``history_db``); writes JSON Lines or CSV to a file or
to standard output. Nothing is sent anywhere.
"""

from __future__ import annotations

from pathlib import Path

import click

from kehoach.core.errors import InputError
from kehoach.cli.base import cli, settings_of
from kehoach.core.history import FEEDBACK_FORMATS, HistoryStore

__all__ = ["feedback_group", "export_command"]


@cli.group("feedback")
def feedback_group() -> None:
    """Đánh giá 👍/👎 của người dùng trong ứng dụng."""


@feedback_group.command("export")
@click.option("--format", "fmt", type=click.Choice(FEEDBACK_FORMATS), default="jsonl",
              show_default=True, help="jsonl (một dòng JSON mỗi đánh giá) hoặc csv.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp ghi ra (mặc định: in ra màn hình).")
@click.pass_context
def export_command(ctx: click.Context, fmt: str, out: Path | None) -> None:
    """Xuất mọi đánh giá kèm câu hỏi, câu trả lời và trích dẫn (để rà soát)."""
    settings = settings_of(ctx)
    store = HistoryStore(settings.history_db)
    text = store.export_feedback(fmt)
    count = len(store.feedback())
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"Không ghi được tệp '{out}' ({exc.strerror or exc}): chọn tệp khác bằng --out.") from None
    click.echo(f"Đã xuất {count} đánh giá vào {out}.", err=True)
