"""Give every paragraph its place in the plan: a section path and a parent.

Nesting is learned from the order markers appear in, not fixed in advance: a marker of a
kind already open closes everything below it (a sibling); a new kind opens a child level.
Parts ("Phần thứ nhất") start at the top, Roman sections at the top of their part. So
"II. ... › 3. Các chỉ tiêu thi đua › (11)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kehoach.grammar.markers import Marker, ends_sentence, is_upper_line, match_marker
from kehoach.grammar.signature import opens_closing
from kehoach.core.records import Paragraph

__all__ = ["parse_structure", "StructuredParagraph", "OPENING_LABEL", "CLOSING_LABEL"]

OPENING_LABEL = "Phần mở đầu"
CLOSING_LABEL = "Phần kết"
# A heading label keeps at most this many characters of the heading text.
_LABEL_MAX_CHARS = 60
# "2. Phòng Văn hoá - Xã hội: Theo dõi..." keeps its whole head (a unit name) up to this.
_COLON_HEAD_MAX_CHARS = 100
# A marked paragraph this short without a full stop is a heading, not an item.
_HEADING_MAX_CHARS = 90
# A rule under the issuing body or the mottos ("-------", "--------------- |") is layout,
# not a bullet: the header goes on after it.
_RULE_LINE_RE = re.compile(r"^[-_=–—*.\s|]{3,}$")


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


def _label(marker: Marker, paragraph_text: str, has_children: bool) -> str | None:
    """The label a marked paragraph contributes to section paths.

    Headings (Roman sections; short items that have content under them) show their
    title; "X: ..." items show their head X (a unit, an indicator); other items show
    only their marker ("(11)"), bullets nothing.
    """
    rest = marker.rest.strip()
    if marker.kind == "part":
        return f"{marker.label} {_shorten(rest)}".strip()
    if marker.kind == "roman":
        return f"{marker.label} {_shorten(rest)}"
    head, colon, _ = rest.partition(":")
    if colon and len(head) <= _COLON_HEAD_MAX_CHARS:
        return f"{marker.label} {head.strip()}"
    if has_children and _is_short_heading(paragraph_text, rest):
        return f"{marker.label} {_shorten(rest)}"
    return None if marker.kind == "bullet" else marker.label


def _is_short_heading(text: str, rest: str) -> bool:
    """Short, and one phrase: "4. Trung tâm Văn hóa - Thể thao và Truyền thông xã."."""
    body = rest.rstrip().rstrip(".:")
    return len(text) <= _HEADING_MAX_CHARS and not ends_sentence(body) and ". " not in body


def _kind(marker: Marker | None, text: str, has_children: bool) -> str:
    if marker is None:
        return "body"
    if marker.kind in ("part", "roman"):
        return "heading"
    short = _is_short_heading(text, marker.rest)
    return "heading" if has_children and (short or text.rstrip().endswith(":")) else "item"


def _marker(text: str, raw: str | None) -> Marker | None:
    """The paragraph's marker, read on the raw OCR text when there is one (OCR repair may
    change case or letters a marker depends on), with the rest taken from ``text``."""
    if raw is None or raw == text:
        return match_marker(text)
    found = match_marker(raw)
    if found is None:
        return None
    prefix = len(raw.strip()) - len(found.rest)
    rest = text.strip()[prefix:].strip() or found.rest
    if found.kind == "roman" and is_upper_line(found.rest):
        rest = rest.upper()
    return Marker(found.kind, found.label, rest)


def _parents(texts: list[str], raws: list[str] | None
             ) -> tuple[list[int | None], list[Marker | None], list[str]]:
    """Parent index, marker and part ("opening" | "body" | "closing") of each paragraph."""
    stack: list[tuple[str, int]] = []  # open levels: (level_key, paragraph index)
    parents: list[int | None] = []
    markers: list[Marker | None] = []
    parts: list[str] = []
    part = "opening"
    for index, text in enumerate(texts):
        marker = None if part == "closing" else _marker(text, raws[index] if raws else None)
        if marker is not None and _RULE_LINE_RE.match(text.strip()):
            marker = None
        if part == "body" and opens_closing(text):
            part, marker = "closing", None
            stack.clear()
        if marker is not None:
            part = "body"
            if marker.kind == "part":
                stack.clear()
            elif marker.kind == "roman":
                del stack[next((i for i, (key, _) in enumerate(stack) if key != "part"), len(stack)):]
            else:
                keys = [key for key, _ in stack]
                if marker.level_key in keys:
                    del stack[keys.index(marker.level_key):]
            parents.append(stack[-1][1] if stack else None)
            stack.append((marker.level_key, index))
        else:
            # A plain paragraph after a bullet item follows the list, it is not inside it.
            if stack and stack[-1][0].startswith("bullet:"):
                stack.pop()
            parents.append(stack[-1][1] if stack else None)
        markers.append(marker)
        parts.append(part)
    return parents, markers, parts


def parse_structure(texts: list[str], raws: list[str] | None = None) -> list[StructuredParagraph]:
    """Attach offsets (into ``"\\n".join(texts)``), section paths and parents.

    ``raws`` are the texts before OCR repair, kept on each paragraph when given.
    """
    parents, markers, parts = _parents(texts, raws)
    has_children = [False] * len(texts)
    for parent in parents:
        if parent is not None:
            has_children[parent] = True
    labels: list[str | None] = [
        _label(m, t, c) if m else None for m, t, c in zip(markers, texts, has_children)
    ]
    for index, marker in enumerate(markers):
        # "Phần thứ nhất" on its own line, its title in capitals on the next one.
        if (marker is not None and marker.kind == "part" and not marker.rest.strip()
                and index + 1 < len(texts) and markers[index + 1] is None
                and is_upper_line(texts[index + 1])):
            labels[index] = f"{marker.label} {_shorten(texts[index + 1])}"
    paths: list[tuple[str, ...]] = []
    result: list[StructuredParagraph] = []
    offset = 0
    for index, text in enumerate(texts):
        parent = parents[index]
        if parts[index] == "opening":
            path: tuple[str, ...] = (OPENING_LABEL,)
        elif parts[index] == "closing":
            path = (CLOSING_LABEL,)
        else:
            inherited = paths[parent] if parent is not None else ()
            own = labels[index]
            path = inherited + ((own,) if own else ())
        paths.append(path)
        marker = markers[index]
        paragraph = Paragraph(
            text=text,
            start=offset,
            end=offset + len(text),
            path=path,
            marker=marker.label if marker else None,
            kind=_kind(marker, text, has_children[index]),
            raw=raws[index] if raws is not None and raws[index] != text else None,
        )
        result.append(StructuredParagraph(paragraph, parent))
        offset += len(text) + 1
    return result
