"""Topic pair weights that do not depend on which other plans are loaded."""

from kehoach.answer.scoring import TopicScorer
from kehoach.index.bm25 import BM25Index

# Chunk 0 is the plan in scope; the others are other loaded plans. "Hội nghị Ban chấp
# hành" elsewhere makes the pair "nghị ban" rare, and so heavy, in the whole index.
TEXTS = ["Theo đề nghị của Sở Kế hoạch và Đầu tư tại Tờ trình số 126, ban hành kế hoạch.",
         "Hội nghị Ban chấp hành đảng bộ tỉnh.",
         "Ban hành kế hoạch phòng chống thiên tai.",
         "Ban hành kế hoạch chuyển đổi số.",
         "Ban hành kế hoạch an toàn thực phẩm."]


def test_pair_absent_from_scope_is_ignored():
    bm25 = BM25Index.build(TEXTS)
    assert "nghi_ban" in TopicScorer("de nghi ban hanh", bm25).weights
    scoped = TopicScorer("de nghi ban hanh", bm25, within={0})
    assert "nghi_ban" not in scoped.weights
    assert "ban_hanh" in scoped.weights


def test_pair_weighs_at_most_its_rarer_syllable_in_scope():
    bm25 = BM25Index.build(TEXTS)
    scoped = TopicScorer("de nghi ban hanh", bm25, within={0, 1, 2, 3, 4})
    assert scoped.weights["nghi_ban"] <= max(scoped.weights["nghi"], scoped.weights["ban"])
    unscoped = TopicScorer("de nghi ban hanh", bm25)
    assert unscoped.weights["nghi_ban"] > scoped.weights["nghi_ban"]


def test_chunks_with_lists_the_chunks_holding_a_term():
    bm25 = BM25Index.build(TEXTS)
    assert sorted(int(i) for i in bm25.chunks_with("nghi_ban")) == [1]
    assert len(bm25.chunks_with("khong_co_dau")) == 0
