"""Chat model back-ends for generated answers, chosen by configuration.

- ``openai``: any OpenAI-compatible server (vLLM, llama.cpp server, LM Studio, OpenAI);
- ``ollama``: an Ollama server;
- ``llamacpp``: a GGUF file loaded in this process (optional, in the extra ``kehoach[llamacpp]``).

The packages are optional (extra ``kehoach[llamacpp]``) and imported only when used. Failures of
the model server become ``LLMError`` with a message naming the address or model and the
setting to fix, never a traceback.

Offline by default: no back-end has a default address on the internet. ``openai`` needs
``KEHOACH_LLM_BASE_URL`` (its client library would otherwise send plans and questions to
api.openai.com); only ``ollama``, named explicitly, defaults to its server on 127.0.0.1.
A server that stops answering (refused or dropped connection, no reply in time) is
``LLMStoppedError``: generate mode then shows the extractive answer and says the model stopped.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kehoach.core.errors import ConfigError, KehoachError, LLMError, LLMStoppedError
from kehoach.core.settings import Settings

__all__ = ["BACKENDS", "llm_configured", "check_llm_settings", "make_chat_model", "describe",
           "llm_errors"]

BACKENDS = ("openai", "ollama", "llamacpp")
# One retry on a dropped connection; a server that is down fails fast with a clear message.
_RETRIES = 1
# Only local defaults: plans and questions leave the machine only for an address someone set.
_DEFAULT_URL = {"ollama": "http://127.0.0.1:11434"}
_HTTP_NOT_FOUND = 404
_HTTP_UNAUTHORISED = (401, 403)


def llm_configured(settings: Settings) -> bool:
    """Is a chat model configured at all (so generate mode can be offered)?"""
    return bool(settings.llm_model.strip())


def check_llm_settings(settings: Settings) -> None:
    """Raise ``ConfigError`` naming the setting to fix if generate mode cannot be used."""
    if settings.llm_backend not in BACKENDS:
        raise ConfigError(f"KEHOACH_LLM_BACKEND='{settings.llm_backend}' không hợp lệ: dùng "
                          f"{', '.join(BACKENDS)}.")
    if not llm_configured(settings):
        raise ConfigError(
            "Chế độ generate cần một mô hình ngôn ngữ: đặt KEHOACH_LLM_MODEL (tên mô hình trên "
            "máy chủ, hoặc đường dẫn tệp .gguf với KEHOACH_LLM_BACKEND=llamacpp) và "
            "KEHOACH_LLM_BASE_URL (địa chỉ máy chủ). Xem docs/llm.md.")
    if settings.llm_backend == "openai" and not settings.llm_base_url.strip():
        raise ConfigError(
            "Chế độ generate với KEHOACH_LLM_BACKEND=openai cần KEHOACH_LLM_BASE_URL: địa chỉ máy chủ "
            "mô hình (ví dụ http://127.0.0.1:8080/v1 cho llama.cpp server). Không có địa chỉ mặc "
            "định trên mạng: kế hoạch và câu hỏi chỉ rời máy khi bạn đặt địa chỉ này. Hoặc dùng "
            "KEHOACH_LLM_BACKEND=ollama (máy chủ Ollama trên 127.0.0.1) hay llamacpp (tệp .gguf).")


def _url(settings: Settings) -> str:
    return settings.llm_base_url or _DEFAULT_URL.get(settings.llm_backend, "")


def describe(settings: Settings) -> dict[str, str]:
    """What answered, for the JSON result."""
    info = {"backend": settings.llm_backend, "model": settings.llm_model}
    if settings.llm_backend != "llamacpp":
        info["base_url"] = _url(settings)
    return info


def _missing(package: str, extra: str) -> ConfigError:
    return ConfigError(f"Thiếu gói {package} cho KEHOACH_LLM_BACKEND: cài bằng "
                       f"pip install 'kehoach[{extra}]'.")


def make_chat_model(settings: Settings) -> Any:
    """The configured LangChain chat model (``BaseChatModel``)."""
    check_llm_settings(settings)
    if settings.llm_backend == "openai":
        try:
            # The base class sends "max_tokens", which every OpenAI-compatible server reads;
            # ChatOpenAI renames it "max_completion_tokens", which llama.cpp's server ignores
            # (it then writes until the context is full).
            from langchain_openai.chat_models.base import BaseChatOpenAI
        except ImportError:
            raise _missing("langchain-openai", "llm") from None
        return BaseChatOpenAI(model=settings.llm_model, base_url=settings.llm_base_url,
                          api_key=settings.llm_api_key, timeout=settings.llm_timeout_s,
                          max_tokens=settings.llm_max_tokens, temperature=settings.llm_temperature,
                          max_retries=_RETRIES)
    if settings.llm_backend == "ollama":
        try:
            from langchain_ollama import ChatOllama
        except ImportError:
            raise _missing("langchain-ollama", "llm") from None
        return ChatOllama(model=settings.llm_model, base_url=settings.llm_base_url or None,
                          temperature=settings.llm_temperature, num_predict=settings.llm_max_tokens,
                          client_kwargs={"timeout": settings.llm_timeout_s})
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        raise _missing("llama-cpp-python", "llamacpp") from None
    from kehoach.answer.llamacpp_chat import LlamaCppChat

    path = Path(settings.llm_model).expanduser()
    if not path.is_file():
        raise LLMError(f"Không thấy tệp mô hình GGUF '{path}' (KEHOACH_LLM_MODEL). "
                       "Đặt KEHOACH_LLM_MODEL là đường dẫn tới tệp .gguf.")
    return LlamaCppChat(model_path=str(path), n_ctx=settings.llm_context_tokens,
                        chat_format=settings.llm_chat_format, max_tokens=settings.llm_max_tokens,
                        temperature=settings.llm_temperature)


@contextmanager
def llm_errors(settings: Settings) -> Iterator[None]:
    """Turn a chat model failure into an ``LLMError`` that says what to fix."""
    try:
        yield
    except KehoachError:
        raise
    except Exception as exc:  # the model server's client libraries raise many kinds
        raise _translate(exc, settings) from exc


# Exception names (along the ``__cause__``/``__context__`` chain) by which the client libraries
# (httpx, openai, ollama) say the server went away. Names, not classes: the libraries are optional.
_REFUSED_NAMES = ("ConnectError", "ConnectionRefusedError")
_DROPPED_NAMES = ("RemoteProtocolError", "ReadError", "WriteError", "ConnectionResetError",
                  "BrokenPipeError", "ConnectionAbortedError", "IncompleteRead")
_CHAIN_DEPTH = 6


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and the exceptions it was raised from, nearest first."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < _CHAIN_DEPTH:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _stopped(exc: Exception, url: str, settings: Settings) -> LLMStoppedError | None:
    """The server stopped answering: which way, said so the officer knows what to do."""
    names = [type(e).__name__ for e in _chain(exc)]
    if any("Timeout" in n for n in names):
        return LLMStoppedError(f"Máy chủ mô hình ngôn ngữ {url} không trả lời trong "
                               f"{settings.llm_timeout_s:g} giây. Tăng KEHOACH_LLM_TIMEOUT_S hoặc "
                               "dùng mô hình nhỏ hơn.")
    if any(n in _DROPPED_NAMES for n in names):
        return LLMStoppedError(f"Máy chủ mô hình ngôn ngữ tại {url} ngắt kết nối giữa chừng (máy "
                               "chủ đã dừng hoặc bị tắt). Hãy khởi động lại máy chủ.")
    if any(n in _REFUSED_NAMES or "Connect" in n for n in names) or isinstance(exc, ConnectionError):
        return LLMStoppedError(f"Không kết nối được máy chủ mô hình ngôn ngữ tại {url}. Hãy khởi "
                               "động máy chủ (Ollama, llama.cpp server, vLLM, LM Studio) hoặc sửa "
                               "KEHOACH_LLM_BASE_URL.")
    return None


def _translate(exc: Exception, settings: Settings) -> LLMError:
    url, model = _url(settings), settings.llm_model
    name = type(exc).__name__
    status = getattr(exc, "status_code", None)
    stopped = _stopped(exc, url, settings)
    if stopped is not None:
        return stopped
    if status == _HTTP_NOT_FOUND:
        hint = (f"tải về bằng: ollama pull {model}" if settings.llm_backend == "ollama"
                else f"xem các mô hình có ở {url.rstrip('/')}/models")
        return LLMError(f"Máy chủ {url} không có mô hình '{model}' (KEHOACH_LLM_MODEL); {hint}.")
    if status in _HTTP_UNAUTHORISED:
        return LLMError(f"Máy chủ {url} từ chối khoá API (KEHOACH_LLM_API_KEY).")
    if settings.llm_backend == "llamacpp" and isinstance(exc, ValueError):
        return LLMError(f"Không nạp được mô hình GGUF '{model}': {exc}. Kiểm tra tệp "
                        "(KEHOACH_LLM_MODEL) và KEHOACH_LLM_CHAT_FORMAT.")
    return LLMError(f"Mô hình ngôn ngữ ({settings.llm_backend}, '{model}') báo lỗi: {name}: {exc}")
