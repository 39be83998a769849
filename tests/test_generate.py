"""Generate mode end to end on the real index: sources, prompt, streaming, guard, fallback,
JSON, CLI errors.

The chat model here is scripted (a fake): it writes a crafted answer from the numbered
sources it is given, so each guard outcome is reached on purpose. A real model's answers
cannot be chosen; the real model runs in tests/test_llm_integration.py.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from click.testing import CliRunner
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from kehoach.answer.assistant import Assistant
from kehoach.answer.figures import figures_in
from kehoach.answer.guard import ABSTAIN_TEXT
from kehoach.answer.prompt import load_prompt
from kehoach.index.store import load_index
from kehoach.cli import cli
from kehoach.core.records import Answer
from kehoach.core.settings import Settings

QUESTION = "Chỉ tiêu BHYT của xã Nguyễn Lương Bằng là bao nhiêu?"
NLB_PLAN = "nguyen-luong-bang_ke-hoach-dot-thi-dua-2025"
_BLOCK = re.compile(r'<nguon id="(\d+)"[^>]*>\n(.*?)\n</nguon>', re.S)


class ScriptedChat(BaseChatModel):
    """A fake chat model: ``write(sources)`` gives the reply; it streams word by word."""

    write: Callable[[dict[int, str]], str]
    prompts: list[str] = []

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _reply(self, messages: list[BaseMessage]) -> str:
        prompt = "\n".join(m.text for m in messages)
        self.prompts.append(prompt)
        return self.write({int(n): text for n, text in _BLOCK.findall(prompt)})

    def _generate(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(self._reply(messages)))])

    def _stream(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None,
                **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        for word in re.findall(r"\S+\s*", self._reply(messages)):
            yield ChatGenerationChunk(message=AIMessageChunk(content=word))


def _percent_in(sources: dict[int, str]) -> tuple[int, str]:
    """The first source stating a percentage, and that percentage as written."""
    for n, text in sorted(sources.items()):
        for figure in figures_in(text):
            if figure.kind == "percent":
                return n, figure.text
    raise AssertionError("no source states a percentage")


def faithful(sources: dict[int, str]) -> str:
    n, percent = _percent_in(sources)
    return f"Theo kế hoạch, tỷ lệ tham gia bảo hiểm y tế đạt {percent} [{n}]."


def changed_figure(sources: dict[int, str]) -> str:
    n, _ = _percent_in(sources)
    return f"Theo kế hoạch, tỷ lệ tham gia bảo hiểm y tế đạt 87,3% [{n}]."


def missing_source(sources: dict[int, str]) -> str:
    _, percent = _percent_in(sources)
    return f"Tỷ lệ tham gia bảo hiểm y tế đạt {percent} [{len(sources) + 5}]."


def no_citation(sources: dict[int, str]) -> str:
    _, percent = _percent_in(sources)
    return f"Tỷ lệ tham gia bảo hiểm y tế đạt {percent}."


def _assistant(settings: Settings, embeddings: Any, write: Callable[[dict[int, str]], str]
               ) -> tuple[Assistant, ScriptedChat]:
    chat = ScriptedChat(write=write, prompts=[])
    return Assistant(settings, embeddings, load_index(settings.index_dir), chat_model=chat), chat


def test_faithful_generation_is_shown_with_its_citations(built_settings: Settings,
                                                         embeddings: Any) -> None:
    assistant, chat = _assistant(built_settings, embeddings, faithful)
    answer = assistant.ask(QUESTION, mode="generate")
    assert answer.mode == "generate" and answer.found
    assert answer.extra["guard"] == {"accepted": True, "reasons": []}
    assert answer.answer.startswith("Theo kế hoạch") and "%" in answer.answer
    cited = int(re.search(r"\[(\d+)\]", answer.answer).group(1))
    assert [c.n for c in answer.citations] == [cited]
    assert answer.citations[0].doc == NLB_PLAN
    data = answer.to_json()
    assert data["mode"] == "generate"
    assert data["guard"] == {"accepted": True, "reasons": []}
    # The prompt is the file's: rules, fenced numbered sources, the question.
    parts = load_prompt(built_settings.llm_prompt_file)
    prompt = chat.prompts[0]
    assert parts.system.splitlines()[0] in prompt and QUESTION in prompt
    assert '<nguon id="1"' in prompt


@pytest.mark.parametrize(("write", "reason"), [
    (changed_figure, "“87,3%” không có trong nguồn"),
    (missing_source, "không tồn tại"),
    (no_citation, "không có trích dẫn [n] nào"),
])
def test_bad_generation_falls_back_to_the_extractive_answer(
        built_settings: Settings, embeddings: Any, assistant: Assistant,
        write: Callable[[dict[int, str]], str], reason: str) -> None:
    generating, _ = _assistant(built_settings, embeddings, write)
    answer = generating.ask(QUESTION, mode="generate")
    extractive = assistant.ask(QUESTION)
    assert answer.mode == "generate"
    assert answer.answer == extractive.answer and answer.citations == extractive.citations
    guard = answer.to_json()["guard"]
    assert guard["accepted"] is False
    assert any(reason in r for r in guard["reasons"]), guard["reasons"]
    assert guard["draft"]  # what the model wrote, for whoever checks the rejection


def test_stream_yields_pieces_then_the_guarded_answer(built_settings: Settings,
                                                      embeddings: Any) -> None:
    assistant, _ = _assistant(built_settings, embeddings, faithful)
    items = list(assistant.stream_generate(QUESTION))
    pieces, final = items[:-1], items[-1]
    assert len(pieces) > 3 and all(isinstance(p, str) for p in pieces)
    assert isinstance(final, Answer) and final.answer == "".join(pieces).strip()


def test_plan_filter_limits_the_sources(built_settings: Settings, embeddings: Any) -> None:
    assistant, chat = _assistant(built_settings, embeddings, lambda sources: ABSTAIN_TEXT)
    other = sorted(d for d in assistant.index.plans if d != NLB_PLAN)[0]
    answer = assistant.ask("Tỷ lệ phần trăm chỉ tiêu là bao nhiêu?", doc_ids=[other],
                           mode="generate")
    label = assistant.index.plans[other].meta.locality
    blocks = re.findall(r'<nguon id="\d+" ke_hoach="([^"]*)"', chat.prompts[0])
    assert blocks and all(label in b for b in blocks)
    assert all(c.doc == other for c in answer.citations)


def test_unknown_locality_gives_the_model_nothing(built_settings: Settings,
                                                  embeddings: Any) -> None:
    assistant, chat = _assistant(built_settings, embeddings, faithful)
    answer = assistant.ask("Chỉ tiêu hộ nghèo của phường Hồng Bàng là bao nhiêu?", mode="generate")
    assert not chat.prompts  # no passage of another locality is offered
    assert not answer.found and "phường Hồng Bàng" in answer.answer
    assert answer.extra["guard"]["accepted"] is False


def test_extractive_stays_the_default(assistant: Assistant) -> None:
    data = assistant.ask(QUESTION).to_json()
    assert data["mode"] == "extractive" and "guard" not in data
    assert not Assistant.generation_available.fget(assistant)  # type: ignore[attr-defined]


# ----------------------------------------------------------------- the CLI's errors
def _cli(settings: Settings, *args: str, env: dict[str, str] | None = None):
    base = ["--plans-dir", str(settings.plans_dir), "--index-dir", str(settings.index_dir)]
    return CliRunner().invoke(cli, [*base, "ask", *args], env=env or {})


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_cli_generate_without_a_model_says_what_to_set(built_settings: Settings) -> None:
    result = _cli(built_settings, "--mode", "generate", QUESTION, env={"KEHOACH_LLM_MODEL": ""})
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "KEHOACH_LLM_MODEL" in result.output


def test_generate_without_a_base_url_is_a_config_error_never_the_cloud(built_settings: Settings) -> None:
    # Issue 14: with only KEHOACH_LLM_MODEL set the OpenAI client would default to
    # api.openai.com; it must refuse before any client exists, saying what to set.
    from kehoach.answer.llm_backends import check_llm_settings, describe, make_chat_model
    from kehoach.core.errors import ConfigError

    cloud = built_settings.with_overrides(answer_mode="generate", llm_model="gpt-4o-mini",
                                          llm_backend="openai", llm_base_url="")
    for call in (check_llm_settings, make_chat_model):
        with pytest.raises(ConfigError, match="KEHOACH_LLM_BASE_URL") as caught:
            call(cloud)
        assert "openai.com" not in str(caught.value)
    result = _cli(built_settings, "--mode", "generate", QUESTION,
                  env={"KEHOACH_LLM_MODEL": "gpt-4o-mini", "KEHOACH_LLM_BASE_URL": ""})
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "KEHOACH_LLM_BASE_URL" in result.output and "openai.com" not in result.output
    # An explicitly named local back-end keeps its default on this machine.
    local = cloud.with_overrides(llm_backend="ollama")
    check_llm_settings(local)
    assert describe(local)["base_url"].startswith("http://127.0.0.1:")


def test_cli_generate_with_the_server_down(built_settings: Settings) -> None:
    # A server that is down (crashed, not started) still gets the officer an answer: the
    # extractive one, with a note that the model stopped (test_llm_server_death.py kills a
    # real server).
    url = f"http://127.0.0.1:{_free_port()}/v1"  # nothing listens there
    result = _cli(built_settings, "--mode", "generate", QUESTION,
                  env={"KEHOACH_LLM_MODEL": "qwen2.5", "KEHOACH_LLM_BASE_URL": url})
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert "100%" in result.output and "Mô hình ngôn ngữ đã dừng" in result.output
    assert f"Không kết nối được máy chủ mô hình ngôn ngữ tại {url}" in result.output


def test_cli_bad_backend_and_mode(built_settings: Settings) -> None:
    result = _cli(built_settings, "--mode", "generate", QUESTION,
                  env={"KEHOACH_LLM_MODEL": "x", "KEHOACH_LLM_BACKEND": "gpt"})
    assert result.exit_code != 0 and "KEHOACH_LLM_BACKEND='gpt'" in result.output
    result = _cli(built_settings, QUESTION, env={"KEHOACH_ANSWER_MODE": "llm"})
    assert result.exit_code != 0 and "Chế độ trả lời 'llm'" in result.output


def test_cli_missing_gguf_file(built_settings: Settings, tmp_path: Any) -> None:
    pytest.importorskip("llama_cpp", reason="llama-cpp-python not installed (extra kehoach[llamacpp])")
    missing = tmp_path / "none.gguf"
    result = _cli(built_settings, "--mode", "generate", QUESTION,
                  env={"KEHOACH_LLM_MODEL": str(missing), "KEHOACH_LLM_BACKEND": "llamacpp"})
    assert result.exit_code != 0 and f"Không thấy tệp mô hình GGUF '{missing}'" in result.output


class _NoSuchModel(BaseHTTPRequestHandler):
    """Answers every request as Ollama does for a model it has not pulled."""

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = json.dumps({"error": "model 'qwen9' not found"}).encode()
        self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_cli_ollama_model_not_pulled(built_settings: Settings) -> None:
    # Ollama is not installed here: a stdlib server replies with Ollama's 404 for a missing model.
    pytest.importorskip("langchain_ollama", reason="langchain-ollama not installed (extra kehoach[llm])")
    server = HTTPServer(("127.0.0.1", 0), _NoSuchModel)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        result = _cli(built_settings, "--mode", "generate", QUESTION,
                      env={"KEHOACH_LLM_BACKEND": "ollama", "KEHOACH_LLM_MODEL": "qwen9",
                           "KEHOACH_LLM_BASE_URL": url})
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "không có mô hình 'qwen9'" in result.output and "ollama pull qwen9" in result.output
