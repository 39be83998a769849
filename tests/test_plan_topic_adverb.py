"""The plan topic of a 'which plan does it implement' question keeps no adverb of the verb."""

from kehoach.answer.query import analyse
from kehoach.answer.scope import plan_topic
from kehoach.grammar.localities import Locality


def test_adverb_before_implements_is_dropped():
    loaded = [Locality("tỉnh", "Nghệ An")]
    analysis = analyse("Kế hoạch thi đua năm 2021 của tỉnh Nghệ An còn thực hiện kế hoạch nào "
                       "của Hội đồng Thi đua - Khen thưởng Trung ương?", loaded)
    assert analysis.kind == "parent"
    assert plan_topic(analysis).split() == ["thi", "dua"]
