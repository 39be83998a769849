"""The root ``kehoach`` group and what every command shares (settings, progress)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sys
import click

from kehoach.core.errors import InputError, KehoachError
from kehoach.core.settings import DATA_ROOT, Settings
from kehoach.index.store import index_exists, verify_index
from kehoach.ingest.library import SUPPORTED_SUFFIXES, plan_files

__all__ = ["cli", "settings_of", "progress_bar", "EXIT_INPUT", "EXIT_ERROR", "require_plans"]

EXIT_INPUT = 2  # bad input from the person (file, question, option)
EXIT_ERROR = 1  # anything else the program could not do (index damaged, model missing)


class KehoachGroup(click.Group):
    """A group that turns the product's errors into one line on stderr and an exit code."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(f"Lỗi: {exc}", err=True)
            ctx.exit(EXIT_INPUT)
        except KehoachError as exc:
            click.echo(f"Lỗi: {exc}", err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=KehoachGroup)
@click.option("--plans-dir", type=click.Path(path_type=Path), default=None,
              help=f"Thư mục kế hoạch (mặc định {DATA_ROOT / 'plans'}; KEHOACH_PLANS_DIR).")
@click.option("--index-dir", type=click.Path(path_type=Path), default=None,
              help=f"Thư mục chỉ mục (mặc định {DATA_ROOT / 'index'}; KEHOACH_INDEX_DIR).")
@click.version_option(package_name="kehoach")
@click.pass_context
def cli(ctx: click.Context, plans_dir: Path | None, index_dir: Path | None) -> None:
    """Hỏi đáp ngoại tuyến trên các kế hoạch của xã, phường, có trích dẫn.

    Ví dụ: kehoach ask "Chỉ tiêu BHYT của xã Nguyễn Lương Bằng là bao nhiêu?"
    """
    ctx.obj = Settings.load(plans_dir=plans_dir, index_dir=index_dir)


def settings_of(ctx: click.Context) -> Settings:
    return ctx.find_root().obj


def require_plans(settings: Settings) -> None:
    """Stop with where to put plans when there are none, in the folder or the index.

    An installed package starts with an empty plans folder (the sample plans live in the
    repository's data/, not in the wheel); it is created here so the officer can fill it.
    """
    if plan_files(settings.plans_dir):
        return
    if index_exists(settings.index_dir) and verify_index(settings.index_dir, verify=False).documents:
        return
    try:
        settings.plans_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # the message below names the folder either way
    kinds = ", ".join(SUPPORTED_SUFFIXES)
    raise InputError(
        f"Chưa có kế hoạch nào: thư mục kế hoạch '{settings.plans_dir}' không có tệp ({kinds}). "
        "Hãy chép các tệp kế hoạch vào thư mục đó rồi chạy `kehoach ingest`, hoặc nạp thẳng: "
        "`kehoach ingest <tệp hoặc thư mục>`. Để dùng thư mục khác: --plans-dir hoặc "
        "KEHOACH_PLANS_DIR.")


class progress_bar:
    """A tqdm bar on stderr per ingest stage ("read", "ocr", "embed"), as a ``Progress`` callback.

    A stage that finished and starts again (the OCR of a second scanned PDF) gets a new bar.
    """

    LABELS = {"read": "Đọc kế hoạch", "ocr": "Nhận dạng chữ (OCR) trang", "embed": "Nhúng đoạn văn"}

    def __init__(self) -> None:
        self._bars: dict[str, object] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        from tqdm import tqdm

        bar = self._bars.get(stage)
        if bar is None:
            bar = self._bars[stage] = tqdm(total=total, desc=self.LABELS.get(stage, stage),
                                           unit="", leave=False, file=sys.stderr)
        bar.update(done - bar.n)  # type: ignore[attr-defined]
        if done >= total:
            bar.close()  # type: ignore[attr-defined]
            del self._bars[stage]

    def stage(self, stage: str) -> Callable[[int, int], None]:
        """This bar as a (done, total) callback for one stage."""
        return lambda done, total: self(stage, done, total)

    def close(self) -> None:
        for bar in self._bars.values():
            bar.close()  # type: ignore[attr-defined]

