"""Issue 14: small hostile files with a huge cost are refused (or bounded) before the work.

The bombs are built here (benchmarks/hostile_files.py) and fed to ``kehoach ingest`` in a
child process, which reports its own time and peak RSS (VmHWM of its own process image:
honest for the whole process, numpy and pdfium included). The plans and index folders must not change.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from conftest import index_snapshot, private_copy
from click.testing import CliRunner

from benchmarks.hostile_files import (docx_inflating, docx_many_paragraphs, pdf_heavy_page, pdf_huge_page,
                                      pdf_many_pages, pdf_many_scanned_pages, run_ingest,
                                      txt_long_sentence)
from kehoach.cli import cli
from kehoach.core.errors import LimitExceededError
from kehoach.core.settings import Settings
from kehoach.index.builder import ingest
from kehoach.ingest.chunking import HARD_FACTOR
from kehoach.ingest.limits import Limits, ocr_render_dpi
from kehoach.ingest.pipeline import load_plan
from kehoach.ingest.readers import read_bytes

# ../shared/corpus-other-provinces beside the checkout (or beside a folder of worktrees).
OTHER_PROVINCES = next((p / "shared" / "corpus-other-provinces" for p in Path(__file__).resolve().parents
                        if (p / "shared" / "corpus-other-provinces").is_dir()),
                       Path("/work/shared/corpus-other-provinces"))
SMALL_PLAN = OTHER_PROVINCES / "lang-son_ke-hoach-51-giam-ngheo-2024.txt"
SECONDS = 60
PEAK_MB = 1024


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Settings:  # type: ignore[no-untyped-def]
    """An index of one short real plan (3 chunks: cheap to build on a shared machine)."""
    root = tmp_path_factory.mktemp("limits-index")
    (root / "plans").mkdir()
    shutil.copy(SMALL_PLAN, root / "plans" / SMALL_PLAN.name)
    settings = Settings.load(plans_dir=root / "plans", index_dir=root / "index")
    ingest(settings, embeddings)
    return settings


@pytest.fixture()
def folders(small_index: Settings, tmp_path: Path) -> Settings:
    return private_copy(small_index, tmp_path)




@pytest.mark.parametrize(("build", "name", "setting"), [
    (docx_inflating, "inflate.docx", "KEHOACH_MAX_DOCX_XML_MB"),
    (pdf_huge_page, "huge-page.pdf", "KEHOACH_OCR_MAX_PAGE_MEGAPIXELS"),
    (docx_many_paragraphs, "many-paragraphs.docx", "KEHOACH_MAX_PLAN_CHARS"),
    (pdf_many_pages, "many-pages.pdf", "KEHOACH_MAX_PDF_PAGES"),
    (pdf_many_scanned_pages, "many-scans.pdf", "KEHOACH_MAX_OCR_PAGES"),
    (pdf_heavy_page, "heavy-page.pdf", "KEHOACH_MAX_PDF_PAGE_CONTENT_MB"),
    (txt_long_sentence, "long-sentence.txt", "KEHOACH_MAX_PLAN_CHARS"),  # 236 KB, 339 chunks
    (lambda path: txt_long_sentence(path, 100_000), "long-100k.txt", "KEHOACH_MAX_PLAN_CHUNKS"),
])
def test_bomb_is_refused_fast_and_changes_nothing(folders: Settings, tmp_path: Path, build,  # type: ignore[no-untyped-def]
                                                  name: str, setting: str) -> None:
    bomb = build(tmp_path / name)
    assert bomb.stat().st_size < 1_100_000  # small file ...
    before = index_snapshot(folders)
    result = run_ingest(bomb, folders.plans_dir, folders.index_dir, timeout=SECONDS)
    assert result["code"] == "2", result  # ... refused: exit 2, one line, no traceback
    message = result["stderr"][-1]
    assert message.startswith("Lỗi: ") and ("vượt giới hạn" in message or "dpi" in message)
    assert setting in message
    assert result["seconds"] < SECONDS and result["peak_mb"] < PEAK_MB, result
    assert index_snapshot(folders) == before


def test_inflating_docx_is_really_a_bomb(tmp_path: Path) -> None:
    """The test above must not pass because the bomb is fake: its XML claims ~1 GB."""
    bomb = docx_inflating(tmp_path / "inflate.docx")
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo("word/document.xml").file_size > 1_000_000_000
    assert bomb.stat().st_size < 1_100_000


def test_docx_under_the_limits_still_reads(tmp_path: Path) -> None:
    """The same DOCX with a small run reads: the limit is not a refusal of every DOCX."""
    data = docx_inflating(tmp_path / "small.docx", megabytes=0.1).read_bytes()
    assert read_bytes(data, "small.docx").text.startswith("Kế hoạch")
    with pytest.raises(LimitExceededError, match="KEHOACH_MAX_DOCX_UNZIPPED_MB"):
        read_bytes(data, "small.docx", limits=Limits(max_docx_unzipped_mb=0.05))


def test_page_too_large_for_full_dpi_is_rendered_coarser() -> None:
    a4 = ocr_render_dpi(595, 842, 1, "a.pdf", Limits())
    assert a4 == Limits().ocr_dpi  # an A4 scan keeps its 300 dpi
    a0 = ocr_render_dpi(2384, 3370, 1, "a0.pdf", Limits())
    assert Limits().ocr_min_dpi <= a0 < Limits().ocr_dpi
    assert (2384 / 72 * a0) * (3370 / 72 * a0) <= Limits().ocr_max_page_megapixels * 1e6 * 1.001
    with pytest.raises(LimitExceededError, match="KEHOACH_OCR_MIN_DPI"):
        ocr_render_dpi(14_400, 14_400, 1, "huge.pdf", Limits())


# Limits raised past the long-sentence bomb, to see how the chunker cuts it.
_ROOMY = dataclasses.replace(Limits(), max_plan_chars=10**6, max_plan_chunks=10**5)


def test_long_sentence_without_full_stop_is_split(tmp_path: Path) -> None:
    """A 236 KB 'sentence' becomes bounded chunks covering all of it, in seconds."""
    path = txt_long_sentence(tmp_path / "long.txt")
    started = time.perf_counter()
    plan = load_plan(path, 700, limits=_ROOMY)
    assert time.perf_counter() - started < SECONDS
    assert len(plan.text) > 236_000
    assert max(len(c.text) for c in plan.chunks) <= HARD_FACTOR * 700
    assert len(plan.chunks) > 236_000 // (HARD_FACTOR * 700)
    covered = sum(len(c.text) for c in plan.chunks)
    assert covered > 0.99 * len(plan.text)


def test_chunk_limit_refuses_before_embedding(folders: Settings, tmp_path: Path) -> None:
    path = txt_long_sentence(tmp_path / "long.txt", 30_000)  # ~43 chunks
    before = index_snapshot(folders)
    result = CliRunner(env={"KEHOACH_MAX_PLAN_CHUNKS": "20"}).invoke(
        cli, ["--plans-dir", str(folders.plans_dir), "--index-dir", str(folders.index_dir),
              "ingest", str(path)])
    assert result.exit_code == 2
    assert "số đoạn cần nhúng" in result.stderr and "KEHOACH_MAX_PLAN_CHUNKS" in result.stderr
    assert "tách kế hoạch thành nhiều tệp" in result.stderr
    assert index_snapshot(folders) == before


@pytest.mark.parametrize("value", ["0", "-5"])
def test_a_limit_of_zero_or_less_is_refused_with_its_name(folders: Settings, tmp_path: Path,
                                                          value: str) -> None:
    """KEHOACH_MAX_PLAN_CHUNKS=0 used to refuse every plan ("0 chunks allowed"); a limit
    must be positive, and the message names the variable, before any plan is touched."""
    path = txt_long_sentence(tmp_path / "short.txt", 2_000)
    before = index_snapshot(folders)
    result = CliRunner(env={"KEHOACH_MAX_PLAN_CHUNKS": value}).invoke(
        cli, ["--plans-dir", str(folders.plans_dir), "--index-dir", str(folders.index_dir),
              "ingest", str(path)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # a message, no traceback
    assert "KEHOACH_MAX_PLAN_CHUNKS" in result.stderr and "lớn hơn 0" in result.stderr
    assert index_snapshot(folders) == before


def test_longest_plan_the_defaults_accept_ingests_under_a_minute(folders: Settings,
                                                                 tmp_path: Path) -> None:
    """The chunk limit is a time bound: a long sentence cut into just under
    ``max_plan_chunks`` chunks goes through the FULL ingest (read, chunk, embed, write)
    under 60 s and 1 GB, in a child process, on this shared 2-core machine."""
    limit = Limits().max_plan_chunks
    chars = int(limit * 0.97 * 690)  # the bomb's chunks hold ~690 characters
    path = txt_long_sentence(tmp_path / "long.txt", chars)
    chunks = len(load_plan(path, Settings().chunk_max_chars, limits=_ROOMY).chunks)
    assert 0.9 * limit <= chunks <= limit, chunks
    result = run_ingest(path, folders.plans_dir, folders.index_dir, timeout=SECONDS)
    assert result["code"] == "0", result
    assert result["seconds"] < SECONDS and result["peak_mb"] < PEAK_MB, result
    assert (folders.plans_dir / path.name).is_file()


def test_refused_file_already_in_the_plans_folder_is_reported(folders: Settings, embeddings) -> None:  # type: ignore[no-untyped-def]
    """A bomb copied into the plans folder by hand: ingest names it, indexes the rest."""
    pdf_many_pages(folders.plans_dir / "bomb.pdf")
    report = ingest(folders, embeddings)
    assert [name for name, _ in report.failed] == ["bomb.pdf"]
    assert "KEHOACH_MAX_PDF_PAGES" in report.failed[0][1]
    assert SMALL_PLAN.stem in report.unchanged


def test_plan_char_limit_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_MAX_PLAN_CHARS", "100")
    with pytest.raises(LimitExceededError, match="KEHOACH_MAX_PLAN_CHARS"):
        read_bytes(SMALL_PLAN.read_bytes(), SMALL_PLAN.name)


# --- questions -------------------------------------------------------------------------

def test_100kb_question_is_refused_fast(assistant_small) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    with pytest.raises(LimitExceededError, match="KEHOACH_MAX_QUESTION_CHARS"):
        assistant_small.ask("Chỉ tiêu BHYT là bao nhiêu? " * 4000)
    assert time.perf_counter() - started < 1.0


def test_100kb_question_from_the_cli(folders: Settings) -> None:
    result = CliRunner().invoke(cli, ["--plans-dir", str(folders.plans_dir), "--index-dir",
                                      str(folders.index_dir), "ask", "x" * 100_000])
    assert result.exit_code == 2 and "Câu hỏi quá dài" in result.stderr
    assert "KEHOACH_MAX_QUESTION_CHARS" in result.stderr


def test_query_embedding_is_cut_to_max_tokens(embeddings) -> None:  # type: ignore[no-untyped-def]
    question = "Chỉ tiêu BHYT của xã Nguyễn Lương Bằng là bao nhiêu? " * 2000
    cut = embeddings.truncate_query(question)
    assert embeddings._token_count(cut) <= embeddings.max_query_tokens
    assert question.startswith(cut) and len(cut) > 1000
    short = "Chỉ tiêu BHYT là bao nhiêu?"
    assert embeddings.truncate_query(short) == short


@pytest.fixture(scope="module")
def assistant_small(small_index: Settings, embeddings):  # type: ignore[no-untyped-def]
    from kehoach.answer.assistant import Assistant
    from kehoach.index.store import load_index

    return Assistant(small_index, embeddings, load_index(small_index.index_dir))


def test_chat_caps_questions(small_index: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The chat box has max_chars, and Streamlit cuts a longer value server-side too (AppTest
    sends it as a script could): a 100 KB question is answered as its first 1,000 characters."""
    from streamlit.testing.v1 import AppTest

    from kehoach.core.settings import PROJECT_ROOT

    monkeypatch.setenv("KEHOACH_PLANS_DIR", str(small_index.plans_dir))
    monkeypatch.setenv("KEHOACH_INDEX_DIR", str(small_index.index_dir))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=300)
    at.run()
    assert not at.exception, at.exception
    assert at.chat_input[0].proto.max_chars == Settings().max_question_chars
    started = time.perf_counter()
    at.chat_input[0].set_value("Chỉ tiêu BHYT là bao nhiêu? " * 4000).run()
    assert time.perf_counter() - started < SECONDS
    assert not at.exception, at.exception
    users = [m for m in at.chat_message if m.name == "user"]
    assert users and len(users[-1].markdown[0].value) <= Settings().max_question_chars
    assert [m for m in at.chat_message if m.name == "assistant"]


