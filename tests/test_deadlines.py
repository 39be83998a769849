"""Deadlines (kehoach.extract.deadlines), read by the one date grammar, on real plans."""

from __future__ import annotations

import datetime as dt

from kehoach.extract.deadlines import extract_deadlines
from kehoach.ingest.pipeline import load_plan, load_plan_bytes

from conftest import PLANS_DIR

KIEN_AN = PLANS_DIR / "kien-an_ke-hoach-dot-thi-dua-2025.txt"
MAX_CHARS = 1200


def test_the_plans_deadlines_and_none_of_its_cited_documents_dates() -> None:
    """Kiến An is due to report "trước ngày 10/12/2025" and "trước ngày 15/12/2025"; the
    dates of the documents it implements (Kế hoạch 232/KH-UBND ngày 09/9/2025, Chỉ thị
    41-CT/TW ngày 26/12/2024 …) are no deadlines."""
    plan = load_plan(KIEN_AN, MAX_CHARS)
    deadlines = extract_deadlines(plan.meta, plan.paragraphs)
    assert [d.date for d in deadlines] == [dt.date(2025, 12, 10), dt.date(2025, 12, 15)]
    assert deadlines[1].recipient and deadlines[1].recipient.startswith("Ban Thi đua")


def test_an_ocr_spaced_date_and_a_cited_documents_date_in_one_sentence() -> None:
    """"trước ngày 10 tháng12 năm 2025" (OCR ran "tháng" into its number) is a deadline the
    one date grammar reads; "Kế hoạch số 23, ngày 05/3/2024" written before it in the
    same sentence is a cited document's date, not a deadline."""
    text = KIEN_AN.read_text(encoding="utf-8")
    deadline = "trước ngày 10/12/2025."
    assert deadline in text
    text = text.replace(deadline, "theo Kế hoạch số 23, ngày 05/3/2024 của UBND thành phố "
                                  "trước ngày 10 tháng12 năm 2025.")
    plan = load_plan_bytes(text.encode("utf-8"), KIEN_AN.name, MAX_CHARS)
    dates = [d.date for d in extract_deadlines(plan.meta, plan.paragraphs)]
    assert dates == [dt.date(2025, 12, 10), dt.date(2025, 12, 15)]
