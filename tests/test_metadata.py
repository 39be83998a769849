"""Metadata of all five plans, the OCR'd ones included; absent fields stay None."""

from __future__ import annotations

import pytest

from kehoach.ingest.pipeline import load_plan
from kehoach.core.records import PlanDocument

from conftest import PLANS_DIR

EXPECTED = {
    "nguyen-luong-bang_ke-hoach-dot-thi-dua-2025": dict(
        locality="xã Nguyễn Lương Bằng", number=None, issue_date=None, signer="Đoàn Văn Cát",
        signer_title="Phó Chủ tịch", parent_plan="232/KH-UBND", parent_plan_date="2025-09-09",
        ocr_repaired=False, title_start="Kế hoạch phát động đợt thi đua thực hiện thắng lợi"),
    "nguyen-luong-bang_ke-hoach-23-thi-dua-khen-thuong-2025": dict(
        locality="xã Nguyễn Lương Bằng", number="23/KH-UBND", issue_date="2025-08-11",
        # The signature column reads "CHU TICH" (OCR'd, interleaved as "Noi nhin: 7 CHU TICH");
        # the expectation used to be None, which missed it.
        signer="Bùi Trọng Thược", signer_title="Chủ tịch", parent_plan=None, parent_plan_date=None,
        ocr_repaired=True, title_start="Kế hoạch triển khai thực hiện công tác Thi đua, Khen thưởng"),
    "cam-giang_ke-hoach-dot-thi-dua-2025": dict(
        locality="xã Cẩm Giang", number=None, issue_date=None, signer="Vương Đức Dũng",
        signer_title="Chủ tịch", parent_plan="252/KH-UBND", parent_plan_date="2025-09-09",
        ocr_repaired=False, title_start="Kế hoạch phát động Đợt thi đua thực hiện thắng lợi"),
    "kien-an_ke-hoach-dot-thi-dua-2025": dict(
        locality="phường Kiến An", number=None, issue_date=None, signer="Trần Thị Phương",
        signer_title="Phó Chủ tịch", parent_plan="232/KH-UBND", parent_plan_date="2025-09-09",
        ocr_repaired=False, title_start="Kế hoạch phát động đợt thi đua thực hiện thắng lợi"),
    "thach-khoi_ke-hoach-50-dot-thi-dua-2025": dict(
        # "TM. UY BAN NHAN DAN … N CHUTICH": signed for the committee by its Chủ tịch (no
        # "PHÓ CHỦ TỊCH" line, no printed name); the expectation used to be None.
        locality="phường Thạch Khôi", number="50/KH-UBND", issue_date="2025-09-19", signer=None,
        signer_title="Chủ tịch", parent_plan="232/KH-UBND", parent_plan_date="2025-09-09",
        ocr_repaired=True, title_start="Kế hoạch phát động đợt thi đua thực hiện thắng lợi"),
}


@pytest.fixture(scope="module")
def plans() -> dict[str, PlanDocument]:
    return {p.stem: load_plan(p, 700) for p in sorted(PLANS_DIR.glob("*.txt"))}


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_metadata(plans: dict[str, PlanDocument], doc_id: str) -> None:
    meta = plans[doc_id].meta
    expected = dict(EXPECTED[doc_id])
    title_start = expected.pop("title_start")
    for field, value in expected.items():
        assert getattr(meta, field) == value, field
    assert meta.title is not None and meta.title.startswith(title_start)
    assert meta.issuer == f"Ủy ban nhân dân {expected['locality']}"


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_evidence_spans_point_at_the_source(plans: dict[str, PlanDocument], doc_id: str) -> None:
    plan = plans[doc_id]
    from kehoach.core.text import fold

    for field, (start, end) in plan.meta.evidence.items():
        assert 0 <= start < end <= len(plan.text), field
        passage = fold(plan.text[start:end])
        if field == "number":
            assert plan.meta.number.split("/")[0] in passage
        if field == "parent_plan":
            assert plan.meta.parent_plan.split("/")[0] in passage


def test_blank_number_is_not_guessed(plans: dict[str, PlanDocument]) -> None:
    # "Số:         /KH-UBND Cẩm Giang, ngày     tháng 9 năm 2025": no number, no day.
    meta = plans["cam-giang_ke-hoach-dot-thi-dua-2025"].meta
    assert meta.number is None and meta.issue_date is None


def test_stray_locality_does_not_win(plans: dict[str, PlanDocument]) -> None:
    # The Cẩm Giang plan once names "xã Nguyên Giáp" (a copy-paste); its own name wins.
    assert plans["cam-giang_ke-hoach-dot-thi-dua-2025"].meta.locality == "xã Cẩm Giang"


def test_ocr_plans_keep_raw_text(plans: dict[str, PlanDocument]) -> None:
    plan = plans["thach-khoi_ke-hoach-50-dot-thi-dua-2025"]
    assert plan.raw_text is not None and "S6:50" in plan.raw_text
    assert "Số:50" in plan.text or "Số: 50" in plan.text
    repaired = [p for p in plan.paragraphs if p.raw is not None]
    assert len(repaired) > len(plan.paragraphs) / 2
