"""Generate mode in the app: the sidebar toggle, the streamed answer, the guard's note.

The toggle is offered only when a chat model is configured (KEHOACH_LLM_*, docs/llm.md);
its default is KEHOACH_ANSWER_MODE. While the model writes, its text streams into a
visibly marked draft area ("Bản nháp — đang kiểm tra"), never as an answer; the draft is
then replaced by the turn drawn from the guarded answer, which is the extractive one
when the guard rejected the model's text. An officer never reads unchecked figures as
the answer.
"""

from __future__ import annotations

import streamlit as st

from kehoach.answer.conversation import Conversation, Turn
from kehoach.core.errors import KehoachError
from kehoach.core.records import Answer
from kehoach.ui import markup
from kehoach.ui.resources import Shared

__all__ = ["render_toggle", "selected", "ask_streaming", "render_guard", "DRAFT_LABEL",
           "technical_note"]

_TOGGLE = "generate_mode"
_CURSOR = " ▌"
DRAFT_LABEL = "Bản nháp — đang kiểm tra"
_LIVE_NOTE = ("Mô hình ngôn ngữ đang viết bản nháp. Chưa phải câu trả lời: số liệu, ngày tháng "
              "sẽ được đối chiếu với các nguồn khi viết xong.")


def render_toggle(shared: Shared) -> None:
    """The sidebar switch between extractive and generated answers (only when a chat
    model is configured: a greyed-out switch is of no use to an officer)."""
    assistant = shared.assistant
    if not assistant.generation_available:
        return
    if _TOGGLE not in st.session_state:
        st.session_state[_TOGGLE] = assistant.settings.answer_mode == "generate"
    st.toggle("Câu trả lời do mô hình ngôn ngữ viết", key=_TOGGLE,
              help="Mô hình ngôn ngữ viết câu trả lời tự nhiên từ các đoạn kế hoạch; mọi số "
                   "liệu, ngày tháng được kiểm tra với đoạn được trích, sai thì hiện câu trả "
                   "lời trích xuất.")


def technical_note(shared: Shared) -> str:
    """For the "Thông tin kỹ thuật" expander: how generate mode is set up."""
    if shared.assistant.generation_available:
        return f"Mô hình ngôn ngữ: {shared.assistant.settings.llm_model or 'đã cấu hình'}"
    return ("Chế độ mô hình ngôn ngữ: chưa cấu hình (đặt KEHOACH_LLM_MODEL và "
            "KEHOACH_LLM_BASE_URL, xem docs/llm.md).")


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
            draft = st.status(DRAFT_LABEL, state="running", expanded=True)
            draft.caption(_LIVE_NOTE)
            live = draft.empty()

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
