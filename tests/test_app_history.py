"""History, feedback and export in the real app (AppTest over a real index): the
conversation is stored and named in the URL, a new session with that URL gets it back,
👍/👎 with a comment is stored against the answer, and "Tải Word" holds the citations."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from streamlit.testing.v1 import AppTest

from kehoach.core.history import HistoryStore
from kehoach.core.settings import PROJECT_ROOT, Settings
from kehoach.ui.answer_actions import COMMENT_LABEL, DOCX_LABEL

_TIMEOUT_S = 300
QUESTION = "Chỉ tiêu BHYT của xã Nguyễn Lương Bằng là bao nhiêu?"
FOLLOW_UP = "Còn hạn báo cáo thì sao?"


def _app(settings: Settings, db: Path, monkeypatch: pytest.MonkeyPatch,
         conversation: str | None = None) -> AppTest:
    monkeypatch.setenv("KEHOACH_PLANS_DIR", str(settings.plans_dir))
    monkeypatch.setenv("KEHOACH_INDEX_DIR", str(settings.index_dir))
    monkeypatch.setenv("KEHOACH_HISTORY_DB", str(db))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=_TIMEOUT_S)
    if conversation:
        at.query_params["c"] = conversation
    at.run()
    assert not at.exception, at.exception
    return at


def _ask(at: AppTest, question: str) -> None:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception


def test_conversation_in_url_is_restored_in_a_new_session(
        built_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "history.sqlite3"
    at = _app(built_settings, db, monkeypatch)
    _ask(at, QUESTION)
    _ask(at, FOLLOW_UP)
    ident = at.query_params["c"][0] if isinstance(at.query_params["c"], list) else at.query_params["c"]
    stored = HistoryStore(db).messages(ident)
    assert [m.question for m in stored] == [QUESTION, FOLLOW_UP]
    assert stored[1].carried_locality == "xã Nguyễn Lương Bằng"

    again = _app(built_settings, db, monkeypatch, conversation=ident)  # a reload
    questions = [m.markdown[0].value.replace("\\", "") for m in again.chat_message
                 if m.name == "user"]
    assert questions == [QUESTION, FOLLOW_UP]
    answers = [m for m in again.chat_message if m.name == "assistant"]
    assert "100%" in answers[0].markdown[0].value
    assert answers[0].expander[0].label.startswith("[1] xã Nguyễn Lương Bằng")
    # The past conversation is listed in the sidebar (the open one greyed out).
    past = [b for b in again.sidebar.button if b.key == f"past-{ident}"]
    assert past and past[0].label.startswith(QUESTION[:40]) and past[0].disabled


def test_feedback_with_comment_is_stored(built_settings: Settings, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "history.sqlite3"
    at = _app(built_settings, db, monkeypatch)
    _ask(at, QUESTION)
    at.get("feedback")[0].set_value(0).run()
    assert not at.exception, at.exception
    [comment] = [t for t in at.text_input if t.label == COMMENT_LABEL]
    comment.set_value("Cần nêu cả năm 2025").run()
    [row] = HistoryStore(db).feedback()
    assert (row.rating, row.comment, row.question) == (0, "Cần nêu cả năm 2025", QUESTION)
    assert "100%" in row.answer and row.citations[0]["locality"] == "xã Nguyễn Lương Bằng"


def test_word_export_holds_the_citations(built_settings: Settings, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(built_settings, tmp_path / "history.sqlite3", monkeypatch)
    _ask(at, QUESTION)
    [button] = [b for b in at.get("download_button") if b.label == DOCX_LABEL]
    assert button.proto.label == DOCX_LABEL
    # AppTest does not download; the same bytes come from the deferred callable's module.
    from kehoach.answer.export import answer_docx
    from kehoach.core.history import HistoryStore as Store

    ident = at.query_params["c"]
    ident = ident[0] if isinstance(ident, list) else ident
    answer = Store(tmp_path / "history.sqlite3").messages(ident)[0].answer
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(answer_docx(answer))).paragraphs)
    assert QUESTION in text and "100%" in text
    assert "[1] xã Nguyễn Lương Bằng — " in text and answer.citations[0].text[:40] in text
