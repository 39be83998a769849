"""`kehoach app`: start the Streamlit app on this machine (localhost unless configured)."""

from __future__ import annotations

import math
import os
import sys
import tomllib
from pathlib import Path

import click

from kehoach.cli.base import IntRangeVi, cli, settings_of
from kehoach.core.errors import ConfigError
from kehoach.core.settings import package_file

__all__ = ["app_command", "streamlit_command"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def app_script() -> Path:
    """The Streamlit page installed with the package (``kehoach.ui.page``)."""
    return package_file("kehoach.ui", "page.py")


def _packaged_config() -> dict[str, str]:
    """The packaged Streamlit configuration (``ui/streamlit.toml``) as option -> value."""
    config = tomllib.loads(package_file("kehoach.ui", "streamlit.toml").read_text(encoding="utf-8"))
    return {f"{section}.{key}": str(value).lower() if isinstance(value, bool) else str(value)
            for section, options in config.items() for key, value in options.items()}


def streamlit_command(address: str, port: int, max_upload_mb: float | None = None) -> list[str]:
    """The `streamlit run` command line for these settings: the packaged configuration as
    flags (so the app is configured the same from any working folder), then the settings.

    Streamlit refuses uploads over ``max_upload_mb`` before they are held in memory (the app
    checks the limit again, with a Vietnamese message).
    """
    options = _packaged_config()
    options.update({"server.address": address, "server.port": str(port)})
    if max_upload_mb:
        options["server.maxUploadSize"] = str(max(1, math.ceil(max_upload_mb)))
    flags = [part for name, value in options.items() for part in (f"--{name}", value)]
    return [sys.executable, "-m", "streamlit", "run", str(app_script()), *flags]


@cli.command("app")
@click.option("--address", default=None,
              help="Địa chỉ lắng nghe (mặc định 127.0.0.1, chỉ máy này; KEHOACH_APP_ADDRESS).")
@click.option("--port", type=IntRangeVi(1, 65535), default=None,
              help="Cổng (mặc định 8501; KEHOACH_APP_PORT).")
@click.pass_context
def app_command(ctx: click.Context, address: str | None, port: int | None) -> None:
    """Mở ứng dụng hỏi đáp trên trình duyệt (Streamlit).

    Nếu chưa có chỉ mục, ứng dụng nạp các kế hoạch trong thư mục kế hoạch trước.

    Ví dụ: kehoach app   rồi mở http://localhost:8501
    """
    settings = settings_of(ctx)
    address = address or settings.app_address
    port = port or settings.app_port
    if not app_script().is_file():
        raise ConfigError(f"Không tìm thấy trang ứng dụng '{app_script()}': hãy cài lại kehoach.")
    env = dict(os.environ)
    env["KEHOACH_PLANS_DIR"] = str(settings.plans_dir.resolve())
    env["KEHOACH_INDEX_DIR"] = str(settings.index_dir.resolve())
    local = address in LOOPBACK
    click.echo(f"Ứng dụng: http://{'localhost' if local else address}:{port}  (Ctrl+C để dừng)",
               err=True)
    if not local:
        click.echo(f"Chú ý: ứng dụng nghe trên {address}, các máy khác trong mạng có thể truy cập.",
                   err=True)
    command = streamlit_command(address, port, settings.max_upload_mb)
    os.execve(command[0], command, env)  # Streamlit replaces this process: signals reach it
