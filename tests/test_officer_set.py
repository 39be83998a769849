"""Validity of the officer question set (tests/questions/officer_set.jsonl).

The set measures the assistant, so it must first be right about the plans: every expected
string of an answerable question has to be something its plans actually state. These tests
read only the plan files, never the model or the index.

An expected string "occurs" in a plan when, after ``kehoach.core.text.fold``:
- it is a substring of the plan (dash variants, spaces around dashes and before "%" unified)
  that does not cut a figure ("12/2025" is not inside "10/12/2025", "681" not inside
  "330.681"), or
- its syllables appear contiguously in the plan's syllables, where dates may be written
  either way ("10 tháng 12 năm 2025" = "10/12/2025", "09/09/2025" = "9/9/2025",
  "tháng 12 năm 2025" = "12/2025"), and - only in the two OCR'd plans, whose diacritics
  are damaged ("Vin héa" for "Văn hóa") - a word may differ from the plan's by one letter.
Figures (tokens with digits) must always match exactly, inner punctuation included.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from kehoach.core.text import fold, syllables

ROOT = Path(__file__).resolve().parent.parent
PLANS_DIR = ROOT / "data" / "plans"
SET_PATH = Path(__file__).resolve().parent / "questions" / "officer_set.jsonl"

KINDS = {"target", "deadline", "responsible", "metadata", "compare", "abstain"}
FIELDS = {"id", "question", "answerable", "docs", "expect", "kind"}
MIN_ROWS = 50
MIN_ABSTAIN = 8
# Plans whose text comes from OCR with damaged diacritics (read by eye when writing the set).
OCR_PLANS = {
    "nguyen-luong-bang_ke-hoach-23-thi-dua-khen-thuong-2025",
    "thach-khoi_ke-hoach-50-dot-thi-dua-2025",
}
OCR_LETTER_SLACK = 1  # letters a word of an OCR'd plan may differ by

_DASHES = re.compile(r"\s*[-‐‑–—]\s*")
_SPACE_PERCENT = re.compile(r"(\d)\s+%")
_SPACES = re.compile(r"\s+")
_YEAR = re.compile(r"\d{4}")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_MY = re.compile(r"(\d{1,2})/(\d{4})")
# A figure inside a longer figure: a digit, or a separator joined to a digit, next to it.
_CUT_BEFORE = r"(?<!\d)(?<!\d[.,/])"
_CUT_AFTER = r"(?!\d)(?![.,/]\d)"


def _rows() -> list[dict]:
    with SET_PATH.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


ROWS = _rows()
PLAN_IDS = sorted(p.stem for p in PLANS_DIR.glob("*.txt"))


def _flat(text: str) -> str:
    text = _SPACE_PERCENT.sub(r"\1%", fold(text))
    return _SPACES.sub(" ", _DASHES.sub("-", text))


def _same(word: str, plan_word: str, slack: int) -> bool:
    if word == plan_word:
        return True
    if slack == 0 or any(c.isdigit() for c in word + plan_word):
        return False
    return Levenshtein.distance(word, plan_word) <= slack


def _canonical_dates(tokens: list[str], slack: int) -> list[str]:
    """Rewrite every date in ``tokens`` as d/m/yyyy or m/yyyy (no leading zeros)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i:i + 5]
        if (len(t) == 5 and t[0].isdigit() and _same("thang", t[1], slack) and t[2].isdigit()
                and _same("nam", t[3], slack) and _YEAR.fullmatch(t[4])):
            out.append(f"{int(t[0])}/{int(t[2])}/{t[4]}")
            i += 5
            continue
        if (len(t) >= 4 and _same("thang", t[0], slack) and t[1].isdigit()
                and _same("nam", t[2], slack) and _YEAR.fullmatch(t[3])):
            out.append(f"{int(t[1])}/{t[3]}")
            i += 4
            continue
        token = tokens[i]
        if match := _DMY.fullmatch(token):
            token = f"{int(match[1])}/{int(match[2])}/{match[3]}"
        elif match := _MY.fullmatch(token):
            token = f"{int(match[1])}/{match[2]}"
        out.append(token)
        i += 1
    return out


def _words(text: str) -> list[str]:
    return syllables(_SPACE_PERCENT.sub(r"\1%", text))


