"""Abbreviations match their words both ways, in retrieval, topic scoring and the gate;
a plan's own definitions ("Trung tâm Y tế huyện (TTYT)") are learned at ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.answer.gate import AnswerGate, Candidate
from kehoach.answer.lexicon import STOP_SYLLABLES
from kehoach.answer.query import analyse
from kehoach.answer.scope import content_topic, select_plans
from kehoach.answer.scoring import Coverage, TopicScorer
from kehoach.core.text import fold
from kehoach.grammar.abbreviations import ABBREVIATIONS, defined_abbreviations, other_forms, spell_out
from kehoach.index.bm25 import BM25Index
from kehoach.index.query_expansion import expand_query
from kehoach.ingest.pipeline import load_plan

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = sorted((ROOT / "data" / "plans").glob("*.txt"))


@pytest.mark.parametrize(("short", "words"), [
    ("cds", "chuyen doi so"), ("cchc", "cai cach hanh chinh"), ("pctt", "phong chong thien tai"),
    ("tkcn", "tim kiem cuu nan"), ("bhyt", "bao hiem y te"), ("attp", "an toan thuc pham"),
    ("ntm", "nong thon moi"), ("dtts", "dan toc thieu so"), ("pccc", "phong chay chua chay"),
])
def test_one_table_reads_both_ways(short: str, words: str) -> None:
    assert ABBREVIATIONS[short] == words
    assert words in other_forms(f"chi tieu {short} nam 2025")
    assert short in other_forms(f"chi tieu {words} nam 2025")
    assert spell_out(f"kh {short} 2025") == f"ke hoach {words} 2025"


def test_short_forms_match_whole_words_only() -> None:
    assert other_forms("bhytx") == []
    # "tp" for every "thành phố" would find every city: too short to search for.
    assert "tp" not in other_forms("thanh pho ha noi")


def test_a_plans_own_definitions_are_read() -> None:
    text = ("Giao Trung tâm Y tế huyện (TTYT) chủ trì; Sở Nông nghiệp và Phát triển nông thôn "
            "(NN&PTNT) phối hợp. Thành lập Ban Chỉ đạo chuyển đổi số tỉnh (sau đây viết tắt là "
            "BCĐCĐS). Theo khuyến cáo của Tổ chức Y tế thế giới (WHO), mục (II).")
    assert defined_abbreviations(text) == {
        "ttyt": "trung tam y te", "nn&ptnt": "nong nghiep va phat trien nong thon",
        "bcdcds": "ban chi dao chuyen doi so"}
    # Known ones are not repeated; one defined two ways is not trusted.
    assert defined_abbreviations("Bảo hiểm y tế (BHYT)") == {}
    assert defined_abbreviations("Hợp tác xã (HTX); hạ tầng xã (HTX)") == {}


@pytest.fixture(scope="module")
def bm25() -> BM25Index:
    """BM25 over the chunks the real pipeline makes of the bundled plans."""
    return BM25Index.build([c.index_text for path in BUNDLED for c in load_plan(path, 1200).chunks])


def test_the_topic_covers_a_sentence_however_either_writes_the_concept(bm25: BM25Index) -> None:
    full = "Tỷ lệ hồ sơ cải cách hành chính giải quyết đúng hạn đạt 98%."
    short = "Tỷ lệ hồ sơ CCHC giải quyết đúng hạn đạt 98%."
    for topic in ("ty le ho so cchc giai quyet dung han", "ty le ho so cai cach hanh chinh giai quyet dung han"):
        scorer = TopicScorer(topic, bm25)
        assert scorer.coverage(full).share > 0.9
        assert scorer.coverage(short).share > 0.9


def test_a_kept_concept_of_the_plans_title_matches_its_full_words(bm25: BM25Index) -> None:
    """Before: content_topic kept "cds", which no sentence writing "chuyển đổi số" covered."""
    topic = content_topic("ke hoach chuyen doi so nam 2025 cua tinh ty le dan so truong thanh",
                          "Kế hoạch chuyển đổi số năm 2025 của tỉnh", STOP_SYLLABLES)
    assert "chuyen doi so" in topic and "cds" not in topic.split()
    sentence = "Tỷ lệ dân số trưởng thành có điện thoại thông minh trong chuyển đổi số đạt 85%."
    assert TopicScorer(topic, bm25).coverage(sentence).concepts


def test_a_plans_own_abbreviation_covers_the_questions_words(bm25: BM25Index) -> None:
    sentence = "TTYT chủ trì tổ chức tiêm chủng mở rộng."
    learned = {"ttyt": "trung tam y te"}
    without = TopicScorer("trung tam y te to chuc tiem chung", bm25).coverage(sentence).share
    with_it = TopicScorer("trung tam y te to chuc tiem chung", bm25, abbreviations=learned).coverage(sentence).share
    assert with_it > 0.9 > without
    asked_short = TopicScorer("ttyt to chuc tiem chung", bm25, abbreviations=learned)
    assert asked_short.coverage("Trung tâm Y tế tổ chức tiêm chủng mở rộng.").share > 0.9


def test_retrieval_searches_both_forms() -> None:
    assert "cai cach hanh chinh" in fold(expand_query("Chỉ tiêu CCHC năm 2025?"))
    assert "pctt" in expand_query("kế hoạch phòng chống thiên tai").split()
    assert "ttyt" in expand_query("trung tâm y tế chủ trì", {"ttyt": "trung tam y te"}).split()


def test_a_questions_topic_is_in_full_words() -> None:
    analysis = analyse("Chỉ tiêu PCTT và TKCN năm 2025 là gì?", [])
    assert "phong chong thien tai" in analysis.topic and "tim kiem cuu nan" in analysis.topic



def test_a_plans_time_frame_is_not_a_cited_documents_period(other_provinces) -> None:
    """With "ATTP" read as "an toàn thực phẩm", the "Căn cứ … Chiến lược quốc gia An toàn
    thực phẩm giai đoạn 2010-2020" sentence covered the topic too (and was the answer with
    all tuning plans loaded); a "Căn cứ" sentence gives the periods of the documents the
    plan is based on, never its own time frame."""
    question = ("Đề án ATTP “Bắc Ninh phấn đấu không còn thực phẩm không an toàn” thực hiện "
                "trong giai đoạn nào?")
    analysis = analyse(question, other_provinces.extractive.loaded)
    scope = select_plans(analysis, other_provinces.index, analysis.loaded_localities, None)
    gate = AnswerGate(analysis, scope, other_provinces.settings)
    (doc,) = [d for d in scope.docs if "498" in d]

    def candidate(text: str) -> Candidate:
        return Candidate("sentence", doc, 0, len(text), "", text, frozenset({"text", "year"}),
                         Coverage(0.9, 0.9))

    basis = ("Căn cứ Quyết định số 20/QĐ-TTg ngày 04/01/2012 của Thủ tướng Chính phủ về việc phê "
             "duyệt Chiến lược quốc gia An toàn thực phẩm giai đoạn 2010-2020;")
    own = "THỰC HIỆN ĐỀ ÁN “BẮC NINH PHẤN ĐẤU KHÔNG CÒN THỰC PHẨM KHÔNG AN TOÀN” GIAI ĐOẠN 2022-2025"
    assert gate.reason(candidate(basis)) == "value"
    assert gate.reason(candidate(own)) is None
    answer = other_provinces.ask(question)
    assert answer.found and "2022-2025" in answer.answer
