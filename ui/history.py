"""The conversation kept in the local history store and named in the URL (``?c=<id>``).

A reload (or a link) with ``?c=`` brings the conversation back; the sidebar lists past
ones. Each answered question is stored as it is shown; its message id is what 👍/👎 and
the exports refer to. Only one small hook per face call: ``sync`` before the history is
drawn, ``record`` after a new answer.
"""

from __future__ import annotations

import streamlit as st

from kehoach.answer.conversation import Conversation, Turn
from kehoach.core.errors import HistoryError
from kehoach.core.history import HistoryStore
from kehoach.core.settings import Settings
from kehoach.ui.resources import Shared

__all__ = ["store", "sync", "record", "message_id", "open_conversation", "PARAM"]

PARAM = "c"
_LOADED = "history_conversation"  # the id whose turns the session's conversation holds
_IDS = "history_message_ids"  # message id of each turn, in order
_ERROR = "history_error"
_OBJECT = "history_conversation_object"  # id() of the Conversation those turns are in


@st.cache_resource(show_spinner=False)
def _store(path: str) -> HistoryStore:
    return HistoryStore(path)


def store(settings: Settings) -> HistoryStore | None:
    """The store, or None (with one warning) when its file cannot be used."""
    try:
        return _store(str(settings.history_db))
    except HistoryError as exc:
        if not st.session_state.get(_ERROR):
            st.session_state[_ERROR] = True
            st.warning(f"Không lưu được lịch sử trò chuyện: {exc}")
        return None


def _url_id() -> str | None:
    value = st.query_params.get(PARAM)
    return value if value and value.isalnum() and len(value) <= 32 else None


def _restore(history: HistoryStore, conversation: Conversation, ident: str) -> None:
    conversation.reset()
    rows = history.messages(ident)
    for row in rows:
        conversation.turns.append(Turn(row.question, row.answer, row.carried_locality))
    if rows and rows[-1].answer.locality in conversation.assistant.localities:
        conversation.locality = rows[-1].answer.locality  # follow-ups go on as before
    st.session_state[_IDS] = [row.id for row in rows]
    st.session_state[_LOADED] = ident
    st.session_state[_OBJECT] = id(conversation)


def sync(shared: Shared, conversation: Conversation) -> None:
    """Make the session's conversation the one in the URL; draw the past ones."""
    history = store(shared.assistant.settings)
    if history is None:
        return
    ident, loaded = _url_id(), st.session_state.get(_LOADED)
    ids = st.session_state.get(_IDS, [])
    same = st.session_state.get(_OBJECT) == id(conversation)
    if ident and loaded and not same:
        _restore(history, conversation, ident)  # a new Conversation object (index reloaded)
    elif loaded and len(conversation.turns) < len(ids):
        # "Cuộc trò chuyện mới" emptied the conversation: the next question starts a new one.
        st.session_state[_IDS], st.session_state[_LOADED] = [], None
        st.query_params.pop(PARAM, None)
    elif ident and ident != loaded:
        _restore(history, conversation, ident)
    _render_past(history, shared.assistant.settings.history_list_size)


def open_conversation(ident: str) -> None:
    st.query_params[PARAM] = ident


def _render_past(history: HistoryStore, limit: int) -> None:
    past = history.conversations(limit)
    if not past:
        return
    current = st.session_state.get(_LOADED)
    with st.sidebar, st.expander(f"Cuộc trò chuyện trước ({len(past)})"):
        for row in past:
            label = f"{row.title or 'Không tên'} ({row.messages} câu)"
            st.button(label, key=f"past-{row.id}", on_click=open_conversation, args=(row.id,),
                      disabled=row.id == current, width="stretch")


def record(shared: Shared, turn: Turn, conversation: Conversation) -> int | None:
    """Store the newest turn; the URL names its conversation from the first answer on."""
    history = store(shared.assistant.settings)
    if history is None:
        return None
    ident = st.session_state.get(_LOADED) or history.new_conversation(turn.question)
    try:
        mid = history.add_message(ident, turn.answer, turn.carried_locality)
    except HistoryError as exc:
        st.warning(f"Không lưu được câu trả lời vào lịch sử: {exc}")
        return None
    st.session_state[_LOADED] = ident
    st.session_state[_OBJECT] = id(conversation)
    st.session_state.setdefault(_IDS, []).append(mid)
    st.query_params[PARAM] = ident
    return mid


def message_id(number: int) -> int | None:
    """The stored message of turn ``number`` (None if it was not stored)."""
    ids = st.session_state.get(_IDS, [])
    return ids[number] if 0 <= number < len(ids) else None
