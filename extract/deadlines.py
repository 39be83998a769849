"""Deadlines: a task due "trước ngày 10/12/2025" / "chậm nhất ngày ...", with who reports
to whom. A time frame ("đến hết tháng 12 năm 2025") is not a deadline, nor the date of a
cited document ("Căn cứ Kế hoạch số 12/KH-UBND ngày 10/02/2025"). Dates, their cue words
and the dates of references are read by the one grammar (``grammar.dates``,
``grammar.docrefs``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kehoach.extract.records import Deadline
from kehoach.extract.responsibilities import unit_of
from kehoach.grammar.localities import parse_locality, places_named
from kehoach.extract.sections import strip_marker
from kehoach.core.records import Paragraph, PlanMeta
from kehoach.core.text import fold_aligned
from kehoach.grammar.docrefs import free_dates

__all__ = ["extract_deadlines"]

# Who receives: the words after "gửi về", "báo cáo qua", "báo cáo" ... up to the due date.
_RECIPIENT_RE = re.compile(r"(?:gui ve|gui|bao cao qua|bao cao ve|bao cao|nop ve|ve)\s+"
                           r"(?P<who>(?:uy ban|ubnd|ban|phong|so|hoi dong|van phong)[^;:]*)")
_MAX_RECIPIENT_CHARS = 90
_CLAUSE_RE = re.compile(r"[^;]+")


def _clause(folded: str, position: int) -> tuple[int, int]:
    for match in _CLAUSE_RE.finditer(folded):
        if match.start() <= position < match.end():
            return match.start(), match.end()
    return 0, len(folded)


def _recipient(text: str, folded: str, start: int, end: int, due: int) -> str | None:
    """The body reported to: before the due date in the clause, else in a parenthesis after."""
    span = folded[start:due]
    found = list(_RECIPIENT_RE.finditer(span))
    offset = start
    if not found:
        tail = folded[due:end]
        found = list(_RECIPIENT_RE.finditer(tail))
        offset = due
    if not found:
        return None
    match = found[-1]
    who = text[offset + match.start("who"):offset + match.end("who")]
    who = re.split(r"\s+(?:trước|chậm nhất|để|đã tổng hợp|tổng hợp)\b", who)[0]
    if who.count("(") > who.count(")"):
        who += ")"
    return who.strip(" ,.")[:_MAX_RECIPIENT_CHARS] or None


def extract_deadlines(meta: PlanMeta, paragraphs: Sequence[Paragraph]) -> list[Deadline]:
    """Every dated deadline in the plan, in reading order."""
    deadlines = []
    own = parse_locality(meta.locality)
    for paragraph in paragraphs:
        if paragraph.kind == "heading":
            continue
        text = paragraph.text
        folded = fold_aligned(text)
        for mention in free_dates(text):
            date = mention.to_date()
            if not mention.is_deadline or date is None or mention.cue_start is None:
                continue
            cue = mention.cue_start
            start, end = _clause(folded, cue)
            if any(rel == "other" for _, rel in places_named(text[start:end], own)):
                continue  # another locality's deadline, not this plan's
            task = strip_marker(text[start:cue]).strip(" ,.")
            if ":" in task:  # "2. Giao phòng VH-XH: Theo dõi ..." - the unit is the reporter
                task = task.split(":", 1)[1].strip()
            deadlines.append(Deadline(
                task=task or strip_marker(text),
                date=date,
                reporter=unit_of(paragraph, paragraphs),
                recipient=_recipient(text, folded, start, end, cue),
                locality=meta.locality, doc=meta.doc_id, section=paragraph.section,
                passage=text, start=paragraph.start + start, end=paragraph.start + end))
    return deadlines
