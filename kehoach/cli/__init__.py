"""The ``kehoach`` command line: one small module per command group.

Errors below the faces are ``KehoachError``s; here they become one clear line on stderr
and a non-zero exit code (2 for bad input, 1 otherwise), never a traceback.
"""

from __future__ import annotations

import sys

import click

from kehoach.cli.base import cli
from kehoach.cli import app_cmd, ask_cmd, eval_cmd, ingest_cmd  # noqa: F401  (register commands)
from kehoach.errors import InputError, KehoachError

__all__ = ["cli", "main"]


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Đã huỷ.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except InputError as exc:
        click.echo(f"Lỗi: {exc}", err=True)
        sys.exit(2)
    except KehoachError as exc:
        click.echo(f"Lỗi: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Đã dừng.", err=True)
        sys.exit(130)
