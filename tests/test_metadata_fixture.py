"""extract_metadata against the hand-written fixtures of tests/fixtures/metadata.

22 plans: the five bundled ones (two OCR'd), the three of shared/corpus-other-provinces and
the 14 of eval/gen-dev (tuning sets: the grammar was developed on them, so these figures
are not held-out figures). Per field precision/recall: ``python benchmarks/metadata_pr.py``.
"""

from __future__ import annotations

import pytest

from kehoach.core.records import PlanMeta
from kehoach.core.text import fold
from kehoach.ingest.pipeline import load_plan

from benchmarks.metadata_pr import FIELDS, Fixture, load_fixtures, matches, plan_path, score, value_of

FIXTURES = load_fixtures()


@pytest.fixture(scope="module")
def metas() -> dict[str, PlanMeta]:
    found = {}
    for fixture in FIXTURES:
        path = plan_path(fixture)
        if path is not None and path.is_file():
            found[fixture.doc_id] = load_plan(path, 700).meta
    return found


def test_fixtures_cover_every_plan() -> None:
    ids = {f.doc_id for f in FIXTURES}
    assert len(ids) == len(FIXTURES) == 22
    assert all(set(f.expected) <= set(FIELDS) for f in FIXTURES)
    assert all({"number", "issue_date", "signer", "issuer", "title_start"} <= set(f.expected)
               for f in FIXTURES)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.doc_id for f in FIXTURES])
def test_metadata_matches_the_fixture(metas: dict[str, PlanMeta], fixture: Fixture) -> None:
    if fixture.doc_id not in metas:
        pytest.skip(f"{fixture.file} is not beside this checkout")
    meta = metas[fixture.doc_id]
    wrong = {name: (value_of(meta, name), expected) for name, expected in fixture.expected.items()
             if not matches(name, value_of(meta, name), expected)}
    assert not wrong


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.doc_id for f in FIXTURES])
def test_evidence_spans_hold_the_values(metas: dict[str, PlanMeta], fixture: Fixture) -> None:
    if fixture.doc_id not in metas:
        pytest.skip(f"{fixture.file} is not beside this checkout")
    meta = metas[fixture.doc_id]
    path = plan_path(fixture)
    text = load_plan(path, 700).text  # type: ignore[arg-type]
    for name, (start, end) in meta.evidence.items():
        assert 0 <= start < end <= len(text), name
    if meta.number:
        start, end = meta.evidence["number"]
        assert fold(meta.number.split("/")[0]) in fold(text[start:end])
    if meta.signer:
        start, end = meta.evidence["signer"]
        assert text[start:end] == meta.signer
    if meta.issue_date:
        start, end = meta.evidence["issue_date"]
        day = str(int(meta.issue_date[-2:]))
        assert day in text[start:end]


def test_scores(metas: dict[str, PlanMeta]) -> None:
    scores = score(metas, FIXTURES)
    for name, result in scores.items():
        assert result.precision == 1.0 and result.recall == 1.0, (name, result.misses)


def test_plan_meta_json_without_the_new_fields_still_loads(metas: dict[str, PlanMeta]) -> None:
    # An index written before issue_month/place/parent_body/signer_*/site_table existed.
    old = {"doc_id": "x", "source_file": "x.txt", "locality": None, "number": "1/KH-UBND",
           "issue_date": "2025-01-02", "title": None, "signer": None, "signer_title": None,
           "issuer": None, "parent_plan": None, "parent_plan_date": None, "ocr_repaired": False,
           "evidence": {"number": [0, 5]}}
    meta = PlanMeta.from_json(old)
    assert (meta.number, meta.site_table, meta.place, meta.evidence) == ("1/KH-UBND", {}, None, {"number": (0, 5)})
    for loaded in metas.values():
        assert PlanMeta.from_json(loaded.to_json()) == loaded
