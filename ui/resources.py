"""What is loaded once per process and shared by all sessions (``st.cache_resource``).

The embedding model is cached by back-end and model; the assistant (index + retriever)
by the full settings. A missing index is built from the plans folder first, with a
progress bar in the page. Answering and re-indexing go through one lock because the
assistant keeps per-question state and is reloaded in place after an ingest.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, fields
from typing import Any

import streamlit as st

from kehoach.answer.assistant import Assistant
from kehoach.index.builder import Progress, ingest, needs_rebuild
from kehoach.index.embeddings import PlanEmbeddings, make_embeddings
from kehoach.index.store import index_exists, load_index
from kehoach.core.errors import KehoachError
from kehoach.core.settings import Settings
from kehoach.ui.examples import example_questions

__all__ = ["Shared", "open_shared", "progress_callback", "examples_for", "load_settings"]

# A query embedded at load time, so the first real question does not pay the warm-up.
_WARM_UP_QUERY = "chỉ tiêu kế hoạch"
_STAGE_LABELS = {"read": "Đọc kế hoạch", "ocr": "Nhận dạng chữ (OCR) trang",
                 "embed": "Nhúng đoạn văn"}


@dataclass
class Shared:
    """The process-wide assistant and the lock around it."""

    assistant: Assistant
    lock: threading.RLock
    load_seconds: float


def load_settings() -> Settings:
    """Settings from the environment; a bad value is shown and stops the page."""
    try:
        return Settings.load()
    except KehoachError as exc:
        st.error(f"Lỗi cấu hình: {exc}")
        st.stop()
        raise


def _settings_key(settings: Settings) -> str:
    return json.dumps({f.name: str(getattr(settings, f.name)) for f in fields(settings)},
                      sort_keys=True)


@st.cache_resource(show_spinner="Đang nạp mô hình nhúng…")
def _embeddings(backend: str, model: str, _settings: Settings) -> PlanEmbeddings:
    return make_embeddings(_settings)


def _embeddings_for(settings: Settings) -> PlanEmbeddings:
    return _embeddings(settings.embedding_backend, settings.embedding_model, settings)


@st.cache_resource(show_spinner="Đang nạp chỉ mục kế hoạch…")
def _shared(key: str, _settings: Settings) -> Shared:
    started = time.perf_counter()
    embeddings = _embeddings_for(_settings)
    assistant = Assistant(_settings, embeddings, load_index(_settings.index_dir))
    embeddings.embed_query_vector(_WARM_UP_QUERY)
    return Shared(assistant, threading.RLock(), time.perf_counter() - started)


def progress_callback(bar: "st.delta_generator.DeltaGenerator") -> Progress:
    """An ingest ``Progress`` that drives a ``st.progress`` bar, one stage at a time."""

    def report(stage: str, done: int, total: int) -> None:
        label = _STAGE_LABELS.get(stage, stage)
        bar.progress(done / total if total else 1.0, text=f"{label}: {done}/{total}")

    return report


def _build_index(settings: Settings, status: Any) -> None:
    """First start: index the plans folder, showing progress (no folder paths: they are
    in the "Thông tin kỹ thuật" expander)."""
    first = not index_exists(settings.index_dir)
    status.update(label="Lần đầu khởi động: đang nạp các kế hoạch (chỉ làm một lần)…" if first else
                  "Phiên bản mới đọc kế hoạch tốt hơn: đang nạp lại các kế hoạch (chỉ làm một lần)…")
    with status:
        bar = st.progress(0.0, text="Chuẩn bị…")
    report = ingest(settings, _embeddings_for(settings), progress=progress_callback(bar))
    bar.empty()
    for name, message in report.failed:
        st.warning(f"Không nạp được {name}: {message}")


def open_shared(settings: Settings, status: Any | None = None) -> Shared:
    """The shared assistant (built and loaded once); an index error stops the page.

    ``status``: the start-up ``st.status`` the steps are written to (a spinner if None).
    """
    try:
        if not index_exists(settings.index_dir) or needs_rebuild(settings.index_dir):
            _build_index(settings, status if status is not None else st.status("Đang khởi động…"))
        return _shared(_settings_key(settings), settings)
    except KehoachError as exc:
        st.error(str(exc))
        if st.button("Tạo lại chỉ mục từ thư mục kế hoạch", type="primary"):
            with st.spinner("Đang tạo lại chỉ mục…"):
                ingest(settings, _embeddings_for(settings), rebuild=True)
            st.rerun()
        st.stop()
        raise


@st.cache_resource(show_spinner=False, max_entries=4)
def _examples(generation: str, _shared_obj: Shared) -> list[str]:
    with _shared_obj.lock:
        assistant = _shared_obj.assistant
        # Examples are checked extractively, whatever KEHOACH_ANSWER_MODE says.
        return example_questions(assistant.localities, assistant.extractive.answer)


def examples_for(shared: Shared) -> list[str]:
    """Example questions the loaded plans answer (worked out once per index version)."""
    return _examples(str(shared.assistant.index.folder), shared)
