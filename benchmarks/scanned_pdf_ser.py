"""Syllable error rate (SER) of a scanned PDF: OCR alone, and OCR plus the ingest repair.

Clean Vietnamese text is printed to page images with a Vietnamese TrueType font (DejaVu
Sans) and saved as an image-only PDF, i.e. a scan with no text layer. The PDF reader
renders each page with PDFium (pypdfium2) and OCRs it with tesseract (``-l vie``); the
result is compared with the text that was printed on those pages:

- "OCR": the reader's text;
- "OCR+repair": the paragraphs ingest keeps (cleaning, then ``repair_paragraphs`` with
  ``recognised=True``, the path a scanned PDF takes through ``build_plan``).

Two sources of text:
- ``plan``: the first pages of a clean plan (default kien-an). The repair statistics were
  counted on the clean plans (spans shared with the OCR gold masked), so this text is
  mostly *in sample* for the repair model;
- ``gold``: the hand-corrected lines of the two OCR'd plans (tests/fixtures/ocr_gold.tsv):
  no training text of the statistics shares a 5-gram with them (benchmarks/ocr_heldout.py),
  i.e. a held-out figure. (Before the statistics were masked, the sister plans they were
  counted on held 43% of these lines' 5-grams.)

Each is printed as a clean scan and as a poor one (blurred, noisy, slightly rotated,
JPEG-compressed). SER is the measure of benchmarks/ocr_ser.py (syllable edit distance /
reference syllables, NFC, case ignored, diacritics count).

Usage: python benchmarks/scanned_pdf_ser.py [--plan FILE] [--pages N] [--keep DIR]
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

from benchmarks.ocr_ser import load_gold, ser_tokens, syllable_error_rate  # noqa: E402
from kehoach.ingest.cleaning import clean_paragraphs  # noqa: E402
from kehoach.ingest.ocr_stage import repair_paragraphs  # noqa: E402
from kehoach.ingest.readers import read_bytes  # noqa: E402
from kehoach.core.text import nfc  # noqa: E402

DEFAULT_PLAN = ROOT / "data" / "plans" / "kien-an_ke-hoach-dot-thi-dua-2025.txt"
DEFAULT_PAGES = 2
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


@dataclass(frozen=True)
class PrintedPage:
    """One page image and the text lines printed on it (the reference for that page)."""

    image: object  # PIL.Image.Image
    lines: tuple[str, ...]


def render_pages(paragraphs: list[str], font_path: Path, dpi: int = SCAN_DPI,
                 max_pages: int | None = None) -> list[PrintedPage]:
    """White A4 grey-scale pages with the paragraphs printed on them, wrapped to the margins."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = (round(side * dpi) for side in A4_INCHES)
    margin = round(MARGIN_INCHES * dpi)
    font = ImageFont.truetype(str(font_path), round(FONT_POINTS * dpi / POINTS_PER_INCH))
    line_height = round(font.size * LINE_SPACING)
    images: list = []
    lines: list[list[str]] = []
    draw, y = None, height
    for paragraph in paragraphs:
        for line in _wrap(paragraph, font, width - 2 * margin):
            if draw is None or y + line_height > height - margin:
                if max_pages is not None and len(images) == max_pages:
                    return [PrintedPage(i, tuple(t)) for i, t in zip(images, lines)]
                images.append(Image.new("L", (width, height), 255))
                lines.append([])
                draw, y = ImageDraw.Draw(images[-1]), margin
            draw.text((margin, y), line, font=font, fill=0)
            lines[-1].append(line)
            y += line_height
        y += round(line_height * PARAGRAPH_GAP_LINES)
    return [PrintedPage(i, tuple(t)) for i, t in zip(images, lines)]


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


def scanned_pdf(paragraphs: list[str], font_path: Path, poor: bool = False, dpi: int = SCAN_DPI,
                max_pages: int | None = None) -> tuple[bytes, str]:
    """An image-only PDF (no text layer) of the paragraphs, and the text printed on it."""
    printed = render_pages(paragraphs, font_path, dpi, max_pages)
    images = [page.image for page in printed]
    if poor:
        images = [degrade(image, DEGRADE_SEED + i) for i, image in enumerate(images)]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return buffer.getvalue(), "\n".join(line for page in printed for line in page.lines)


