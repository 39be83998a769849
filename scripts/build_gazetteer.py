"""Regenerate grammar/data/gazetteer.json, the national gazetteer, from two PyPI packages.

- ``vietnam-provinces``: the current units after the 2025 reorganisation (34 tỉnh/thành
  phố, 3,321 xã/phường/đặc khu), with their official codes.
- ``vietnamadminunits``: the units before it (63 tỉnh/thành phố, ~700 huyện/quận/thị
  xã/thành phố, ~10,000 xã/phường/thị trấn) and its conversion table from each former
  unit to the current unit(s) it became (part of).

The derived table is what ``kehoach.grammar.gazetteer`` loads (importing
``vietnamadminunits`` alone takes ~0.6 s, its parser data is read at import); the
package versions are recorded in it and ``tests/test_gazetteer.py`` checks that the
shipped table is what this script builds from the installed packages.

Usage: python scripts/build_gazetteer.py [--out FILE] [--check]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import unicodedata
from collections import defaultdict
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kehoach.grammar.gazetteer import encode_names, encode_unit, name_tokens, spelling_key  # noqa: E402

DEFAULT_OUT = ROOT / "grammar" / "data" / "gazetteer.json"

# Kind words as plans write them, by the packages' division types.
_KINDS = {"tỉnh": "tỉnh", "thành phố": "thành phố", "thành phố trung ương": "thành phố",
          "huyện": "huyện", "quận": "quận", "thị xã": "thị xã", "xã": "xã", "phường": "phường",
          "thị trấn": "thị trấn", "đặc khu": "đặc khu"}
# Names the packages do not carry but plans of the period use: Thừa Thiên Huế became the
# centrally-run city of Huế on 1/1/2025, and the legacy table already calls it Huế.
# Abbreviations of the two largest cities as plans and officers write them ("TP.HCM").
_ALIASES = [("f1-46", "tỉnh", "Thừa Thiên Huế"), ("c1-01", "thành phố", "HN"),
            ("c1-79", "thành phố", "HCM"), ("f1-79", "thành phố", "HCM"),
            ("c1-79", "thành phố", "TPHCM"), ("f1-79", "thành phố", "TPHCM")]


def _nfc(text: str) -> str:
    """NFC, single spaces, one apostrophe ("Ea H’leo" and "Ea H'leo" are one name)."""
    text = text.replace("’", "'").replace("‘", "'")
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _split(full: str, kind_hint: str | None = None) -> tuple[str, str]:
    """'Phường Hoàn Kiếm' -> ('phường', 'Hoàn Kiếm'); the prefix decides over a hint."""
    full = _nfc(full)
    lowered = full.lower()
    for word in sorted(_KINDS, key=len, reverse=True):
        if lowered.startswith(word + " "):
            return _KINDS[word], full[len(word) + 1:]
    if kind_hint is None:
        raise ValueError(f"no kind word in {full!r}")
    return _KINDS[kind_hint.lower()], full


def _vau_dir() -> Path:
    import vietnamadminunits

    return Path(vietnamadminunits.__file__).parent / "data"


def build() -> dict:
    from vietnam_provinces import Province, Ward

    units: dict[str, list] = {}  # id -> [kind, name, parent, successors]
    db = sqlite3.connect(_vau_dir() / "dataset.db")

    # Current units (vietnam-provinces), names cleaned with vietnamadminunits' spelling
    # where both agree on the folded name (double spaces, "Đắk song").
    vau_current: dict[tuple[str, str], str] = {}
    vau_key: dict[tuple[str, str], tuple[str, str]] = {}
    for prov_short, ward, prov_key, ward_key in db.execute(
            "SELECT provinceShort, ward, provinceKey, wardKey FROM admin_units"):
        vau_current[(spelling_key(prov_short), spelling_key(ward))] = _nfc(ward)
        vau_key[(prov_key, ward_key)] = (spelling_key(prov_short), spelling_key(ward))
    current_by_spelling: dict[tuple[str, str], str] = {}
    province_spelling: dict[int, str] = {}
    for p in Province.iter_all():
        kind = _KINDS[p.division_type.value]
        name = _nfc(p.name)
        if name.lower().startswith("thành phố "):
            name = name[len("thành phố "):]
        pid = f"c1-{int(p.code):02d}"
        units[pid] = [kind, name, None, []]
        province_spelling[int(p.code)] = spelling_key(name)
    for w in Ward.iter_all():
        pspell = province_spelling[int(w.province_code)]
        full = vau_current.get((pspell, spelling_key(w.name)), _nfc(w.name))
        kind, name = _split(full, w.division_type.value)
        wid = f"c3-{int(w.code):05d}"
        units[wid] = [kind, name, f"c1-{int(w.province_code):02d}", []]
        current_by_spelling[(pspell, spelling_key(full))] = wid

    # Former units (vietnamadminunits' legacy table).
    legacy_key: dict[str, str] = {}  # "province_district_ward" key -> id
    legacy_province: dict[str, str] = {}
    rows = db.execute(
        "SELECT provinceCode, province, provinceKey, districtCode, district, districtType,"
        " districtKey, wardCode, ward, wardType, wardKey FROM admin_units_legacy").fetchall()
    for (pcode, province, pkey, dcode, district, dtype, dkey, wcode, ward, wtype, wkey) in rows:
        pid, did = f"f1-{pcode}", f"f2-{dcode}"
        if pid not in units:
            kind, name = _split(province)
            units[pid] = [kind, name, None, []]
            legacy_province[pkey] = pid
        if did not in units:
            _, name = _split(district, dtype)
            units[did] = [_KINDS[dtype.lower()], name, pid, []]
            legacy_key[f"{pkey}_{dkey}_"] = did
        if wcode:
            wid = f"f3-{wcode}"
            kind, name = _split(ward, wtype)
            units[wid] = [kind, name, did, []]
            legacy_key[f"{pkey}_{dkey}_{wkey}"] = wid

    # Conversion: former -> current unit(s) it became (part of).
    conv = json.loads((_vau_dir() / "converter_2025.json").read_text(encoding="utf-8"))
    new_province: dict[str, str] = {}
    for p in Province.iter_all():
        new_province[spelling_key(units[f"c1-{int(p.code):02d}"][1]).replace(" ", "")] = f"c1-{int(p.code):02d}"
    unmatched: list[str] = []

    def current_ward(prov_key: str, ward_key: str) -> str | None:
        folded = vau_key.get((prov_key, ward_key))
        return current_by_spelling.get(folded) if folded else None

    def link(old_key: str, new_id: str | None) -> None:
        old_id = legacy_key.get(old_key)
        if old_id is None or new_id is None:
            unmatched.append(f"{old_key} -> {new_id}")
            return
        if new_id not in units[old_id][3]:
            units[old_id][3].append(new_id)

    for new_pkey, old_pkeys in conv["DICT_PROVINCE"].items():
        prov_short = db.execute("SELECT provinceShort FROM admin_units WHERE provinceKey=?",
                                (new_pkey,)).fetchone()[0]
        new_pid = new_province[spelling_key(prov_short).replace(" ", "")]
        for old in old_pkeys:
            units[legacy_province[old]][3].append(new_pid)
    for new_pkey, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wkey, old_keys in wards.items():
            for old in old_keys:
                link(old, current_ward(new_pkey, new_wkey))
    for new_pkey, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, news in olds.items():
            for new in news:
                link(old, current_ward(new_pkey, new["newWardKey"]))

    # Shipped ready to use, so that loading is parsing: the units by id and the name index
    # (folded name tokens -> kind as named, unit id; aliases included).
    # Plain strings, not nested lists: parsing them takes a fifth of the time.
    for uid, (kind, name, parent, succ) in units.items():
        if "|" in name or "," in name:
            raise ValueError(f"separator in a unit name: {uid} {name!r}")
    units_out = {uid: encode_unit(kind, name, parent, sorted(succ))
                 for uid, (kind, name, parent, succ) in sorted(units.items())}
    names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for uid, (kind, name, _, _) in sorted(units.items()):
        names[" ".join(name_tokens(name))].append((kind, uid))
    for uid, kind, alias in _ALIASES:
        names[" ".join(name_tokens(alias))].append((kind, uid))
    return {
        "about": "National gazetteer of Vietnamese administrative units: current (c) units after "
                 "the 2025 reorganisation and former (f) ones before it, with each former unit's "
                 "current successor(s). Built by scripts/build_gazetteer.py; do not edit by hand.",
        "sources": {
            "vietnam-provinces": metadata.version("vietnam-provinces"),
            "vietnam-provinces data": __import__("vietnam_provinces").__data_version__,
            "vietnamadminunits": metadata.version("vietnamadminunits"),
        },
        "ids": "c/f = current/former era, then the level (1 tỉnh/thành phố, 2 huyện/quận/thị xã/"
               "thành phố, 3 xã/phường/thị trấn/đặc khu), then the official code",
        "unit": "kind|name|parent id|successor ids (comma-separated)",
        "name": "folded name tokens -> kind as named|unit id (semicolon-separated)",
        "aliases": [list(a) for a in _ALIASES],
        "unmatched_conversions": sorted(unmatched),
        "units": units_out,
        "names": {k: encode_names(v) for k, v in sorted(names.items())},
    }


_ROWS = ("units", "names")


def dump(table: dict) -> str:
    """One unit (one name) per line: small diffs when a package update changes a few units."""
    lines = ["{"]
    for key, value in table.items():
        if key in _ROWS:
            continue
        lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    for n, key in enumerate(_ROWS):
        rows = list(table[key].items())
        lines.append(f"{json.dumps(key)}: {{")
        lines.extend(f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                     + ("," if i < len(rows) - 1 else "") for i, (k, v) in enumerate(rows))
        lines.append("}," if n < len(_ROWS) - 1 else "}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the file differs from what the installed packages give")
    args = parser.parse_args(argv)
    text = dump(build())
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.out} differs from the installed packages")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    table = json.loads(text)
    levels: dict[str, int] = defaultdict(int)
    for uid in table["units"]:
        levels[uid[:2]] += 1
    print(f"wrote {args.out}: {dict(sorted(levels.items()))}, "
          f"{len(table['unmatched_conversions'])} unmatched conversions, sources {table['sources']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
