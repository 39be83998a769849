"""Readers: every supported format reads, and bad files get clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.ingest.readers import read_bytes, read_file
from kehoach.core.errors import EmptyDocumentError, InputError, UnsupportedFormatError

from conftest import PLANS_DIR

VIETNAMESE = "Đến năm 2030, tỷ lệ dân số tham gia bảo hiểm y tế đạt 100%."
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_txt_is_read_in_nfc() -> None:
    raw = read_file(PLANS_DIR / "kien-an_ke-hoach-dot-thi-dua-2025.txt")
    assert "Trần Thị Phương" in raw.text
    import unicodedata

    assert unicodedata.is_normalized("NFC", raw.text)


def test_decomposed_text_becomes_nfc() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", VIETNAMESE * 2).encode("utf-8")
    assert read_bytes(decomposed, "x.md").text == VIETNAMESE * 2


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph(VIETNAMESE)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(0, 1).text = "95%"
    path = tmp_path / "plan.docx"
    document.save(path)
    text = read_file(path).text
    assert VIETNAMESE in text and "Chỉ tiêu | 95%" in text


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu font (fonts-dejavu-core) not installed")
def test_pdf_text_layer(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(DEJAVU))
    pdf.set_font("DejaVu", size=12)
    pdf.multi_cell(0, 8, "KẾ HOẠCH\n" + VIETNAMESE)
    path = tmp_path / "plan.pdf"
    pdf.output(str(path))
    raw = read_file(path)
    assert raw.pages == 1
    assert "bảo hiểm y tế đạt 100%" in raw.text


@pytest.mark.parametrize(
    ("data", "name", "error"),
    [
        (b"", "empty.txt", EmptyDocumentError),
        (b"   \n\n ", "blank.md", EmptyDocumentError),
        (bytes(range(256)) * 20, "binary.pdf", InputError),
        (bytes(range(256)) * 20, "binary.txt", InputError),
        (b"%PDF-1.4 this is not really a pdf", "broken.pdf", InputError),
        (b"PK\x03\x04 not a zip", "broken.docx", InputError),
        (b"hello", "sheet.xlsx", UnsupportedFormatError),
        (b"hello", "noextension", UnsupportedFormatError),
    ],
)
def test_bad_bytes_give_clear_errors(data: bytes, name: str, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        read_bytes(data, name)
    assert name in str(caught.value) or "định dạng" in str(caught.value)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Không tìm thấy"):
        read_file(tmp_path / "nope.txt")


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="không phải là tệp"):
        read_file(tmp_path)
