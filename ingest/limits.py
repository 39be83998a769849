"""Limits on what one plan file may cost, checked before the costly step starts.

A small file can be built to cost a great deal: a DOCX whose XML inflates to a gigabyte,
a one-page PDF whose page is 5 m wide (rendered for OCR at 300 dpi: 3.6 GB of pixels),
thousands of tiny paragraphs that each become a chunk to embed. Each check reads what is
cheap to read (zip headers, the page count, the page box) and refuses the file with a
message naming the limit and the setting (``KEHOACH_…``) that changes it.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from kehoach.core.errors import LimitExceededError
from kehoach.core.settings import ENV_PREFIX, Settings

__all__ = ["Limits", "check_docx_zip", "check_pdf_pages", "check_pdf_content", "check_ocr_pages", "ocr_render_dpi",
           "check_plan_chars", "check_plan_chunks", "check_question"]

_MB = 1_000_000
# A paragraph start tag under any namespace prefix (<w:p>, <w:p w:rsid…>, <w:p/>, <ns0:p>).
_PARAGRAPH_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s>/]")
_READ_BLOCK = 1 << 20
_PDF_UNITS_PER_INCH = 72


def _env(field_name: str) -> str:
    return ENV_PREFIX + field_name.upper()


@dataclass(frozen=True)
class Limits:
    """The limits of one run, taken from ``Settings`` (see the fields' comments there)."""

    max_docx_unzipped_mb: float = Settings.max_docx_unzipped_mb
    max_docx_xml_mb: float = Settings.max_docx_xml_mb
    max_docx_xml_elements: int = Settings.max_docx_xml_elements
    max_docx_paragraphs: int = Settings.max_docx_paragraphs
    max_pdf_pages: int = Settings.max_pdf_pages
    max_pdf_page_content_mb: float = Settings.max_pdf_page_content_mb
    max_pdf_content_mb: float = Settings.max_pdf_content_mb
    max_ocr_pages: int = Settings.max_ocr_pages
    ocr_dpi: int = Settings.ocr_dpi
    ocr_max_page_megapixels: float = Settings.ocr_max_page_megapixels
    ocr_min_dpi: int = Settings.ocr_min_dpi
    max_plan_chars: int = Settings.max_plan_chars
    max_plan_chunks: int = Settings.max_plan_chunks
    max_question_chars: int = Settings.max_question_chars

    @classmethod
    def of(cls, settings: Settings | None = None) -> "Limits":
        """The limits of ``settings`` (default: ``Settings.load()``, i.e. env overrides)."""
        settings = settings or Settings.load()
        return cls(**{name: getattr(settings, name) for name in cls.__dataclass_fields__})


# Said after a plan refused for its length: what the person can do about it.
_LONG_PLAN_HINT = ("Mỗi đoạn mất khoảng 0,3 giây để nhúng (máy 2 nhân): hãy tách kế hoạch thành "
                   "nhiều tệp, hoặc tăng giới hạn này nếu chấp nhận chờ lâu hơn.")


def _refuse(source: str, what: str, value: str, limit: str, field_name: str,
            hint: str = "") -> LimitExceededError:
    return LimitExceededError(
        f"Tệp '{source}' bị từ chối: {what} là {value}, vượt giới hạn {limit} "
        f"(thiết lập {field_name}, biến môi trường {_env(field_name)})." + (f" {hint}" if hint else "")
    )


def check_docx_zip(archive: zipfile.ZipFile, source: str, limits: Limits) -> None:
    """Refuse a DOCX whose parts decompress past the limits, from the zip headers alone.

    The sizes in the headers are what the archive claims; CPython's zipfile never inflates a
    part past its claimed size and then checks its CRC (``BadZipFile``), so a header that
    lies cannot make python-docx read more than the limit.
    """
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    xml = sum(info.file_size for info in infos if info.filename.lower().endswith((".xml", ".rels")))
    if xml > limits.max_docx_xml_mb * _MB:
        raise _refuse(source, "phần văn bản XML khi giải nén", f"{xml / _MB:,.0f} MB",
                      f"{limits.max_docx_xml_mb:g} MB", "max_docx_xml_mb")
    if total > limits.max_docx_unzipped_mb * _MB:
        raise _refuse(source, "dung lượng khi giải nén", f"{total / _MB:,.0f} MB",
                      f"{limits.max_docx_unzipped_mb:g} MB", "max_docx_unzipped_mb")
    _check_docx_elements(archive, source, limits)


def _check_docx_elements(archive: zipfile.ZipFile, source: str, limits: Limits) -> None:
    """Count the XML parts' elements and paragraphs by streaming them (bytes, no parsing):
    a few MB of "<w:p/>" cost python-docx minutes and lxml a gigabyte."""
    elements = paragraphs = 0
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels")):
            continue
        tail = b""
        with archive.open(info) as part:
            while block := part.read(_READ_BLOCK):
                elements += block.count(b"<") - block.count(b"</")
                paragraphs += len(_PARAGRAPH_TAG.findall(tail + block))
                tail = block[-4:]  # a tag split between blocks is seen (a short one maybe twice)
                if elements > limits.max_docx_xml_elements:
                    raise _refuse(source, "số phần tử XML", f"hơn {limits.max_docx_xml_elements:,}",
                                  f"{limits.max_docx_xml_elements:,}", "max_docx_xml_elements")
                if paragraphs > limits.max_docx_paragraphs:
                    raise _refuse(source, "số đoạn văn (paragraph)",
                                  f"hơn {limits.max_docx_paragraphs:,}",
                                  f"{limits.max_docx_paragraphs:,}", "max_docx_paragraphs")


def check_pdf_pages(pages: int, source: str, limits: Limits) -> None:
    if pages > limits.max_pdf_pages:
        raise _refuse(source, "số trang PDF", f"{pages:,}", f"{limits.max_pdf_pages:,} trang",
                      "max_pdf_pages")


def check_pdf_content(page_bytes: int, total_bytes: int, page: int, source: str,
                      limits: Limits) -> None:
    """Refuse a PDF whose pages' decoded drawing instructions are too long to read."""
    if page_bytes > limits.max_pdf_page_content_mb * _MB:
        raise _refuse(source, f"nội dung vẽ của trang {page} khi giải nén",
                      f"{page_bytes / _MB:,.1f} MB", f"{limits.max_pdf_page_content_mb:g} MB",
                      "max_pdf_page_content_mb")
    if total_bytes > limits.max_pdf_content_mb * _MB:
        raise _refuse(source, "nội dung vẽ của các trang khi giải nén",
                      f"hơn {total_bytes / _MB:,.0f} MB", f"{limits.max_pdf_content_mb:g} MB",
                      "max_pdf_content_mb")


def check_ocr_pages(pages: int, source: str, limits: Limits) -> None:
    """Refuse a PDF with more scanned pages than may be OCR'd (seconds per page)."""
    if pages > limits.max_ocr_pages:
        raise _refuse(source, "số trang scan cần nhận dạng chữ (OCR)", f"{pages:,}",
                      f"{limits.max_ocr_pages:,} trang", "max_ocr_pages")


def ocr_render_dpi(width_pt: float, height_pt: float, page: int, source: str,
                   limits: Limits) -> float:
    """The resolution to render a page at for OCR: ``ocr_dpi``, lowered so the image has at
    most ``ocr_max_page_megapixels``; refused when that would be below ``ocr_min_dpi``."""
    inches = max(width_pt, 1.0) / _PDF_UNITS_PER_INCH * max(height_pt, 1.0) / _PDF_UNITS_PER_INCH
    fitting = (limits.ocr_max_page_megapixels * _MB / inches) ** 0.5
    dpi = min(float(limits.ocr_dpi), fitting)
    if dpi < limits.ocr_min_dpi:
        raise LimitExceededError(
            f"Tệp '{source}' bị từ chối: trang {page} quá lớn ({width_pt / _PDF_UNITS_PER_INCH:,.0f} x "
            f"{height_pt / _PDF_UNITS_PER_INCH:,.0f} inch); để nhận dạng chữ với tối đa "
            f"{limits.ocr_max_page_megapixels:g} megapixel (thiết lập ocr_max_page_megapixels, "
            f"{_env('ocr_max_page_megapixels')}) phải hạ xuống {dpi:.0f} dpi, dưới mức tối thiểu "
            f"{limits.ocr_min_dpi} dpi (ocr_min_dpi, {_env('ocr_min_dpi')})."
        )
    return dpi


def check_plan_chars(chars: int, source: str, limits: Limits) -> None:
    if chars > limits.max_plan_chars:
        raise _refuse(source, "số ký tự của kế hoạch", f"{chars:,}",
                      f"{limits.max_plan_chars:,} ký tự", "max_plan_chars", _LONG_PLAN_HINT)


def check_plan_chunks(chunks: int, source: str, limits: Limits) -> None:
    """Refuse a plan cut into more chunks than may be embedded (each one costs time)."""
    if chunks > limits.max_plan_chunks:
        raise _refuse(source, "số đoạn cần nhúng", f"{chunks:,}",
                      f"{limits.max_plan_chunks:,} đoạn", "max_plan_chunks", _LONG_PLAN_HINT)


def check_question(question: str, limits: Limits) -> None:
    """Refuse a question longer than ``max_question_chars`` before any work on it."""
    if len(question) > limits.max_question_chars:
        raise LimitExceededError(
            f"Câu hỏi quá dài ({len(question):,} ký tự); giới hạn là {limits.max_question_chars:,} "
            f"ký tự (thiết lập max_question_chars, {_env('max_question_chars')}). "
            "Hãy hỏi ngắn gọn một ý."
        )
