"""`kehoach targets | deadlines | units`: the structured views of the plans.

They read the live index (no model is loaded), so they answer in about a second.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import click

from kehoach.extract.ics import deadlines_to_ics
from kehoach.extract.records import to_json
from kehoach.extract.views import StructuredViews, views_of_index
from kehoach.index.store import load_index
from kehoach.cli.base import cli, settings_of
from kehoach.core.errors import InputError
from kehoach.grammar.dates import parse_date

__all__ = ["targets_command", "deadlines_command", "units_command", "parse_day"]

_CSV_FIELDS = ("locality", "indicator_key", "indicator", "comparator", "value", "unit", "year",
               "doc", "section")


def parse_day(text: str) -> dt.date:
    """'2025-12-10' or '10/12/2025' (any way a plan writes a day, read by the one date
    grammar) -> date; anything else is an ``InputError``."""
    mention = parse_date(text)
    day = mention.to_date() if mention is not None else None
    if day is not None:
        return day
    raise InputError(f"Ngày '{text}' không hợp lệ. Hãy viết dạng 2025-12-10 hoặc 10/12/2025.")


def _views(ctx: click.Context) -> StructuredViews:
    return views_of_index(load_index(settings_of(ctx).index_dir, verify=False))


def _echo_json(rows: list[dict]) -> None:
    click.echo(json.dumps(rows, ensure_ascii=False, indent=2))


@cli.command("targets")
@click.option("--locality", help="Chỉ lấy chỉ tiêu của địa phương này (vd. \"Kiến An\").")
@click.option("--topic", help="Chỉ lấy chỉ tiêu về chủ đề này (vd. \"BHYT\", \"hộ nghèo\").")
@click.option("--csv", "as_csv", is_flag=True, help="In dạng CSV.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@click.pass_context
def targets_command(ctx: click.Context, locality: str | None, topic: str | None, as_csv: bool,
                    as_json: bool) -> None:
    """Liệt kê các chỉ tiêu của các kế hoạch, kèm nguồn trích dẫn.

    Ví dụ: kehoach targets --topic "BHYT" --csv
    """
    if as_csv and as_json:
        raise InputError("Chỉ chọn một trong --csv hoặc --json.")
    targets = _views(ctx).targets_where(locality, topic)
    if as_json:
        _echo_json([to_json(t) for t in targets])
        return
    if as_csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=_CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for target in targets:
            writer.writerow(to_json(target))
        click.echo(buffer.getvalue(), nl=False)
        return
    if not targets:
        click.echo("Không tìm thấy chỉ tiêu nào khớp.")
    for t in targets:
        click.echo(f"- [{t.locality}] {t.indicator}: {t.figure_text or '(không nêu số)'}"
                   f" ({t.year or 'không nêu năm'}) — {t.doc} › {t.section}")


@cli.command("deadlines")
@click.option("--before", "before", help="Chỉ lấy hạn đến hết ngày này (2025-12-10 hoặc 10/12/2025).")
@click.option("--ics", "ics_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Ghi các hạn ra tệp lịch .ics để nhập vào ứng dụng lịch.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@click.pass_context
def deadlines_command(ctx: click.Context, before: str | None, ics_path: Path | None,
                      as_json: bool) -> None:
    """Liệt kê các hạn chót theo thứ tự ngày, kèm đơn vị thực hiện và nơi nhận báo cáo.

    Ví dụ: kehoach deadlines --before 2025-12-31 --ics han-chot.ics
    """
    day = parse_day(before) if before else None
    deadlines = _views(ctx).deadlines_sorted(day)
    if ics_path is not None:
        try:
            ics_path.write_bytes(deadlines_to_ics(
                deadlines, reminder_days=settings_of(ctx).ics_reminder_days))
        except OSError as exc:
            raise InputError(f"Không ghi được tệp lịch '{ics_path}': {exc.strerror}.") from None
        click.echo(f"Đã ghi {len(deadlines)} hạn vào {ics_path}.", err=True)
    if as_json:
        _echo_json([to_json(d) for d in deadlines])
        return
    if not deadlines:
        click.echo("Không tìm thấy hạn nào khớp.")
    for d in deadlines:
        who = f" — {d.reporter}" if d.reporter else ""
        to = f" → {d.recipient}" if d.recipient else ""
        click.echo(f"- {d.date:%d/%m/%Y} [{d.locality}]{who}{to}: {d.task} ({d.doc})")


@cli.command("units")
@click.option("--unit", help="Chỉ lấy đơn vị có tên chứa cụm này (vd. \"Văn hóa - Xã hội\").")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@click.pass_context
def units_command(ctx: click.Context, unit: str | None, as_json: bool) -> None:
    """Liệt kê phân công: mỗi đơn vị, vai trò và nhiệm vụ của nó trong từng kế hoạch.

    Ví dụ: kehoach units --unit "Văn hóa - Xã hội" --json
    """
    units = _views(ctx).units_where(unit)
    if as_json:
        _echo_json([to_json(r) for r in units])
        return
    if not units:
        click.echo("Không tìm thấy đơn vị nào khớp.")
    for r in units:
        click.echo(f"* {r.unit} [{r.locality}] ({r.role}) — {r.doc}")
        for task in r.tasks:
            click.echo(f"    - {task}")
