"""The national gazetteer (kehoach.grammar.gazetteer): real data from vietnam-provinces and
vietnamadminunits, read through the shipped derived table."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter

import pytest

from kehoach.core.settings import PROJECT_ROOT
from kehoach.grammar.gazetteer import GAZETTEER_FILE, canonical_kind, gazetteer, name_tokens, spelling_key


@pytest.fixture(scope="module")
def g():
    return gazetteer()


def _one(g, name, kind, era):
    """The one unit of that kind, era and exact spelling ("Điện Trung", not "Điền Trung")."""
    units = [u for u in g.lookup(name, kind) if u.era == era and spelling_key(u.name) == spelling_key(name)]
    assert len(units) == 1, units
    return units[0]


def test_shipped_table_is_what_the_installed_packages_give() -> None:
    # Rebuilt from vietnam-provinces and vietnamadminunits as installed: a package upgrade
    # that changes the units fails here until scripts/build_gazetteer.py is run again.
    spec = importlib.util.spec_from_file_location("build_gazetteer", PROJECT_ROOT / "scripts" / "build_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_gazetteer"] = module
    spec.loader.exec_module(module)
    assert module.dump(module.build()) == GAZETTEER_FILE.read_text(encoding="utf-8")
    table = json.loads(GAZETTEER_FILE.read_text(encoding="utf-8"))
    assert set(table["sources"]) >= {"vietnam-provinces", "vietnamadminunits"}
    assert table["unmatched_conversions"] == []


def test_counts_after_and_before_2025(g) -> None:
    counts = Counter((u.era, u.level) for u in g)
    assert counts[("current", 1)] == 34
    assert counts[("current", 3)] == 3321
    assert counts[("current", 2)] == 0  # districts were abolished
    assert counts[("former", 1)] == 63
    assert 690 <= counts[("former", 2)] <= 710
    assert 10000 <= counts[("former", 3)] <= 10100
    kinds = Counter(u.kind for u in g)
    assert set(kinds) == {"tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu"}
    assert sum(1 for u in g if u.era == "current" and u.kind == "đặc khu") == 13


def test_every_former_commune_has_a_successor_and_every_current_one_a_predecessor(g) -> None:
    former = [u for u in g if u.era == "former" and u.level == 3]
    assert all(u.successors for u in former)
    current = [u for u in g if u.era == "current" and u.level == 3]
    assert all(g.predecessors(u) for u in current)
    assert all(g.get(s).era == "current" for u in former for s in u.successors)


def test_lookup_by_folded_name_and_kind(g) -> None:
    assert [u.display for u in g.lookup("xa xuan tin", None)] == []  # the kind is not part of a name
    found = g.lookup("xuan tin", "xã")
    assert {u.era for u in found} == {"current", "former"}
    assert all(u.display == "xã Xuân Tín" for u in found)
    assert g.province(found[0]).name == "Thanh Hóa"
    assert [u.name for u in g.lookup("HCM", "TP")] == ["Hồ Chí Minh", "Hồ Chí Minh"]
    assert g.lookup("Hà Nội", "thành phố", era="current")[0].id == "c1-01"
    assert g.lookup("Hà Nội", "tỉnh") == ()
    assert g.lookup("Lạng Sơn", "bogus") == ()


def test_exact_spelling_comes_first(g) -> None:
    # Hải Phòng has both a xã Cẩm Giang and a xã Cẩm Giàng since 2025.
    giang = g.lookup("Cẩm Giàng", "xã", era="current")
    assert giang[0].name == "Cẩm Giàng"
    assert {u.name for u in giang} == {"Cẩm Giàng", "Cẩm Giang"}


def test_old_commune_and_the_current_unit_it_became_part_of(g) -> None:
    # vietnamadminunits' conversion: xã Điện Trung (thị xã Điện Bàn, tỉnh Quảng Nam)
    # merged with Điện Quang and Điện Phong into xã Gò Nổi, thành phố Đà Nẵng.
    dien_trung = _one(g, "Điện Trung", "xã", "former")
    assert [a.display for a in g.ancestors(dien_trung)] == ["thị xã Điện Bàn", "tỉnh Quảng Nam"]
    go_noi = _one(g, "Gò Nổi", "xã", "current")
    assert g.successors(dien_trung) == (go_noi,)
    assert {p.name for p in g.predecessors(go_noi)} == {"Điện Trung", "Điện Quang", "Điện Phong"}
    assert g.ancestors(go_noi)[0].display == "thành phố Đà Nẵng"
    assert g.same_place(dien_trung, go_noi) and g.same_place(go_noi, dien_trung)
    assert not g.same_place(dien_trung, _one(g, "Điện Quang", "xã", "former"))


def test_a_merged_province_is_not_the_province_it_joined(g) -> None:
    quang_nam = _one(g, "Quảng Nam", "tỉnh", "former")
    da_nang_now = _one(g, "Đà Nẵng", "thành phố", "current")
    da_nang_before = _one(g, "Đà Nẵng", "thành phố", "former")
    assert g.successors(quang_nam) == (da_nang_now,)
    assert not g.same_place(quang_nam, da_nang_now)
    assert g.same_place(da_nang_before, da_nang_now)
    # Thừa Thiên Huế (an alias of the former unit) became the city of Huế: one place.
    hue_before = g.lookup("Thừa Thiên Huế", "tỉnh")[0]
    assert g.same_place(hue_before, _one(g, "Huế", "thành phố", "current"))


def test_within_across_eras(g) -> None:
    dien_trung = _one(g, "Điện Trung", "xã", "former")
    go_noi = _one(g, "Gò Nổi", "xã", "current")
    dien_ban = _one(g, "Điện Bàn", "thị xã", "former")
    quang_nam = _one(g, "Quảng Nam", "tỉnh", "former")
    da_nang_now = _one(g, "Đà Nẵng", "thành phố", "current")
    ha_noi = _one(g, "Hà Nội", "thành phố", "current")
    assert g.within(dien_trung, dien_ban) and g.within(dien_trung, quang_nam)
    assert g.within(dien_trung, da_nang_now)  # through its successor
    assert g.within(go_noi, dien_ban) and g.within(go_noi, quang_nam)  # through its predecessors
    assert not g.within(dien_trung, ha_noi)
    assert not g.within(quang_nam, dien_trung) and not g.within(go_noi, go_noi)


def test_island_districts_became_special_zones(g) -> None:
    district = _one(g, "Bạch Long Vĩ", "huyện", "former")
    assert [s.display for s in g.successors(district)] == ["đặc khu Bạch Long Vĩ"]


def test_name_helpers() -> None:
    assert name_tokens("Bà Rịa - Vũng Tàu") == ("ba", "ria", "vung", "tau")
    assert name_tokens("Ea H’leo") == name_tokens("Ea H'leo") == ("ea", "h", "leo")
    assert spelling_key("Hoà Bình") == spelling_key("Hòa  Bình") == spelling_key("HÒA BÌNH")
    assert spelling_key("Thuỷ Nguyên") == spelling_key("Thủy Nguyên")
    assert spelling_key("Cẩm Giang") != spelling_key("Cẩm Giàng")
    assert canonical_kind("TP.") == canonical_kind("Thành phố") == "thành phố"
    assert canonical_kind("THỊ XÃ") == "thị xã" and canonical_kind("ấp") is None
