"""Text and HTML the app shows: escaped passages with the used sentence highlighted,
the whole plan scrolled to a passage, answer timings, metadata lines.

Everything taken from a plan (possibly an uploaded file) is HTML-escaped here, so no
plan text can inject markup or script into the page.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from kehoach.core.records import Answer, Citation, PlanMeta

__all__ = [
    "md",
    "answer_markdown",
    "passage_html",
    "raw_text_html",
    "plan_viewer_html",
    "timing_line",
    "plan_facts",
    "plan_name",
    "local_time",
    "MARK_ID",
]

MARK_ID = "doan-trich-dan"
# Characters that start Markdown in Streamlit: links and images ([ ] ( ) !), HTML (< > &),
# emphasis, code, headings, tables, LaTeX ($), emoji and colour directives (:red[…],
# :material/…:), e-mail and URL autolinks (: and @ break http://, mailto and x@y.vn).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|$~:&@^])")
# ... and by context: "www." autolinks, "1." lists, "-", "=" or "+" rules/lists at a line start.
_MARKDOWN_CONTEXT = re.compile(r"(?i)(?<=www)\.|^(\s*\d+)\.|^(\s*)([-=])")
_HIGHLIGHT_STYLE = "background:#fff1a8;padding:0 2px;border-radius:2px"
_PASSAGE_STYLE = "white-space:pre-wrap;line-height:1.55;font-size:0.95rem"
_VIEWER_HEIGHT_PX = 560
_NAME_TITLE_CHARS = 32


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def md(text: str | None) -> str:
    """Plan-derived text (titles, sections, passages, units, tasks) as Markdown that
    Streamlit shows literally; line breaks kept. Use it for every plan string given to
    st.markdown, st.caption, st.write or a widget label (labels are Markdown too)."""
    lines = (text or "").splitlines() or [""]
    return "  \n".join(_escape_line(line) for line in lines)


# GFM autolink literals (http://…, www.…, x@y.vn) are found in the parsed text, after the
# backslash escapes are gone, so escaping cannot stop them: an invisible WORD JOINER
# (U+2060) between "http"/"www" and what follows, and before "@", does.
JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<![\w\u2060])(https?|ftp|mailto|xmpp|www)(?=\\?[:.])|(?<!\\)(?=\\?@)")


def _escape_line(line: str) -> str:
    line = _MARKDOWN_SPECIAL.sub(r"\\\1", line)
    line = _MARKDOWN_CONTEXT.sub(_context_escape, line)
    return _AUTOLINK.sub(lambda m: (m.group(1) or "") + JOINER, line)


def _context_escape(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return match.group(1) + "\\."
    if match.group(3) is not None:
        return match.group(2) + "\\" + match.group(3)
    return "\\."


def answer_markdown(text: str) -> str:
    """An answer as Markdown: its own words literal, list lines ("- ...") kept as a list."""
    lines = []
    for line in text.splitlines():
        bullet = line.startswith("- ")
        body = _escape_line(line[2:] if bullet else line)
        lines.append(("- " if bullet else "") + body)
    return "  \n".join(lines)


def _marked(text: str, span: tuple[int, int] | None, mark_id: str | None = None) -> str:
    if not span:
        return _escape(text)
    a, b = max(0, span[0]), min(len(text), span[1])
    if b <= a:
        return _escape(text)
    ident = f' id="{mark_id}"' if mark_id else ""
    return (f"{_escape(text[:a])}<mark{ident} style=\"{_HIGHLIGHT_STYLE}\">"
            f"{_escape(text[a:b])}</mark>{_escape(text[b:])}")


def passage_html(citation: Citation) -> str:
    """The cited passage with the sentence the answer used highlighted."""
    return f'<div class="passage" style="{_PASSAGE_STYLE}">{_marked(citation.text, citation.highlight)}</div>'


def raw_text_html(raw: str) -> str:
    """The passage as OCR read it, in a native HTML expander (closed)."""
    return ("<details><summary>Xem văn bản OCR gốc (trước khi sửa)</summary>"
            f'<div style="{_PASSAGE_STYLE};color:#555">{_escape(raw)}</div></details>')


def plan_viewer_html(text: str, span: tuple[int, int] | None) -> str:
    """The whole plan as a page that opens scrolled to ``span`` (plan offsets), marked.

    Served in an iframe; the only script is the scroll, the plan text is escaped.
    """
    body = _marked(text, span, MARK_ID)
    scroll = (f"<script>var m=document.getElementById('{MARK_ID}');"
              "if(m){m.scrollIntoView({block:'center'});}</script>") if span else ""
    return (
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><style>"
        "body{font-family:'Source Sans Pro',system-ui,sans-serif;margin:0;padding:12px 16px;"
        f"{_PASSAGE_STYLE}}}</style></head><body>{body}{scroll}</body></html>"
    )


def viewer_height() -> int:
    return _VIEWER_HEIGHT_PX


def _vn_number(value: float, digits: int) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def timing_line(answer: Answer) -> str:
    """'Trả lời trong 0,29 giây' (the split into search and processing milliseconds is
    for developers: it is in the JSON answer, not in the officer's view)."""
    total = sum(answer.timings_ms.values())
    return f"Trả lời trong {_vn_number(total / 1000, 2)} giây"


def local_time(iso: str | None) -> str:
    """An ISO timestamp (UTC in the manifest) as local 'dd/mm/yyyy hh:mm'."""
    if not iso:
        return "—"
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def plan_name(meta: PlanMeta, title_chars: int = _NAME_TITLE_CHARS) -> str:
    """A short name to tell plans apart: locality and number, else the title's start."""
    where = meta.locality or meta.doc_id
    if meta.number:
        return f"{where} — số {meta.number}"
    title = " ".join((meta.title or meta.doc_id).split())
    if len(title) > title_chars:
        title = title[:title_chars].rsplit(" ", 1)[0] + "…"
    return f"{where} — {title}"


def plan_facts(meta: PlanMeta) -> list[tuple[str, str]]:
    """The metadata lines shown for a plan, '—' where the plan does not say."""
    signer = meta.signer or "—"
    if meta.signer and meta.signer_title:
        signer = f"{meta.signer} ({meta.signer_title})"
    return [
        ("Địa phương", meta.locality or "—"),
        ("Số", meta.number or "—"),
        ("Ngày ban hành", PlanMeta.display_date(meta.issue_date) or "—"),
        ("Người ký", signer),
        ("Đơn vị ban hành", meta.issuer or "—"),
    ]
