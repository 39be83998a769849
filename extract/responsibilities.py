"""Who does what: the units named under "Tổ chức thực hiện", their roles and tasks.

Same locality rule as targets and deadlines: a unit that names another locality
("UBND xã Nguyễn Lương Bằng" in a plan of xã An Hưng) is that locality's unit, not a
record of the plan's own locality, so it gives no row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kehoach.extract.records import Responsibility
from kehoach.extract.sections import in_organisation_section, strip_marker, unit_name
from kehoach.core.records import SECTION_SEP, Paragraph, PlanMeta
from kehoach.core.text import fold
from kehoach.grammar.localities import parse_locality, places_named

__all__ = ["extract_responsibilities", "unit_of", "ROLES", "DEFAULT_ROLE"]

# Roles in the order they are listed; folded cue -> role as shown.
ROLES = (("chu tri", "chủ trì"), ("tham muu", "tham mưu"), ("phoi hop", "phối hợp"),
         ("theo doi", "theo dõi"), ("huong dan", "hướng dẫn"), ("don doc", "đôn đốc"))
DEFAULT_ROLE = "thực hiện"
_UNIT_DEPTH = 2  # path = ("V. TỔ CHỨC THỰC HIỆN", "<unit heading>", ...)


def _unit_key(paragraph: Paragraph) -> str | None:
    if not in_organisation_section(paragraph) or len(paragraph.path) < _UNIT_DEPTH:
        return None
    return paragraph.path[_UNIT_DEPTH - 1]


def _unit_heads(paragraphs: Sequence[Paragraph]) -> dict[str, Paragraph]:
    """The paragraph that opens each unit's part (its full name; path labels are shortened)."""
    heads: dict[str, Paragraph] = {}
    for paragraph in paragraphs:
        key = _unit_key(paragraph)
        if key and len(paragraph.path) == _UNIT_DEPTH and paragraph.marker and key not in heads:
            heads[key] = paragraph
    return heads


def unit_of(paragraph: Paragraph, paragraphs: Sequence[Paragraph]) -> str | None:
    """The unit a paragraph of "Tổ chức thực hiện" assigns work to, or None."""
    key = _unit_key(paragraph)
    head = _unit_heads(paragraphs).get(key) if key else None
    return unit_name(head.text) if head else None


def _tasks(paragraph: Paragraph, is_head: bool) -> list[str]:
    text = strip_marker(paragraph.text)
    if is_head:
        # The head's tasks follow its first ":" - not the one of an address ("http://…").
        parts = re.split(r":(?!//)", text, maxsplit=1)
        text = parts[1] if len(parts) > 1 else ""
    return [t.strip() for t in re.split(r"(?<=\.)\s+", text) if t.strip(" .;")]


def extract_responsibilities(meta: PlanMeta, paragraphs: Sequence[Paragraph]) -> list[Responsibility]:
    """One record per unit of each plan, with its roles and task sentences."""
    heads = _unit_heads(paragraphs)
    grouped: dict[str, list[Paragraph]] = {}
    for paragraph in paragraphs:
        key = _unit_key(paragraph)
        if key in heads:
            grouped.setdefault(key, []).append(paragraph)
    records = []
    own = parse_locality(meta.locality)
    for key, members in grouped.items():
        head = heads[key]
        if any(rel == "other" for _, rel in places_named(unit_name(head.text), own)):
            continue  # another locality's unit: not a record of this plan's locality
        tasks = [task for p in members for task in _tasks(p, p is head)]
        folded = fold(" ".join(tasks))
        roles = [name for cue, name in ROLES if cue in folded]
        passage = "\n".join(p.text for p in members)
        records.append(Responsibility(
            unit=unit_name(head.text), role=", ".join(roles) or DEFAULT_ROLE, tasks=tuple(tasks),
            locality=meta.locality, doc=meta.doc_id, section=SECTION_SEP.join(head.path),
            passage=passage, start=members[0].start, end=members[-1].end))
    return records
