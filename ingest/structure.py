"""Give every paragraph its place in the plan: a section path and a parent.

Nesting is learned from the order markers appear in, not fixed in advance: a marker of a
kind already open closes everything below it (a sibling); a new kind opens a child level.
Roman sections always start at the top. So "II. ... › 3. Các chỉ tiêu thi đua › (11)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.markers import Marker, ends_sentence, match_marker
from kehoach.records import Paragraph
from kehoach.text import fold

__all__ = ["parse_structure", "StructuredParagraph", "OPENING_LABEL", "CLOSING_LABEL"]

OPENING_LABEL = "Phần mở đầu"
CLOSING_LABEL = "Phần kết"
# A heading label keeps at most this many characters of the heading text.
_LABEL_MAX_CHARS = 60
# "2. Phòng Văn hoá - Xã hội: Theo dõi..." keeps its whole head (a unit name) up to this.
_COLON_HEAD_MAX_CHARS = 100
# A marked paragraph this short without a full stop is a heading, not an item.
_HEADING_MAX_CHARS = 90
# Folded openings of the closing part of a plan ("Trên đây là...", "Nơi nhận:").
_CLOSING_RE = re.compile(r"^(tren day (la|1a|ia)|noi nh)")


@dataclass(frozen=True)
class StructuredParagraph:
    """A paragraph with its structure: the record plus the index of its parent."""

    paragraph: Paragraph
    parent: int | None


def _shorten(text: str, limit: int = _LABEL_MAX_CHARS) -> str:
    text = text.strip().rstrip(".:;,")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(".,;:- ") + "…"


def _label(marker: Marker, paragraph_text: str) -> str | None:
    """The label a marked paragraph contributes to section paths."""
    rest = marker.rest.strip()
    if marker.kind == "roman":
        return f"{marker.label} {_shorten(rest)}"
    head, colon, _ = rest.partition(":")
    if colon and len(head) <= _COLON_HEAD_MAX_CHARS:
        return f"{marker.label} {head.strip()}"
    if _is_short_heading(paragraph_text, rest):
        return f"{marker.label} {_shorten(rest)}"
    return None if marker.kind == "bullet" else marker.label


def _is_short_heading(text: str, rest: str) -> bool:
    """Short, and one phrase: "4. Trung tâm Văn hóa - Thể thao và Truyền thông xã."."""
    body = rest.rstrip().rstrip(".:")
    return len(text) <= _HEADING_MAX_CHARS and not ends_sentence(body) and ". " not in body


def _kind(marker: Marker | None, text: str) -> str:
    if marker is None:
        return "body"
    if marker.kind == "roman":
        return "heading"
    short = _is_short_heading(text, marker.rest)
    return "heading" if short or text.rstrip().endswith(":") else "item"


def parse_structure(texts: list[str], raws: list[str] | None = None) -> list[StructuredParagraph]:
    """Attach offsets (into ``"\\n".join(texts)``), section paths and parents.

    ``raws`` are the texts before OCR repair, kept on each paragraph when given.
    """
    # Open levels: (level_key, label, paragraph index), outermost first.
    stack: list[tuple[str, str | None, int]] = []
    opened = False  # has the body (first Roman section or marker) started?
    closing = False
    result: list[StructuredParagraph] = []
    offset = 0
    for index, text in enumerate(texts):
        marker = None if closing else match_marker(text)
        if not closing and _CLOSING_RE.match(fold(text)) and opened:
            closing = True
            stack.clear()
        if marker is not None:
            opened = True
            if marker.kind == "roman":
                stack.clear()
            else:
                keys = [key for key, _, _ in stack]
                if marker.level_key in keys:
                    del stack[keys.index(marker.level_key):]
            parent = stack[-1][2] if stack else None
            stack.append((marker.level_key, _label(marker, text), index))
        else:
            # A plain paragraph after a bullet item follows the list, it is not inside it.
            if stack and stack[-1][0].startswith("bullet:"):
                stack.pop()
            parent = stack[-1][2] if stack else None
        labels = tuple(label for _, label, _ in stack if label)
        if closing:
            labels = (CLOSING_LABEL,)
        elif not opened:
            labels = (OPENING_LABEL,)
        paragraph = Paragraph(
            text=text,
            start=offset,
            end=offset + len(text),
            path=labels,
            marker=marker.label if marker else None,
            kind=_kind(marker, text),
            raw=raws[index] if raws is not None and raws[index] != text else None,
        )
        result.append(StructuredParagraph(paragraph, parent))
        offset += len(text) + 1
    return result
