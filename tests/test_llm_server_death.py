"""The model server dies: generate mode still answers, extractively, and says the model stopped.

A real llama.cpp server (tests/_llm_server.py, Gemma 3 270M) is killed with SIGKILL, as a
crash would end it (the issue's case: a general protection fault in libggml-cpu.so):
- while it is writing the answer (after the first streamed piece);
- before the question is asked, through the CLI and through the app (Streamlit AppTest).
Either way the officer gets the extractive answer, and the guard's note says why.

Needs the extra ``kehoach[llamacpp]``; skipped when llama-cpp-python is not installed.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed (extra kehoach[llamacpp])")

from _llm_server import MODEL_NAME, start_server  # noqa: E402
from kehoach.answer.assistant import Assistant  # noqa: E402
from kehoach.cli import cli  # noqa: E402
from kehoach.core.records import Answer  # noqa: E402
from kehoach.core.settings import Settings  # noqa: E402
from kehoach.index.store import load_index  # noqa: E402

QUESTION = "Chỉ tiêu BHYT của xã Nguyễn Lương Bằng là bao nhiêu?"
# Long enough that the model is still writing when it is killed after its first piece.
ANSWER_TOKENS = 400
STOPPED_NOTE = "Mô hình ngôn ngữ đã dừng"


def _settings(built: Settings, url: str) -> Settings:
    return built.with_overrides(answer_mode="generate", llm_backend="openai", llm_base_url=url,
                                llm_model=MODEL_NAME, llm_system_role="user",
                                llm_max_tokens=ANSWER_TOKENS, top_k=2)


def _is_extractive(answer: Answer, extractive: Answer) -> None:
    assert answer.mode == "generate"
    assert answer.answer == extractive.answer and answer.citations == extractive.citations
    assert answer.found and "100%" in answer.answer  # the plan's figure, from the plan


def test_server_killed_while_writing(built_settings: Settings, embeddings: Any,
                                     assistant: Assistant, tmp_path: Path) -> None:
    server = start_server(tmp_path)
    try:
        settings = _settings(built_settings, server.url)
        generating = Assistant(settings, embeddings, load_index(settings.index_dir))
        pieces: list[str] = []
        answer = None
        for item in generating.stream_generate(QUESTION):
            if isinstance(item, Answer):
                answer = item
            else:
                pieces.append(item)
                if len(pieces) == 1:
                    server.kill()  # mid-answer: it has started writing
    finally:
        server.kill()
    assert pieces, "the model wrote nothing before it was killed"
    assert isinstance(answer, Answer)
    guard = answer.to_json()["guard"]
    print(f"\n[killed after {len(pieces)} piece(s)] {guard['reasons']}")
    assert guard["accepted"] is False and guard["stopped"] is True
    assert guard["reasons"][0].startswith("Mô hình ngôn ngữ dừng giữa chừng khi đang viết")
    assert server.url in guard["reasons"][0]  # names the server, and what to do
    assert guard["draft"].startswith(pieces[0].strip())  # what it wrote before dying
    _is_extractive(answer, assistant.ask(QUESTION))


@pytest.fixture()
def dead_server_url(tmp_path: Path) -> str:
    """The address of a real server that was running and has been killed."""
    server = start_server(tmp_path)
    server.kill()
    return server.url


def test_cli_after_the_server_died(built_settings: Settings, assistant: Assistant,
                                   dead_server_url: str) -> None:
    base = ["--plans-dir", str(built_settings.plans_dir), "--index-dir",
            str(built_settings.index_dir), "ask", "--mode", "generate"]
    env = {"KEHOACH_LLM_BASE_URL": dead_server_url, "KEHOACH_LLM_MODEL": MODEL_NAME,
           "KEHOACH_LLM_SYSTEM_ROLE": "user"}
    text = CliRunner().invoke(cli, [*base, QUESTION], env=env)
    assert text.exit_code == 0 and "Traceback" not in text.output, text.output
    extractive = assistant.ask(QUESTION)
    assert text.output.startswith(extractive.answer)
    assert STOPPED_NOTE in text.output
    assert f"Không kết nối được máy chủ mô hình ngôn ngữ tại {dead_server_url}" in text.output
    as_json = CliRunner().invoke(cli, [*base, "--json", QUESTION], env=env)
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.output.strip().splitlines()[-1])
    assert data["mode"] == "generate" and data["answer"] == extractive.answer
    assert data["guard"]["stopped"] is True and data["guard"]["accepted"] is False
    assert data["guard"]["reasons"][0].startswith("Mô hình ngôn ngữ dừng, không viết được")


def _page(shared: "Any") -> None:
    import streamlit as st

    from kehoach.ui import chat, generate, state

    conversation = state.conversation(shared)
    with st.sidebar:
        generate.render_toggle(shared)
    chat.render_history(shared, conversation)
    question = st.chat_input("Hỏi")
    if question:
        chat.ask(shared, conversation, question, None, None)


def test_app_after_the_server_died(built_settings: Settings, embeddings: Any,
                                   dead_server_url: str) -> None:
    from streamlit.testing.v1 import AppTest

    from kehoach.ui.resources import Shared

    settings = _settings(built_settings, dead_server_url)
    shared = Shared(Assistant(settings, embeddings, load_index(settings.index_dir)),
                    threading.RLock(), 0.0)
    app = AppTest.from_function(_page, args=(shared,), default_timeout=120).run()
    assert not app.sidebar.toggle[0].disabled
    app.sidebar.toggle[0].set_value(True).run()
    app.chat_input[0].set_value(QUESTION)
    app = app.run()
    assert not app.exception and not app.error
    assert "100%" in " ".join(m.value for m in app.markdown)  # the extractive answer
    assert app.warning and app.warning[0].value.startswith(STOPPED_NOTE)
    assert dead_server_url in app.warning[0].value
