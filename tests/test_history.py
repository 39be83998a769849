"""The local history/feedback store (a real SQLite file) and `kehoach feedback export`."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from kehoach.cli import cli
from kehoach.core.errors import HistoryError
from kehoach.core.history import HistoryStore
from kehoach.core.records import Answer, Citation


def _answer(question: str = "Chỉ tiêu BHYT của xã A là bao nhiêu?") -> Answer:
    citation = Citation(n=1, doc="xa-a_kh-12", title="Kế hoạch 12/KH-UBND về BHYT",
                        locality="xã A", section="II › 1", text="Tỷ lệ tham gia BHYT đạt 95%.",
                        score=0.8123, start=10, end=38, highlight=(0, 28))
    return Answer(question=question, answer="Chỉ tiêu BHYT của xã A là 95% [1].", found=True,
                  locality="xã A", citations=(citation,), timings_ms={"retrieve": 12.5},
                  kind="target", extra={"filter_ignored": False})


def test_conversation_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "sub" / "history.sqlite3"
    store = HistoryStore(db)
    cid = store.new_conversation()
    first = store.add_message(cid, _answer(), carried_locality=None)
    store.add_message(cid, _answer("Còn hạn báo cáo?"), carried_locality="xã A")

    # A new store object on the same file (as after a reload or restart) sees the same rows.
    again = HistoryStore(db)
    rows = again.messages(cid)
    assert [r.question for r in rows] == ["Chỉ tiêu BHYT của xã A là bao nhiêu?", "Còn hạn báo cáo?"]
    assert rows[0].id == first and rows[1].carried_locality == "xã A"
    assert rows[0].answer == _answer()  # the whole answer, citations and extras, comes back
    listed = again.conversations()
    assert [(c.id, c.title, c.messages) for c in listed] == \
        [(cid, "Chỉ tiêu BHYT của xã A là bao nhiêu?", 2)]
    # The tables are plain SQLite any tool can read.
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT COUNT(*) FROM messages").fetchone() == (2,)


def test_past_conversations_newest_first_and_empty_ones_hidden(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.db")
    old, empty, new = store.new_conversation(), store.new_conversation(), store.new_conversation()
    store.add_message(old, _answer("cũ"))
    store.add_message(new, _answer("mới"))
    assert [c.id for c in store.conversations()] == [new, old]
    assert store.has_conversation(empty) and not store.has_conversation("khong-co")
    store.delete_conversation(old)
    assert [c.id for c in store.conversations()] == [new] and store.messages(old) == []


def test_feedback_stored_with_question_answer_citations(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.db")
    cid = store.new_conversation()
    mid = store.add_message(cid, _answer())
    store.set_feedback(mid, 0, "Sai năm")
    store.set_feedback(mid, 1)  # a second vote replaces the first, keeps the comment
    [row] = store.feedback()
    assert (row.message_id, row.rating, row.comment) == (mid, 1, "Sai năm")
    assert row.question.startswith("Chỉ tiêu BHYT") and "95%" in row.answer
    assert row.citations[0]["doc"] == "xa-a_kh-12"
    with pytest.raises(HistoryError, match="1 \\(👍\\) hoặc 0 \\(👎\\)"):
        store.set_feedback(mid, 5)
    with pytest.raises(HistoryError, match="Không có câu trả lời số 999"):
        store.set_feedback(999, 1)


def test_feedback_export_jsonl_and_csv(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.db")
    cid = store.new_conversation()
    store.set_feedback(store.add_message(cid, _answer()), 0, "Thiếu nguồn, dấu \"phẩy\", xuống\ndòng")
    [line] = store.export_feedback("jsonl").splitlines()
    record = json.loads(line)
    assert record["rating"] == "👎" and record["citations"][0]["locality"] == "xã A"
    [row] = list(csv.DictReader(io.StringIO(store.export_feedback("csv"))))
    assert row["comment"] == "Thiếu nguồn, dấu \"phẩy\", xuống\ndòng"
    assert json.loads(row["citations"])[0]["n"] == 1
    with pytest.raises(HistoryError, match="'xml' không hỗ trợ"):
        store.export_feedback("xml")


def test_cli_feedback_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "h.db"
    store = HistoryStore(db)
    store.set_feedback(store.add_message(store.new_conversation(), _answer()), 1)
    monkeypatch.setenv("KEHOACH_HISTORY_DB", str(db))
    out = tmp_path / "review.csv"
    result = CliRunner().invoke(cli, ["feedback", "export", "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Đã xuất 1 đánh giá" in result.output
    assert list(csv.DictReader(out.open(encoding="utf-8")))[0]["rating"] == "👍"
    stdout = CliRunner().invoke(cli, ["feedback", "export"])
    assert json.loads(stdout.output)["question"].startswith("Chỉ tiêu BHYT")
    bad = CliRunner().invoke(cli, ["feedback", "export", "--out", str(tmp_path / "no-such" / "x.jsonl")])
    assert bad.exit_code == 2 and "Không ghi được tệp" in bad.output and "Traceback" not in bad.output


def test_unwritable_location_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(HistoryError, match="KEHOACH_HISTORY_DB"):
        HistoryStore(blocker / "history.sqlite3")
