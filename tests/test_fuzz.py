"""Property-based fuzzing (hypothesis) of the readers, the ingest pipeline and the structure
parser with random and garbled input: a plan either reads or fails with a clean
``KehoachError`` (a Vietnamese message), never another exception.

Example counts are modest so the file runs in well under a minute on 2 cores.
"""

from __future__ import annotations

import io
import zlib
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.ingest.pipeline import load_plan_bytes
from kehoach.ingest.readers import SUPPORTED_SUFFIXES, read_bytes
from kehoach.ingest.structure import parse_structure
from kehoach.core.errors import KehoachError
from kehoach.core.settings import Settings

from conftest import PLANS_DIR

FUZZ = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEW = settings(FUZZ, max_examples=25)
MAX_CHARS = Settings().chunk_max_chars
PLAN_TEXT = (PLANS_DIR / "kien-an_ke-hoach-dot-thi-dua-2025.txt").read_bytes()
# Pieces plans are made of: markers at every level, capitals, figures, dates, OCR debris.
PIECES = ["I. ", "II.", "IV ", "1. ", "1.1. ", "2.3.4.", "a) ", "b)", "- ", "+ ", "* ", "• ",
          "Điều 1.", "PHẦN ", "Mục 2", "Chương III", "KẾ HOẠCH", "ỦY BAN NHÂN DÂN XÃ",
          "Số: 50/KH-UBND", "ngày 12 tháng 3 năm 2025", "100%", "95,5 %", "đạt ", "chỉ tiêu ",
          "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phường Kiến An", "(", ")", ":", ";",
          ".", ",", " ", "\t", "\u00a0", "\u0301", "\ufeff", "đ", "Đ", "ơ", "ư", "x", "0", "9"]
pieces_text = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=40).map("".join)


def _minimal_pdf(text: str) -> bytes:
    """A valid one-page PDF with a text layer (ASCII, built by hand: no PDF writer installed)."""
    stream = zlib.compress(f"BT /F1 12 Tf 40 780 Td ({text}) Tj ET".encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines()[:40]:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@lru_cache(maxsize=None)
def _sample(suffix: str) -> bytes:
    """A real, readable file of each supported type."""
    if suffix == ".pdf":
        return _minimal_pdf("KE HOACH thi dua nam 2025: chi tieu bao hiem y te dat 95 phan tram")
    if suffix == ".docx":
        return _docx(PLAN_TEXT.decode("utf-8"))
    return PLAN_TEXT


def test_samples_are_readable() -> None:
    """The garbling below starts from files that do read (else it would test nothing)."""
    for suffix in SUPPORTED_SUFFIXES:
        assert len(read_bytes(_sample(suffix), "plan" + suffix).text) > 40


@st.composite
def garbled(draw: st.DrawFn, suffix: str) -> bytes:
    """A real file of this type, truncated, overwritten and spliced at random places."""
    data = bytearray(_sample(suffix))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["overwrite", "insert", "delete", "truncate"]))
        chunk = draw(st.binary(min_size=1, max_size=64))
        if action == "overwrite":
            data[at:at + len(chunk)] = chunk
        elif action == "insert":
            data[at:at] = chunk
        elif action == "delete":
            del data[at:at + len(chunk)]
        else:
            del data[at:]
    return bytes(data)


def _reads_or_fails_cleanly(data: bytes, name: str) -> None:
    try:
        raw = read_bytes(data, name)
    except KehoachError as exc:
        assert str(exc).strip()  # a message a person can read
        return
    assert isinstance(raw.text, str)


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUPPORTED_SUFFIXES + (".exe", "")))
def test_random_bytes_read_or_fail_cleanly(data: bytes, suffix: str) -> None:
    _reads_or_fails_cleanly(data, "plan" + suffix)


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
def test_garbled_files_read_or_fail_cleanly(suffix: str) -> None:
    @FEW
    @given(data=garbled(suffix))
    def check(data: bytes) -> None:
        _reads_or_fails_cleanly(data, "plan" + suffix)

    check()


@FEW
@given(data=garbled(".txt"))
def test_garbled_plan_goes_through_the_pipeline_or_fails_cleanly(data: bytes) -> None:
    try:
        plan = load_plan_bytes(data, "plan.txt", MAX_CHARS)
    except KehoachError as exc:
        assert str(exc).strip()
        return
    for chunk in plan.chunks:  # chunks point into the plan's text
        assert 0 <= chunk.start <= chunk.end <= len(plan.text)


@FUZZ
@given(text=pieces_text)
def test_random_plan_text_goes_through_the_pipeline_or_fails_cleanly(text: str) -> None:
    try:
        plan = load_plan_bytes(text.encode("utf-8"), "plan.md", MAX_CHARS)
    except KehoachError:
        return
    assert plan.text


@FUZZ
@given(texts=st.lists(pieces_text, max_size=30), with_raws=st.booleans())
def test_structure_parser_keeps_offsets_and_tree(texts: list[str], with_raws: bool) -> None:
    texts = [t.replace("\n", " ") for t in texts]  # paragraphs are single lines
    raws = [t.upper() for t in texts] if with_raws else None
    items = parse_structure(texts, raws)
    joined = "\n".join(texts)
    assert len(items) == len(texts)
    for index, item in enumerate(items):
        paragraph = item.paragraph
        assert joined[paragraph.start:paragraph.end] == texts[index]
        assert item.parent is None or 0 <= item.parent < index
        assert all(isinstance(label, str) and label for label in paragraph.path)
