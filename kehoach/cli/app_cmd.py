"""`kehoach app`: start the Streamlit app on this machine (localhost unless configured)."""

from __future__ import annotations

import math
import os
import sys

import click

from kehoach.cli.base import cli, settings_of
from kehoach.errors import ConfigError
from kehoach.settings import PROJECT_ROOT

__all__ = ["app_command", "streamlit_command"]

APP_SCRIPT = PROJECT_ROOT / "app.py"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def streamlit_command(address: str, port: int, max_upload_mb: float | None = None) -> list[str]:
    """The `streamlit run` command line for these settings.

    Streamlit refuses uploads over ``max_upload_mb`` before they are held in memory (the app
    checks the limit again, with a Vietnamese message).
    """
    limit = ["--server.maxUploadSize", str(max(1, math.ceil(max_upload_mb)))] if max_upload_mb else []
    return [sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT), *limit,
            "--server.address", address, "--server.port", str(port),
            "--server.headless", "true", "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false"]


@cli.command("app")
@click.option("--address", default=None,
              help="Địa chỉ lắng nghe (mặc định 127.0.0.1, chỉ máy này; KEHOACH_APP_ADDRESS).")
@click.option("--port", type=click.IntRange(1, 65535), default=None,
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
    if not APP_SCRIPT.is_file():
        raise ConfigError(f"Không tìm thấy '{APP_SCRIPT}'. Hãy chạy lệnh trong thư mục dự án.")
    env = dict(os.environ)
    env["KEHOACH_PLANS_DIR"] = str(settings.plans_dir.resolve())
    env["KEHOACH_INDEX_DIR"] = str(settings.index_dir.resolve())
    local = address in LOOPBACK
    click.echo(f"Ứng dụng: http://{'localhost' if local else address}:{port}  (Ctrl+C để dừng)",
               err=True)
    if not local:
        click.echo(f"Chú ý: ứng dụng nghe trên {address}, các máy khác trong mạng có thể truy cập.",
                   err=True)
    os.chdir(PROJECT_ROOT)  # Streamlit reads .streamlit/config.toml from here
    command = streamlit_command(address, port, settings.max_upload_mb)
    os.execve(command[0], command, env)  # Streamlit replaces this process: signals reach it
