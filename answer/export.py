"""An answer with its citations as a Word document (DOCX) or as plain text to copy.

WHY here and not in the app: the document is made from the ``Answer`` record alone, so
the CLI or a script can write the same file; python-docx is already a dependency.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.text import WD_COLOR_INDEX

from kehoach.core.records import Answer, Citation

__all__ = ["answer_docx", "answer_plain_text", "citation_label", "docx_file_name"]


def citation_label(citation: Citation) -> str:
    """'[1] xã A — Kế hoạch 12/KH-UBND … › II › 1' (the plan's title, not the file name)."""
    where = citation.locality or citation.doc
    title = " ".join((citation.title or citation.doc).split())
    return f"[{citation.n}] {where} — {title} › {citation.section}"


def answer_plain_text(answer: Answer) -> str:
    """The answer and its sources as plain text, for the copy button."""
    lines = [answer.answer.strip()]
    if answer.citations:
        lines += ["", "Nguồn:"]
        lines += [citation_label(c) for c in answer.citations]
    return "\n".join(lines)


def docx_file_name(answer: Answer, when: dt.datetime | None = None) -> str:
    when = when or dt.datetime.now()
    return f"tra-loi-{when:%Y%m%d-%H%M%S}.docx"


def _passage(document: Document, citation: Citation) -> None:
    paragraph = document.add_paragraph(style="Quote")
    text, span = citation.text, citation.highlight
    if not span or not (0 <= span[0] < span[1] <= len(text)):
        paragraph.add_run(text)
        return
    paragraph.add_run(text[:span[0]])
    used = paragraph.add_run(text[span[0]:span[1]])
    used.bold = True
    used.font.highlight_color = WD_COLOR_INDEX.YELLOW
    paragraph.add_run(text[span[1]:])


def answer_docx(answer: Answer, when: dt.datetime | None = None) -> bytes:
    """A DOCX: the question, the answer, then each citation with the passage it rests on
    (the sentence the answer used in bold, highlighted)."""
    when = when or dt.datetime.now()
    document = Document()
    document.core_properties.title = answer.question[:200]
    document.core_properties.language = "vi-VN"
    document.add_heading("Câu hỏi", level=1)
    document.add_paragraph(answer.question)
    document.add_heading("Trả lời", level=1)
    for line in answer.answer.splitlines() or [""]:
        if line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    if answer.citations:
        document.add_heading("Nguồn" if answer.found else "Các đoạn gần nhất", level=1)
        for citation in answer.citations:
            document.add_heading(citation_label(citation), level=2)
            _passage(document, citation)
            if citation.ocr_corrected:
                document.add_paragraph("Lưu ý: bản scan nhận dạng chữ (OCR), đã tự động sửa "
                                       "dấu; hãy đối chiếu với văn bản gốc.")
    footer = document.add_paragraph(f"Xuất lúc {when:%d/%m/%Y %H:%M} từ trợ lý hỏi đáp kế hoạch "
                                    "(trả lời trích từ văn bản kế hoạch).")
    footer.runs[0].italic = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
