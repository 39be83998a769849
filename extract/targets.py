"""Targets (chỉ tiêu) from a plan's targets section.

A list item may hold several figures ("... 10% trở lên, trong đó: Nông nghiệp 2% trở lên;
công nghiệp 16%"): each figure becomes one Target whose indicator is the text of its own
clause. An item with no figure at all is kept as a stated target (value None).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kehoach.extract.indicators import indicator_key
from kehoach.grammar.figures import find_figures
from kehoach.grammar.localities import parse_locality, places_named
from kehoach.extract.records import ANNUAL, Target
from kehoach.extract.sections import in_targets_section, strip_marker
from kehoach.core.records import Paragraph, PlanMeta
from kehoach.core.text import fold_aligned

__all__ = ["extract_targets"]

# A clause that starts with a figure ("330.681 triệu đồng Sản xuất…"): see the ":" case.
_LEADING_FIGURE_RE = re.compile(r"\s*\d+(?:[.,]\d+)*(?:\s*%|\s+[^\W\d_]+(?:\s+[^\W\d_]+)?)?")
_NONE_LEFT_RE = re.compile(r"khong con (?:ho ngheo|\w+)")
_CLAUSE_END_RE = re.compile(r";\s*|:\s+|\.\s+(?=\S)|\.$")
_PAREN_RE = re.compile(r"\([^()]*\)")
_YEAR_RE = re.compile(r"(?:den nam|nam|giai doan)\s+(?P<y>\d{4}(?:\s*-\s*\d{4})?)")
_ANNUAL_RE = re.compile(r"\bhang nam\b")  # hằng năm / hàng năm, folded
_STATED_RE = re.compile(r"\bhoan thanh\b")
# Comparators, read from the folded words just before / after a figure.
_BEFORE_WINDOW = 24
_AFTER_WINDOW = 12
_COMPARATORS_BEFORE = (("it nhat ", "ít nhất"), ("toi thieu ", "ít nhất"), ("tren ", "trên"),
                       ("duoi ", "dưới"), ("tu ", "từ ... trở lên"), ("dat ", "đạt"),
                       ("con ", "giảm còn"))
_MIN_INDICATOR_WORDS = 2
_MIN_DISPLAY_WORDS = 3
_TRAILING_WORDS_RE = re.compile(r"(?:\s+(?:dat|tren|duoi|tu|it nhat|toi thieu|co|con|giam con|"
                                r"tang binh quan|la))+\s*$")


def _clauses(folded: str) -> list[tuple[int, int, str]]:
    """(start, end, delimiter-before) spans of the clauses of a paragraph."""
    spans: list[tuple[int, int, str]] = []
    start, before = 0, ""
    for match in _CLAUSE_END_RE.finditer(folded):
        spans.append((start, match.start(), before))
        start, before = match.end(), match.group().strip()
    spans.append((start, len(folded), before))
    return [s for s in spans if s[1] > s[0]]


def _comparator(folded: str, start: int, end: int, clause_start: int) -> str:
    after = folded[end:end + _AFTER_WINDOW]
    if after.lstrip(" (").startswith("tro len"):  # "12,5% trở lên", "12,5% (trở lên)"
        return "từ ... trở lên"
    before = folded[max(clause_start, start - _BEFORE_WINDOW):start]
    for cue, name in _COMPARATORS_BEFORE:
        if before.endswith(cue):
            return name
    return ""


def _year(folded: str, default: str | None) -> str | None:
    year = _YEAR_RE.search(folded)
    if year:
        return re.sub(r"\s+", "", year.group("y"))
    if _ANNUAL_RE.search(folded):
        return ANNUAL
    return default


def _words(text: str) -> int:
    return len(re.findall(r"[^\W\d_]+", text))


def _tidy(text: str, folded: str) -> str:
    """Strip a list marker and dangling comparator words from an indicator phrase."""
    cut = _TRAILING_WORDS_RE.search(folded)
    if cut:
        text = text[:cut.start()]
    return strip_marker(text).strip(" ,;:.-–")


def section_year(paragraphs: Sequence[Paragraph]) -> str | None:
    """The year the targets section is for: the first year named by a paragraph of the
    section that states no figure ("Hoàn thành ... các chỉ tiêu ... năm 2025, cụ thể:")."""
    for paragraph in paragraphs:
        folded = fold_aligned(paragraph.text)
        found = _YEAR_RE.search(folded)
        if found and not any(f.unit for f in find_figures(paragraph.text)):
            return re.sub(r"\s+", "", found.group("y"))
    return None


def _figures(text: str, folded: str) -> list[tuple[int, int, float, str]]:
    """(start, end, value, unit) of each figure with a unit (any unit), outside parentheses."""
    masked = _PAREN_RE.sub(lambda m: " " * len(m.group()), text)
    found = [(f.start, f.end, f.value, f.unit) for f in find_figures(masked) if f.unit]
    masked_folded = _PAREN_RE.sub(lambda m: " " * len(m.group()), folded)
    for match in _NONE_LEFT_RE.finditer(masked_folded):
        found.append((match.start(), match.end(), 0.0, "%"))
    return sorted(found)


def _paragraph_targets(paragraph: Paragraph, meta: PlanMeta, default_year: str | None) -> list[Target]:
    text = paragraph.text
    folded = fold_aligned(text)
    figures = _figures(text, folded)
    # The top of each range ("60 - 70% hồ sơ …"), by where its figure starts.
    uppers = {f.start: f.upper for f in find_figures(_PAREN_RE.sub(lambda m: " " * len(m.group()), text))
              if f.upper is not None}
    item_year = _year(folded, default_year)
    clauses = _clauses(folded)
    targets: list[Target] = []

    def make(indicator: str, key: str | None, value: float | None, unit: str | None,
             comparator: str, year: str | None, start: int, end: int,
             upper: float | None = None) -> Target:
        return Target(indicator=indicator, indicator_key=key, value=value, unit=unit,
                      comparator=comparator, year=year, locality=meta.locality, doc=meta.doc_id,
                      section=paragraph.section, passage=text, start=paragraph.start + start,
                      end=paragraph.start + end, upper=upper)

    if not figures:
        # Only a list of "chỉ tiêu" states targets without figures; a goal needs one.
        body = strip_marker(text).rstrip(".;")
        # A stated target says what is to be done in a few words at least; "4) Tổng v"
        # (a page cut mid-word) states nothing.
        if (paragraph.marker and paragraph.kind != "heading" and _words(body) >= _MIN_DISPLAY_WORDS
                and in_targets_section(paragraph, goals=False)):
            comparator = "hoàn thành" if _STATED_RE.search(folded) else ""
            targets.append(make(body, indicator_key(body), None, None, comparator, item_year,
                                0, len(text)))
        return targets
    for index, (c_start, c_end, delimiter) in enumerate(clauses):
        for f_start, f_end, value, unit in figures:
            if not c_start <= f_start < c_end:
                continue
            # The indicator is the clause text before this figure, after any earlier figure.
            i_start = max([c_start] + [e for s, e, _, _ in figures if c_start <= s and e <= f_start])
            before = text[i_start:f_start]
            if _words(_tidy(before, folded[i_start:f_start])) >= _MIN_INDICATOR_WORDS:
                indicator = _tidy(before, folded[i_start:f_start])
            elif delimiter == ":" and index > 0:
                # "Label: 330.681 triệu đồng" - the label is the previous clause, less any
                # figure it starts with ("... triệu đồng Sản xuất nông, lâm, thủy sản: ...").
                p_start, p_end, _ = clauses[index - 1]
                lead = _LEADING_FIGURE_RE.match(folded[p_start:p_end])
                indicator = _tidy(text[p_start + (lead.end() if lead else 0):p_end],
                                  folded[p_start + (lead.end() if lead else 0):p_end])
            else:
                indicator = _tidy(text[f_end:c_end], folded[f_end:c_end]) or _tidy(text[c_start:c_end],
                                                                                  folded[c_start:c_end])
            key = indicator_key(f"{indicator} {unit}")
            if _words(indicator) < _MIN_DISPLAY_WORDS and not (delimiter == ":" and index > 0
                                                              and _words(indicator) >= 1):
                # A bare "Hoàn thành" or "Thu hút": show and classify the whole clause.
                key = key or indicator_key(text[c_start:c_end])
                indicator = _tidy(text[c_start:c_end], folded[c_start:c_end])
            # An indicator outside the vocabulary keeps its own words ("Khu vực I: 33%"):
            # the vocabulary helps ranking and display, it never decides what a target is.
            key = key or indicator_key(text[c_start:c_end])
            comparator = "không còn" if folded[f_start:f_end].startswith("khong con") else \
                _comparator(folded, f_start, f_end, c_start)
            year = _year(folded[c_start:c_end], item_year)
            targets.append(make(indicator, key, value, unit, comparator, year, c_start, c_end,
                                uppers.get(f_start)))
    return targets


def heading_year(path: Sequence[str], title: str | None) -> str | None:
    """The year the headings above an item give it, nearest first ("a) Mục tiêu đến năm
    2027", "2- Các chỉ tiêu chủ yếu (giai đoạn 2021-2025)"), else the plan title's
    ("Kế hoạch … năm 2023"): plans write the year once, above the figures it applies to."""
    for label in reversed(tuple(path)):
        found = _YEAR_RE.search(fold_aligned(label))
        if found:
            return re.sub(r"\s+", "", found.group("y"))
    found = _YEAR_RE.search(fold_aligned(title or ""))
    return re.sub(r"\s+", "", found.group("y")) if found else None


def extract_targets(meta: PlanMeta, paragraphs: Sequence[Paragraph]) -> list[Target]:
    """Every target in the plan's targets and goals sections, in reading order. Each
    heading's part has its own default year ("Mục tiêu tổng quát" may name another): the
    first year its lead paragraph names, else its headings' or the plan title's year."""
    section = [p for p in paragraphs if in_targets_section(p)]
    parts: dict[tuple[str, ...], list[Paragraph]] = {}
    for paragraph in section:
        parts.setdefault(paragraph.path[:2], []).append(paragraph)
    years = {key: section_year(part) for key, part in parts.items()}
    own = parse_locality(meta.locality)
    targets: list[Target] = []
    for paragraph in section:
        if paragraph.kind == "heading":
            continue
        default = years[paragraph.path[:2]] or heading_year(paragraph.path, meta.title)
        for target in _paragraph_targets(paragraph, meta, default):
            # A clause that names another locality (or the province above) states that
            # locality's figure, not this plan's: it is no record of the plan's locality.
            clause = paragraph.text[target.start - paragraph.start:target.end - paragraph.start]
            if any(rel != "own" for _, rel in places_named(clause, own)):
                continue
            targets.append(target)
    return targets
