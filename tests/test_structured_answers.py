"""The chat answers a target question from the extracted record when it is exact, and
falls back to sentence search when the records do not settle it."""

from __future__ import annotations

from kehoach.answer.gate import AnswerGate
from kehoach.answer.query import analyse
from kehoach.answer.scope import select_plans
from kehoach.answer.scoring import TopicScorer
from kehoach.answer.structured_answers import target_answer
from kehoach.grammar.localities import parse_locality


def test_exact_record_answers_and_cites_the_passage(assistant):
    answer = assistant.ask("nguyen luong bang ty le giai ngan von dau tu cong phai dat bao nhieu")
    assert answer.found and "95%" in answer.answer
    citation = answer.citations[0]
    assert citation.doc == "nguyen-luong-bang_ke-hoach-dot-thi-dua-2025"
    a, b = citation.highlight
    assert "95%" in citation.text[a:b]


def _loaded(assistant):
    return [loc for loc in (parse_locality(n) for n in assistant.localities) if loc]


def _record_answer(assistant, question: str):
    """What the record path alone answers (None: it leaves the question to sentence search)."""
    extractive = assistant.extractive
    analysis = analyse(question, _loaded(assistant))
    scope = select_plans(analysis, assistant.index, analysis.loaded_localities, None)
    gate = AnswerGate(analysis, scope, assistant.settings)
    scorer = TopicScorer(analysis.topic, assistant.index.bm25)
    return analysis, target_answer(gate, assistant.index, scorer, extractive.places)


def test_ambiguous_or_unscoped_questions_fall_back(assistant):
    # Two "Tổng số lớp học" records in Kiến An (tiểu học, THCS): not exact.
    ambiguous, answer = _record_answer(assistant, "Chỉ tiêu tổng số lớp học của phường Kiến An là bao nhiêu?")
    assert ambiguous.kind == "target"
    assert answer is None
    # No locality in scope: the records would have to compare, which is not this hook.
    assert _record_answer(assistant, "Tỷ lệ dân số tham gia bảo hiểm y tế là bao nhiêu?")[1] is None
    # Cẩm Giang lists no targets: nothing to answer from.
    assert _record_answer(assistant, "Chỉ tiêu tỷ lệ hộ nghèo của xã Cẩm Giang?")[1] is None


def test_who_question_names_the_unit_from_the_assignment(assistant):
    answer = assistant.ask("Ai chủ trì triển khai các phong trào thi đua gắn với nhiệm vụ phát "
                           "triển kinh tế ở xã Cẩm Giang?")
    assert answer.found
    assert answer.answer.startswith("Phòng Kinh tế xã")
    citation = answer.citations[0]
    a, b = citation.highlight
    assert "phát triển kinh tế" in citation.text[a:b]


def test_list_of_deadlines_in_date_order(assistant):
    answer = assistant.ask("Phường Thạch Khôi đặt ra những thời hạn nào cho các cơ quan, đơn vị?")
    assert answer.found
    assert answer.answer.index("25/9/2025") < answer.answer.index("10/12/2025")
    assert [c.n for c in answer.citations] == [1, 2]
    assert all(c.doc == "thach-khoi_ke-hoach-50-dot-thi-dua-2025" for c in answer.citations)
