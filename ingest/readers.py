"""Read a plan file into plain text: .txt, .md, .pdf (text layer, OCR for scanned pages), .docx.

Each reader checks what it was given (the bytes must match the extension) so that a
binary file named .pdf or an empty file gets a clear message instead of a traceback.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kehoach.ingest.limits import (Limits, check_docx_zip, check_ocr_pages, check_pdf_content,
                                   check_pdf_pages, check_plan_chars)
from kehoach.ingest.ocr_pdf import PageProgress
from kehoach.core.errors import EmptyDocumentError, InputError, LimitExceededError, UnsupportedFormatError
from kehoach.core.text import nfc

__all__ = ["RawText", "read_file", "read_bytes", "SUPPORTED_SUFFIXES"]

# Share of control characters above which "text" is really binary data.
_BINARY_CONTROL_SHARE = 0.05
_MIN_TEXT_CHARS = 20
# _DAMAGED_FILE_NOTE: pypdf and python-docx parse untrusted bytes and, on a damaged file,
# raise whatever their internals hit (zlib.error, struct.error, IndexError, ...; found by
# tests/test_fuzz.py). Any exception out of them means "this file is damaged": it becomes
# an InputError so the person gets a message, never a traceback.


@dataclass(frozen=True)
class RawText:
    """Text as read from a file (NFC), before any cleaning."""

    text: str
    source: str
    pages: int | None = None
    pages_without_text: tuple[int, ...] = field(default_factory=tuple)
    ocr_pages: tuple[int, ...] = field(default_factory=tuple)  # text read by OCR


def _check_not_empty(text: str, source: str) -> None:
    if len(text.strip()) < _MIN_TEXT_CHARS:
        raise EmptyDocumentError(f"Tệp '{source}' không có nội dung văn bản để đọc.")


def _decode_text(data: bytes, source: str) -> str:
    if not data.strip():
        raise EmptyDocumentError(f"Tệp '{source}' rỗng.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        if b"\x00" in data:
            raise InputError(f"Tệp '{source}' chứa dữ liệu nhị phân, không phải văn bản.")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(
                f"Tệp '{source}' không phải văn bản UTF-8. Hãy lưu lại tệp với mã hoá UTF-8."
            ) from None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > _BINARY_CONTROL_SHARE * max(len(text), 1):
        raise InputError(f"Tệp '{source}' chứa dữ liệu nhị phân, không phải văn bản.")
    return text


def _read_text(data: bytes, source: str, progress: PageProgress | None, limits: Limits) -> RawText:
    check_plan_chars(len(data) // 4, source, limits)  # UTF-8: at least one char per 4 bytes
    text = nfc(_decode_text(data, source))
    check_plan_chars(len(text), source, limits)
    _check_not_empty(text, source)
    return RawText(text=text, source=source)


def _content_bytes(page) -> int:  # type: ignore[no-untyped-def]
    """Decoded length of a page's content streams (pypdf caps each at 75 MB)."""
    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    return sum(len(stream.get_object().get_data()) for stream in streams)


def _check_contents(reader, source: str, limits: Limits) -> None:  # type: ignore[no-untyped-def]
    """Before extracting text: pages whose drawing instructions would take minutes to read."""
    total = 0
    for number, page in enumerate(reader.pages, 1):
        size = _content_bytes(page)
        total += size
        check_pdf_content(size, total, number, source, limits)


