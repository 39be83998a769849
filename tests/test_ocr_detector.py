"""Issue 14: OCR repair runs only on text that is really OCR-damaged.

A short clean plan full of HTML was taken for OCR output (the tags' words are no
Vietnamese syllables) and "repaired": "phường" -> "phương", "Nguyễn" -> "Nguyên".
Clean plans of other provinces (../shared/corpus-other-provinces) must never be repaired;
the two OCR'd bundled plans still must be.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kehoach.ingest.ocr_repair import needs_repair, strip_markup
from kehoach.ingest.pipeline import build_plan, load_plan
from kehoach.ingest.readers import RawText

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "data" / "plans"
OCR_PLANS = ("thach-khoi_ke-hoach-50-dot-thi-dua-2025.txt",
             "nguyen-luong-bang_ke-hoach-23-thi-dua-khen-thuong-2025.txt")
OTHER_PROVINCES = next((p / "shared" / "corpus-other-provinces" for p in ROOT.parents
                        if (p / "shared" / "corpus-other-provinces").is_dir()), None)
# Clean real plans of other provinces: the shared ones when they are beside the checkout,
# and always the tuning split of eval/gen-dev (in the repository).
CLEAN = (sorted(OTHER_PROVINCES.glob("*.txt")) if OTHER_PROVINCES else []) + sorted(
    (ROOT / "eval" / "gen-dev" / "plans").glob("*.txt"))


def _as_html(text: str) -> str:
    """Plan text as Word's "save as web page" writes it: a tag and styles on every line."""
    body = "".join(f'<p class="MsoNormal" style="margin-top:6.0pt;text-align:justify">'
                   f'<span lang="vi" style="font-family:&quot;Times New Roman&quot;">{line}</span></p>\n'
                   for line in text.splitlines())
    return ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8">'
            '<style>p.MsoNormal{margin:0cm;font-size:13.0pt;font-family:"Times New Roman",serif}'
            '</style></head><body lang="VI"><div class="WordSection1">\n' + body +
            '<a href="https://example.org/van-ban">xem văn bản</a></div></body></html>')


def test_other_province_corpus_is_there() -> None:
    assert len(CLEAN) >= 3, OTHER_PROVINCES


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_plans_of_other_provinces_are_not_repaired(path: Path) -> None:
    plan = load_plan(path, 700)
    assert not plan.meta.ocr_repaired and plan.raw_text is None


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_plans_full_of_html_are_not_repaired(path: Path) -> None:
    text = "UBND phường Nguyễn Trãi\n" + path.read_text(encoding="utf-8")
    html = _as_html(text)
    plan = build_plan(RawText(html, path.name), path.stem, "digest", 700)
    assert not plan.meta.ocr_repaired
    assert "phường Nguyễn Trãi" in plan.text


@pytest.mark.parametrize("name", OCR_PLANS)
def test_ocr_plans_are_still_repaired(name: str) -> None:
    plan = load_plan(PLANS / name, 700)
    assert plan.meta.ocr_repaired
    assert "Kế hoạch" in plan.text or "KẾ HOẠCH" in plan.text


@pytest.mark.parametrize("name", OCR_PLANS)
def test_ocr_plans_wrapped_in_html_are_still_repaired(name: str) -> None:
    assert needs_repair(_as_html((PLANS / name).read_text(encoding="utf-8")))


def test_clean_text_with_english_is_not_repaired() -> None:
    """Invalid syllables in well-marked Vietnamese are loanwords or English, not OCR."""
    text = CLEAN[0].read_text(encoding="utf-8")
    english = " ".join(["The committee shall report progress monthly to the provincial office."] * 20)
    assert not needs_repair(text + "\n" + english)


def test_markup_is_blanked() -> None:
    stripped = strip_markup('<p style="x">phường&nbsp;Nguyễn</p> https://a.b/c?d=1 <style>p{a:b}</style>')
    assert re.sub(r"\s+", " ", stripped).strip() == "phường Nguyễn"
