"""A LangChain chat model over a GGUF file loaded in this process (llama-cpp-python).

For a machine with no model server: the file is loaded once per process (the same file
and settings reuse the loaded model) and calls are serialised, since one ``Llama`` object
must not run two generations at once (the Streamlit app serves several sessions).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

__all__ = ["LlamaCppChat", "load_llama"]

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def load_llama(model_path: str, n_ctx: int, chat_format: str) -> Any:
    """Load the GGUF once (the last one asked for stays loaded)."""
    from llama_cpp import Llama

    return Llama(model_path=model_path, n_ctx=n_ctx, chat_format=chat_format or None,
                 n_threads=os.cpu_count() or 1, verbose=False)


class LlamaCppChat(BaseChatModel):
    """Chat completions from ``llama_cpp.Llama.create_chat_completion``."""

    model_path: str
    n_ctx: int = 4096
    chat_format: str = ""
    max_tokens: int = 400
    temperature: float = 0.0

    @property
    def _llm_type(self) -> str:
        return "llamacpp-in-process"

    def _request(self, messages: list[BaseMessage], stop: list[str] | None) -> dict[str, Any]:
        return {
            "messages": [{"role": _ROLES.get(m.type, "user"), "content": m.text}
                         for m in messages],
            "max_tokens": self.max_tokens,
            "temperature": self.temperature,
            "stop": stop or [],
        }

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None,
                  **kwargs: Any) -> ChatResult:
        llama = load_llama(self.model_path, self.n_ctx, self.chat_format)
        with _LOCK:
            reply = llama.create_chat_completion(**self._request(messages, stop))
        text = reply["choices"][0]["message"].get("content") or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None,
                **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        llama = load_llama(self.model_path, self.n_ctx, self.chat_format)
        with _LOCK:
            for part in llama.create_chat_completion(**self._request(messages, stop), stream=True):
                piece = part["choices"][0]["delta"].get("content") or ""
                if not piece:
                    continue
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
                if run_manager:
                    run_manager.on_llm_new_token(piece, chunk=chunk)
                yield chunk
