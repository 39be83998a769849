"""Read a table copied one cell per line back into its rows.

A table pasted from a web page or a PDF viewer often arrives as one cell per line, each
closed by a line holding only "|":

    STT / | / Tên chỉ tiêu / | / … / | / Chỉ tiêu cụ thể / | / 1 / | / Tỷ lệ … / | / % / | / 100

Read line by line, a row's label and its figure sit several lines apart, and a cell that
is only a number ("1", "100") looks like a page number and is dropped. Such a table is
recognised by its header, which opens with the sequence column ("STT", "TT", "Số TT"), and
each of its rows becomes one line, cells joined by " | " (as DOCX tables are read), so the
label and its figure are one sentence; its sequence number is written as the list marker
("1. …", "II. …"). A row starts at its sequence number: the next
Arabic one ("1" after a Roman group row "I", "2" after "1") once the row before has as
many cells as the header, or a Roman one. Any other layout is left as it is.
"""

from __future__ import annotations

import re

from kehoach.core.text import fold

__all__ = ["SEPARATOR_RE", "table_rows"]

# A line that only closes a cell.
SEPARATOR_RE = re.compile(r"^\s*\|\s*$")
# The header cell that opens an indicator table: its sequence column.
_SEQUENCE_HEAD_RE = re.compile(r"^(?:stt|tt|so tt|so thu tu)\.?$")
_ARABIC_RE = re.compile(r"^(\d{1,3})\.?$")
_ROMAN_RE = re.compile(r"^([IVX]{1,5})\.?$")
# A cell runs over at most this many lines; a longer run without "|" is text after the table.
_MAX_CELL_LINES = 12


def _cells(lines: list[str], start: int) -> tuple[list[str], int]:
    """The cells from ``start`` (the header's first cell), and the index after the table."""
    cells: list[str] = []
    current: list[str] = []
    i = start
    last_end = start
    while i < len(lines):
        line = lines[i]
        if SEPARATOR_RE.match(line):
            cells.append(" ".join(current))
            current = []
            last_end = i + 1
        elif not line or len(current) >= _MAX_CELL_LINES:
            break
        else:
            current.append(line)
        i += 1
    if current and (i >= len(lines) or not lines[i]):  # the table's last cell, with no "|" after it
        cells.append(" ".join(current))
        last_end = i
    return cells, last_end


def _rows(cells: list[str]) -> list[list[str]]:
    """The cells grouped into the header row and one row per sequence number."""
    first = next((k for k, c in enumerate(cells) if _ARABIC_RE.match(c) or _ROMAN_RE.match(c)), None)
    if first is None:
        return [cells]
    width = first  # the header's cells
    rows: list[list[str]] = [cells[:first]]
    expected = 1
    group = False
    for cell in cells[first:]:
        arabic, roman = _ARABIC_RE.match(cell), _ROMAN_RE.match(cell)
        current = rows[-1] if len(rows) > 1 else None
        starts = current is None or bool(roman) or (
            arabic is not None and int(arabic.group(1)) == expected
            and (group or len(current) >= width))
        if starts:
            rows.append([cell])
            group = bool(roman)
            expected = 1 if roman else (int(arabic.group(1)) + 1 if arabic else expected)
        else:
            rows[-1].append(cell)
    return rows


def _row_line(row: list[str]) -> str:
    """One row as a line: its sequence number as the list marker plans write ("1. Tỷ lệ …
    | % | 100", "II. Hạ tầng số …"), so it is read as an item or a heading, never as a
    figure of the row; the other cells joined by " | "."""
    cells = [c for c in row if c]
    head = cells[0].rstrip(".") if cells else ""
    if len(cells) > 1 and (_ARABIC_RE.match(head) or _ROMAN_RE.match(head)):
        return f"{head}. " + " | ".join(cells[1:])
    return " | ".join(cells)


def table_rows(lines: list[str]) -> tuple[list[str], set[int]]:
    """``lines`` with each one-cell-per-line table read as one line per row, and the
    indexes (in the returned lines) of those row lines."""
    out: list[str] = []
    row_lines: set[int] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        follows = next((l for l in lines[i + 1:] if l), "")
        if _SEQUENCE_HEAD_RE.match(fold(line)) and SEPARATOR_RE.match(follows):
            cells, end = _cells(lines, i)
            rows = _rows(cells)
            if len(rows) > 1:
                for row in rows:
                    row_lines.add(len(out))
                    out.append(_row_line(row))
                i = end
                continue
        out.append(line)
        i += 1
    return out, row_lines
