"""What a candidate sentence states (kehoach.answer.evidence), read by the one plan grammar
(grammar.docrefs, grammar.dates, grammar.figures), on sentences of real plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.answer.compose import deadline_phrase
from kehoach.answer.evidence import Sentence
from kehoach.ingest.pipeline import load_plan
from kehoach.ingest.sentences import sentence_spans

from benchmarks.metadata_pr import shared_dir
from conftest import PLANS_DIR

ROOT = Path(__file__).resolve().parent.parent
GEN_DEV = ROOT / "eval" / "gen-dev" / "plans"
TUNE_TARGET = ROOT / "eval" / "tune-target" / "plans"  # tuning sets: tests may use them


def _sentence(path: Path, starts: str) -> Sentence:
    """The sentence of the plan at ``path`` that starts with ``starts``."""
    plan = load_plan(path, 1200)
    for paragraph in plan.paragraphs:
        for a, b in sentence_spans(paragraph.text):
            if paragraph.text[a:b].startswith(starts):
                return Sentence(paragraph.text[a:b], paragraph.start + a, paragraph.start + b,
                                "", None, 0)  # type: ignore[arg-type]
    raise AssertionError(f"no sentence {starts!r} in {path.name}")


@pytest.mark.parametrize(("path", "starts"), [
    (TUNE_TARGET / "gia-lai_xa-lo-ku-dinh-huong-phat-trien-2021-2025.txt", "1- Mục tiêu tổng quát"),
    (TUNE_TARGET / "gia-lai_xa-lo-ku-dinh-huong-phat-trien-2021-2025.txt", "2- Các chỉ tiêu chủ yếu"),
    (PLANS_DIR / "cam-giang_ke-hoach-dot-thi-dua-2025.txt", "Hoàn thành và hoàn thành vượt mức"),
])
def test_a_numbered_item_or_a_session_is_no_document_reference(path: Path, starts: str) -> None:
    """"1- Mục tiêu", "kỳ họp thứ 2 - HĐND khoá I": a number, a dash and a capital are no
    ký hiệu (the old evidence regex read "2 - HĐND" as one and the sentence "stated" a docref)."""
    sentence = _sentence(path, starts)
    assert sentence.docrefs == []
    assert "docref" not in sentence.stated()


def test_a_resolution_of_the_national_assembly_is_no_law() -> None:
    """"Nghị quyết số 24/2021/QH15": the issuer code QH says who issued it, not that it is a law."""
    shared = shared_dir()
    if shared is None:
        pytest.skip("shared/corpus-other-provinces is not beside this checkout")
    sentence = _sentence(shared / "corpus-other-provinces" / "lang-son_ke-hoach-51-giam-ngheo-2024.txt",
                         "Căn cứ Nghị quyết số 24/2021/QH15")
    assert "nghi quyet" in sentence.docref_types
    assert "luat" not in sentence.docref_types


def test_a_laws_date_is_no_deadline() -> None:
    """"Luật Đê điều số 79/2006/QH11 ngày 29 tháng 11 năm 2006": a cited document's date."""
    sentence = _sentence(GEN_DEV / "binh-thuan_ke-hoach-2263-phong-chong-thien-tai-2021-2025.txt",
                         "- Luật Đê điều số 79/2006/QH11")
    assert sentence.dates and sentence.deadlines == []
    assert "deadline" not in sentence.stated() and "docref:luat" in sentence.stated()


def test_a_rate_per_year_is_a_percentage() -> None:
    """"tăng 10%/năm trở lên": the "/" after a percentage is "per", not a ký hiệu's slash."""
    sentence = _sentence(TUNE_TARGET / "gia-lai_xa-lo-ku-dinh-huong-phat-trien-2021-2025.txt",
                         "(6) Thu cân đối ngân sách")
    assert sentence.percents == ["10%"]
    assert {"number", "percent"} <= sentence.stated()


def test_a_deadline_is_quoted_with_its_cue_and_a_plan_is_cited_by_number() -> None:
    sentence = _sentence(PLANS_DIR / "kien-an_ke-hoach-dot-thi-dua-2025.txt", "b) Báo cáo kết quả")
    assert deadline_phrase(sentence) == "trước ngày 10/12/2025"
    assert "deadline" in sentence.stated()
    preamble = _sentence(PLANS_DIR / "kien-an_ke-hoach-dot-thi-dua-2025.txt", "Thực hiện Kế hoạch số 232")
    assert preamble.cites("232") and not preamble.cites("23")
    assert preamble.deadlines == []
