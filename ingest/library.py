"""The plans folder: list plan files, add plans safely, remove one.

The index mirrors this folder. Adding validates every file completely (it must read and
parse) before anything is written, writes under a sanitised name inside the folder only,
and replaces atomically, so a bad upload changes nothing. A plan whose name — after
folding diacritics and case ("Kế hoạch.txt" and "Ke hoach.txt" are one name) — matches a
loaded plan is never replaced silently: ``PlanExistsError`` unless ``replace=True``, and a
replaced file is kept in ``.history/`` (hidden, so the index ignores it).
"""

from __future__ import annotations

import json
import os
import re
import time
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kehoach.ingest.limits import Limits
from kehoach.ingest.ocr_pdf import PageProgress
from kehoach.ingest.pipeline import load_plan_bytes
from kehoach.ingest.readers import SUPPORTED_SUFFIXES
from kehoach.core.errors import InputError, PlanExistsError, UnsupportedFormatError
from kehoach.core.records import PlanDocument

__all__ = ["plan_files", "escaping_links", "escaping_link_message", "safe_file_name", "name_key",
           "PreparedPlan", "prepare_plan", "store_plans", "undo_store", "StoreJournal", "FileJournal",
           "read_journal", "add_plan",
           "remove_plan", "HISTORY_DIR"]

_UNSAFE_RE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME_CHARS = 120
# Replaced plan files are kept here as "<file name>.<YYYYmmdd-HHMMSS>"; the leading dot
# keeps it out of ``plan_files`` and so out of the index.
HISTORY_DIR = ".history"


def _candidates(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUPPORTED_SUFFIXES
    )


def _ascii_stem(stem: str) -> str:
    ascii_stem = unicodedata.normalize("NFKD", stem.replace("đ", "d").replace("Đ", "D"))
    ascii_stem = ascii_stem.encode("ascii", "ignore").decode()
    return _UNSAFE_RE.sub("-", ascii_stem).strip("-.")[:_MAX_NAME_CHARS]


def name_key(stem: str) -> str:
    """The folded form under which two plan names are the same plan ("Kế hoạch" = "ke-hoach")."""
    return _ascii_stem(unicodedata.normalize("NFC", stem)).lower()


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
    ascii_stem = _ascii_stem(stem)
    suffix = suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormatError(
            f"Không hỗ trợ định dạng '{suffix or name}'. "
            f"Các định dạng được hỗ trợ: {', '.join(SUPPORTED_SUFFIXES)}."
        )
    if not ascii_stem:
        ascii_stem = f"ke-hoach-{uuid.uuid4().hex[:8]}"
    return ascii_stem + suffix


@dataclass(frozen=True)
class PreparedPlan:
    """A plan read and checked, not yet written: what ``store_plans`` will do with it."""

    name: str                      # as given (upload or path name)
    file_name: str                 # its safe name in the plans folder
    data: bytes
    plan: PlanDocument
    replaces: tuple[Path, ...] = ()  # files of the same plan to move into .history
    unchanged: bool = False          # the very same bytes are already there: nothing to write


def _exists_error(name: str, existing: Path) -> PlanExistsError:
    return PlanExistsError(
        f"Đã có kế hoạch '{existing.stem}' (tệp '{existing.name}') trùng tên với '{name}'; "
        "kế hoạch cũ được giữ nguyên. Muốn thay thế: dùng `kehoach ingest TỆP --replace` "
        f"(ứng dụng: trả lời «Thay thế» khi được hỏi); bản cũ được lưu trong {HISTORY_DIR}/.",
        existing.name,
    )


def prepare_plan(data: bytes, name: str, folder: Path, max_bytes: int, max_chars: int,
                 replace: bool = False, progress: PageProgress | None = None,
                 limits: Limits | None = None) -> PreparedPlan:
    """Check a plan given as bytes completely; nothing is written.

    Raises ``InputError`` (too large, unreadable, empty, wrong type) and ``PlanExistsError``
    (a plan of the same folded name is loaded and ``replace`` is False).
    """
    if len(data) > max_bytes:
        raise InputError(
            f"Tệp '{name}' quá lớn ({len(data) / 1e6:.1f} MB); giới hạn là {max_bytes / 1e6:.0f} MB "
            "(KEHOACH_MAX_UPLOAD_MB)."
        )
    file_name = safe_file_name(name)
    same = [p for p in plan_files(folder) if name_key(p.stem) == name_key(Path(file_name).stem)]
    if same and all(p.name == file_name for p in same) and same[0].read_bytes() == data:
        plan = load_plan_bytes(data, file_name, max_chars, progress, limits)
        return PreparedPlan(name, file_name, data, plan, unchanged=True)
    if same and not replace:
        raise _exists_error(name, same[0])
    plan = load_plan_bytes(data, file_name, max_chars, progress, limits)
    return PreparedPlan(name, file_name, data, plan, tuple(same))


# What ``store_plans`` did, so that ``undo_store`` can put the folder back (a cancelled
# upload): ("new", path) a file written; ("moved", kept, original) an old file moved into
# the history; ("mkdir", folder) the history folder created; ("part", path) a hidden
# temporary file written before the renames.
StoreJournal = list[tuple[str, ...]]


