"""The small typed records passed between stages (ingest -> index -> answer -> faces)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "Paragraph",
    "Segment",
    "Chunk",
    "PlanMeta",
    "PlanDocument",
    "Hit",
    "Citation",
    "Answer",
    "SECTION_SEP",
]

SECTION_SEP = " › "


@dataclass(frozen=True)
class Paragraph:
    """One re-joined paragraph of a plan, with its place in the plan's structure.

    ``start``/``end`` are offsets into ``PlanDocument.text``. ``path`` holds the labels of
    the enclosing headings and items, outermost first (the paragraph's own marker last).
    ``raw`` is the text before OCR repair when the plan was repaired, else None.
    """

    text: str
    start: int
    end: int
    path: tuple[str, ...]
    marker: str | None = None
    kind: str = "body"  # "heading" | "item" | "body"
    raw: str | None = None

    @property
    def section(self) -> str:
        return SECTION_SEP.join(self.path)


@dataclass(frozen=True)
class Segment:
    """A paragraph inside a chunk: its span in the plan and its own section path."""

    start: int
    end: int
    section: str


@dataclass(frozen=True)
class Chunk:
    """A coherent unit of a plan (one target, one task, one unit's duties...).

    ``text`` is the passage shown to people (the plan's own words); ``index_text`` adds a
    short context header (locality, title, section) and is what gets embedded and indexed.
    """

    chunk_id: str
    doc_id: str
    locality: str | None
    title: str | None
    section: str
    text: str
    start: int
    end: int
    segments: tuple[Segment, ...]
    index_text: str
    raw_text: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["segments"] = [asdict(s) for s in self.segments]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Chunk":
        data = dict(data)
        data["segments"] = tuple(Segment(**s) for s in data["segments"])
        return cls(**data)


@dataclass(frozen=True)
class PlanMeta:
    """What a plan says about itself. A field the text does not give is None.

    ``issue_date`` and ``parent_plan_date`` are ISO dates (YYYY-MM-DD); ``issue_month``
    (YYYY-MM) is set when the header leaves the day blank ("ngày    tháng 9 năm 2025").
    ``issuer`` is the issuing body as the header writes it ("Ủy ban nhân dân tỉnh Lạng
    Sơn"), ``parent_body`` the body above it; ``place`` the place of issue ("Lạng Sơn");
    ``signer_authority``/``signer_capacity`` the "TM. …"/"KT. …" lines of the signature;
    ``site_table`` what a legal-document website's table says ("number", "issue_date",
    "signer", "issuer" …, as written). ``evidence`` maps a field name to the (start, end)
    span of ``PlanDocument.text`` it was read from ("site:<field>" for the site table), so
    a metadata answer can cite its passage.
    """

    doc_id: str
    source_file: str
    locality: str | None = None
    number: str | None = None
    issue_date: str | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    issuer: str | None = None
    parent_plan: str | None = None
    parent_plan_date: str | None = None
    ocr_repaired: bool = False
    evidence: dict[str, tuple[int, int]] = field(default_factory=dict)
    issue_month: str | None = None
    place: str | None = None
    parent_body: str | None = None
    signer_authority: str | None = None
    signer_capacity: str | None = None
    site_table: dict[str, str] = field(default_factory=dict)
    # Where ``locality`` was read: "header", "site", "title", "opening", "signature",
    # "opening+place", "mentions", "place", "file" (kehoach.grammar.plan_locality), or
    # "issuer"; None when no locality was found. "place" and "file" are weak guesses.
    locality_source: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["evidence"] = {k: list(v) for k, v in self.evidence.items()}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "PlanMeta":
        data = dict(data)
        data["evidence"] = {k: (int(v[0]), int(v[1])) for k, v in data.get("evidence", {}).items()}
        return cls(**data)

    @staticmethod
    def display_date(iso: str | None) -> str | None:
        """'2025-09-19' -> '19/9/2025' (the way plans write dates)."""
        if not iso:
            return None
        year, month, day = iso.split("-")
        return f"{int(day)}/{int(month)}/{year}"


@dataclass(frozen=True)
class PlanDocument:
    """A plan after ingest: cleaned text, structure, metadata and chunks."""

    meta: PlanMeta
    text: str
    paragraphs: tuple[Paragraph, ...]
    chunks: tuple[Chunk, ...]
    content_hash: str
    raw_text: str | None = None  # the plan as read, when it differs from ``text`` by OCR repair


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its fused score (0..1] and its rank in each retriever."""

    chunk: Chunk
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None


@dataclass(frozen=True)
class Citation:
    """A numbered source an answer points to with [n].

    ``highlight`` is the (start, end) of the sentence used, relative to ``text``.
    ``start``/``end`` locate ``text`` in the whole plan, for "open the plan here".
    """

    n: int
    doc: str
    title: str | None
    locality: str | None
    section: str
    text: str
    score: float
    start: int = 0
    end: int = 0
    highlight: tuple[int, int] | None = None
    ocr_corrected: bool = False
    raw_text: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "doc": self.doc,
            "title": self.title,
            "locality": self.locality,
            "section": self.section,
            "text": self.text,
            "score": round(float(self.score), 4),
            "start": self.start,
            "end": self.end,
            "highlight": list(self.highlight) if self.highlight else None,
            "ocr_corrected": self.ocr_corrected,
            "raw_text": self.raw_text,
        }


@dataclass(frozen=True)
class Answer:
    """The result of one question: the stable JSON contract other tools read."""

    question: str
    answer: str
    found: bool
    locality: str | None
    citations: tuple[Citation, ...]
    timings_ms: dict[str, float]
    kind: str | None = None
    mode: str = "extractive"
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "question": self.question,
            "answer": self.answer,
            "found": self.found,
            "locality": self.locality,
            "citations": [c.to_json() for c in self.citations],
            "timings_ms": {k: round(float(v), 2) for k, v in self.timings_ms.items()},
            "kind": self.kind,
            "mode": self.mode,
        }
        data.update(self.extra)
        return data
