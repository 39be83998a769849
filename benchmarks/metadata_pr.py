"""Precision and recall of plan metadata against the hand-written tests/fixtures/metadata.

Usage: python benchmarks/metadata_pr.py [--details]
Each fixture names a plan file (in the repository, or under ``shared/`` beside it) and the
values a person read in it: số, ngày ban hành, người ký (None when the text does not show
one), cơ quan ban hành, the start of the title and, where judged, the whole title. A field
absent from a fixture is not judged for that plan. Per field: a value equal to the fixture
is a true positive; any other value is a false positive, and a missed expected value a
false negative (a wrong value counts as both).
"""

from __future__ import annotations

import json
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "metadata"
FIELDS = ("number", "issue_date", "signer", "signer_title", "issuer", "title_start", "title")
_SHARED_PREFIX = "shared/"


@dataclass(frozen=True)
class Fixture:
    doc_id: str
    file: str
    expected: dict[str, str | None]


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_fixtures(folder: Path = FIXTURES) -> list[Fixture]:
    fixtures = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        fixtures.append(Fixture(data["doc_id"], data["file"], data["expected"]))
    return fixtures


def shared_dir(start: Path = ROOT) -> Path | None:
    """The ``shared`` folder beside the checkout (or beside a parent of it)."""
    for parent in (start, *start.parents):
        if (parent / "shared" / "corpus-other-provinces").is_dir():
            return parent / "shared"
    return None


def plan_path(fixture: Fixture) -> Path | None:
    if fixture.file.startswith(_SHARED_PREFIX):
        shared = shared_dir()
        return shared / fixture.file[len(_SHARED_PREFIX):] if shared else None
    return ROOT / fixture.file


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower().replace("uỷ", "ủy")
    return " ".join(text.split()).rstrip(" ,.;:")


def matches(name: str, got: str | None, expected: str | None) -> bool:
    if expected is None or got is None:
        return got is None and expected is None
    if name == "title_start":
        return _norm(got).startswith(_norm(expected))
    if name in ("issuer", "title"):
        return _norm(got) == _norm(expected)
    return got == expected


def value_of(meta: object, name: str) -> str | None:
    return getattr(meta, "title" if name in ("title_start", "title") else name)


def score(metas: dict[str, object], fixtures: list[Fixture]) -> dict[str, FieldScore]:
    scores = {name: FieldScore() for name in FIELDS}
    for fixture in fixtures:
        meta = metas.get(fixture.doc_id)
        if meta is None:
            continue
        for name, expected in fixture.expected.items():
            got = value_of(meta, name)
            result = scores[name]
            if matches(name, got, expected):
                result.tp += expected is not None
                continue
            result.fp += got is not None
            result.fn += expected is not None
            result.misses.append(f"{fixture.doc_id}: got {got!r}, expected {expected!r}")
    return scores


def read_metas(fixtures: list[Fixture]) -> dict[str, object]:
    from kehoach.ingest.pipeline import load_plan

    metas = {}
    for fixture in fixtures:
        path = plan_path(fixture)
        if path is not None and path.is_file():
            metas[fixture.doc_id] = load_plan(path, 700).meta
    return metas


def main() -> None:
    fixtures = load_fixtures()
    metas = read_metas(fixtures)
    print(f"plans: {len(metas)} of {len(fixtures)} fixtures")
    for name, result in score(metas, fixtures).items():
        print(f"{name:13} tp {result.tp:3} fp {result.fp:3} fn {result.fn:3}  "
              f"precision {result.precision:.3f}  recall {result.recall:.3f}")
        if "--details" in sys.argv:
            for miss in result.misses:
                print(f"    {miss}")


if __name__ == "__main__":
    main()
