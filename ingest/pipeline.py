"""One plan from file to chunks: read -> clean -> structure -> metadata -> chunk."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from kehoach.ingest.chunking import chunk_plan
from kehoach.ingest.cleaning import clean_paragraphs
from kehoach.ingest.glued_words import split_glued
from kehoach.ingest.limits import Limits, check_plan_chars, check_plan_chunks
from kehoach.ingest.metadata import extract_metadata
from kehoach.ingest.ocr_stage import repair_paragraphs
from kehoach.ingest.ocr_pdf import PageProgress
from kehoach.ingest.readers import RawText, read_bytes, read_file
from kehoach.ingest.structure import parse_structure
from kehoach.core.errors import EmptyDocumentError
from kehoach.core.records import PlanDocument

__all__ = ["build_plan", "load_plan", "load_plan_bytes", "content_hash", "INGEST_VERSION"]

# Bump when cleaning, structure, metadata or chunking change what they produce: an index
# built by another version is rebuilt on the next ingest.
INGEST_VERSION = 21


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_plan(raw: RawText, doc_id: str, digest: str, max_chars: int,
               limits: Limits | None = None) -> PlanDocument:
    """Structure, metadata and chunks of a plan already read into text.

    Raises ``LimitExceededError`` for a plan over ``limits`` (characters, chunks): it would
    cost minutes of embedding and is refused before any of it.
    """
    limits = limits or Limits.of()
    check_plan_chars(len(raw.text), raw.source, limits)
    raws = clean_paragraphs(raw.text)
    if not raws:
        raise EmptyDocumentError(f"Tệp '{raw.source}' không có đoạn văn nào.")
    fixed = repair_paragraphs(raws, recognised=bool(raw.ocr_pages))
    repaired = fixed is not None
    # Clean text may still hold words a copy glued together ("cáchuyện"): split them.
    texts = fixed if fixed is not None else [split_glued(p) for p in raws]
    items = parse_structure(texts, raws if repaired else None)
    paragraphs = [item.paragraph for item in items]
    text = "\n".join(p.text for p in paragraphs)
    meta = extract_metadata(doc_id, raw.source, text, paragraphs, ocr_repaired=repaired)
    chunks = chunk_plan(doc_id, meta.locality, meta.title, text, items, max_chars)
    check_plan_chunks(len(chunks), raw.source, limits)
    return PlanDocument(
        meta=meta,
        text=text,
        paragraphs=tuple(paragraphs),
        chunks=tuple(chunks),
        content_hash=digest,
        raw_text="\n".join(raws) if repaired else None,
    )


def load_plan(path: Path, max_chars: int, progress: PageProgress | None = None,
              limits: Limits | None = None) -> PlanDocument:
    """Read and ingest one plan file; the doc id is the file name without extension.

    ``progress(done, total)`` follows the OCR of scanned PDF pages.
    """
    path = Path(path)
    limits = limits or Limits.of()
    raw = read_file(path, progress, limits)
    digest = content_hash(path.read_bytes())
    plan = build_plan(raw, path.stem, digest, max_chars, limits)
    return dataclasses.replace(plan, meta=dataclasses.replace(plan.meta, source_file=path.name))


def load_plan_bytes(data: bytes, name: str, max_chars: int,
                    progress: PageProgress | None = None,
                    limits: Limits | None = None) -> PlanDocument:
    """Ingest a plan given as bytes (an upload) without touching the disk."""
    limits = limits or Limits.of()
    raw = read_bytes(data, name, progress, limits)
    return build_plan(raw, Path(name).stem, content_hash(data), max_chars, limits)
