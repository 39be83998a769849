"""Generate mode in the app: the sidebar toggle, the streamed answer, the guard's note.

The toggle is offered only when a chat model is configured (KEHOACH_LLM_*, docs/llm.md);
its default is KEHOACH_ANSWER_MODE. While the model writes, its text is shown as it
comes, marked as not yet checked; the turn is then drawn as usual from the guarded
answer, which is the extractive one when the guard rejected the model's text.
"""

from __future__ import annotations

import streamlit as st

from kehoach.answer.conversation import Conversation, Turn
from kehoach.core.errors import KehoachError
from kehoach.core.records import Answer
from kehoach.ui import markup
from kehoach.ui.resources import Shared

__all__ = ["render_toggle", "selected", "ask_streaming", "render_guard"]

_TOGGLE = "generate_mode"
_CURSOR = " ▌"
_LIVE_NOTE = "Mô hình ngôn ngữ đang viết; số liệu sẽ được kiểm tra với các nguồn khi viết xong."


def render_toggle(shared: Shared) -> None:
    """The sidebar switch between extractive and generated answers."""
    assistant = shared.assistant
    available = assistant.generation_available
    if _TOGGLE not in st.session_state:
        st.session_state[_TOGGLE] = available and assistant.settings.answer_mode == "generate"
    help_text = ("Mô hình ngôn ngữ viết câu trả lời tự nhiên từ các đoạn kế hoạch; mọi số liệu, "
                 "ngày tháng được kiểm tra với đoạn được trích, sai thì hiện câu trả lời trích xuất."
                 if available else
                 "Chưa cấu hình mô hình ngôn ngữ: đặt KEHOACH_LLM_MODEL và KEHOACH_LLM_BASE_URL "
                 "(xem docs/llm.md).")
    st.toggle("Câu trả lời do mô hình ngôn ngữ viết", key=_TOGGLE, disabled=not available,
              help=help_text)


def selected(shared: Shared) -> bool:
    """Is generate mode on for this session (and usable)?"""
    return bool(st.session_state.get(_TOGGLE)) and shared.assistant.generation_available


def ask_streaming(shared: Shared, conversation: Conversation, question: str,
                  locality: str | None, doc_ids: list[str] | None) -> Turn:
    """Ask in generate mode, showing the model's text while it writes.

    If the model server stops (before or while writing), the answer comes back as the
    extractive one with ``guard.stopped`` and ``render_guard`` says so; any other model
    failure (model missing, key refused) is shown here and answered extractively, so the
    officer still gets an answer.
    """
    slot = st.empty()
    written: list[str] = []
    with slot.container():
        with st.chat_message("user"):
            st.markdown(markup.answer_markdown(question))
        with st.chat_message("assistant"):
            st.caption(_LIVE_NOTE)
            live = st.empty()

    def on_text(piece: str) -> None:
        written.append(piece)
        live.markdown(markup.answer_markdown("".join(written)) + _CURSOR)

    try:
        with shared.lock, st.spinner("Đang tìm trong các kế hoạch…"):
            turn = conversation.ask(question, locality=locality, doc_ids=doc_ids,
                                    mode="generate", on_text=on_text)
    except KehoachError as exc:
        slot.empty()
        st.error(f"Không dùng được mô hình ngôn ngữ: {exc} Hiển thị câu trả lời trích xuất.")
        with shared.lock, st.spinner("Đang tìm trong các kế hoạch…"):
            turn = conversation.ask(question, locality=locality, doc_ids=doc_ids,
                                    mode="extractive")
    slot.empty()
    return turn


def render_guard(answer: Answer) -> None:
    """Under a generate-mode answer: who wrote it, or why the model's text was not used."""
    guard = answer.extra.get("guard")
    if answer.mode != "generate" or not guard:
        return
    if guard["accepted"]:
        st.caption("Câu trả lời do mô hình ngôn ngữ viết từ các nguồn dưới đây; số liệu và ngày "
                   "tháng đã được đối chiếu với nguồn.")
        return
    if guard.get("stopped"):
        st.warning("Mô hình ngôn ngữ đã dừng (đây là câu trả lời trích xuất). Lý do: "
                   + " ".join(guard["reasons"]))
    else:
        st.warning("Không dùng câu trả lời do mô hình viết (đây là câu trả lời trích xuất). "
                   "Lý do: " + " ".join(guard["reasons"]))
    if guard.get("draft"):
        with st.expander("Xem câu mô hình đã viết (không được dùng)"):
            st.text(guard["draft"])
