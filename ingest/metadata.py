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
from collections.abc import Callable, Sequence

from kehoach.core.records import Paragraph, PlanMeta
from kehoach.core.text import fold, fold_aligned
from kehoach.grammar.abbreviations import defined_abbreviations
from kehoach.grammar.attachments import attached_plan_numbers
from kehoach.grammar.bases import under_bases_heading
from kehoach.grammar.dates import parse_date
from kehoach.grammar.docrefs import DocRef, find_docrefs, ref_at, same_number
from kehoach.grammar.header import (
    EnactingClause,
    Header,
    complete_issuer,
    enacting_clauses,
    heading_title,
    normalise_body,
    read_enacting_clause,
    read_header,
    title_from_page,
)
from kehoach.grammar.signature import Signature, read_signature
from kehoach.grammar.localities import Locality, parse_locality
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
# Before a listed basis: a list marker at most ("- ", "+ ", "2. ", "b) ").
_ITEM_LEAD_RE = re.compile(r"\s*(?:[-+•*–]|\d{1,2}[.)]|[a-zđ][.)])?\s*")
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


def _number(header: Header, clause: EnactingClause | None, text: str,
            evidence: dict[str, Span]) -> str | None:
    """The header's "Số:", the site table's "Số hiệu"; for a text with neither (a portal's
    news of the plan), the reference its enacting clause gives the plan ("UBND huyện ban
    hành Kế hoạch số 57/KH-UBND …") or the name of the file it attaches ("KH 107.pdf")."""
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
    if header.number_span is not None:
        return None  # "Số:    /KH-UBND": the plan was copied before it got its number
    if clause is not None and clause.ref is not None and clause.doc_type == "Kế hoạch":
        evidence["number"] = (clause.ref.start, clause.ref.end)
        return clause.ref.ref
    attached = attached_plan_numbers(text)
    # The file of a plan the text cites (the one it carries out) is not the plan's own.
    cited = {ref.number for ref in find_docrefs(text) if ref.number and ref.symbol}
    if len({a.number for a in attached}) == 1 and not any(same_number(attached[0].number, n) for n in cited):
        evidence["number"] = (attached[0].start, attached[0].end)
        return attached[0].number
    return None


def _clause_is_own(clause: EnactingClause | None, found: tuple[Locality, Span] | None) -> bool:
    """Does the enacting clause issue this plan? A news post may first tell of the plan of
    the level above ("UBND tỉnh đã ban hành Kế hoạch số 281/KH-UBND …") before the
    district's own; a clause naming another locality, or another kind of unit than the
    plan's, issued another plan."""
    if clause is None or found is None:
        return clause is not None
    locality = found[0]
    if clause.name:
        return fold(clause.name) == locality.key
    if clause.kind:
        return clause.kind == locality.kind
    return True


def _own_date(clause: EnactingClause | None, number: str | None, text: str,
              evidence: dict[str, Span]) -> str | None:
    """The issue date of a plan with no header date, from what the text says of the plan's
    own reference: written in its enacting clause ("… Kế hoạch số 57/KH-UBND ngày
    01/3/2023"), the date the clause opens with ("Ngày 31/8/2021, UBND …"), or another
    citation of the same number and symbol with its date ("Kế hoạch số 162/KH-UBND ngày
    31/8/2021 của UBND thị xã") agreeing with the clause's day and month."""
    if clause is None:
        return None
    own = clause.ref
    if own is not None and own.date is not None and own.date.precision == "day" and own.date.iso:
        evidence["issue_date"] = (own.date.start, own.date.end)
        return own.date.iso
    lead = clause.lead_date
    if lead is not None and lead.iso:
        evidence["issue_date"] = (lead.start, lead.end)
        return lead.iso
    if own is None or own.symbol is None or number != own.ref:
        return None
    for ref in find_docrefs(text):
        date = ref.date
        if (ref.key != own.key or date is None or date.precision != "day" or not date.iso
                or (lead is not None and (lead.day, lead.month) != (date.day, date.month))):
            continue
        evidence["issue_date"] = (date.start, date.end)
        return date.iso
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


