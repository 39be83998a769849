"""Lines copied from web pages break inside names and dates; ingest joins them again.

"Sở Lao động\\n- Thương binh và Xã hội" is one body, not a sentence and a list item;
"ngày 17\\n\\ntháng 5 năm 2023" one date, "Ủy ban nhân dân\\n\\nxã …" one body. A real list
item after a name ("3. Sở Y tế\\n- Chủ trì …") stays one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.grammar.localities import find_localities, parse_locality
from kehoach.grammar.markers import continues_line, match_marker
from kehoach.grammar.units import PROPOSER, find_units
from kehoach.ingest.cleaning import clean_paragraphs
from kehoach.ingest.pipeline import load_plan

ROOT = Path(__file__).resolve().parents[1]
# A decision copied from a legal-document website, with "Sở Lao động\n- Thương binh …".
BROKEN = ROOT / "eval" / "tune-responsible" / "plans" / "binh-dinh_quyet-dinh-1528-cong-tac-xa-hoi-2021-2025.txt"


@pytest.mark.parametrize(("previous", "line"), [
    ("Theo đề nghị của Sở Lao động", "- Thương binh và Xã hội tại Tờ trình số 92/TTr-SLĐTBXH"),
    ("Giám đốc các Sở: Lao động", "- Thương binh và Xã hội, Nội vụ, Tài chính"),
    ("giao Phòng Kinh tế", "- Hạ tầng huyện chủ trì"),
])
def test_a_dash_inside_a_name_is_no_list_item(previous: str, line: str) -> None:
    assert match_marker(line, previous) is None
    assert continues_line(previous, line)


@pytest.mark.parametrize(("previous", "line"), [
    ("3. Sở Y tế", "- Chủ trì, phối hợp với các đơn vị"),
    ("Nhiệm vụ của Phòng Văn hóa", "- Tham mưu cho UBND huyện"),
    ("Sở Lao động - Thương binh và Xã hội.", "- Thương binh và Xã hội"),
])
def test_a_list_item_after_a_name_stays_one(previous: str, line: str) -> None:
    assert match_marker(line, previous) is not None
    assert not continues_line(previous, line)


def test_names_and_dates_are_joined_across_a_blank_line() -> None:
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\nLai Châu, ngày 17\n\ntháng 5 năm 2023\nKẾ HOẠCH\n"
            "Triển khai thực hiện chương trình trên địa bàn tỉnh năm 2023 như sau đây để thực hiện.\n"
            "Giao Ủy ban nhân dân\n\nxã Nhơn Ái chủ trì thực hiện các nội dung trong kế hoạch này.\n"
            "3. Sở Y tế\n- Chủ trì tổ chức thực hiện kế hoạch này trên địa bàn tỉnh theo quy định.\n"
            "Theo đề nghị của Sở Lao động\n\n- Thương binh và Xã hội tại Tờ trình số 12.\n\n"
            "Người dân\n\nxã tham gia.")
    assert clean_paragraphs(text) == [
        "ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU", "Lai Châu, ngày 17 tháng 5 năm 2023", "KẾ HOẠCH",
        "Triển khai thực hiện chương trình trên địa bàn tỉnh năm 2023 như sau đây để thực hiện.",
        "Giao Ủy ban nhân dân xã Nhơn Ái chủ trì thực hiện các nội dung trong kế hoạch này.",
        "3. Sở Y tế", "- Chủ trì tổ chức thực hiện kế hoạch này trên địa bàn tỉnh theo quy định.",
        "Theo đề nghị của Sở Lao động - Thương binh và Xã hội tại Tờ trình số 12.",
        "Người dân", "xã tham gia."]


def test_the_proposer_of_a_copied_decision_is_read_whole() -> None:
    """Before: "Sở Lao động" ended its paragraph and "- Thương binh và Xã hội tại Tờ
    trình …" became a list item, so the proposer was "Sở Lao động"."""
    plan = load_plan(BROKEN, 1200)
    proposer = [u.name for p in plan.paragraphs for u in find_units(p.text) if PROPOSER in u.roles]
    assert proposer == ["Sở Lao động - Thương binh và Xã hội"]
    assert not any(p.text.startswith("- Thương binh") for p in plan.paragraphs)


@pytest.mark.parametrize(("text", "expected"), [
    ("Kế hoạch của H. Thọ Xuân năm 2025", [("huyện", "Thọ Xuân")]),
    ("UBND Q.1 TP.HCM", [("quận", "1"), ("thành phố", "Hồ Chí Minh")]),
    ("TX. Điện Bàn", [("thị xã", "Điện Bàn")]),
    ("h tho xuan", []),  # a lone letter is no kind word
    ("Q. CHỦ TỊCH Nguyễn Văn A", []),
])
def test_abbreviated_kind_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.locality.kind, m.locality.name) for m in find_localities(text, [])] == expected


def test_parse_abbreviated_locality() -> None:
    assert parse_locality("H. Thọ Xuân") is not None and parse_locality("H. Thọ Xuân").kind == "huyện"
    assert parse_locality("H Thọ Xuân") is None
