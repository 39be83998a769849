"""Turn text extracted from a PDF into paragraphs.

PDF extraction breaks every printed line, often adds a blank line after each one, and
leaves page numbers behind. We drop page numbers and layout blank lines and re-join the
wrapped lines, so each paragraph is one sentence group as the plan wrote it. A page copied
from a website also breaks inside names and dates ("Sở Lao động\n- Thương binh và Xã hội",
"ngày 17\n\ntháng 5 năm 2023"): such a line is joined to the one it continues
(``grammar.markers.continues_line``), even across a blank line. A table copied one cell
per line is read back into its rows (``ingest.cell_tables``).
"""

from __future__ import annotations

import re

from kehoach.grammar.markers import continues_line, ends_sentence, is_upper_line, match_marker
from kehoach.ingest.cell_tables import table_rows
from kehoach.core.text import nfc

__all__ = ["clean_paragraphs"]

_PAGE_NUMBER_RE = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
_SPACES_RE = re.compile(r"[ \t\u00a0\u200b]+")
# A preamble sentence starts a paragraph even when the title before it has no full stop.
_PREAMBLE_RE = re.compile(r"^(Căn cứ|Thực hiện|Thuc hién|Thuc hien|Can cu|Can cir)\s")
# When most printed lines are followed by a blank line, single blank lines are layout;
# only a run of them marks a paragraph break.
_DOUBLE_SPACED_SHARE = 0.5
_DOUBLE_SPACED_BREAK_RUN = 2
# A printed line much shorter than a full line ended its paragraph (a heading, a last line).
_FULL_LINE_PERCENTILE = 0.75
_SHORT_LINE_SHARE = 0.55


def _normalise_line(line: str) -> str:
    return _SPACES_RE.sub(" ", line).strip()


def _is_double_spaced(lines: list[str]) -> bool:
    filled = [i for i, line in enumerate(lines) if line]
    if not filled:
        return False
    followed_by_blank = sum(1 for i in filled if i + 1 < len(lines) and not lines[i + 1])
    return followed_by_blank >= _DOUBLE_SPACED_SHARE * len(filled)


def _full_line_length(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if line)
    return lengths[int(_FULL_LINE_PERCENTILE * (len(lengths) - 1))] if lengths else 0


def _starts_paragraph(line: str, previous: str, full_length: int) -> bool:
    if match_marker(line, previous) is not None:
        return True
    if _PREAMBLE_RE.match(line):
        return True
    if is_upper_line(previous) != is_upper_line(line):
        return True
    starts_upper = line[0].isupper() or line[0] in "\"“("
    short_previous = len(previous) < _SHORT_LINE_SHARE * full_length
    return starts_upper and (ends_sentence(previous) or short_previous)


def clean_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text`` in order, NFC, whitespace normalised, page numbers dropped."""
    lines = [_normalise_line(line) for line in nfc(text).replace("\f", "\n").splitlines()]
    # A table copied one cell per line is read back into rows first: its number cells
    # ("1", "100") are no page numbers, and each row is a paragraph of its own.
    lines, rows = table_rows(lines)
    kept = [(line, k in rows) for k, line in enumerate(lines) if k in rows or not _PAGE_NUMBER_RE.match(line)]
    lines = [line for line, _ in kept]
    break_run = _DOUBLE_SPACED_BREAK_RUN if _is_double_spaced(lines) else 1
    full_length = _full_line_length(lines)

    paragraphs: list[list[str]] = []
    blank_run = 0
    after_row = False
    for line, row in kept:
        if not line:
            blank_run += 1
            continue
        previous = paragraphs[-1][-1] if paragraphs else None
        broken = blank_run >= break_run and not (previous is not None and continues_line(previous, line))
        if (previous is None or row or after_row or broken
                or _starts_paragraph(line, previous, full_length)):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
        blank_run = 0
        after_row = row
    return [" ".join(parts) for parts in paragraphs]
