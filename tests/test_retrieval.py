"""Hybrid retrieval, filters, locality detection and the LangChain retriever."""

from __future__ import annotations

import pytest
from langchain_core.documents import Document

from kehoach.answer.assistant import Assistant
from kehoach.index.langchain_retriever import PlanRetriever
from kehoach.grammar.localities import Locality, find_localities

LOADED = [Locality("xã", "Nguyễn Lương Bằng"), Locality("phường", "Kiến An"),
          Locality("phường", "Thạch Khôi"), Locality("xã", "Cẩm Giang")]


def test_hits_have_scores_and_ranks(assistant: Assistant) -> None:
    hits = assistant.retriever.search("tỷ lệ dân số tham gia bảo hiểm y tế", k=5)
    assert len(hits) == 5
    assert all(0 < h.score <= 1.0 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert any(h.dense_rank is not None and h.lexical_rank is not None for h in hits)


@pytest.mark.parametrize("query", ["bảo hiểm y tế", "bao hiem y te", "BHYT"])
def test_folded_and_abbreviated_queries_find_the_target(assistant: Assistant, query: str) -> None:
    hits = assistant.retriever.search(query, k=5, localities=["xã Nguyễn Lương Bằng"])
    assert any("tham gia bảo hiểm y tế đạt 100%" in h.chunk.text for h in hits)


def test_filters(assistant: Assistant) -> None:
    hits = assistant.retriever.search("báo cáo trước ngày", k=10, localities=["phường Kiến An"])
    assert hits and {h.chunk.locality for h in hits} == {"phường Kiến An"}
    doc = "nguyen-luong-bang_ke-hoach-23-thi-dua-khen-thuong-2025"
    hits = assistant.retriever.search("thi đua khen thưởng", k=10, doc_ids=[doc])
    assert hits and {h.chunk.doc_id for h in hits} == {doc}
    assert assistant.retriever.search("thi đua", k=5, localities=["xã Không Có"]) == []


@pytest.mark.parametrize(
    ("question", "expected", "loaded"),
    [
        ("Chỉ tiêu BHYT của xã Nguyễn Lương Bằng?", "xã Nguyễn Lương Bằng", True),
        ("chi tieu nuoc sach nguyen luong bang", "xã Nguyễn Lương Bằng", True),
        ("Kiến An gửi báo cáo trước ngày nào", "phường Kiến An", True),
        ("han bao cao phuong thach khoi", "phường Thạch Khôi", True),
        ("Chỉ tiêu của xã Tiên Lãng", "xã Tiên Lãng", False),
        ("chi tieu cua xa Tien Lang", "xã Tiên Lãng", False),
        ("Kế hoạch của phường Hòa Phong", "phường Hòa Phong", False),
    ],
)
def test_locality_detection(question: str, expected: str, loaded: bool) -> None:
    mentions = find_localities(question, LOADED)
    assert [(m.locality.display, m.loaded) for m in mentions] == [(expected, loaded)]


def test_ordinary_words_are_not_places() -> None:
    assert find_localities("Chủ tịch Hồ Chí Minh và hòa bình", LOADED) == []


def test_langchain_retriever_returns_documents(assistant: Assistant) -> None:
    retriever = PlanRetriever(hybrid=assistant.retriever, k=3)
    documents = retriever.invoke("chỉ tiêu BHYT phường Thạch Khôi")
    assert documents and all(isinstance(d, Document) for d in documents)
    assert {d.metadata["locality"] for d in documents} == {"phường Thạch Khôi"}
    assert any("bảo hiểm y tế" in d.page_content for d in documents)
    assert set(documents[0].metadata) >= {"doc", "locality", "title", "section", "start", "end", "score"}
