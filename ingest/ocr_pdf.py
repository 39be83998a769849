"""Text for PDF pages that have no text layer (scans): render with PDFium, read with tesseract.

OCR needs a system program (``tesseract`` with the Vietnamese data ``vie``, Debian packages
tesseract-ocr and tesseract-ocr-vie) and takes seconds per page, so the PDF reader only
asks for the pages it could not read. A page with no ink (a blank separator page) is not
OCR'd, so a digital PDF with a blank page still reads without tesseract; a page with ink
and no text needs tesseract, and its absence is a clear message, not a silent gap.

Pages are rendered one at a time (memory stays flat on long scans) and read by one
single-threaded tesseract process per core. A document's result is kept in memory by
content hash, so validating an upload and then ingesting it OCRs it once.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from functools import lru_cache

import numpy as np

from kehoach.core.errors import InputError, OcrUnavailableError
from kehoach.ingest.limits import Limits, ocr_render_dpi

__all__ = ["PageProgress", "ocr_pages", "tesseract_command", "INSTALL_HINT", "OCR_LANGUAGE"]

logger = logging.getLogger(__name__)

# progress(done, total): pages of this document checked or OCR'd so far.
PageProgress = Callable[[int, int], None]

TESSERACT = "tesseract"
OCR_LANGUAGE = "vie"
INSTALL_HINT = (
    "Cần cài tesseract-ocr và tesseract-ocr-vie để đọc PDF scan "
    "(Debian/Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-vie)."
)
# Tesseract reads best at 300 dpi (Settings.ocr_dpi); scans are usually 200-300 dpi. A page
# too large for that within Settings.ocr_max_page_megapixels is rendered coarser or refused
# (kehoach.ingest.limits.ocr_render_dpi).
_PDF_UNITS_PER_INCH = 72
# A pixel darker than this (0-255) is ink; a page with less than this share of ink is blank
# (a page number alone is ~0.02 %, one printed line ~0.2 %).
_INK_LEVEL = 128
_MIN_INK_SHARE = 0.001
# One page should take seconds; this bounds a stuck process.
_PAGE_TIMEOUT_SECONDS = 300
# Documents whose OCR text is kept in memory.
_CACHE_DOCUMENTS = 8
_cache: OrderedDict[tuple[str, tuple[int, ...], Limits], dict[int, str]] = OrderedDict()
# Letters tesseract's Vietnamese model reads for "đ"/"Đ" that Vietnamese never uses (eth).
_CONFUSABLES = str.maketrans({"ð": "đ", "Ð": "Đ"})
# Roman numerals (headings "I. MỤC ĐÍCH", "lần thứ I") read with "l" for "I": a standalone
# word of I/V/X/l with an "l" in it is no Vietnamese word, so it is the numeral.
_ROMAN_WITH_L = re.compile(r"(?<![^\s(])(?=[IVX]*l)[IVXl]+(?=[\s.,;:)]|$)", re.MULTILINE)


def _fix_glyphs(text: str) -> str:
    """Tesseract's confusions that are certain from the glyphs alone (no context needed)."""
    text = text.translate(_CONFUSABLES)
    return _ROMAN_WITH_L.sub(lambda m: m.group(0).replace("l", "I"), text)


def tesseract_command() -> str | None:
    """Path of the tesseract program on PATH, or None."""
    return shutil.which(TESSERACT)


@lru_cache(maxsize=4)
def _languages(command: str) -> frozenset[str]:
    try:
        done = subprocess.run([command, "--list-langs"], capture_output=True, text=True,
                              timeout=_PAGE_TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    lines = (done.stdout + done.stderr).splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and " " not in line.strip())


def _require_tesseract(source: str, pages: Sequence[int]) -> str:
    listed = ", ".join(map(str, pages[:10])) + (", ..." if len(pages) > 10 else "")
    command = tesseract_command()
    if command is None:
        raise OcrUnavailableError(
            f"PDF '{source}' có trang là ảnh scan, không có lớp chữ (trang {listed}). {INSTALL_HINT}"
        )
    if OCR_LANGUAGE not in _languages(command):
        raise OcrUnavailableError(
            f"PDF '{source}' cần nhận dạng chữ tiếng Việt nhưng tesseract chưa có dữ liệu "
            f"'{OCR_LANGUAGE}'. {INSTALL_HINT}"
        )
    return command


