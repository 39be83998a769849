"""Under each answer: copy, 👍/👎 with an optional comment, "Tải Word" (DOCX with sources).

Called once per rendered answer (``render``); feedback goes to the local history store
against the answer's stored message, so a reviewer later sees question, answer and
citations together (``kehoach feedback export``).
"""

from __future__ import annotations

import streamlit as st

from kehoach.answer.conversation import Turn
from kehoach.answer.export import answer_docx, answer_plain_text, docx_file_name
from kehoach.core.errors import HistoryError
from kehoach.ui import history
from kehoach.ui.resources import Shared

__all__ = ["render", "DOCX_MIME", "DOCX_LABEL", "COMMENT_LABEL"]

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCX_LABEL = "Tải Word"
COMMENT_LABEL = "Góp ý thêm (không bắt buộc), rồi nhấn Enter"
_THANKS = "Đã ghi nhận đánh giá, cảm ơn bạn."


def _save_rating(shared: Shared, mid: int, key: str) -> None:
    rating = st.session_state.get(key)
    if rating is None:
        return
    _save(shared, mid, int(rating), "")


def _save_comment(shared: Shared, mid: int, rating_key: str, key: str) -> None:
    rating = st.session_state.get(rating_key)
    comment = st.session_state.get(key, "")
    if rating is not None and comment.strip():
        _save(shared, mid, int(rating), comment)


def _save(shared: Shared, mid: int, rating: int, comment: str) -> None:
    store = history.store(shared.assistant.settings)
    if store is None:
        return
    try:
        store.set_feedback(mid, rating, comment)
    except HistoryError as exc:
        st.toast(f"Không lưu được đánh giá: {exc}")


def render(shared: Shared, turn: Turn, number: int) -> None:
    """The action row of answer ``number`` of the conversation."""
    answer = turn.answer
    mid = history.message_id(number)
    tag = f"{mid}" if mid is not None else f"t{number}"
    copy, word, vote = st.columns([3, 2, 2], vertical_alignment="center")
    with copy.popover("Sao chép", icon=":material/content_copy:"):
        st.code(answer_plain_text(answer), language=None, wrap_lines=True)
    word.download_button(DOCX_LABEL, data=lambda: answer_docx(answer),
                         file_name=docx_file_name(answer), mime=DOCX_MIME,
                         icon=":material/download:", key=f"docx-{tag}", on_click="ignore")
    if mid is None:
        return
    rating_key, comment_key = f"fb-{tag}", f"fb-comment-{tag}"
    store = history.store(shared.assistant.settings)
    stored = store.feedback(mid) if store is not None else []
    with vote:  # after a reload the stored vote is shown again
        st.feedback("thumbs", key=rating_key, default=stored[0].rating if stored else None,
                    on_change=_save_rating, args=(shared, mid, rating_key))
    if st.session_state.get(rating_key) is not None:
        st.text_input(COMMENT_LABEL, key=comment_key, max_chars=1000,
                      on_change=_save_comment, args=(shared, mid, rating_key, comment_key))
        st.caption(_THANKS)
