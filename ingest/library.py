"""The plans folder: list plan files, add one safely, remove one.

The index mirrors this folder. Adding validates the file completely (it must read and
parse) before anything is written, writes under a sanitised name inside the folder only,
and replaces atomically, so a bad upload changes nothing.
"""

from __future__ import annotations

import os
import re
import unicodedata
import uuid
from pathlib import Path

from kehoach.ingest.limits import Limits
from kehoach.ingest.ocr_pdf import PageProgress
from kehoach.ingest.pipeline import load_plan_bytes
from kehoach.ingest.readers import SUPPORTED_SUFFIXES
from kehoach.core.errors import InputError, UnsupportedFormatError
from kehoach.core.records import PlanDocument

__all__ = ["plan_files", "escaping_links", "escaping_link_message", "safe_file_name", "add_plan",
           "remove_plan"]

_UNSAFE_RE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME_CHARS = 120


def _candidates(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUPPORTED_SUFFIXES
    )


def _leaves(path: Path, folder: Path) -> bool:
    """Is ``path`` a symbolic link (or under one) that ends outside ``folder``?"""
    return not path.resolve().is_relative_to(folder.resolve())


def plan_files(folder: Path) -> list[Path]:
    """Supported plan files directly in ``folder``, sorted by name (hidden files skipped).

    A symbolic link that leaves the folder is left out (``escaping_links`` lists them):
    a link named "ke-hoach.txt" to /etc/passwd would otherwise be indexed and served.
    """
    folder = Path(folder)
    return [p for p in _candidates(folder) if not _leaves(p, folder)]


def escaping_links(folder: Path) -> list[Path]:
    """Plan-like entries of ``folder`` that are symbolic links to files outside it."""
    folder = Path(folder)
    return [p for p in _candidates(folder) if _leaves(p, folder)]


def escaping_link_message(path: Path) -> str:
    return (f"Bỏ qua '{path.name}': đây là liên kết (symlink) tới tệp ngoài thư mục kế hoạch "
            f"'{path.parent}'. Hãy chép chính tệp kế hoạch vào thư mục này.")


def safe_file_name(name: str) -> str:
    """A file name that cannot leave the plans folder: no path parts, ASCII, no dot-start.

    "../../etc/Kế hoạch 50.pdf" -> "Ke-hoach-50.pdf".
    """
    base = Path(name.replace("\\", "/")).name
    stem, suffix = os.path.splitext(base)
    ascii_stem = unicodedata.normalize("NFKD", stem.replace("đ", "d").replace("Đ", "D"))
    ascii_stem = ascii_stem.encode("ascii", "ignore").decode()
    ascii_stem = _UNSAFE_RE.sub("-", ascii_stem).strip("-.")[:_MAX_NAME_CHARS]
    suffix = suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormatError(
            f"Không hỗ trợ định dạng '{suffix or name}'. "
            f"Các định dạng được hỗ trợ: {', '.join(SUPPORTED_SUFFIXES)}."
        )
    if not ascii_stem:
        ascii_stem = f"ke-hoach-{uuid.uuid4().hex[:8]}"
    return ascii_stem + suffix


def add_plan(data: bytes, name: str, folder: Path, max_bytes: int, max_chars: int,
             progress: PageProgress | None = None,
             limits: Limits | None = None) -> tuple[Path, PlanDocument]:
    """Validate a plan given as bytes and store it in the plans folder.

    ``progress(done, total)`` follows the OCR of a scanned PDF's pages.

    Raises ``InputError`` (too large, unreadable, empty, wrong type) before writing.
    """
    if len(data) > max_bytes:
        raise InputError(
            f"Tệp '{name}' quá lớn ({len(data) / 1e6:.1f} MB); giới hạn là {max_bytes / 1e6:.0f} MB."
        )
    file_name = safe_file_name(name)
    plan = load_plan_bytes(data, file_name, max_chars, progress, limits)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file_name
    clash = [p for p in plan_files(folder) if p.stem == target.stem and p.name != target.name]
    if clash:
        raise InputError(
            f"Đã có kế hoạch '{clash[0].name}' cùng tên. Hãy đổi tên tệp hoặc xoá kế hoạch cũ."
        )
    temporary = folder / f".{file_name}.{uuid.uuid4().hex[:8]}.part"
    temporary.write_bytes(data)
    os.replace(temporary, target)
    return target, plan


def remove_plan(doc_id: str, folder: Path) -> Path:
    """Delete the plan file whose name without extension is ``doc_id``."""
    for path in plan_files(folder):
        if path.stem == doc_id:
            path.unlink()
            return path
    raise InputError(f"Không có kế hoạch '{doc_id}' trong thư mục '{folder}'.")
