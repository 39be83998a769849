"""Syllable error rate (SER) of a scanned PDF: OCR alone, and OCR plus the ingest repair.

A clean plan (text layer, correct diacritics) is printed to page images with a Vietnamese
TrueType font and saved as an image-only PDF, i.e. a scan with no text layer. The PDF
reader OCRs it (tesseract, ``-l vie``); the result is compared with the plan's own text:

- "OCR alone": the reader's text;
- "OCR + ingest": the paragraphs ingest keeps (cleaning, then ``repair_paragraphs``, which
  repairs only when the text looks OCR-damaged);
- "OCR + forced repair": every paragraph through the repair as if damaged (what repair
  would do if the damage detector fired), for information.

SER is the measure of benchmarks/ocr_ser.py (syllable edit distance / reference
syllables, NFC, case ignored, diacritics count), over the whole document.

``--degrade`` prints a poorer "scan": blurred, noisy, slightly rotated, JPEG-compressed.

Usage: python benchmarks/scanned_pdf_ser.py [--plan FILE] [--degrade] [--keep PDF]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.ocr_ser import ser_tokens, syllable_error_rate  # noqa: E402
from ingest.cleaning import clean_paragraphs  # noqa: E402
from ingest.ocr_repair import detect_ocr_damage, needs_repair, repair_text  # noqa: E402
from ingest.ocr_stage import repair_paragraphs  # noqa: E402
from ingest.readers import read_bytes  # noqa: E402
from kehoach.text import nfc  # noqa: E402

DEFAULT_PLAN = ROOT / "data" / "plans" / "kien-an_ke-hoach-dot-thi-dua-2025.txt"
# DejaVu Sans (Debian fonts-dejavu-core) has every Vietnamese glyph.
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/Library/Fonts/DejaVuSans.ttf"),
    Path("C:/Windows/Fonts/DejaVuSans.ttf"),
)
# The printed page: A4 at a scanner's resolution, 12 pt type, 1.5 line spacing.
SCAN_DPI = 200
A4_INCHES = (8.27, 11.69)
MARGIN_INCHES = 0.8
FONT_POINTS = 12
LINE_SPACING = 1.5
PARAGRAPH_GAP_LINES = 0.5
POINTS_PER_INCH = 72
# A poor scan: blur radius (px), noise (grey levels), skew (degrees), JPEG quality.
DEGRADE_BLUR = 1.0
DEGRADE_NOISE = 40
DEGRADE_SKEW = 0.6
DEGRADE_JPEG_QUALITY = 35
DEGRADE_SEED = 7


def find_font() -> Path | None:
    return next((p for p in FONT_CANDIDATES if p.is_file()), None)


def _wrap(text: str, font, width: int) -> list[str]:  # type: ignore[no-untyped-def]
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and font.getlength(trial) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + ([current] if current else [])


def render_pages(paragraphs: list[str], font_path: Path, dpi: int = SCAN_DPI):  # type: ignore[no-untyped-def]
    """White A4 grey-scale pages with the paragraphs printed on them, wrapped to the margins."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = (round(side * dpi) for side in A4_INCHES)
    margin = round(MARGIN_INCHES * dpi)
    font = ImageFont.truetype(str(font_path), round(FONT_POINTS * dpi / POINTS_PER_INCH))
    line_height = round(font.size * LINE_SPACING)
    pages: list = []
    draw, y = None, height
    for paragraph in paragraphs:
        for line in _wrap(paragraph, font, width - 2 * margin):
            if draw is None or y + line_height > height - margin:
                pages.append(Image.new("L", (width, height), 255))
                draw, y = ImageDraw.Draw(pages[-1]), margin
            draw.text((margin, y), line, font=font, fill=0)
            y += line_height
        y += round(line_height * PARAGRAPH_GAP_LINES)
    return pages


def degrade(page, seed: int):  # type: ignore[no-untyped-def]
    """A photocopy-like version of a page: skewed, blurred, noisy, JPEG-compressed."""
    import numpy as np
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    page = page.rotate(DEGRADE_SKEW * (1 if seed % 2 else -1), fillcolor=255, resample=Image.BILINEAR)
    page = page.filter(ImageFilter.GaussianBlur(DEGRADE_BLUR))
    pixels = np.asarray(page, dtype=np.int16) + rng.normal(0, DEGRADE_NOISE, page.size[::-1])
    page = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=DEGRADE_JPEG_QUALITY)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