def _title(header: Header, clause: EnactingClause | None, text: str,
           evidence: dict[str, Span]) -> str | None:
    if header.title and header.title_span:
        evidence["title"] = header.title_span
        return header.title
    if header.page_title is not None:
        title = title_from_page(header.page_title.text)
        if title:
            evidence["title"] = header.page_title.span
            return title
    if clause is not None and clause.subject:
        subject = clause.subject
        subject = subject[0].lower() + subject[1:] if not subject[:2].isupper() else subject
        evidence["title"] = (clause.start, clause.end)
        return f"{clause.doc_type} {subject}"
    heading = heading_title(text) if header.end == 0 and not header.site else None
    if heading is not None:
        evidence["title"] = heading.span
        return heading.text
    return None


def _issuer(header: Header, signature: Signature, text: str, clause: EnactingClause | None,
            locality_of: Callable[[str], str | None], evidence: dict[str, Span]) -> str | None:
    """The header's body, completed with its locality where the copy lost it; else the
    body of the plan's own enacting clause (``clause``: the first when none is its own)."""
    if header.issuer and header.issuer_complete and header.issuer_span:
        evidence["issuer"] = header.issuer_span
        return header.issuer
    site = header.site.get("issuer")
    if site is not None:
        evidence["site:issuer"] = site[1]
    found = complete_issuer(header, text, locality_of, clause)
    if found is not None:
        evidence["issuer"] = found[1]
        return found[0]
    if signature.organisation:  # a body that signed the file digitally
        return normalise_body(signature.organisation)
    if header.issuer is None and clause is not None and clause.kind is None and clause.name is None \
            and not clause.body.startswith("Ủy ban nhân dân"):
        evidence["issuer"] = (clause.start, clause.start + len(clause.body))
        return clause.body  # "Ban Chỉ đạo liên ngành … huyện X đã ban hành Kế hoạch …"
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


def _parent_plan(text: str, own: str | None, paragraphs: Sequence[Paragraph] = ()) -> DocRef | None:
    """The first "Thực hiện/Căn cứ Kế hoạch số …" reference (not the plan's own number),
    or a "Kế hoạch số …" item opening a paragraph listed under "I. CĂN CỨ PHÁP LÝ"."""
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
        if _listed_basis(ref.start, folded, paragraphs):
            return ref
        # "Thực hiện Quyết định số 426/QĐ-TTg …; Kế hoạch số 156-KH/TU …": a plan listed
        # among the documents the opening sentence implements.
        line_start = folded.rfind("\n", 0, ref.start) + 1
        if (ref.start - line_start <= _LISTED_LOOKBACK and _IMPLEMENTS_LEAD_RE.match(folded, line_start)
                and _LISTED_RE.search(before)):
            return ref
    return None


def _listed_basis(start: int, folded: str, paragraphs: Sequence[Paragraph]) -> bool:
    """The reference at ``start`` opens an item listed under a bases heading ("- Kế hoạch
    số 59/KH-UBND …" under "I. CĂN CỨ PHÁP LÝ"): nothing but a list marker before it."""
    for paragraph in paragraphs:
        if paragraph.start <= start < paragraph.end:
            return (under_bases_heading(paragraph.path)
                    and _ITEM_LEAD_RE.fullmatch(folded[paragraph.start:start]) is not None)
    return False


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

    located = locate_plan(text, source_file)
    found = (located.locality, located.span) if located else None
    clause = next((c for c in enacting_clauses(text, opening_end, past=True) if _clause_is_own(c, found)), None)
    number = _number(header, clause, text, evidence)
    issue_date, issue_month = _issue_date(header, evidence)
    if issue_date is None and issue_month is None:
        issue_date = _own_date(clause, number, text, evidence)
    title = _title(header, clause, text, evidence)

    issuer = _issuer(header, signature, text, clause or read_enacting_clause(text, opening_end),
                     _locality_resolver(found), evidence)
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
    parent = _parent_plan(text, number, paragraphs)
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
        abbreviations=defined_abbreviations(text),
    )
