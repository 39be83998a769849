"""Responsible bodies named in running sentences (news pages, short texts), not only in a
"Tổ chức thực hiện" part: teams set up for a task, partners after "phối hợp cùng", a person
who chairs, lists of kinds of body, bodies a question sets aside.

Sentences are copied from the plans of eval/tune-mixed (web-page openings; spelling kept);
the questions below are worded unlike that set's, so they check the kind of rule, not one
question. The end-to-end checks load those plans with the real model and index.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kehoach.answer.assistant import Assistant
from kehoach.answer.query import analyse
from kehoach.answer.scoring import TopicScorer
from kehoach.core.settings import Settings
from kehoach.core.text import fold
from kehoach.grammar.units import (ACTOR, FORMED, ISSUER, LEAD, PARTNER, asked_action, asked_role, find_units,
                                   set_aside)
from kehoach.index.builder import ingest
from kehoach.index.store import load_index

MIXED_PLANS = Path(__file__).resolve().parents[1] / "eval" / "tune-mixed" / "plans"
_NEWS = ("dak-lak_xa-tuy-an-dong-tin-an-toan-thuc-pham-trung-thu-2025.txt",
         "da-nang_phuong-hoa-hiep-bac-tin-cum-dan-cu-an-toan-pccc-2014.txt",
         "binh-duong_ke-hoach-4851-chi-so-cai-cach-hanh-chinh-2018.txt")


def _roles(text: str) -> dict[str, set[str]]:
    return {m.name: set(m.roles) for m in find_units(text)}


def test_a_team_set_up_for_a_task_is_a_body() -> None:
    found = _roles("Đồng thời, Đoàn kiểm tra liên ngành ATTP sẽ được thành lập để kiểm tra các cơ sở "
                   "sản xuất, chế biến, kinh doanh thực phẩm")
    assert found == {"Đoàn kiểm tra liên ngành ATTP": {FORMED}}
    # Written in lower case after the verb that sets it up.
    found = _roles("UBND huyện quyết định thành lập đoàn kiểm tra liên ngành do Phó Chủ tịch làm trưởng đoàn")
    assert FORMED in found["đoàn kiểm tra liên ngành"]
    # "đoàn" and "tổ" as ordinary words stay none.
    assert _roles("các đoàn viên thanh niên tổ chức ra quân") == {}


def test_partners_after_phoi_hop_cung_share_the_role() -> None:
    found = _roles("Phòng Văn hóa – Xã hội là đơn vị chủ trì, phối hợp cùng Công an xã, các Trạm Y tế "
                   "và các phòng, ban liên quan thực hiện.")
    assert LEAD in found["Phòng Văn hóa – Xã hội"]
    assert PARTNER not in found["Phòng Văn hóa – Xã hội"]
    for partner in ("Công an xã", "Trạm Y tế", "các phòng, ban liên quan"):
        assert PARTNER in found[partner]


def test_a_list_of_kinds_of_body_is_one_body() -> None:
    found = _roles("- Trên cơ sở kết quả đánh giá, phân loại và xếp hạng kết quả CCHC được công bố hàng "
                   "năm, các cơ quan, đơn vị, địa phương chủ động xây dựng mục tiêu, nhiệm vụ về CCHC")
    assert found == {"các cơ quan, đơn vị, địa phương": {ACTOR}}
    assert "các sở, ban, ngành, địa phương" in _roles("Giao các sở, ban, ngành, địa phương triển khai thực hiện")
    # A capitalised name after the comma is another body, as before.
    assert set(_roles("các cơ quan, Sở Y tế chủ trì")) == {"các cơ quan", "Sở Y tế"}


def test_a_person_who_chairs() -> None:
    found = _roles("Đến dự có đồng chí Trần Phước Huấn - PCT UBND phường - chủ trì hội nghị; đồng chí "
                   "Phạm Trường Hải - PCT UBMTTQVN phường; các đồng chí lãnh đạo các ban")
    assert found["đồng chí Trần Phước Huấn - PCT UBND phường"] == {LEAD}
    assert found["đồng chí Phạm Trường Hải - PCT UBMTTQVN phường"] == set()


def test_a_level_of_government_and_the_mass_organisations_act() -> None:
    # Quảng Nam (news on Thăng Bình's poverty plan): the level that draws the plans up.
    found = _roles("UBND huyện yêu cầu trên cơ sở số lượng, danh sách hộ nghèo có khả năng thoát nghèo, "
                   "cấp xã xây dựng kế hoạch hỗ trợ thoát nghèo bền vững với các giải pháp phù hợp")
    assert found["cấp xã"] == {ISSUER}
    assert found["UBND huyện"] == {ACTOR}
    found = _roles("Trước đó, Ủy ban MTTQ Việt Nam và các đoàn thể chính trị - xã hội huyện thống nhất "
                   "phân công giúp đỡ các hộ đăng ký thoát nghèo bền vững năm 2023")
    assert found == {"Ủy ban MTTQ Việt Nam": {ACTOR}, "các đoàn thể chính trị - xã hội huyện": {ACTOR}}
    # "cấp" the verb, "cấp số" are no level.
    assert _roles("Cấp số nhân tăng; cấp thẻ BHYT cho người nghèo.") == {}
    assert "UBND cấp xã" in _roles("Giao UBND cấp xã chủ trì")
    # A level after a noun qualifies it: no body of its own.
    assert _roles("100% cán bộ cấp xã được tập huấn") == {}
    # Thanh Hóa 774/QĐ-UBND (tune-responsible): the list after a title is one body, not
    # "Giám đốc các sở" and a "cấp tỉnh" of its own.
    found = _roles("Chánh Văn phòng UBND tỉnh; Giám đốc các sở, ban,\nngành cấp tỉnh; Chủ tịch UBND các "
                   "huyện chịu trách nhiệm thi hành")
    assert set(found) == {"Chánh Văn phòng UBND tỉnh", "Giám đốc các sở, ban, ngành cấp tỉnh",
                          "Chủ tịch UBND các huyện"}


def test_a_board_named_by_its_subject() -> None:
    # Sơn La (news on huyện Sông Mã's food-safety plan): the board is named by its subject.
    found = _roles("Ban Chỉ đạo liên ngành về an toàn thực phẩm huyện Sông Mã đã ban hành Kế hoạch "
                   "triển khai công tác bảo đảm an toàn thực phẩm")
    assert found == {"Ban Chỉ đạo liên ngành về an toàn thực phẩm huyện Sông Mã": {ISSUER}}
    # "về" reporting to a board, or about a matter, ends its name as before.
    assert set(_roles("Báo cáo kết quả về Ban Chỉ đạo về kết quả thực hiện")) == {"Ban Chỉ đạo"}
    assert set(_roles("gửi Ban Chỉ đạo về tình hình dịch bệnh trên địa bàn huyện")) == {"Ban Chỉ đạo"}


def test_what_a_question_asks_of_the_body() -> None:
    assert asked_role(fold("Lực lượng nào phối hợp kiểm tra an toàn thực phẩm?")) == PARTNER
    # "… phối hợp với X" asks who works with X: any role, as before.
    assert asked_role(fold("Đơn vị nào phối hợp với Hội Nông dân tổ chức tập huấn?")) is None
    assert asked_role(fold("Huyện thành lập tổ nào để giám sát?")) == FORMED
    assert asked_role(fold("Đoàn nào được thành lập để thanh tra?")) == FORMED
    # "đứng ra" only says the body takes the action on: the action is "tổ chức".
    assert asked_action(fold("Cơ quan nào đứng ra tổ chức lễ phát động?")) == "to chuc"


def test_bodies_a_question_sets_aside() -> None:
    question = "Ngoài Công an xã thì đơn vị nào phối hợp kiểm tra?"
    assert [name for *_, name in set_aside(question)] == ["Công an xã"]
    analysis = analyse(question, [])
    assert analysis.set_aside == ("Công an xã",)
    assert "cong an" not in analysis.topic and "ngoai" not in analysis.topic
    assert set_aside("Đơn vị nào phối hợp cùng Công an xã kiểm tra?") == []


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:
    root = tmp_path_factory.mktemp("news-units")
    (root / "plans").mkdir()
    for name in _NEWS:
        shutil.copy(MIXED_PLANS / name, root / "plans" / name)
    settings = Settings.load(plans_dir=root / "plans", index_dir=root / "index")
    ingest(settings, embeddings)
    return Assistant(settings, embeddings, load_index(settings.index_dir))


@pytest.mark.parametrize("question, unit", [
    # Before: "không tìm thấy" (the lead's sentence says only "… thực hiện.": the plan's).
    ("Xã Tuy An Đông giao đơn vị nào chủ trì công tác an toàn thực phẩm dịp Trung thu 2025?",
     "Phòng Văn hóa – Xã hội"),
    # Before: "không tìm thấy" ("phối hợp cùng" was no partner's cue).
    ("Xã Tuy An Đông: những lực lượng nào phối hợp bảo đảm an toàn thực phẩm Trung thu 2025?", "Công an xã"),
    # Before: "Mục tiêu nhằm …" (a team was no body, "đoàn nào" no unit question).
    ("Xã Tuy An Đông thành lập đoàn nào để kiểm tra thực phẩm dịp Trung thu?", "Đoàn kiểm tra liên ngành"),
    # Before: "không tìm thấy" (the event "hội nghị" is named in the sentence before).
    ("Phường Hòa Hiệp Bắc: ai chủ trì hội nghị phát động cụm dân cư an toàn phòng cháy chữa cháy?",
     "Trần Phước Huấn"),
    # Before: "không tìm thấy" ("các cơ quan, đơn vị, địa phương" was cut at "đơn vị").
    ("Tỉnh Bình Dương: ai chủ động xây dựng mục tiêu cải cách hành chính theo kết quả xếp hạng?",
     "các cơ quan, đơn vị, địa phương"),
])
def test_the_body_in_a_running_sentence_answers(news: Assistant, question: str, unit: str) -> None:
    answer = news.ask(question)
    assert answer.found, answer.answer
    assert unit in answer.answer.split("(theo")[0], answer.answer


def test_the_body_set_aside_is_not_the_answer(news: Assistant) -> None:
    answer = news.ask("Ở xã Tuy An Đông, ngoài Công an xã thì lực lượng nào phối hợp bảo đảm an toàn "
                      "thực phẩm Trung thu 2025?")
    assert answer.found, answer.answer
    named = answer.answer.split("(theo")[0]
    assert "Trạm Y tế" in named and "Công an xã" not in named


def test_o_is_no_topic_word(news: Assistant) -> None:
    # "Ở xã X, …" says where, like "tại": as a topic word it outweighed the plan's own words.
    analysis = analyse("Ở xã Tuy An Đông, đơn vị nào chủ trì kiểm tra thực phẩm?", [])
    weights = TopicScorer(analysis.topic, news.index.bm25).weights
    assert "o" not in weights and "kiem" in weights


def test_no_body_in_the_role_stays_not_found(news: Assistant) -> None:
    # No sentence of the texts gives any body the role of proposing these plans.
    answer = news.ask("Theo đề nghị của sở nào, xã Tuy An Đông ban hành kế hoạch an toàn thực phẩm Trung thu?")
    assert not answer.found, answer.answer
