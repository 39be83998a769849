"""Read what a plan says about itself: number, date, title, locality, signer, parent plan.

Each field is taken from the place a Vietnamese plan puts it (the header block, the
"Thực hiện Kế hoạch số ..." preamble, the signature block) and is None when the text does
not give it: a blank "Số:    /KH-UBND" stays None. Matching runs on the folded text so
OCR'd headers ("S6:50 /KH-UBND", "ngay 19 thang9 ndm 2025") are read too.
"""

from __future__ import annotations

import datetime as dt
import re

from kehoach.ingest.localities import detect_plan_locality
from kehoach.grammar.markers import is_upper_line
from kehoach.ingest.structure import CLOSING_LABEL, OPENING_LABEL
from kehoach.core.records import Paragraph, PlanMeta
from kehoach.core.text import fold, fold_aligned

__all__ = ["extract_metadata"]

_NUMBER_RE = re.compile(r"\bs[o0-9]\s*:\s*(\d{1,4})\s*/\s*(kh-[a-z]+)")
_HEADER_DATE_RE = re.compile(
    r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*n[a-z]{1,2}m\s*(\d{4})"
)
_PARENT_RE = re.compile(
    r"(?:thuc hien|can cu)\s+(?:theo\s+)?ke\s*hoach\s+s[o0-9]\s*(\d{1,4})\s*/\s*(kh-[a-z]+)"
    r"(?:\s*,?\s*ngay\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4}))?"
)
_DOC_TYPE_HEADING = "ke hoach"
_PREAMBLE_RE = re.compile(r"^(thuc hien|can cu)\s")
# The title block ends at the preamble; a paragraph longer than this is body text.
_TITLE_LINE_MAX_CHARS = 1000
_DIGITAL_SIGNATURE_RE = re.compile(r"^(?P<name>[^<>\n]{4,60}?)\s*<[^<>@\s]+@[^<>\s]+>\s*đã ký")
_TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:")
_PERSON_NAME_RE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)(?:\s[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4}$")


def _iso(day: str, month: str, year: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _span_of(paragraphs: list[Paragraph], label: str) -> tuple[int, int] | None:
    chosen = [p for p in paragraphs if p.path == (label,)]
    return (chosen[0].start, chosen[-1].end) if chosen else None


def _title(paragraphs: list[Paragraph]) -> tuple[str | None, tuple[int, int] | None]:
    opening = [p for p in paragraphs if p.path == (OPENING_LABEL,)]
    for i, paragraph in enumerate(opening):
        if fold(paragraph.text).strip(" .:") != _DOC_TYPE_HEADING:
            continue
        subject: list[Paragraph] = []
        for line in opening[i + 1:]:
            folded = fold(line.text)
            if _PREAMBLE_RE.match(folded) or len(line.text) > _TITLE_LINE_MAX_CHARS:
                break
            if subject and line.text.rstrip().endswith((".", ":", ";")):
                break  # a body sentence, not a title line
            subject.append(line)
        if not subject:
            return None, None
        text = " ".join(p.text.strip() for p in subject).rstrip(" ,;")
        text = text[0].lower() + text[1:] if text[:1].isupper() and not text[:2].isupper() else text
        return f"Kế hoạch {text}", (paragraph.start, subject[-1].end)
    return None, None


def _signer(paragraphs: list[Paragraph]) -> tuple[str | None, str | None, tuple[int, int] | None]:
    closing = [p for p in paragraphs if p.path == (CLOSING_LABEL,)]
    title = None
    for p in closing:
        if is_upper_line(p.text):
            folded = fold(p.text)
            if "pho chu tich" in folded:
                title = "Phó Chủ tịch"
            elif "chu tich" in folded and title is None:
                title = "Chủ tịch"
    for p in closing:  # a digital signature gives the name with its accents (pre-OCR-repair)
        match = _DIGITAL_SIGNATURE_RE.match((p.raw or p.text).strip())
        if match and not is_upper_line(match.group("name")):
            return match.group("name").strip(), title, (p.start, p.end)
    # Otherwise the name printed under the signature block, before any e-signature stamps.
    names = []
    for p in closing:
        if _TIMESTAMP_RE.match(p.text.strip()):
            break
        if _PERSON_NAME_RE.match(p.text.strip()):
            names.append(p)
    if names:
        return names[-1].text.strip(), title, (names[-1].start, names[-1].end)
    return None, title if title else None, None


def extract_metadata(doc_id: str, source_file: str, text: str,
                     paragraphs: list[Paragraph], ocr_repaired: bool = False) -> PlanMeta:
    """Metadata of one plan; ``text`` is the plan's paragraphs joined by newlines."""
    folded = fold_aligned(text)
    evidence: dict[str, tuple[int, int]] = {}
    header = _span_of(paragraphs, OPENING_LABEL) or (0, min(len(text), 600))
    head_folded = folded[: header[1]]

    number = None
    match = _NUMBER_RE.search(head_folded)
    if match:
        number = f"{match.group(1)}/{text[match.start(2):match.end(2)].upper()}"
        evidence["number"] = match.span()

    issue_date = None
    match = _HEADER_DATE_RE.search(head_folded)
    if match:
        issue_date = _iso(match.group(1), match.group(2), match.group(3))
        if issue_date:
            evidence["issue_date"] = match.span()

    parent_plan = parent_date = None
    match = _PARENT_RE.search(folded)
    if match:
        parent_plan = f"{match.group(1)}/{text[match.start(2):match.end(2)].upper()}"
        if match.group(3):
            parent_date = _iso(match.group(3), match.group(4), match.group(5))
        evidence["parent_plan"] = match.span()

    title, title_span = _title(paragraphs)
    if title_span:
        evidence["title"] = title_span

    locality = issuer = None
    found = detect_plan_locality(text)
    if found:
        place, span = found
        locality = place.display
        evidence["locality"] = span
        issuer_match = re.search(r"uy ban nhan dan|ubnd", folded)
        if issuer_match:
            issuer = f"Ủy ban nhân dân {locality}"
            evidence["issuer"] = issuer_match.span()

    signer, signer_title, signer_span = _signer(paragraphs)
    if signer_span:
        evidence["signer"] = signer_span

    return PlanMeta(
        doc_id=doc_id,
        source_file=source_file,
        locality=locality,
        number=number,
        issue_date=issue_date,
        title=title,
        signer=signer,
        signer_title=signer_title,
        issuer=issuer,
        parent_plan=parent_plan,
        parent_plan_date=parent_date,
        ocr_repaired=ocr_repaired,
        evidence=evidence,
    )