def _gray_pixels(document, number: int, dpi: float) -> np.ndarray:  # type: ignore[no-untyped-def]
    bitmap = document[number - 1].render(scale=dpi / _PDF_UNITS_PER_INCH, grayscale=True)
    pixels = bitmap.to_numpy()
    return np.ascontiguousarray(pixels.reshape(pixels.shape[0], pixels.shape[1]))


def _has_ink(pixels: np.ndarray) -> bool:
    return float((pixels < _INK_LEVEL).mean()) >= _MIN_INK_SHARE


def _pgm(pixels: np.ndarray) -> bytes:
    """The page as a binary PGM, a format tesseract reads from standard input."""
    height, width = pixels.shape
    return b"P5\n%d %d\n255\n" % (width, height) + pixels.tobytes()


def _recognise(command: str, image: bytes, number: int, source: str, dpi: float) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one process per core instead
    try:
        done = subprocess.run(
            [command, "stdin", "stdout", "-l", OCR_LANGUAGE, "--dpi", str(round(dpi))],
            input=image, capture_output=True, timeout=_PAGE_TIMEOUT_SECONDS, env=env, check=False,
        )
    except subprocess.TimeoutExpired:
        raise InputError(f"Nhận dạng chữ trang {number} của '{source}' quá "
                         f"{_PAGE_TIMEOUT_SECONDS} giây; hãy thử tệp có độ phân giải thấp hơn.") from None
    except OSError as exc:
        raise OcrUnavailableError(f"Không chạy được tesseract ({exc.strerror}). {INSTALL_HINT}") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
        raise InputError(f"Không nhận dạng được chữ trang {number} của '{source}': {reason[0]}")
    return _fix_glyphs(done.stdout.decode("utf-8", "replace"))


def _open(data: bytes, source: str):  # type: ignore[no-untyped-def]
    try:
        import pypdfium2
    except ImportError:
        raise OcrUnavailableError(
            "Thiếu thư viện pypdfium2 để đọc PDF scan. Hãy chạy: pip install pypdfium2."
        ) from None
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise InputError(f"Không đọc được PDF '{source}': tệp bị hỏng ({exc}).") from None


def ocr_pages(data: bytes, pages: Sequence[int], source: str,
              progress: PageProgress | None = None, limits: Limits | None = None) -> dict[int, str]:
    """Text of the given pages (1-based) of a PDF; blank pages are left out.

    Raises ``OcrUnavailableError`` when a page has ink and tesseract (or its Vietnamese
    data) is not installed, ``LimitExceededError`` when a page is too large to render.
    """
    limits = limits or Limits.of()
    key = (hashlib.sha256(data).hexdigest(), tuple(pages), limits)
    if key in _cache:
        _cache.move_to_end(key)
        return dict(_cache[key])
    document = _open(data, source)
    workers = max(1, os.cpu_count() or 1)
    texts: dict[int, str] = {}
    running: dict[Future[str], int] = {}
    checked = 0

    def collect(block: bool) -> None:
        nonlocal checked
        if not running:
            return
        finished, _ = wait(running, return_when=FIRST_COMPLETED) if block else (
            [f for f in running if f.done()], None)
        for future in finished:
            number = running.pop(future)
            texts[number] = future.result()
            checked += 1
            logger.info("OCR '%s': trang %d xong (%d/%d)", source, number, checked, len(pages))
            if progress:
                progress(checked, len(pages))

    command: str | None = None
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        # Every page's resolution first: a page too large is refused before any OCR.
        dpis = {number: ocr_render_dpi(*document[number - 1].get_size(), number, source, limits)
                for number in pages}
        for number in pages:
            dpi = dpis[number]
            pixels = _gray_pixels(document, number, dpi)
            if not _has_ink(pixels):
                checked += 1
                if progress:
                    progress(checked, len(pages))
                continue
            command = command or _require_tesseract(source, pages)
            running[pool.submit(_recognise, command, _pgm(pixels), number, source, dpi)] = number
            while len(running) > workers:
                collect(block=True)
            collect(block=False)
        while running:
            collect(block=True)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        document.close()
    result = {n: texts[n] for n in sorted(texts)}
    _cache[key] = result
    while len(_cache) > _CACHE_DOCUMENTS:
        _cache.popitem(last=False)
    return dict(result)
