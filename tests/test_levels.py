"""The level words of a question restrict which localities' plans are compared."""

from kehoach.answer.levels import asked_kinds, of_kinds
from kehoach.answer.query import analyse
from kehoach.grammar.localities import Locality

LOADED = [Locality("phường", "Kiến An"), Locality("xã", "Cẩm Giang"), Locality("tỉnh", "Đắk Lắk"),
          Locality("thành phố", "Hà Nội"), Locality("quận", "Ba Đình")]
NAMES = [loc.display for loc in LOADED]


def kinds(question: str) -> frozenset[str]:
    return asked_kinds(analyse(question, LOADED))


def test_group_of_communes_typed_with_or_without_accents():
    assert kinds("so sanh chi tieu gia dinh van hoa giua cac xa phuong") == {"xã", "phường"}
    assert kinds("xa phuong nao co chi tieu ho so truc tuyen") == {"xã", "phường"}
    assert kinds("Đợt thi đua của các xã, phường kết thúc khi nào") == {"xã", "phường"}


def test_issuer_after_cua_is_not_compared_when_a_group_is_named():
    q = "Những kế hoạch của phường, xã nào thực hiện KH 232/KH-UBND của thành phố?"
    assert kinds(q) == {"phường", "xã"}


def test_plan_of_a_ward_without_a_name():
    assert kinds("Thu ngân sách nhà nước theo phân cấp của phường tăng bao nhiêu phần trăm?") == {"phường"}


def test_named_locality_and_look_alike_words_are_no_group():
    assert kinds("Chỉ tiêu của phường Kiến An là bao nhiêu") == frozenset()
    assert kinds("Nơi nào đặt chỉ tiêu tỷ lệ TTHC đúng hạn? So sánh mức giữa các nơi.") == frozenset()
    assert kinds("co quan nao chu tri") == frozenset()
    assert kinds("Các tính năng nào của cổng dịch vụ công") == frozenset()


def test_of_kinds_keeps_the_asked_level_or_everyone():
    assert of_kinds(NAMES, frozenset({"xã", "phường"})) == ["phường Kiến An", "xã Cẩm Giang"]
    assert of_kinds(NAMES, frozenset()) == NAMES
    assert of_kinds(["tỉnh Đắk Lắk"], frozenset({"phường"})) == ["tỉnh Đắk Lắk"]


def test_compare_words_are_no_topic():
    # As topic words "xã", "so sánh", "giữa" would ask a commune's target to write them.
    assert analyse("so sanh chi tieu gia dinh van hoa giua cac xa phuong", LOADED).topic == "chi tieu gia dinh van hoa"
    assert analyse("xa phuong nao co chi tieu ho so truc tuyen", LOADED).topic == "ho so truc tuyen"
    # "xã hội" is a word of the topic, not a commune.
    assert "xa hoi" in analyse("so sánh chỉ tiêu an sinh xã hội giữa các xã", LOADED).topic
    # "Những kế hoạch của phường, xã nào" asks which plans; the city that issued KH 232 stays.
    q = "Những kế hoạch của phường, xã nào thực hiện KH 232/KH-UBND của thành phố?"
    assert analyse(q, LOADED).topic == "thuc hien ke hoach cua thanh pho?"
    # "đặt mục tiêu về" asks whether there is a target, as "có chỉ tiêu" does.
    assert analyse("Những nơi nào đặt mục tiêu về giảm hộ nghèo?", LOADED).topic == "giam ho ngheo?"