# --- options ---------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "message"), [
    (["ask", "--k", "0", "câu hỏi"], "--k = 0 nằm ngoài khoảng cho phép: từ 1 đến 50"),
    (["ask", "--k", "abc", "câu hỏi"], "--k cần một số nguyên từ 1 đến 50, không phải 'abc'"),
    (["ask", "--mode", "xyz", "câu hỏi"], "--mode = 'xyz' không hợp lệ"),
    (["app", "--port", "70000"], "--port = 70000 nằm ngoài khoảng cho phép"),
])
def test_bad_numeric_options_get_a_vietnamese_message(folders: Settings, args: list[str],
                                                      message: str) -> None:
    result = CliRunner().invoke(cli, ["--plans-dir", str(folders.plans_dir), "--index-dir",
                                      str(folders.index_dir), *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("Lỗi: ") and message in result.stderr
    assert "Invalid value" not in result.output + result.stderr


# --- symlinks --------------------------------------------------------------------------

def test_symlink_leaving_the_plans_folder_is_refused(folders: Settings, tmp_path: Path,
                                                     embeddings) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("Mật khẩu quản trị hệ thống của xã là abc123456789.\n" * 3, encoding="utf-8")
    link = folders.plans_dir / "ke-hoach-bi-mat.txt"
    link.symlink_to(secret)
    inside = folders.plans_dir / "ban-sao.txt"
    inside.symlink_to(folders.plans_dir / SMALL_PLAN.name)  # a link within the folder is fine
    report = ingest(folders, embeddings)
    assert report.failed and report.failed[0][0] == link.name
    assert "symlink" in report.failed[0][1] and "ngoài thư mục kế hoạch" in report.failed[0][1]
    from kehoach.index.store import load_index

    index = load_index(folders.index_dir)
    assert "ke-hoach-bi-mat" not in index.plans and "ban-sao" in index.plans
    assert not any("abc123456789" in c.text for c in index.chunks)
    result = CliRunner().invoke(cli, ["--plans-dir", str(tmp_path / "p2"), "--index-dir",
                                      str(tmp_path / "i2"), "ingest", str(folders.plans_dir)])
    assert result.exit_code == 2 and "symlink" in result.stderr
    assert not (tmp_path / "p2").exists()


def test_docx_zip_headers_are_read_without_inflating(tmp_path: Path) -> None:
    """The DOCX check reads headers only: refusing the 1 GB bomb takes well under a second."""
    data = docx_inflating(tmp_path / "inflate.docx").read_bytes()
    started = time.perf_counter()
    with pytest.raises(LimitExceededError, match="1,000 MB"):
        read_bytes(data, "inflate.docx")
    assert time.perf_counter() - started < 1.0
    assert zipfile.is_zipfile(io.BytesIO(data))


def test_docx_of_empty_paragraphs_is_refused_before_parsing(tmp_path: Path) -> None:
    """4 million '<w:p/>' compress to 36 kB; python-docx would need many minutes for them."""
    from benchmarks.hostile_files import _docx

    bomb = _docx(tmp_path / "empty-paragraphs.docx",
                 iter(["<w:p/>" * 1000] * 4000 + ['<w:p><w:r><w:t>Kế hoạch năm 2025</w:t></w:r></w:p>']))
    assert bomb.stat().st_size < 100_000
    started = time.perf_counter()
    with pytest.raises(LimitExceededError, match="KEHOACH_MAX_DOCX_PARAGRAPHS"):
        read_bytes(bomb.read_bytes(), bomb.name)
    assert time.perf_counter() - started < 5
    with pytest.raises(LimitExceededError, match="KEHOACH_MAX_DOCX_XML_ELEMENTS"):
        read_bytes(bomb.read_bytes(), bomb.name, limits=Limits(max_docx_xml_elements=10_000))


def test_pdf_with_light_pages_still_reads(tmp_path: Path) -> None:
    """The heavy-page builder with a normal amount of text gives a readable PDF."""
    raw = read_bytes(pdf_heavy_page(tmp_path / "light.pdf", operators=50).read_bytes(), "light.pdf")
    assert raw.pages == 1 and "Ke" in raw.text
    with pytest.raises(LimitExceededError, match="KEHOACH_MAX_PDF_CONTENT_MB"):
        read_bytes(pdf_many_pages(tmp_path / "many.pdf", pages=100).read_bytes(), "many.pdf",
                   limits=Limits(max_pdf_content_mb=0.001))
