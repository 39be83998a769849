"""The app's generate toggle and guarded answers (Streamlit AppTest, real index).

The page is the app's own chat and sidebar toggle code; the chat model is the scripted
one of test_generate.py (a fake: a real model's output cannot be chosen).
"""

from __future__ import annotations

import threading
from typing import Any

from streamlit.testing.v1 import AppTest

from kehoach.answer.assistant import Assistant
from kehoach.index.store import load_index
from kehoach.core.settings import Settings
from test_generate import QUESTION, ScriptedChat, changed_figure, faithful
from kehoach.ui.resources import Shared

TIMEOUT_S = 120


def _page(shared: "Shared") -> None:
    import streamlit as st

    from kehoach.ui import chat, generate, state

    conversation = state.conversation(shared)
    with st.sidebar:
        generate.render_toggle(shared)
    chat.render_history(shared, conversation)
    question = st.chat_input("Hỏi")
    if question:
        chat.ask(shared, conversation, question, None, None)


def _app(settings: Settings, embeddings: Any, chat_model: Any | None) -> AppTest:
    assistant = Assistant(settings, embeddings, load_index(settings.index_dir),
                          chat_model=chat_model)
    shared = Shared(assistant, threading.RLock(), 0.0)
    return AppTest.from_function(_page, args=(shared,), default_timeout=TIMEOUT_S).run()


def _ask(app: AppTest, question: str) -> AppTest:
    app.chat_input[0].set_value(question)
    return app.run()


def test_no_toggle_without_a_model(built_settings: Settings, embeddings: Any) -> None:
    """A greyed-out switch is of no use to an officer (issue 12); the set-up hint is in
    the technical details instead."""
    app = _app(built_settings, embeddings, None)
    assert not app.sidebar.toggle
    app = _ask(app, QUESTION)
    assert not app.warning and "100%" in " ".join(m.value for m in app.markdown)


def test_toggle_on_shows_the_accepted_generation(built_settings: Settings,
                                                 embeddings: Any) -> None:
    app = _app(built_settings, embeddings, ScriptedChat(write=faithful, prompts=[]))
    assert not app.sidebar.toggle[0].disabled
    app.sidebar.toggle[0].set_value(True).run()
    app = _ask(app, QUESTION)
    texts = " ".join(m.value for m in app.markdown)
    assert "Theo kế hoạch, tỷ lệ tham gia bảo hiểm y tế đạt" in texts
    assert any("do mô hình ngôn ngữ viết" in c.value for c in app.caption)
    # The draft area was replaced by the accepted answer: no draft is left on the page.
    assert not [e for e in app.main if type(e).__name__ == "Status"]
    assert not app.exception


def test_rejected_generation_shows_the_extractive_answer_and_why(built_settings: Settings,
                                                                 embeddings: Any) -> None:
    app = _app(built_settings, embeddings, ScriptedChat(write=changed_figure, prompts=[]))
    app.sidebar.toggle[0].set_value(True).run()
    app = _ask(app, QUESTION)
    texts = " ".join(m.value for m in app.markdown)
    assert "87,3%" not in texts and "100%" in texts
    assert app.warning and "87,3%" in app.warning[0].value
    assert not app.exception