def _read_pdf(data: bytes, source: str, progress: PageProgress | None, limits: Limits) -> RawText:
    """The text layer; pages without one (scans) are OCR'd, ``progress`` per page."""
    if not data.strip():
        raise EmptyDocumentError(f"Tệp '{source}' rỗng.")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError(f"Tệp '{source}' không phải PDF hợp lệ (thiếu phần đầu %PDF).")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        check_pdf_pages(len(reader.pages), source, limits)
        _check_contents(reader, source, limits)
        texts = []
        for page in reader.pages:
            texts.append(page.extract_text() or "")
            check_plan_chars(sum(map(len, texts)), source, limits)
    except LimitExceededError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"Không đọc được PDF '{source}': tệp bị hỏng ({exc}).") from None
    except Exception as exc:  # noqa: BLE001  (see _DAMAGED_FILE_NOTE)
        raise InputError(f"Không đọc được PDF '{source}': tệp bị hỏng ({type(exc).__name__}).") from None
    empty = tuple(i + 1 for i, t in enumerate(texts) if len(t.strip()) < _MIN_TEXT_CHARS)
    recognised: dict[int, str] = {}
    if empty:
        from kehoach.ingest.ocr_pdf import ocr_pages

        check_ocr_pages(len(empty), source, limits)  # before rendering any of them
        recognised = ocr_pages(data, empty, source, progress, limits)
        for number, page_text in recognised.items():
            texts[number - 1] = page_text
    text = nfc("\n".join(texts))
    check_plan_chars(len(text), source, limits)
    if len(text.strip()) < _MIN_TEXT_CHARS:
        raise EmptyDocumentError(f"PDF '{source}' không có chữ đọc được, kể cả khi nhận dạng chữ (OCR).")
    return RawText(text=text, source=source, pages=len(texts), pages_without_text=empty,
                   ocr_pages=tuple(sorted(recognised)))


def _read_docx(data: bytes, source: str, progress: PageProgress | None, limits: Limits) -> RawText:
    if not data.strip():
        raise EmptyDocumentError(f"Tệp '{source}' rỗng.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_docx_zip(archive, source, limits)  # before python-docx inflates anything
    except InputError:
        raise
    except Exception:  # noqa: BLE001  (zlib.error, struct.error …: see _DAMAGED_FILE_NOTE)
        raise InputError(f"Tệp '{source}' không phải DOCX hợp lệ.") from None
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"Không đọc được DOCX '{source}': {exc}.") from None
    except Exception as exc:  # noqa: BLE001  (see _DAMAGED_FILE_NOTE)
        raise InputError(f"Không đọc được DOCX '{source}': tệp bị hỏng ({type(exc).__name__}).") from None
    text = nfc("\n".join(lines))
    check_plan_chars(len(text), source, limits)
    _check_not_empty(text, source)
    return RawText(text=text, source=source)


_READERS: dict[str, Callable[[bytes, str, PageProgress | None, Limits], RawText]] = {
    ".txt": _read_text,
    ".md": _read_text,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
}
SUPPORTED_SUFFIXES = tuple(sorted(_READERS))


def read_bytes(data: bytes, name: str, progress: PageProgress | None = None,
               limits: Limits | None = None) -> RawText:
    """Read a plan given as bytes (uploads); ``name`` decides the format.

    ``progress(done, total)`` follows the OCR of scanned PDF pages (seconds each).
    ``limits`` (default: from ``Settings.load()``) refuse a file that would cost too much.
    """
    suffix = Path(name).suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise UnsupportedFormatError(
            f"Không hỗ trợ định dạng '{suffix or name}' ({name}). "
            f"Các định dạng được hỗ trợ: {', '.join(SUPPORTED_SUFFIXES)}."
        )
    return reader(data, name, progress, limits or Limits.of())


def read_file(path: Path, progress: PageProgress | None = None,
              limits: Limits | None = None) -> RawText:
    """Read a plan file from disk (``progress`` as in ``read_bytes``)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"Không tìm thấy tệp '{path}'. Hãy kiểm tra lại đường dẫn.")
    if not path.is_file():
        raise InputError(f"'{path}' không phải là tệp.")
    if path.suffix.lower() not in _READERS:
        read_bytes(b"", path.name)  # raises UnsupportedFormatError with the list
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"Không đọc được tệp '{path}': {exc.strerror}.") from None
    return read_bytes(data, path.name, progress, limits)
