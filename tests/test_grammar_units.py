"""grammar.units: a body's name and the role a sentence gives it.

The sentences are copied from the real plans of eval/tune-responsible (a tuning set built
for this kind of question; line breaks and typos of the sources kept), plus the gen-dev and
other-provinces plans where said. The answers are checked end to end on those plans.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kehoach.answer.assistant import Assistant
from kehoach.core.settings import Settings
from kehoach.grammar.units import (ACCOUNTABLE, ACTOR, ISSUER, LEAD, PARTNER, PROPOSER, RECIPIENT,
                                   STANDING, asked_role, find_units)
from kehoach.index.builder import ingest
from kehoach.index.store import load_index

TUNE_PLANS = Path(__file__).resolve().parents[1] / "eval" / "tune-responsible" / "plans"


def _roles(text: str) -> dict[str, set[str]]:
    return {m.name: set(m.roles) for m in find_units(text)}


def test_the_proposer_of_a_plan_across_a_line_break() -> None:
    # Trà Vinh 2033/QĐ-UBND: the title "Giám đốc" and the name broken over lines.
    found = _roles("Xét đề nghị của Giám đốc\nSở Lao động - Thương binh và Xã hội tại Tờ trình số "
                   "1163/TTr-SLĐTBXH ngày\n07/11/2011,")
    assert found == {"Giám đốc Sở Lao động - Thương binh và Xã hội": {PROPOSER}}


def test_a_comma_inside_a_name_and_a_standing_body() -> None:
    # Đắk Lắk 4047/KH-UBND: "Văn hóa, Thể thao và Du lịch" is one name; the Ban Chỉ đạo
    # after "của" is its complement, not the one that chairs.
    found = _roles("Tại Kế hoạch, UBND tỉnh đã giao cho Sở Văn hóa, Thể thao và Du lịch là cơ quan "
                   "thường trực của Ban Chỉ đạo Phong trào Toàn dân đoàn kết văn hóa tỉnh chủ trì tham "
                   "mưu Ban Chỉ đạo tỉnh toàn bộ các nội dung liên quan")
    assert found["Sở Văn hóa, Thể thao và Du lịch"] >= {LEAD, STANDING}
    assert found["Ban Chỉ đạo Phong trào Toàn dân đoàn kết văn hóa tỉnh"] == set()


def test_lead_and_partner() -> None:
    # Khánh Vĩnh (news item on the huyện's plan).
    found = _roles("Theo đó, Phòng Văn hóa và Thông tin chủ trì, phối hợp với Trung tâm Văn hóa - "
                   "Thông tin và Thể thao huyện tổ chức tuyên truyền kỷ niệm ngày Di sản văn hóa Việt Nam.")
    assert LEAD in found["Phòng Văn hóa và Thông tin"]
    assert PARTNER in found["Trung tâm Văn hóa - Thông tin và Thể thao huyện"]


def test_a_parenthesised_standing_body_and_its_lead() -> None:
    # Châu Thành (Hậu Giang) 476/UBND: the body in brackets does not chair.
    found = _roles("1. Giao Trung tâm Y tế huyện (Cơ quan Thường trực Ban Chỉ đạo Chăm sóc sức khỏe "
                   "nhân dân huyện) chủ trì, phối hợp các đơn vị liên quan triển khai  thực hiện Kế "
                   "hoạch của huyện.")
    assert found["Trung tâm Y tế huyện"] >= {LEAD, STANDING}
    assert LEAD not in found["Cơ quan Thường trực Ban Chỉ đạo Chăm sóc sức khỏe nhân dân huyện"]


def test_report_recipients() -> None:
    # Bắc Trà My (news item on the huyện's plan).
    found = _roles("báo cáo kết quả về Ban Chỉ huy PCTT&TKCN huyện (qua Phòng Nông nghiệp & PTNT "
                   "huyện) trước ngày 06/6/2024 để tổng hợp báo cáo UBND tỉnh")
    assert RECIPIENT in found["Ban Chỉ huy PCTT&TKCN huyện"]
    assert RECIPIENT in found["Phòng Nông nghiệp & PTNT huyện"]


def test_a_list_shares_the_cue_that_ends_it() -> None:
    # Bình Định 1528/QĐ-UBND, Điều 3.
    found = _roles("Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: Lao động\n- Thương binh và Xã hội, "
                   "Nội vụ, Tài chính; Chủ tịch UBND các huyện, thị\nxã, thành phố và Thủ trưởng các cơ "
                   "quan liên quan chịu trách nhiệm thi hành Quyết định này./.")
    assert {name for name, roles in found.items() if ACCOUNTABLE in roles} == {
        "Chánh Văn phòng UBND tỉnh", "Giám đốc các Sở", "Chủ tịch UBND các huyện, thị xã, thành phố",
        "Thủ trưởng các cơ quan liên quan"}


def test_bodies_with_no_role() -> None:
    """A cited document's issuer, a symbol's "UBND", a header line, a copy's recipient and
    the enacting clause's body answer no "which unit" question."""
    assert _roles("Số: 774/QĐ-UBND") == {}
    assert _roles("Căn cứ Nghị quyết số 18/2006/NQ-HĐND ngày 18/12/2006 của Hội đồng nhân dân tỉnh "
                  "về việc phê duyệt") == {"Hội đồng nhân dân tỉnh": set()}
    assert _roles("ỦY BAN NHÂN DÂN") == {"ỦY BAN NHÂN DÂN": set()}
    assert _roles("- Chủ tịch, các PCT UBND tỉnh (để b/c);") == {"UBND tỉnh": set()}
    # Huế 184/KH-UBND: the body that issues the plan.
    assert _roles("Ủy ban nhân dân thành phố ban hành Kế hoạch thực hiện Chương trình") == {
        "Ủy ban nhân dân thành phố": {ISSUER}}