@dataclass(frozen=True)
class ScanSER:
    pages: int
    ocr_pages: int
    reference_syllables: int
    ocr_seconds: float
    repair_seconds: float
    ser_ocr: float
    ser_repaired: float


def ingest_paragraphs(ocr_text: str) -> list[str]:
    """The paragraphs ingest keeps from a scanned PDF's OCR text (cleaned, repaired)."""
    raws = clean_paragraphs(ocr_text)
    return repair_paragraphs(raws, recognised=True) or raws


def measure(reference: str, pdf: bytes, name: str = "scan.pdf") -> ScanSER:
    """OCR the PDF through the reader and score it against the printed ``reference``."""
    started = time.perf_counter()
    raw = read_bytes(pdf, name)
    ocr_seconds = time.perf_counter() - started
    started = time.perf_counter()
    repaired = "\n".join(ingest_paragraphs(raw.text))
    repair_seconds = time.perf_counter() - started
    return ScanSER(
        pages=raw.pages or 0,
        ocr_pages=len(raw.ocr_pages),
        reference_syllables=len(ser_tokens(reference)),
        ocr_seconds=ocr_seconds,
        repair_seconds=repair_seconds,
        ser_ocr=syllable_error_rate([raw.text], [reference]),
        ser_repaired=syllable_error_rate([repaired], [reference]),
    )


def sources(plan: Path) -> list[tuple[str, list[str]]]:
    """(label, paragraphs) to print: a clean plan (in sample) and the gold lines (held out)."""
    plan_paragraphs = clean_paragraphs(nfc(plan.read_text(encoding="utf-8")))
    gold_paragraphs = [nfc(row.gold) for row in load_gold()]
    return [("plan", plan_paragraphs), ("gold", gold_paragraphs)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", type=Path, default=DEFAULT_PLAN, help="a clean plan (.txt)")
    parser.add_argument("--pages", type=int, default=DEFAULT_PAGES, help="pages per scan")
    parser.add_argument("--keep", type=Path, help="also write the PDFs into this folder")
    args = parser.parse_args(argv)

    font = find_font()
    if font is None:
        print("Không tìm thấy phông DejaVu Sans (gói fonts-dejavu-core).", file=sys.stderr)
        return 2
    print(f"plan: {args.plan.name}  font: {font.name}  scan {SCAN_DPI} dpi, {FONT_POINTS} pt, "
          f"OCR: PDFium render + tesseract -l vie")
    print(f"{'source':6} {'scan':5} {'pages':>5} {'ref syl':>7} {'OCR s':>6} {'repair s':>8} "
          f"{'SER OCR':>8} {'SER OCR+repair':>14}")
    totals = {"ref": 0, "ocr": 0.0, "fixed": 0.0}
    for source, paragraphs in sources(args.plan):
        for label, poor in (("clean", False), ("poor", True)):
            pdf, reference = scanned_pdf(paragraphs, font, poor=poor, max_pages=args.pages)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"{source}-{label}.pdf").write_bytes(pdf)
            r = measure(reference, pdf, f"{source}-{label}.pdf")
            totals["ref"] += r.reference_syllables
            totals["ocr"] += r.ser_ocr * r.reference_syllables
            totals["fixed"] += r.ser_repaired * r.reference_syllables
            print(f"{source:6} {label:5} {r.pages:>5} {r.reference_syllables:>7} {r.ocr_seconds:>6.1f} "
                  f"{r.repair_seconds:>8.1f} {r.ser_ocr:>8.4f} {r.ser_repaired:>14.4f}")
    print(f"{'all':12} {'':>5} {totals['ref']:>7} {'':>6} {'':>8} "
          f"{totals['ocr'] / totals['ref']:>8.4f} {totals['fixed'] / totals['ref']:>14.4f}")
    print("plan = in the repair statistics (in sample); gold = hand-corrected OCR'd-plan lines "
          "(held out).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
