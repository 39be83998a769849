"""Chunks follow the structure: whole units, never cut mid-sentence, with context."""

from __future__ import annotations

import re

import pytest

from kehoach.ingest.pipeline import load_plan
from kehoach.ingest.sentences import sentence_spans
from kehoach.core.records import PlanDocument

from conftest import PLANS_DIR

MAX_CHARS = 700


@pytest.fixture(scope="module")
def plans() -> dict[str, PlanDocument]:
    return {p.stem: load_plan(p, MAX_CHARS) for p in sorted(PLANS_DIR.glob("*.txt"))}


def test_chunks_are_spans_of_the_plan(plans: dict[str, PlanDocument]) -> None:
    for plan in plans.values():
        previous_end = -1
        for chunk in plan.chunks:
            assert plan.text[chunk.start:chunk.end] == chunk.text
            assert chunk.start > previous_end  # in order, no overlap
            previous_end = chunk.end
            for segment in chunk.segments:
                assert chunk.start <= segment.start < segment.end <= chunk.end


def test_chunks_end_at_sentence_or_paragraph_ends(plans: dict[str, PlanDocument]) -> None:
    for plan in plans.values():
        ends = {p.end for p in plan.paragraphs}
        for paragraph in plan.paragraphs:
            ends.update(paragraph.start + b for _, b in sentence_spans(paragraph.text))
        for chunk in plan.chunks:
            assert chunk.end in ends, chunk.text[-60:]


def test_size_bound_except_single_sentences(plans: dict[str, PlanDocument]) -> None:
    for plan in plans.values():
        for chunk in plan.chunks:
            if len(chunk.text) > MAX_CHARS:
                # Only a unit that cannot be split: one sentence, or one heading + one sentence.
                assert len(sentence_spans(chunk.text.split("\n")[-1])) == 1, chunk.text[:80]


def test_each_numbered_target_is_whole_in_one_chunk(plans: dict[str, PlanDocument]) -> None:
    plan = plans["nguyen-luong-bang_ke-hoach-dot-thi-dua-2025"]
    for number in range(1, 21):
        paragraph = next(p for p in plan.paragraphs if p.text.startswith(f"({number}) "))
        holders = [c for c in plan.chunks if c.start <= paragraph.start and paragraph.end <= c.end]
        assert len(holders) == 1


def test_unit_and_its_duties_stay_together(plans: dict[str, PlanDocument]) -> None:
    plan = plans["cam-giang_ke-hoach-dot-thi-dua-2025"]
    chunk = next(c for c in plan.chunks if "4. Trung tâm Văn hóa - Thể thao" in c.text)
    assert "Đẩy mạnh tuyên truyền trên hệ thống loa truyền thanh" in chunk.text


def test_index_text_has_context_header(plans: dict[str, PlanDocument]) -> None:
    plan = plans["kien-an_ke-hoach-dot-thi-dua-2025"]
    chunk = next(c for c in plan.chunks if "4.675 học sinh" in c.text)
    header = chunk.index_text.split("\n", 1)[0]
    assert header.startswith("phường Kiến An | Kế hoạch phát động")
    assert "3. Các chỉ tiêu thi đua" in header
    assert chunk.index_text.endswith(chunk.text)
    segment = next(s for s in chunk.segments if "4.675" in plan.text[s.start:s.end])
    assert segment.section.endswith("- Giáo dục tiểu học › + Tổng số học sinh")


def test_ocr_chunks_carry_raw_text(plans: dict[str, PlanDocument]) -> None:
    plan = plans["thach-khoi_ke-hoach-50-dot-thi-dua-2025"]
    chunk = next(c for c in plan.chunks if "25/9/2025" in c.text)
    assert chunk.raw_text is not None and re.search(r"ngay 25/9/2025", chunk.raw_text)