def test_ordinary_words_are_no_bodies() -> None:
    assert _roles("Kế hoạch phòng, chống dịch bệnh; ban hành kèm theo; trường hợp cần thiết; "
                  "hội nghị tập huấn") == {}


def test_the_subject_of_a_clause_acts() -> None:
    # tests/questions/officer_set.jsonl (phường Kiến An) and gen-dev (Tuyên Quang 60/KH-UBND).
    assert _roles("Chủ tịch UBND phường tặng Giấy khen hoặc đề nghị khen thưởng cho tập thể") == {
        "Chủ tịch UBND phường": {ACTOR}}
    assert _roles("Ban Chỉ đạo chuyển đổi số tỉnh đã tổ chức đánh giá và công bố kết quả") == {
        "Ban Chỉ đạo chuyển đổi số tỉnh": {ACTOR}}


def test_a_body_inside_a_name() -> None:
    assert _roles("Giao Văn phòng UBND xã làm đầu mối tổng hợp") == {"Văn phòng UBND xã": {LEAD, ACTOR}}
    assert _roles("Sở Nội vụ tham mưu UBND tỉnh ban hành Kế hoạch")["Sở Nội vụ"] >= {PROPOSER}


def test_the_role_a_question_asks() -> None:
    assert asked_role("so nao trinh ubnd tinh thanh hoa ke hoach nganh duoc") == PROPOSER
    assert asked_role("duoc phe duyet theo de nghi cua ai") == PROPOSER
    assert asked_role("bao cao ket qua gui ve dau, qua don vi nao") == RECIPIENT
    assert asked_role("co quan thuong truc ban chi dao la don vi nao") == STANDING
    assert asked_role("so van hoa phoi hop voi don vi nao") == PARTNER
    assert asked_role("giao don vi nao chu tri") == LEAD
    assert asked_role("don vi nao xay dung ke hoach pctt") == ISSUER
    assert asked_role("don vi nao da to chuc danh gia") is None


