"""The chat: history, one answer with its numbered citations, examples, the plan viewer.

``render_answer(shared, answer, key)`` draws one answer; other modules add their own
controls under every answer (copy, feedback, export) by appending a function to
``ANSWER_HOOKS`` instead of editing this file: each is called as ``hook(shared, answer,
key)`` inside the answer's chat message, ``key`` unique to that answer on the page.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from kehoach.answer.conversation import Conversation, Turn
from kehoach.answer.filters import FILTER_NOTE_KEY
from kehoach.core.errors import LimitExceededError
from kehoach.core.records import Answer, Citation
from kehoach.ingest.limits import Limits, check_question
from kehoach.ui import answer_actions, generate, history, markup, state
from kehoach.ui.resources import Shared

__all__ = ["render_history", "render_turn", "render_answer", "render_examples", "ask", "show_plan",
           "ANSWER_HOOKS", "AnswerHook"]

AnswerHook = Callable[[Shared, Answer, str], None]
# Called under every answer, in order (see the module docstring).
ANSWER_HOOKS: list[AnswerHook] = []

_TITLE_CHARS = 90


def _short(text: str | None, limit: int = _TITLE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _citation(shared: Shared, citation: Citation, key: str) -> None:
    plan = shared.assistant.index.plans.get(citation.doc)
    where = citation.locality or (markup.plan_name(plan.meta) if plan is not None else citation.doc)
    label = f"[{citation.n}] {markup.md(where)} — {markup.md(_short(citation.section, 70))}"
    with st.expander(label):
        st.markdown(f"**{markup.md(_short(citation.title, 240) or citation.doc)}**")
        if plan is not None:
            facts = markup.plan_facts(plan.meta)[:3]
            st.caption(" · ".join(f"{name}: {markup.md(value)}" for name, value in facts))
        st.caption(f"Mục: {markup.md(citation.section)}")
        st.html(markup.passage_html(citation))
        if citation.ocr_corrected:
            st.caption("Lưu ý: Kế hoạch này là bản scan được nhận dạng chữ (OCR) và đã tự động "
                       "sửa dấu; hãy đối chiếu với văn bản gốc.")
            if citation.raw_text:
                st.html(markup.raw_text_html(citation.raw_text))
        if plan is not None:
            span = (citation.start + citation.highlight[0], citation.start + citation.highlight[1]) \
                if citation.highlight else (citation.start, citation.end)
            st.button("Mở toàn văn kế hoạch tại đoạn này", key=key,
                      on_click=state.request_view, args=(citation.doc, span))


def render_answer(shared: Shared, answer: Answer, key: str) -> None:
    """One answer: a note on an ignored filter, the text, the guard's word, the cited
    passages, the time, then the ``ANSWER_HOOKS``. Call inside an assistant chat message."""
    note = answer.extra.get(FILTER_NOTE_KEY)
    if note:
        st.info(note, icon="ℹ️")
    st.markdown(markup.answer_markdown(answer.answer))
    generate.render_guard(answer)
    if answer.citations:
        st.markdown("**Nguồn:**" if answer.found else "**Các đoạn gần nhất:**")
        for citation in answer.citations:
            _citation(shared, citation, key=f"open-{key}-{citation.n}")
    st.caption(markup.timing_line(answer))
    for hook in ANSWER_HOOKS:
        hook(shared, answer, key)


def render_turn(shared: Shared, turn: Turn, number: int) -> None:
    """One question and its answer, with citations and timing."""
    with st.chat_message("user"):
        st.markdown(markup.answer_markdown(turn.question))
    with st.chat_message("assistant"):
        if turn.carried_locality:
            st.caption(f"Hiểu là hỏi tiếp về {markup.md(turn.carried_locality)} (theo câu hỏi trước).")
        render_answer(shared, turn.answer, key=str(number))
        answer_actions.render(shared, turn, number)  # issue 12: copy, 👍/👎, Word


def render_history(shared: Shared, conversation: Conversation) -> None:
    history.sync(shared, conversation)  # issue 12: the conversation named in the URL
    for number, turn in enumerate(conversation.turns):
        render_turn(shared, turn, number)


def render_examples(questions: list[str]) -> None:
    """Clickable example questions for a first-time user."""
    st.markdown("**Bạn có thể hỏi, ví dụ:**")
    for i, question in enumerate(questions):
        st.button(question, key=f"example-{i}", on_click=state.pick_question, args=(question,))


def ask(shared: Shared, conversation: Conversation, question: str, locality: str | None,
        doc_ids: list[str] | None) -> None:
    """Answer ``question`` under the sidebar filters and show it as the newest turn."""
    try:  # the chat box caps its length too (max_chars); a question from elsewhere may not
        check_question(question, Limits.of(shared.assistant.settings))
    except LimitExceededError as exc:
        st.warning(str(exc))
        return
    if generate.selected(shared):
        turn = generate.ask_streaming(shared, conversation, question, locality, doc_ids)
    else:
        with shared.lock, st.spinner("Đang tìm trong các kế hoạch…"):
            turn = conversation.ask(question, locality=locality, doc_ids=doc_ids,
                                    mode="extractive")
    history.record(shared, turn, conversation)  # issue 12: kept for reloads, feedback and review
    render_turn(shared, turn, len(conversation.turns) - 1)


@st.dialog("Toàn văn kế hoạch", width="large")
def show_plan(shared: Shared, request: state.ViewRequest) -> None:
    """The whole plan, opened at the cited passage (highlighted)."""
    plan = shared.assistant.index.plans.get(request.doc)
    if plan is None:
        st.warning(f"Kế hoạch '{request.doc}' không còn trong chỉ mục.")
        return
    st.markdown(f"**{markup.md(plan.meta.title or request.doc)}**")
    st.caption(" · ".join(f"{name}: {markup.md(value)}" for name, value in markup.plan_facts(plan.meta)))
    if plan.meta.ocr_repaired:
        st.caption("Lưu ý: Bản scan được nhận dạng chữ (OCR) và đã tự động sửa dấu.")
    st.iframe(markup.plan_viewer_html(plan.text, request.span), height=markup.viewer_height())
