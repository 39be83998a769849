"""`kehoach ingest` and `kehoach info`: build the index, show what is loaded."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kehoach.index.builder import IngestReport, ingest
from kehoach.index.embeddings import make_embeddings
from kehoach.index.store import index_exists, load_index
from kehoach.ingest.library import (PreparedPlan, escaping_link_message, escaping_links, plan_files,
                                    prepare_plan, store_plans)
from kehoach.ingest.limits import Limits
from kehoach.cli.base import cli, progress_bar, require_plans, settings_of
from kehoach.core.errors import InputError
from kehoach.core.records import PlanMeta
from kehoach.core.threads import background_priority, openmp_threads

__all__ = ["ingest_command", "info_command"]


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"Không tìm thấy '{path}'. Hãy kiểm tra lại đường dẫn.")
        if path.is_dir():
            links = escaping_links(path)
            if links:
                raise InputError(escaping_link_message(links[0]))
            found = plan_files(path)
            if not found:
                raise InputError(f"Thư mục '{path}' không có tệp kế hoạch (.txt, .md, .pdf, .docx).")
            files.extend(found)
        else:
            files.append(path)
    return files


def _print_report(report: IngestReport) -> None:
    if report.note:
        click.echo(report.note, err=True)
    for name, message in report.failed:
        click.echo(f"Lỗi: {name}: {message}", err=True)
    if not report.written:
        click.echo(f"Không có thay đổi: {len(report.unchanged)} kế hoạch, {report.chunks} đoạn "
                   f"({report.seconds:.1f} giây).")
        return
    click.echo(
        f"Đã nạp: {len(report.added)} mới, {len(report.updated)} cập nhật, "
        f"{len(report.unchanged)} giữ nguyên, {len(report.removed)} xoá; "
        f"{report.chunks} đoạn, {report.embedded} đoạn được nhúng ({report.seconds:.1f} giây)."
    )


def _prepare_batch(files: list[Path], settings, replace: bool, bar) -> list[PreparedPlan]:
    """Read and check every file before any is copied: one bad file changes nothing."""
    max_bytes = settings.max_upload_bytes
    prepared: list[PreparedPlan] = []
    errors: list[str] = []
    for path in files:
        try:
            size = path.stat().st_size
            if size > max_bytes:  # refuse before reading a huge file into memory
                raise InputError(f"Tệp '{path.name}' quá lớn ({size / 1e6:.1f} MB); giới hạn là "
                                 f"{max_bytes / 1e6:.0f} MB (KEHOACH_MAX_UPLOAD_MB).")
            prepared.append(prepare_plan(path.read_bytes(), path.name, settings.plans_dir,
                                         max_bytes, settings.chunk_max_chars, replace,
                                         bar.stage("ocr"), Limits.of(settings)))
        except InputError as exc:
            errors.append(f"Lỗi: {path.name}: {exc}")
        except OSError as exc:
            errors.append(f"Lỗi: {path.name}: không đọc được tệp ({exc.strerror or exc}).")
    if errors:
        bar.close()
        for line in errors[:-1]:
            click.echo(line, err=True)
        raise InputError(f"{errors[-1].removeprefix('Lỗi: ')} — không tệp nào được chép "
                         f"({len(errors)}/{len(files)} tệp lỗi); chỉ mục giữ nguyên.")
    return prepared


@cli.command("ingest")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Tạo lại toàn bộ chỉ mục (sau khi đổi mô hình, hoặc chỉ mục hỏng).")
@click.option("--replace", is_flag=True,
              help="Thay kế hoạch cùng tên (kể cả khác dấu: 'Kế hoạch' = 'Ke hoach'); bản cũ lưu ở .history/.")
@click.pass_context
def ingest_command(ctx: click.Context, paths: tuple[Path, ...], rebuild: bool, replace: bool) -> None:
    """Nạp kế hoạch vào chỉ mục (chỉ xử lý kế hoạch mới hoặc đã thay đổi).

    Không có PATHS: đồng bộ chỉ mục với thư mục kế hoạch. Có PATHS (tệp hoặc thư mục):
    kiểm tra mọi tệp, chỉ khi tất cả đều tốt mới chép vào thư mục kế hoạch rồi đồng bộ.
    Kế hoạch cùng tên không bị thay nếu không có --replace.

    Ví dụ: kehoach ingest ~/Downloads/ke-hoach-50.pdf
    """
    settings = settings_of(ctx)
    files = _expand(paths)
    if not files:
        require_plans(settings)
    bar = progress_bar()
    # OCR and embedding at low priority: the app or an `ask` running meanwhile keeps the CPU.
    try:
        with background_priority(settings.ingest_niceness):
            # Validate everything before copying anything, and before the model loads: one
            # bad file changes nothing and costs little. (A scanned PDF is OCR'd once here;
            # later reads of it reuse the result.)
            prepared = _prepare_batch(files, settings, replace, bar)
            embeddings = make_embeddings(settings)  # loaded first: its OpenMP then takes ingest_threads
            with openmp_threads(settings.ingest_threads):
                store_plans(prepared, settings.plans_dir)
                report = ingest(settings, embeddings, rebuild=rebuild, progress=bar)
    finally:
        bar.close()
    _print_report(report)
    if report.failed:
        ctx.exit(2)


@cli.command("info")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON.")
@click.pass_context
def info_command(ctx: click.Context, as_json: bool) -> None:
    """Liệt kê kế hoạch đã nạp: địa phương, số, ngày, người ký, số đoạn, mô hình.

    Ví dụ: kehoach info --json
    """
    settings = settings_of(ctx)
    if not index_exists(settings.index_dir):
        waiting = len(plan_files(settings.plans_dir))
        raise InputError(f"Chưa có chỉ mục tại '{settings.index_dir}' ({waiting} kế hoạch đang chờ). "
                         "Hãy chạy `kehoach ingest`.")
    index = load_index(settings.index_dir, verify=False)
    manifest = index.manifest
    plans = []
    for doc_id, plan in sorted(index.plans.items()):
        meta = plan.meta.to_json()
        meta.pop("evidence")
        meta["chunks"] = manifest.documents[doc_id].chunks
        plans.append(meta)
    if as_json:
        click.echo(json.dumps({"index_dir": str(settings.index_dir), "model": manifest.model_id,
                               "backend": manifest.backend, "dimension": manifest.dimension,
                               "vector_index": manifest.vector_index,
                               "chunks": manifest.chunk_count, "created": manifest.created,
                               "plans": plans}, ensure_ascii=False, indent=2))
        return
    click.echo(f"Chỉ mục: {settings.index_dir}  (tạo lúc {manifest.created})")
    click.echo(f"Mô hình: {manifest.model_id} [{manifest.backend}, {manifest.dimension} chiều, "
               f"{manifest.vector_index}]  —  {manifest.chunk_count} đoạn")
    for meta in plans:
        date = PlanMeta.display_date(meta["issue_date"]) or "—"
        ocr = "  (OCR, đã sửa dấu)" if meta["ocr_repaired"] else ""
        click.echo(f"\n• {meta['doc_id']}{ocr}")
        click.echo(f"  {meta['locality'] or '—'} | số {meta['number'] or '—'} | ngày {date} | "
                   f"ký: {meta['signer'] or '—'} | {meta['chunks']} đoạn")
        if meta["title"]:
            click.echo(f"  {meta['title'][:160]}")
