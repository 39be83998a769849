"""The ``kehoach`` command line: one small module per command group.

Errors below the faces are ``KehoachError``s; the root group (``base.KehoachGroup``) turns
them into one clear line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

from kehoach.cli import app_cmd, ask_cmd, eval_cmd, ingest_cmd, structured_cmd  # noqa: F401  (register commands)
from kehoach.cli import feedback_cmd  # noqa: F401  (issue 12: feedback export)
from kehoach.cli.base import cli

__all__ = ["cli", "main"]


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="kehoach")