@lru_cache(maxsize=None)
def _plan(stem: str) -> tuple[str, list[str], list[str], int]:
    text = (PLANS_DIR / f"{stem}.txt").read_text(encoding="utf-8")
    slack = OCR_LETTER_SLACK if stem in OCR_PLANS else 0
    words = _words(text)
    return _flat(text), words, _canonical_dates(words, slack), slack


def _contains(plan_words: list[str], words: list[str], slack: int) -> bool:
    n = len(words)
    return n > 0 and any(
        all(_same(w, p, slack) for w, p in zip(words, plan_words[start:start + n]))
        for start in range(len(plan_words) - n + 1)
    )


def _in_flat(expected: str, flat: str) -> bool:
    needle = _flat(expected).strip()
    before = _CUT_BEFORE if needle[:1].isdigit() else ""
    after = _CUT_AFTER if needle[-1:].isdigit() or needle.endswith("%") else ""
    return re.search(before + re.escape(needle) + after, flat) is not None


def occurs(expected: str, stem: str) -> bool:
    """Whether ``expected`` is stated in plan ``stem`` (see module docstring)."""
    flat, words, dated, slack = _plan(stem)
    if _in_flat(expected, flat):
        return True
    mine = _words(expected)
    return _contains(words, mine, slack) or _contains(dated, _canonical_dates(mine, slack), slack)


def test_enough_rows_with_unique_ids_and_the_fixed_fields():
    assert len(ROWS) >= MIN_ROWS
    ids = [row["id"] for row in ROWS]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for row in ROWS:
        assert set(row) == FIELDS, row["id"]
        assert row["kind"] in KINDS, row["id"]
        assert isinstance(row["answerable"], bool), row["id"]
        assert row["question"].strip(), row["id"]


def test_every_kind_and_every_plan_is_covered():
    assert {row["kind"] for row in ROWS} == KINDS
    used = {doc for row in ROWS for doc in row["docs"]}
    assert used == set(PLAN_IDS)
    assert sum(row["kind"] == "abstain" for row in ROWS) >= MIN_ABSTAIN


def test_questions_are_not_repeated():
    questions = [fold(row["question"]).strip() for row in ROWS]
    assert len(questions) == len(set(questions))


@pytest.mark.parametrize("row", [r for r in ROWS if r["kind"] == "abstain"], ids=lambda r: r["id"])
def test_abstain_rows_expect_nothing(row):
    assert row["answerable"] is False
    assert row["docs"] == [] and row["expect"] == []


@pytest.mark.parametrize("row", [r for r in ROWS if r["kind"] != "abstain"], ids=lambda r: r["id"])
def test_answerable_rows_expect_what_their_plans_state(row):
    assert row["answerable"] is True
    assert row["docs"] and row["expect"]
    assert set(row["docs"]) <= set(PLAN_IDS), f"unknown plan in {row['docs']}"
    if row["kind"] == "compare":
        assert len(row["docs"]) >= 2
    for group in row["expect"]:
        assert group and all(isinstance(alt, str) and alt.strip() for alt in group)
        for alt in group:
            assert any(occurs(alt, doc) for doc in row["docs"]), f"{row['id']}: {alt!r} not in its plans"


def test_the_occurrence_check_rejects_what_a_plan_does_not_state():
    """Guards the check above: near-miss figures, dates and names must not pass."""
    kien_an = "kien-an_ke-hoach-dot-thi-dua-2025"
    thach_khoi = "thach-khoi_ke-hoach-50-dot-thi-dua-2025"
    assert occurs("330.681", kien_an) and not occurs("330.682", kien_an)
    assert occurs("10/12/2025", kien_an) and not occurs("11/12/2025", kien_an)
    assert occurs("19/09/2025", thach_khoi) and not occurs("18/9/2025", thach_khoi)
    assert occurs("98%", thach_khoi) and not occurs("97%", thach_khoi)
    assert occurs("Văn hóa - Xã hội", thach_khoi) and not occurs("Phòng Kinh tế", thach_khoi)
    assert not occurs("681", kien_an) and not occurs("67%", kien_an)
    assert not occurs("2/2025", kien_an) and not occurs("Lê Chân", kien_an)