@pytest.fixture(scope="module")
def tuned(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:
    root = tmp_path_factory.mktemp("tune-responsible")
    shutil.copytree(TUNE_PLANS, root / "plans")
    settings = Settings.load(plans_dir=root / "plans", index_dir=root / "index")
    ingest(settings, embeddings)
    return Assistant(settings, embeddings, load_index(settings.index_dir))


@pytest.mark.parametrize("question, unit", [
    # Before: "Số: 774/QĐ-UBND" answered (its "UBND" counted as a unit).
    ("Sở nào trình UBND tỉnh Thanh Hóa kế hoạch triển khai chiến lược phát triển ngành Dược?", "Sở Y tế"),
    # Before: "Căn cứ Nghị quyết … của Hội đồng nhân dân tỉnh" answered.
    ("Ninh Thuận: cơ quan nào đề nghị ban hành kế hoạch hành động vì sự tiến bộ phụ nữ giai đoạn "
     "2006-2010?", "Sở Kế hoạch"),
    # Before: "không tìm thấy" (the proposer's sentence repeats none of the plan's title).
    ("Chương trình bảo vệ trẻ em tỉnh Trà Vinh giai đoạn 2011-2015 được phê duyệt theo đề nghị của ai?",
     "Giám đốc Sở Lao động - Thương binh và Xã hội"),
    ("Huyện Châu Thành giao đơn vị nào chủ trì triển khai kế hoạch hưởng ứng ngày ASEAN phòng, chống "
     "sốt xuất huyết năm 2017?", "Trung tâm Y tế huyện"),
])
def test_the_answer_names_the_body_in_the_asked_role(tuned: Assistant, question: str, unit: str) -> None:
    answer = tuned.ask(question)
    assert answer.found
    assert answer.answer.startswith(unit)
    assert answer.citations


@pytest.mark.parametrize("question", [
    # The opening of Huế's plan names no body in charge; before, its "Thực hiện Quyết định …
    # của Thủ tướng" sentence was given.
    "Đơn vị nào chủ trì thực hiện kế hoạch phát triển công tác xã hội năm 2025 của thành phố Huế?",
    # Tân Biên's opening names no standing body; before, its "Thực hiện Kế hoạch … của UBND
    # tỉnh Tây Ninh" sentence was given.
    "huyen tan bien giao co quan nao lam thuong truc phong chong thien tai nam 2022?",
])
def test_no_body_in_the_role_means_not_found(tuned: Assistant, question: str) -> None:
    assert not tuned.ask(question).found


def test_question_words_of_responsibility() -> None:
    from kehoach.answer.query import analyse

    assert analyse("von dau tu 250 ty cua xa nguyen luong bang la cho giai doan nao", []).kind == "deadline"
    assert analyse("Ban chỉ đạo nào đánh giá xếp hạng chuyển đổi số?", []).kind == "responsible"
    partner = analyse("Sở Văn hóa phối hợp với UBND những huyện nào?", [])
    assert (partner.kind, partner.unit_role) == ("responsible", PARTNER)
    proposal = analyse("KH ngành dược Thanh Hóa ban hành theo tờ trình của đơn vị nào, số mấy?", [])
    assert (proposal.kind, proposal.fields, proposal.unit_role) == ("responsible", (), PROPOSER)


def test_the_bodies_of_the_plans_own_districts_answer(tuned: Assistant) -> None:
    """Before: a comparison across localities, then "not found" (the huyện it names were
    taken for other localities)."""
    answer = tuned.ask("Kế hoạch bảo tồn văn hóa dân tộc thiểu số Bình Định: Sở Văn hóa phối hợp "
                       "với UBND những huyện nào?")
    assert answer.found
    assert all(name in answer.answer for name in ("An Lão", "Vĩnh Thạnh", "Phù Cát"))


def test_a_news_item_is_the_plan_it_announces(tuned: Assistant) -> None:
    """The Đắk Lắk page has no number of its own; it announces "Kế hoạch số 4047/KH-UBND".
    Before: 4047 was taken for a plan it cites, and only sentences citing it could answer."""
    answer = tuned.ask("dak lak kh 4047: co quan thuong truc ban chi dao phong trao toan dan doan ket la so nao")
    assert answer.found
    assert answer.answer.startswith("Sở Văn hóa, Thể thao và Du lịch")


@pytest.mark.parametrize("question, unit", [
    # gen-dev, Lai Châu 1767/KH-UBND: "Xét đề nghị của Sở Y tế tại Tờ trình số 71/TTr-SYT …".
    ("Cơ quan nào tham mưu UBND tỉnh Lai Châu ban hành kế hoạch an toàn thực phẩm?", "Sở Y tế"),
    ("Ai đề xuất kế hoạch 1767 của Lai Châu?", "Sở Y tế"),
    # gen-dev, Bắc Ninh 186/KH-UBND: the question names only the plan.
    ("kh chinh quyen so bac ninh 2026-2030 do so nao tham muu", "Sở Khoa học và Công nghệ"),
])
def test_the_proposer_of_a_gen_dev_plan(other_provinces: Assistant, question: str, unit: str) -> None:
    answer = other_provinces.ask(question)
    assert answer.found and answer.answer.startswith(unit)


def test_who_leads_a_plan_whose_opening_does_not_say(other_provinces: Assistant) -> None:
    """gen-dev, Đà Nẵng 85/KH-UBND: the opening names no lead; before, "do đơn vị nào chủ trì"
    was read as "who issued it" and answered with the issuing body."""
    assert not other_provinces.ask("Kế hoạch tiêm chủng sởi Đà Nẵng 2025 do đơn vị nào chủ trì "
                                   "thực hiện?").found


def test_partner_and_proposer_questions() -> None:
    assert asked_role("phong van hoa - xa hoi phoi hop voi don vi nao") == PARTNER
    # The question names the partner: it asks who works with it.
    assert asked_role("o xa cam giang, don vi nao huong dan, phoi hop voi hoi nong dan") is None
    # "chương trình" holds no "trình"; "đề xuất khen thưởng" proposes no plan.
    assert asked_role("ai chu dong xay dung chuong trinh, ke hoach chi tiet cong tac thi dua") is None
    assert asked_role("ai de xuat khen thuong trong dot thi dua") is None


def test_a_report_recipient_named_in_a_units_task(assistant: Assistant) -> None:
    """data/plans, xã Cẩm Giang: "… định kỳ báo cáo kết quả về UBND xã (qua Phòng Văn hóa - Xã
    hội) …" under the part of the schools and health stations. Before, the answer named the
    reporting units (the heading), not where the report goes."""
    answer = assistant.ask("Cẩm Giang: định kỳ báo cáo kết quả thi đua gửi về đâu?")
    assert answer.found
    assert answer.answer.startswith("UBND xã, Phòng Văn hóa - Xã hội")


def test_the_action_a_question_asks() -> None:
    from kehoach.grammar.units import asked_action

    assert asked_action("ha noi: don vi nao tham dinh ke hoach giong vat nuoi?") == "tham dinh"
    assert asked_action("ai tang giay khen cho tap the") == "tang giay"
    assert asked_action("don vi nao chu tri trien khai ke hoach") is None  # a role, not an action
    assert asked_action("co quan nao cua xa cam giang day manh tuyen truyen") is None


def test_a_body_doing_something_else_is_no_answer(other_provinces: Assistant) -> None:
    """gen-dev, Tuyên Quang 60/KH-UBND: the Ban Chỉ đạo "đã tổ chức đánh giá và công bố" the
    ranking; nobody is said to appraise it."""
    assert other_provinces.ask("Ở Tuyên Quang, đơn vị nào đã tổ chức đánh giá xếp hạng mức độ chuyển "
                               "đổi số năm 2023?").found
    assert not other_provinces.ask("Ở Tuyên Quang, đơn vị nào thẩm định kết quả xếp hạng mức độ "
                                   "chuyển đổi số năm 2023?").found


def test_a_party_committee_is_a_body() -> None:
    """ "Sáng 17-1, Huyện uỷ Thọ Xuân đã tổ chức hội nghị trực tuyến …": the district's
    Party committee organised it (a news item of a district names it so)."""
    (unit,) = find_units("Sáng 17-1, Huyện uỷ Thọ Xuân đã tổ chức hội nghị trực tuyến")
    assert (unit.name, ACTOR in unit.roles) == ("Huyện uỷ Thọ Xuân", True)
    assert [u.name for u in find_units("Nghị quyết của Tỉnh ủy Quảng Ninh")] == ["Tỉnh ủy Quảng Ninh"]
    assert find_units("ban chấp hành huyện ủy họp") == []  # in lower case: no name of a body