class FileJournal(list):  # type: ignore[type-arg]
    """A ``StoreJournal`` that also writes each step to a file (one JSON line, synced) before
    the step's effect can be seen: a worker killed mid-upload (SIGKILL, power cut) leaves a
    journal from which ``undo_store`` puts the plans folder back (``read_journal``)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)

    def append(self, step: tuple[str, ...]) -> None:  # type: ignore[override]
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(list(step), ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        super().append(step)

    def commit(self) -> None:
        """The stored files are indexed: nothing to undo any more."""
        self.path.unlink(missing_ok=True)
        self.clear()


def read_journal(path: Path) -> StoreJournal:
    """The steps a ``FileJournal`` wrote (a torn last line, from a kill mid-write, is
    dropped: its step was not taken yet)."""
    steps: StoreJournal = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return steps
    for line in lines:
        try:
            steps.append(tuple(json.loads(line)))
        except ValueError:
            break
    return steps


def _history_path(folder: Path, old: Path, journal: StoreJournal | None = None) -> Path:
    history = folder / HISTORY_DIR
    if not history.is_dir():
        if journal is not None:  # every step is journaled before it is taken (FileJournal)
            journal.append(("mkdir", str(history)))
        history.mkdir()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = history / f"{old.name}.{stamp}"
    n = 1
    while target.exists():
        n += 1
        target = history / f"{old.name}.{stamp}-{n}"
    return target


def store_plans(prepared: Sequence[PreparedPlan], folder: Path,
                journal: StoreJournal | None = None) -> list[Path]:
    """Write checked plans into the folder, all or none; replaced files go to ``.history``.

    Every file is first written beside its target as a hidden ``.part``; only when all are
    written are they renamed into place, so a failure (disk full) leaves the folder as it was.
    ``journal`` (if given) records each step for ``undo_store``.
    """
    folder = Path(folder)
    keys: dict[str, str] = {}
    for item in prepared:
        key = name_key(Path(item.file_name).stem)
        if key in keys:
            raise PlanExistsError(
                f"Hai tệp trong cùng lượt nạp trùng tên kế hoạch: '{keys[key]}' và '{item.name}'. "
                "Hãy đổi tên một tệp.", keys[key])
        keys[key] = item.name
    folder.mkdir(parents=True, exist_ok=True)
    parts: list[tuple[PreparedPlan, Path]] = []
    try:
        for item in prepared:
            if item.unchanged:
                continue
            part = folder / f".{item.file_name}.{uuid.uuid4().hex[:8]}.part"
            parts.append((item, part))
            if journal is not None:
                journal.append(("part", str(part)))
            with part.open("wb") as handle:
                handle.write(item.data)
                handle.flush()
                os.fsync(handle.fileno())
    except OSError as exc:
        for _, part in parts:
            part.unlink(missing_ok=True)
        raise InputError(f"Không ghi được vào thư mục kế hoạch '{folder}' ({exc.strerror or exc}); "
                         "không tệp nào được chép.") from None
    written: list[Path] = []
    for item, part in parts:
        for old in item.replaces:
            if old.exists():
                kept = _history_path(folder, old, journal)
                if journal is not None:
                    journal.append(("moved", str(kept), str(old)))
                os.replace(old, kept)
        target = folder / item.file_name
        if journal is not None:
            journal.append(("new", str(target)))
        os.replace(part, target)
        written.append(target)
    written.extend(folder / item.file_name for item in prepared if item.unchanged)
    return written


def undo_store(journal: StoreJournal) -> None:
    """Put the plans folder back as it was before the ``store_plans`` that wrote ``journal``:
    new files removed, replaced files moved back from the history (a cancelled upload, or a
    worker that was killed: each step is journaled before it is taken, so a step may be
    listed that never happened, and undoing it is then a no-op)."""
    for step in reversed(journal):
        if step[0] in ("new", "part"):
            Path(step[1]).unlink(missing_ok=True)
        elif step[0] == "moved":
            if Path(step[1]).exists():  # journaled, then killed before the move
                os.replace(step[1], step[2])
        elif step[0] == "mkdir":
            try:
                Path(step[1]).rmdir()
            except OSError:
                pass  # something else was put there meanwhile: leave it
    journal.clear()


def add_plan(data: bytes, name: str, folder: Path, max_bytes: int, max_chars: int,
             progress: PageProgress | None = None,
             replace: bool = False, limits: Limits | None = None) -> tuple[Path, PlanDocument]:
    """Validate one plan given as bytes and store it in the plans folder.

    ``progress(done, total)`` follows the OCR of a scanned PDF's pages.

    Raises ``InputError`` (too large, unreadable, empty, wrong type) or ``PlanExistsError``
    before writing.
    """
    item = prepare_plan(data, name, Path(folder), max_bytes, max_chars, replace, progress, limits)
    return store_plans([item], folder)[0], item.plan


def remove_plan(doc_id: str, folder: Path) -> Path:
    """Delete the plan file whose name without extension is ``doc_id``."""
    for path in plan_files(folder):
        if path.stem == doc_id:
            path.unlink()
            return path
    raise InputError(f"Không có kế hoạch '{doc_id}' trong thư mục '{folder}'.")