def scanned_pdf(text: str, font_path: Path, poor: bool = False, dpi: int = SCAN_DPI) -> bytes:
    """An image-only PDF (no text layer) of a plan's text, one image per page."""
    pages = render_pages(clean_paragraphs(text), font_path, dpi)
    if poor:
        pages = [degrade(page, DEGRADE_SEED + i) for i, page in enumerate(pages)]
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi))
    return buffer.getvalue()


@dataclass(frozen=True)
class ScanSER:
    pages: int
    ocr_pages: int
    reference_syllables: int
    ocr_seconds: float
    damage: float
    repaired_by_ingest: bool
    ser_ocr: float
    ser_ingest: float
    ser_forced: float | None


def ingest_paragraphs(ocr_text: str) -> tuple[list[str], bool]:
    """The paragraphs ingest keeps from OCR text, and whether repair ran on them."""
    raws = clean_paragraphs(ocr_text)
    fixed = repair_paragraphs(raws)
    return (fixed if fixed is not None else raws), fixed is not None


def measure(text: str, pdf: bytes, name: str = "scan.pdf", forced: bool = True) -> ScanSER:
    """OCR the PDF through the reader and score it against the plan's ``text``."""
    started = time.perf_counter()
    raw = read_bytes(pdf, name)
    seconds = time.perf_counter() - started
    paragraphs, repaired = ingest_paragraphs(raw.text)
    reference = [nfc(text)]
    forced_ser = None
    if forced:
        forced_text = repair_text(raw.text, damaged=True).text
        forced_ser = syllable_error_rate([forced_text], reference)
    return ScanSER(
        pages=raw.pages or 0,
        ocr_pages=len(raw.ocr_pages),
        reference_syllables=len(ser_tokens(text)),
        ocr_seconds=seconds,
        damage=detect_ocr_damage(raw.text),
        repaired_by_ingest=repaired,
        ser_ocr=syllable_error_rate([raw.text], reference),
        ser_ingest=syllable_error_rate(["\n".join(paragraphs)], reference),
        ser_forced=forced_ser,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", type=Path, default=DEFAULT_PLAN, help="a clean plan (.txt)")
    parser.add_argument("--degrade", action="store_true", help="only the poor scan")
    parser.add_argument("--clean", action="store_true", help="only the clean scan")
    parser.add_argument("--keep", type=Path, help="also write the (last) PDF here")
    args = parser.parse_args(argv)

    font = find_font()
    if font is None:
        print("Không tìm thấy phông DejaVu Sans (gói fonts-dejavu-core).", file=sys.stderr)
        return 2
    text = nfc(args.plan.read_text(encoding="utf-8"))
    variants = [("clean", False), ("poor", True)]
    if args.degrade:
        variants = [("poor", True)]
    elif args.clean:
        variants = [("clean", False)]
    print(f"plan: {args.plan.name}  font: {font.name}  {SCAN_DPI} dpi, {FONT_POINTS} pt")
    print(f"{'scan':6} {'pages':>5} {'ref syl':>7} {'OCR s':>6} {'damage':>6} {'repair?':>7} "
          f"{'SER OCR':>8} {'SER +ingest':>11} {'SER +forced':>11}")
    for label, poor in variants:
        pdf = scanned_pdf(text, font, poor=poor)
        if args.keep:
            args.keep.write_bytes(pdf)
        r = measure(text, pdf, f"{args.plan.stem}-{label}.pdf")
        forced = f"{r.ser_forced:.4f}" if r.ser_forced is not None else "-"
        print(f"{label:6} {r.pages:>5} {r.reference_syllables:>7} {r.ocr_seconds:>6.1f} "
              f"{r.damage:>6.3f} {('yes' if r.repaired_by_ingest else 'no'):>7} "
              f"{r.ser_ocr:>8.4f} {r.ser_ingest:>11.4f} {forced:>11}")
    print("repair? = did ingest's damage check send the OCR text through repair "
          f"(needs_repair); forced = repair_text(damaged=True) on all of it.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
