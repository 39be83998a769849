"""Plain-text rendering of an answer for the terminal."""

from __future__ import annotations

import textwrap

from kehoach.core.records import Answer

__all__ = ["render_answer"]

_PASSAGE_CHARS = 300


def _excerpt(text: str, highlight: tuple[int, int] | None) -> str:
    if highlight:
        a, b = highlight
        return text[a:b].strip()
    return text[:_PASSAGE_CHARS].strip() + ("…" if len(text) > _PASSAGE_CHARS else "")


def render_answer(answer: Answer) -> str:
    lines = [answer.answer, ""]
    heading = "Nguồn:" if answer.found else "Đoạn liên quan:"
    if answer.citations:
        lines.append(heading)
    for c in answer.citations:
        where = " — ".join(p for p in (c.locality, c.section) if p)
        ocr = " (bản OCR đã sửa dấu)" if c.ocr_corrected else ""
        lines.append(f"[{c.n}] {c.doc}{ocr}: {where}")
        excerpt = " ".join(_excerpt(c.text, c.highlight).split())
        lines.extend(textwrap.wrap(excerpt, 100, initial_indent="    ", subsequent_indent="    "))
    guard = answer.extra.get("guard")
    if guard and guard.get("stopped"):
        lines.append("(Mô hình ngôn ngữ đã dừng; đây là câu trả lời trích xuất. Lý do:")
        lines.extend(f"  - {reason}" for reason in guard["reasons"])
        lines.append(")")
    elif guard and not guard["accepted"]:
        lines.append("(Không dùng câu trả lời do mô hình viết; đây là câu trả lời trích xuất. Lý do:")
        lines.extend(f"  - {reason}" for reason in guard["reasons"])
        lines.append(")")
    timing = " + ".join(f"{k} {v:.0f} ms" for k, v in answer.timings_ms.items())
    lines.append(f"({timing})")
    return "\n".join(lines)
