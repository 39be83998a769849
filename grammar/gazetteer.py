"""The national gazetteer: every Vietnamese administrative unit, current and former.

Current units (``era="current"``) are those after the 2025 reorganisation: 34 tỉnh/thành
phố (level 1) and 3,321 xã/phường/đặc khu (level 3), from the ``vietnam-provinces``
package. Former units (``era="former"``) are those before it: 63 tỉnh/thành phố, the
huyện/quận/thị xã/thành phố (level 2) and ~10,000 xã/phường/thị trấn, from
``vietnamadminunits``, each with the current unit(s) it became (part of) by that package's
conversion table.

The packages are read once by ``scripts/build_gazetteer.py`` into ``data/gazetteer.json``
(package versions recorded in it): importing ``vietnamadminunits`` takes ~0.6 s, too slow
for a CLI that starts per question, while the derived table loads in a few tens of ms.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kehoach.core.text import fold, nfc

__all__ = ["Unit", "Gazetteer", "gazetteer", "KIND_WORDS", "name_tokens", "spelling_key",
           "canonical_kind", "encode_unit", "encode_names", "GAZETTEER_FILE"]

GAZETTEER_FILE = Path(__file__).parent / "data" / "gazetteer.json"

# Kind words as plans write them, and the level of the units they name.
KIND_WORDS: dict[str, tuple[int, ...]] = {
    "tỉnh": (1,), "thành phố": (1, 2), "huyện": (2,), "quận": (2,), "thị xã": (2,),
    "xã": (3,), "phường": (3,), "thị trấn": (3,), "đặc khu": (3,),
}
_KIND_BY_FOLD = {fold(k): k for k in KIND_WORDS} | {"tp": "thành phố", "tx": "thị xã"}

_TOKEN_RE = re.compile(r"[^\W_]+")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_DASHES = str.maketrans({"–": "-", "—": "-", "’": "'", "‘": "'", "ʼ": "'"})


def name_tokens(text: str) -> tuple[str, ...]:
    """Folded syllables of a name, punctuation dropped: 'Bà Rịa - Vũng Tàu' -> ('ba', 'ria', 'vung', 'tau')."""
    return tuple(_TOKEN_RE.findall(fold(text)))


@lru_cache(maxsize=65536)
def spelling_key(text: str) -> str:
    """An accented comparison key that ignores case, spacing, dash/apostrophe variants and
    where the tone mark sits ("Hoà" = "Hòa", "Thuỷ" = "Thủy"), but not which tone it is
    ("Cẩm Giang" != "Cẩm Giàng")."""
    syllables = []
    for word in _TOKEN_RE.findall(nfc(text).translate(_DASHES).lower()):
        decomposed = unicodedata.normalize("NFD", word)
        tones = "".join(c for c in decomposed if c in _TONE_MARKS)
        base = "".join(c for c in decomposed if c not in _TONE_MARKS)
        syllables.append(unicodedata.normalize("NFC", base) + tones)
    return " ".join(syllables)


def canonical_kind(word: str) -> str | None:
    """'Thành phố', 'TP', 'tp.', 'THỊ XÃ' -> the kind word as plans write it (None if not one)."""
    return _KIND_BY_FOLD.get(" ".join(_TOKEN_RE.findall(fold(word))))


@dataclass(frozen=True)
class Unit:
    """One administrative unit. ``parent`` is the id of the unit above it in the same era;
    ``successors`` (former units only) are the ids of the current units it became (part of)."""

    id: str
    kind: str
    name: str
    level: int
    parent: str | None
    era: str
    successors: tuple[str, ...] = ()

    @property
    def display(self) -> str:
        return f"{self.kind} {self.name}"

    @property
    def key(self) -> str:
        return fold(self.name)

    def __str__(self) -> str:
        return self.display


def encode_unit(kind: str, name: str, parent: str | None, successors: Iterable[str]) -> str:
    """One unit as the shipped table stores it: "kind|name|parent|successor,successor"."""
    return f"{kind}|{name}|{parent or ''}|{','.join(successors)}"


def encode_names(entries: Iterable[tuple[str, str]]) -> str:
    """The units of one folded name: "kind|id;kind|id"."""
    return ";".join(f"{kind}|{uid}" for kind, uid in entries)


class Gazetteer:
    """Lookups over the units: by folded name (and kind), up the hierarchy, across eras.

    Built from the shipped table's strings; a string is split and a ``Unit`` made the first
    time that unit is asked for, and the reverse links (predecessors, children) the first
    time they are: loading is parsing one JSON of plain strings (a few ms), not creating
    14,000 objects a question never needs.
    """

    def __init__(self, units: Mapping[str, str], names: Mapping[str, str],
                 sources: Mapping[str, str] | None = None) -> None:
        """``units``: id -> ``encode_unit(...)``; the id's first letter is the era (c/f), its
        second the level. ``names``: folded name tokens joined by spaces ->
        ``encode_names(...)``, aliases included."""
        self.sources = dict(sources or {})
        self._rows = units
        self._names = names  # the index the locality grammar scans
        self._units: dict[str, Unit] = {}
        self._named: dict[str, tuple[tuple[str, str], ...]] = {}
        self.max_name_tokens = max(key.count(" ") + 1 for key in names)
        self._predecessors: dict[str, tuple[str, ...]] | None = None
        self._children: dict[str, tuple[str, ...]] | None = None

    @classmethod
    def from_units(cls, units: Iterable[Unit], aliases: Iterable[Sequence[str]] = ()) -> "Gazetteer":
        units = list(units)
        names: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for u in units:
            names[" ".join(name_tokens(u.name))].append((u.kind, u.id))
        for uid, kind, alias in aliases:
            names[" ".join(name_tokens(alias))].append((kind, uid))
        return cls({u.id: encode_unit(u.kind, u.name, u.parent, u.successors) for u in units},
                   {k: encode_names(v) for k, v in names.items()})

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Unit]:
        return (self.get(uid) for uid in self._rows)

    def get(self, uid: str) -> Unit:
        unit = self._units.get(uid)
        if unit is None:
            kind, name, parent, successors = self._rows[uid].split("|")
            unit = Unit(uid, kind, name, int(uid[1]), parent or None,
                        "current" if uid[0] == "c" else "former",
                        tuple(successors.split(",")) if successors else ())
            self._units[uid] = unit
        return unit

    def _entries(self, key: str) -> tuple[tuple[str, str], ...]:
        entries = self._named.get(key)
        if entries is None:
            raw = self._names.get(key)
            entries = tuple(tuple(e.split("|")) for e in raw.split(";")) if raw else ()
            self._named[key] = entries
        return entries

    def named(self, tokens: Sequence[str]) -> tuple[tuple[str, Unit], ...]:
        """(kind as named, unit) for every unit or alias whose folded name is ``tokens``."""
        return tuple((kind, self.get(uid)) for kind, uid in self._entries(" ".join(tokens)))

    def near(self, tokens: Sequence[str], min_score: float) -> tuple[tuple[str, ...], ...]:
        """Folded names of as many syllables as ``tokens``, other than theirs, whose
        rapidfuzz ratio (0-100) to them is at least ``min_score``: what an OCR'd or
        mis-encoded name ("hia binh", a font's "Ị" for "Ò") may stand for."""
        from rapidfuzz import fuzz, process

        key = " ".join(tokens)
        keys = self._keys_of_length(len(tokens))
        return tuple(tuple(k.split()) for k, _, _ in process.extract(
            key, keys, scorer=fuzz.ratio, score_cutoff=min_score, limit=None) if k != key)

    @lru_cache(maxsize=8)
    def _keys_of_length(self, n: int) -> tuple[str, ...]:
        return tuple(k for k in self._names if k.count(" ") + 1 == n)

    def names_at_level(self, level: int) -> dict[tuple[str, ...], tuple[tuple[str, Unit], ...]]:
        """Folded name tokens -> (kind as named, unit) for the units of one level."""
        tags = (f"|c{level}-", f"|f{level}-")
        found: dict[tuple[str, ...], tuple[tuple[str, Unit], ...]] = {}
        for key, raw in self._names.items():
            if tags[0] in raw or tags[1] in raw:
                found[tuple(key.split())] = tuple(
                    (kind, self.get(uid)) for kind, uid in self._entries(key) if uid[1] == str(level))
        return found

    # ------------------------------------------------------------------ lookups
    def lookup(self, name: str, kind: str | None = None, *, era: str | None = None,
               level: int | None = None) -> tuple[Unit, ...]:
        """Units named ``name`` (compared folded), optionally of a kind word ("xã", "TP", ...),
        era and level. Accented spellings that match exactly come first."""
        wanted = canonical_kind(kind) if kind else None
        if kind and wanted is None:
            return ()
        found = [u for k, u in self.named(name_tokens(name))
                 if (wanted is None or k == wanted) and (era is None or u.era == era)
                 and (level is None or u.level == level)]
        exact = spelling_key(name)
        found.sort(key=lambda u: spelling_key(u.name) != exact)
        return tuple(dict.fromkeys(found))

    def ancestors(self, unit: Unit) -> tuple[Unit, ...]:
        """The units above ``unit`` in its own era, nearest first."""
        chain = []
        while unit.parent is not None:
            unit = self.get(unit.parent)
            chain.append(unit)
        return tuple(chain)

    def province(self, unit: Unit) -> Unit:
        """The tỉnh/thành phố ``unit`` is in (itself for a province)."""
        chain = self.ancestors(unit)
        return chain[-1] if chain else unit

    def children(self, unit: Unit) -> tuple[Unit, ...]:
        if self._children is None:
            children: dict[str, list[str]] = defaultdict(list)
            for uid, row in self._rows.items():
                parent = row.split("|")[2]
                if parent:
                    children[parent].append(uid)
            self._children = {k: tuple(v) for k, v in children.items()}
        return tuple(self.get(c) for c in self._children.get(unit.id, ()))

    def successors(self, unit: Unit) -> tuple[Unit, ...]:
        """The current unit(s) a former unit became (part of); () for a current unit and for
        a former district (districts were abolished; their communes carry the link)."""
        return tuple(self.get(s) for s in unit.successors)

    def predecessors(self, unit: Unit) -> tuple[Unit, ...]:
        """The former units that became (part of) a current unit."""
        return tuple(self.get(p) for p in self._predecessor_ids().get(unit.id, ()))

    def _predecessor_ids(self) -> dict[str, tuple[str, ...]]:
        if self._predecessors is None:
            predecessors: dict[str, list[str]] = defaultdict(list)
            for uid, row in self._rows.items():
                successors = row.rsplit("|", 1)[1]
                for successor in successors.split(",") if successors else ():
                    predecessors[successor].append(uid)
            self._predecessors = {k: tuple(v) for k, v in predecessors.items()}
        return self._predecessors

    # ------------------------------------------------------------------ relations
    def same_place(self, a: Unit, b: Unit) -> bool:
        """``a`` and ``b`` are one place across the 2025 reorganisation.

        A former commune and the current unit it became part of are the same place (an
        officer of the merged commune works from its predecessors' plans). A former
        province is the same place as its successor only when it was continued or renamed
        (Đà Nẵng -> Đà Nẵng, one predecessor), not when it was merged into another one: a
        question about Đà Nẵng must not be answered from a Quảng Nam plan.
        """
        if a.id == b.id:
            return True
        if a.era == b.era:
            return False
        old, new = (a, b) if a.era == "former" else (b, a)
        if new.id not in old.successors:
            return False
        return old.level != 1 or old.key == new.key or len(self._predecessor_ids().get(new.id, ())) == 1

    def within(self, child: Unit, parent: Unit) -> bool:
        """``child`` lies in ``parent`` (commune in district in province), across eras where
        the conversion says so: a former commune is within the current province its
        successor is in; a current commune is within the former district of a predecessor."""
        if child.id == parent.id:
            return False
        if parent in self.ancestors(child):
            return True
        if child.era == parent.era:
            return False
        if child.era == "former":
            return any(s.id == parent.id or parent in self.ancestors(s) for s in self.successors(child))
        return any(parent in self.ancestors(p) for p in self.predecessors(child))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    table = json.loads(GAZETTEER_FILE.read_text(encoding="utf-8"))
    return Gazetteer(table["units"], table["names"], table.get("sources"))
