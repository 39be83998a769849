"""All structured records of a set of plans, computed from the plans the index stores.

The index keeps each plan's repaired text; its paragraphs are re-parsed here (a few ms
per plan, no OCR repair again), so the records always match the live index generation
and the index needs no extra file to stay atomic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from kehoach.extract.deadlines import extract_deadlines
from kehoach.extract.records import Deadline, Responsibility, Target
from kehoach.extract.responsibilities import extract_responsibilities
from kehoach.extract.targets import extract_targets
from kehoach.ingest.structure import parse_structure
from kehoach.core.records import Paragraph, PlanDocument, PlanMeta
from kehoach.core.text import fold

__all__ = ["StructuredViews", "views_of_plans", "views_of_index", "paragraphs_of"]


@dataclass(frozen=True)
class StructuredViews:
    targets: tuple[Target, ...]
    deadlines: tuple[Deadline, ...]
    responsibilities: tuple[Responsibility, ...]

    def targets_where(self, locality: str | None = None, topic: str | None = None) -> list[Target]:
        """Targets of a locality (folded substring) and/or topic (indicator or its text)."""
        found = list(self.targets)
        if locality:
            found = [t for t in found if fold(locality) in fold(t.locality or "")]
        if topic:
            needle = fold(topic)
            found = [t for t in found
                     if needle in fold(t.indicator_key or "") or needle in fold(t.indicator)]
        return found

    def deadlines_sorted(self, before: dt.date | None = None) -> list[Deadline]:
        found = [d for d in self.deadlines if before is None or d.date <= before]
        return sorted(found, key=lambda d: (d.date, d.doc))

    def units_where(self, unit: str | None = None) -> list[Responsibility]:
        """Units whose name contains ``unit`` (folded; "—", "–" and "-" alike)."""
        return [r for r in self.responsibilities if not unit or _dashes(fold(unit)) in _dashes(fold(r.unit))]


def _dashes(text: str) -> str:
    return text.replace("—", "-").replace("–", "-")


def paragraphs_of(text: str, raw_text: str | None) -> list[Paragraph]:
    """The paragraphs of a stored plan (its text is the paragraphs joined by newlines)."""
    raws = raw_text.split("\n") if raw_text else None
    return [item.paragraph for item in parse_structure(text.split("\n"), raws)]


def _collect(plans: Iterable[tuple[PlanMeta, list[Paragraph] | tuple[Paragraph, ...]]]) -> StructuredViews:
    targets: list[Target] = []
    deadlines: list[Deadline] = []
    units: list[Responsibility] = []
    for meta, paragraphs in plans:
        targets += extract_targets(meta, paragraphs)
        deadlines += extract_deadlines(meta, paragraphs)
        units += extract_responsibilities(meta, paragraphs)
    return StructuredViews(tuple(targets), tuple(deadlines), tuple(units))


def views_of_plans(plans: Iterable[PlanDocument]) -> StructuredViews:
    """Records of plans just ingested (``ingest.pipeline.load_plan``)."""
    return _collect((p.meta, p.paragraphs) for p in plans)


def views_of_index(index) -> StructuredViews:  # index: index.store.PlanIndex
    """Records of every plan in a loaded index (cached on the index object)."""
    cached = getattr(index, "_structured_views", None)
    if cached is None:
        records = sorted(index.plans.values(), key=lambda r: r.meta.doc_id)
        cached = _collect((r.meta, paragraphs_of(r.text, r.raw_text)) for r in records)
        object.__setattr__(index, "_structured_views", cached)
    return cached
