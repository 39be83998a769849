"""Read what a plan says about itself: number, date, title, issuer, signer, parent plan.

Each field is read by the plan grammar (kehoach.grammar) from the place an administrative
document puts it: the header block ("Số: …", "<place>, ngày …", the issuing body, the
document type and title lines), the "Thực hiện Kế hoạch số …" preamble, the signature
block, and the table a legal-document website puts on top. The document's own header wins
over the website's table; both spans are kept as evidence. A field the text does not give
is None: a blank "Số:    /KH-UBND" stays None, a blank day leaves only ``issue_month``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kehoach.core.records import Paragraph, PlanMeta
from kehoach.core.text import fold, fold_aligned
from kehoach.grammar.dates import parse_date
from kehoach.grammar.docrefs import DocRef, find_docrefs, ref_at
from kehoach.grammar.header import (
    Header,
    complete_issuer,
    normalise_body,
    read_enacting_clause,
    read_header,
    title_from_page,
)
from kehoach.grammar.signature import Signature, read_signature
from kehoach.grammar.localities import parse_locality
from kehoach.grammar.plan_locality import locate_plan
from kehoach.ingest.structure import CLOSING_LABEL, OPENING_LABEL

__all__ = ["extract_metadata"]

Span = tuple[int, int]
# "Thực hiện Kế hoạch số …", "Căn cứ Kế hoạch …": the plan this one carries out.
_IMPLEMENTS_RE = re.compile(r"(?:thuc hien|can cu|trien khai)\s+(?:theo\s+)?$")
_IMPLEMENTS_LOOKBACK = 16
_IMPLEMENTS_LEAD_RE = re.compile(r"\s*(?:thuc hien|can cu|trien khai|de trien khai)\b")
# "…; Kế hoạch số", "…, và Kế hoạch số", "… của Đảng và Kế hoạch số 16/KH-HĐTĐKT": listed.
_LISTED_RE = re.compile(r"(?:[;,]\s*(?:va\s+)?|\s+va\s+)$")
_LISTED_LOOKBACK = 400
# The commune-level localities PlanMeta.locality names (see ingest.localities).
_COMMUNE_RE = re.compile(r"\b(?:xã|phường|thị trấn|đặc khu) [^\W\d_]+(?: [^\W\d_]+){0,4}$")
_OPENING_FALLBACK_CHARS = 4000


def _opening_end(paragraphs: list[Paragraph], text: str) -> int:
    opening = [p for p in paragraphs if p.path == (OPENING_LABEL,)]
    return opening[-1].end if opening else min(len(text), _OPENING_FALLBACK_CHARS)


def _signature(paragraphs: list[Paragraph], text: str) -> Signature:
    closing = [p for p in paragraphs if p.path == (CLOSING_LABEL,)]
    if not closing:
        return Signature()
    start = closing[0].start
    return read_signature(text[start:closing[-1].end], start, reference=text)


def _site_ref(value: str) -> DocRef | None:
    return ref_at(value.strip(), 0)


def _number(header: Header, evidence: dict[str, Span]) -> str | None:
    site = header.site.get("number")
    site_ref = _site_ref(site[0]) if site else None
    if site is not None:
        evidence["site:number"] = site[1]
    if header.number and header.number_span:
        evidence["number"] = header.number_span
        return header.number
    if site_ref is not None and site_ref.number and site is not None:
        evidence["number"] = site[1]
        return site_ref.ref
    return None


def _issue_date(header: Header, evidence: dict[str, Span]) -> tuple[str | None, str | None]:
    """(issue_date, issue_month): the header's date, or the site table's."""
    site = header.site.get("issue_date")
    site_date = parse_date(site[0]) if site else None
    if site is not None:
        evidence["site:issue_date"] = site[1]
    date = header.date
    if date is not None and date.precision == "day" and date.iso:
        evidence["issue_date"] = (date.start, date.end)
        return date.iso, None
    if site_date is not None and site_date.precision == "day" and site is not None:
        if date is None or (date.year, date.month) == (site_date.year, site_date.month):
            evidence["issue_date"] = site[1]
            return site_date.iso, None
    if date is not None and date.precision == "month" and date.iso:
        evidence["issue_month"] = (date.start, date.end)
        return None, date.iso
    return None, None


def _title(header: Header, text: str, opening_end: int,
           evidence: dict[str, Span]) -> str | None:
    if header.title and header.title_span:
        evidence["title"] = header.title_span
        return header.title
    if header.page_title is not None:
        title = title_from_page(header.page_title.text)
        if title:
            evidence["title"] = header.page_title.span
            return title
    clause = read_enacting_clause(text, opening_end)
    if clause is not None and clause.subject:
        subject = clause.subject
        subject = subject[0].lower() + subject[1:] if not subject[:2].isupper() else subject
        evidence["title"] = (clause.start, clause.end)
        return f"{clause.doc_type} {subject}"
    return None


def _issuer(header: Header, signature: Signature, text: str, opening_end: int,
            locality_of: Callable[[str], str | None], evidence: dict[str, Span]) -> str | None:
    if header.issuer and header.issuer_complete and header.issuer_span:
        evidence["issuer"] = header.issuer_span
        return header.issuer
    site = header.site.get("issuer")
    if site is not None:
        evidence["site:issuer"] = site[1]
    found = complete_issuer(header, text, locality_of, read_enacting_clause(text, opening_end))
    if found is not None:
        evidence["issuer"] = found[1]
        return found[0]
    if signature.organisation:  # a body that signed the file digitally
        return normalise_body(signature.organisation)
    return header.issuer


def _signer(header: Header, signature: Signature,
            evidence: dict[str, Span]) -> tuple[str | None, str | None]:
    site = header.site.get("signer")
    if site is not None:
        evidence["site:signer"] = site[1]
    if signature.name and signature.name_span:
        evidence["signer"] = signature.name_span
        return signature.name, signature.title
    if site is not None:
        evidence["signer"] = site[1]
        site_title = header.site.get("signer_title")
        return site[0], site_title[0] if site_title else signature.title
    return None, signature.title


def _parent_plan(text: str, own: str | None) -> DocRef | None:
    """The first "Thực hiện/Căn cứ Kế hoạch số …" reference (not the plan's own number)."""
    folded = fold_aligned(text)
    own_key = None
    if own:
        own_ref = ref_at(own, 0)
        own_key = own_ref.key if own_ref else None
    for ref in find_docrefs(text):
        if ref.doc_type != "Kế hoạch" or not ref.number or not ref.symbol or ref.key == own_key:
            continue
        before = folded[max(0, ref.start - _IMPLEMENTS_LOOKBACK):ref.start]
        if _IMPLEMENTS_RE.search(before):
            return ref
        # "Thực hiện Quyết định số 426/QĐ-TTg …; Kế hoạch số 156-KH/TU …": a plan listed
        # among the documents the opening sentence implements.
        line_start = folded.rfind("\n", 0, ref.start) + 1
        if (ref.start - line_start <= _LISTED_LOOKBACK and _IMPLEMENTS_LEAD_RE.match(folded, line_start)
                and _LISTED_RE.search(before)):
            return ref
    return None


def _locality_resolver(found: tuple[object, Span] | None) -> Callable[[str], str | None]:
    """A place name ("Đà Nẵng") -> its locality with kind, from the plan's own locality."""
    def resolve(place: str) -> str | None:
        if found is not None and fold(found[0].name) == fold(place):  # type: ignore[attr-defined]
            return found[0].display  # type: ignore[attr-defined]
        return None
    return resolve


def extract_metadata(doc_id: str, source_file: str, text: str,
                     paragraphs: list[Paragraph], ocr_repaired: bool = False) -> PlanMeta:
    """Metadata of one plan; ``text`` is the plan's paragraphs joined by newlines."""
    evidence: dict[str, Span] = {}
    header = read_header(text)
    opening_end = max(_opening_end(paragraphs, text), header.end)
    signature = _signature(paragraphs, text)

    number = _number(header, evidence)
    issue_date, issue_month = _issue_date(header, evidence)
    title = _title(header, text, opening_end, evidence)

    located = locate_plan(text, source_file)
    found = (located.locality, located.span) if located else None
    issuer = _issuer(header, signature, text, opening_end, _locality_resolver(found), evidence)
    locality = source = None
    if located:
        locality, source = located.locality.display, located.source
        if located.source != "file":  # the file name is no span of the text to cite
            evidence["locality"] = located.span
    elif issuer:
        commune = _COMMUNE_RE.search(issuer)
        parsed = parse_locality(commune.group(0)) if commune else None
        if parsed is not None:
            locality, source = parsed.display, "issuer"
            if "issuer" in evidence:
                evidence["locality"] = evidence["issuer"]

    signer, signer_title = _signer(header, signature, evidence)
    if signature.span:
        evidence["signature"] = signature.span
    if header.place and header.place_span:
        evidence["place"] = header.place_span

    parent_plan = parent_date = None
    parent = _parent_plan(text, number)
    if parent is not None:
        parent_plan = parent.ref
        if parent.date is not None and parent.date.precision == "day":
            parent_date = parent.date.iso
        evidence["parent_plan"] = (parent.start, parent.end)

    site_table = {name: value for name, (value, _) in header.site.items()}

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
        issue_month=issue_month,
        place=header.place,
        parent_body=header.parent_body,
        signer_authority=signature.authority,
        signer_capacity=signature.capacity,
        site_table=site_table,
        locality_source=source,
    )
