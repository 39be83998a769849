"""A level word with no place ("của xã") scopes a question to the plans of that level."""

from kehoach.answer.levels import bare_level, plans_of_level
from kehoach.core.text import fold
from kehoach.grammar.localities import Locality, find_localities

LOADED = [Locality("xã", "Sơn Lang"), Locality("phường", "Thạch Khôi"), Locality("tỉnh", "Nghệ An")]


def _level(question: str) -> str | None:
    return bare_level(fold(question), find_localities(question, LOADED))


def test_bare_level_word_is_read():
    assert _level("Chỉ tiêu nhiệm kỳ 2020-2025 của xã: tỷ lệ BHYT là bao nhiêu?") == "xã"
    assert _level("Giai đoạn 2021-2025 chỉ tiêu tổng đàn gia súc của xã là bao nhiêu con?") == "xã"
    assert _level("Thu ngân sách của phường tăng bao nhiêu phần trăm?") == "phường"
    assert _level("Kế hoạch năm 2024 của huyện: ban chỉ huy nào chủ trì?") == "huyện"


def test_thi_xa_is_not_xa():
    assert _level("Tỷ lệ BHYT của thị xã là bao nhiêu?") == "thị xã"


def test_named_place_or_other_word_is_no_bare_level():
    assert _level("Tỷ lệ BHYT của xã Sơn Lang là bao nhiêu?") is None
    assert _level("Kế hoạch của phường Thạch Khôi có mấy chỉ tiêu?") is None
    assert _level("Chỉ tiêu bảo hiểm xã hội của tỉnh Nghệ An?") is None
    assert _level("Chính sách an sinh của xã hội thế nào?") is None
    assert _level("Kế hoạch thực hiện nghị quyết của tỉnh ủy ra sao?") is None


def test_plans_of_level_keeps_unread_localities():
    plans = {"a": "xã Sơn Lang", "b": "phường Thạch Khôi", "c": None, "d": "tỉnh Nghệ An"}
    assert plans_of_level("xã", plans) == {"a", "c"}
    assert plans_of_level("phường", plans) == {"b", "c"}


def test_several_levels_are_no_bare_level():
    assert _level("Những kế hoạch của phường, xã nào thực hiện KH 232/KH-UBND của thành phố?") is None
    assert _level("Chỉ tiêu của xã và phường về BHYT?") is None


def test_issuer_of_a_cited_document_is_no_bare_level():
    assert _level("Kế hoạch nào thực hiện KH 232/KH-UBND của thành phố?") is None
