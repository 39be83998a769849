"""Per-session state: the conversation, a clicked example, the plan to show, the uploader.

Kept in ``st.session_state`` behind small functions so widgets and callbacks agree on
the keys.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from kehoach.answer.conversation import Conversation
from kehoach.ui.resources import Shared

__all__ = ["conversation", "ViewRequest", "request_view", "take_view", "pick_question",
           "take_question", "uploader_key", "reset_uploader"]

_CONVERSATION = "conversation"
_PENDING = "pending_question"
_VIEW = "view_request"
_UPLOADER = "uploader_generation"


@dataclass(frozen=True)
class ViewRequest:
    """Open plan ``doc`` scrolled to ``span`` (plan offsets), or at the top if None."""

    doc: str
    span: tuple[int, int] | None = None


def conversation(shared: Shared) -> Conversation:
    current = st.session_state.get(_CONVERSATION)
    if current is None or current.assistant is not shared.assistant:
        current = st.session_state[_CONVERSATION] = Conversation(shared.assistant)
    return current


def request_view(doc: str, span: tuple[int, int] | None = None) -> None:
    st.session_state[_VIEW] = ViewRequest(doc, span)


def take_view() -> ViewRequest | None:
    return st.session_state.pop(_VIEW, None)


def pick_question(question: str) -> None:
    st.session_state[_PENDING] = question


def take_question() -> str | None:
    return st.session_state.pop(_PENDING, None)


def uploader_key() -> str:
    return f"uploader-{st.session_state.get(_UPLOADER, 0)}"


def reset_uploader() -> None:
    """A new key empties the file uploader after its files were handled."""
    st.session_state[_UPLOADER] = st.session_state.get(_UPLOADER, 0) + 1
