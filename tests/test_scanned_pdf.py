"""Scanned PDFs: pages without a text layer are OCR'd (PDFium + tesseract) and repaired.

The scan is made here: the first page of a clean plan printed with DejaVu Sans into a
page image (Pillow) and saved as an image-only PDF, then read by the real reader, real
tesseract (-l vie) and the real ingest pipeline. One page keeps the test under a minute.
"""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from benchmarks.ocr_ser import syllable_error_rate
from benchmarks.scanned_pdf_ser import find_font, scanned_pdf
from kehoach.index.store import load_index
from kehoach.ingest.cleaning import clean_paragraphs
from kehoach.ingest import ocr_pdf
from kehoach.ingest.ocr_pdf import OCR_LANGUAGE, _languages, tesseract_command
from kehoach.ingest.pipeline import load_plan_bytes
from kehoach.ingest.readers import read_bytes
from kehoach.cli import cli
from kehoach.core.errors import EmptyDocumentError, OcrUnavailableError
from kehoach.core.settings import PROJECT_ROOT
from kehoach.core.text import nfc

PLAN = PROJECT_ROOT / "data" / "plans" / "kien-an_ke-hoach-dot-thi-dua-2025.txt"
FONT = find_font()
TESSERACT = tesseract_command()
# A clean one-page scan read by tesseract is ~99 % right; repaired it must stay so.
MAX_SER = 0.03

needs_ocr = pytest.mark.skipif(
    FONT is None or TESSERACT is None or OCR_LANGUAGE not in _languages(TESSERACT),
    reason="needs fonts-dejavu-core, tesseract-ocr and tesseract-ocr-vie (apt)",
)


@pytest.fixture(scope="module")
def scan() -> tuple[bytes, str]:
    """A one-page image-only PDF of the plan's beginning, and the text printed on it."""
    assert FONT is not None
    return scanned_pdf(clean_paragraphs(nfc(PLAN.read_text(encoding="utf-8"))), FONT, max_pages=1)


@needs_ocr
def test_scan_has_no_text_layer_and_is_read_by_ocr(scan: tuple[bytes, str]) -> None:
    pdf, printed = scan
    assert PdfReader(io.BytesIO(pdf)).pages[0].extract_text().strip() == ""
    seen: list[tuple[int, int]] = []
    raw = read_bytes(pdf, "scan.pdf", lambda done, total: seen.append((done, total)))
    assert raw.pages == 1 and raw.ocr_pages == (1,)
    assert seen[-1] == (1, 1)
    assert syllable_error_rate([raw.text], [printed]) < MAX_SER
    assert "phường Kiến An" in raw.text and "I. MỤC ĐÍCH, YÊU CẦU" in raw.text


@needs_ocr
def test_scanned_plan_is_repaired_structured_and_cited_as_ocr(scan: tuple[bytes, str]) -> None:
    pdf, printed = scan
    plan = load_plan_bytes(pdf, "kien-an-scan.pdf", 700)
    assert plan.meta.ocr_repaired and plan.raw_text  # raw text kept beside the repaired one
    assert syllable_error_rate([plan.text], [printed]) < MAX_SER
    assert plan.meta.locality == "phường Kiến An"
    assert "\nI. MỤC ĐÍCH, YÊU CẦU\n" in plan.text
    sections = {p.section for p in plan.paragraphs}
    assert "I. MỤC ĐÍCH, YÊU CẦU › 1. Mục đích" in sections, sections
    assert plan.chunks and all(c.doc_id == "kien-an-scan" for c in plan.chunks)


@needs_ocr
def test_cli_ingests_a_scanned_pdf_with_progress(scan: tuple[bytes, str], tmp_path: Path) -> None:
    pdf, _ = scan
    source = tmp_path / "kien-an-scan.pdf"
    source.write_bytes(pdf)
    plans, index = tmp_path / "plans", tmp_path / "index"
    ocr_pdf._cache.clear()  # the other tests OCR'd these bytes; this one must show the OCR
    result = CliRunner().invoke(
        cli, ["--plans-dir", str(plans), "--index-dir", str(index), "ingest", str(source)])
    assert result.exit_code == 0, result.output
    assert "OCR" in result.output  # the page progress bar
    assert (plans / "kien-an-scan.pdf").is_file()
    loaded = load_index(index)
    assert loaded.plans["kien-an-scan"].meta.ocr_repaired
    assert any(c.doc_id == "kien-an-scan" for c in loaded.chunks)


def _fake_tesseract(folder: Path, languages: str) -> None:
    """A stand-in ``tesseract`` that only lists languages: the real one cannot be
    uninstalled inside a test, and only the check before OCR is under test here."""
    program = folder / "tesseract"
    program.write_text(f"#!/bin/sh\necho 'List of available languages (1):'\necho {languages}\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)


@pytest.mark.skipif(FONT is None, reason="needs fonts-dejavu-core")
@pytest.mark.parametrize(("installed", "named"), [(None, "ảnh scan"), ("eng", "chưa có dữ liệu 'vie'")])
def test_missing_tesseract_or_vietnamese_data_is_a_clear_error(
        scan: tuple[bytes, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        installed: str | None, named: str) -> None:
    if installed:
        _fake_tesseract(tmp_path, installed)
    monkeypatch.setenv("PATH", str(tmp_path))
    _languages.cache_clear()
    ocr_pdf._cache.clear()  # an earlier test's OCR of these bytes would skip the check
    try:
        with pytest.raises(OcrUnavailableError) as caught:
            read_bytes(scan[0], "no-ocr.pdf")
    finally:
        _languages.cache_clear()
    message = str(caught.value)
    assert "no-ocr.pdf" in message and named in message
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in message


@pytest.mark.skipif(FONT is None, reason="needs fonts-dejavu-core")
def test_cli_without_tesseract_says_so_and_changes_nothing(
        scan: tuple[bytes, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "scan.pdf"
    source.write_bytes(scan[0])
    plans, empty = tmp_path / "plans", tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    ocr_pdf._cache.clear()
    result = CliRunner().invoke(
        cli, ["--plans-dir", str(plans), "--index-dir", str(tmp_path / "index"), "ingest", str(source)])
    assert result.exit_code == 2
    assert "tesseract-ocr-vie" in result.output and "Traceback" not in result.output
    assert not plans.exists() or not any(plans.iterdir())


def test_blank_image_page_is_not_sent_to_tesseract(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A page with no ink is skipped, so no tesseract is needed: the file is just empty."""
    blank = io.BytesIO()
    Image.new("L", (400, 560), 255).save(blank, "PDF")
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on PATH
    with pytest.raises(EmptyDocumentError) as caught:
        read_bytes(blank.getvalue(), "blank.pdf")
    assert not isinstance(caught.value, OcrUnavailableError)
    assert "blank.pdf" in str(caught.value)
