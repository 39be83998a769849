"""Conversations, answers and feedback kept on this machine, in one SQLite file.

WHY SQLite: the standard library has it, one file in the data folder is easy to back up
or delete, and it serialises the writes of several app sessions (WAL mode) without a
server. Nothing here leaves the machine; ``export_feedback`` writes a file for review.

Tables: ``conversations`` (id, created, title), ``messages`` (one answered question:
question, answer text, the whole answer and its citations as JSON) and ``feedback``
(👍/👎, an optional comment, and a copy of the question, answer and citations so a
reviewer reads it without the conversation).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kehoach.core.errors import HistoryError
from kehoach.core.records import Answer, Citation

__all__ = ["HistoryStore", "ConversationRow", "MessageRow", "FeedbackRow",
           "answer_from_json", "FEEDBACK_FORMATS", "RATINGS"]

FEEDBACK_FORMATS = ("jsonl", "csv")
RATINGS = {1: "👍", 0: "👎"}
_TITLE_CHARS = 80
_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    created TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    carried_locality TEXT
);
CREATE INDEX IF NOT EXISTS messages_by_conversation ON messages(conversation_id, id);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    created TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (0, 1)),
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS feedback_per_message ON feedback(message_id);
"""


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _title(question: str) -> str:
    words = " ".join(question.split())
    if len(words) <= _TITLE_CHARS:
        return words
    return words[:_TITLE_CHARS].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class ConversationRow:
    id: str
    created: str
    title: str
    messages: int = 0


@dataclass(frozen=True)
class MessageRow:
    id: int
    conversation_id: str
    created: str
    question: str
    answer: Answer
    carried_locality: str | None = None


@dataclass(frozen=True)
class FeedbackRow:
    id: int
    message_id: int | None
    created: str
    rating: int
    comment: str
    question: str
    answer: str
    citations: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "message_id": self.message_id, "created": self.created,
                "rating": RATINGS[self.rating], "comment": self.comment,
                "question": self.question, "answer": self.answer, "citations": self.citations}


def _citation_from_json(data: dict[str, Any]) -> Citation:
    highlight = data.get("highlight")
    return Citation(
        n=int(data["n"]), doc=data["doc"], title=data.get("title"),
        locality=data.get("locality"), section=data.get("section", ""),
        text=data.get("text", ""), score=float(data.get("score", 0.0)),
        start=int(data.get("start", 0)), end=int(data.get("end", 0)),
        highlight=tuple(highlight) if highlight else None,
        ocr_corrected=bool(data.get("ocr_corrected", False)), raw_text=data.get("raw_text"))


_ANSWER_KEYS = {"question", "answer", "found", "locality", "citations", "timings_ms",
                "kind", "mode"}


def answer_from_json(data: dict[str, Any]) -> Answer:
    """The inverse of ``Answer.to_json`` (keys it does not know go back to ``extra``)."""
    return Answer(
        question=data["question"], answer=data["answer"], found=bool(data["found"]),
        locality=data.get("locality"),
        citations=tuple(_citation_from_json(c) for c in data.get("citations", [])),
        timings_ms=dict(data.get("timings_ms", {})), kind=data.get("kind"),
        mode=data.get("mode", "extractive"),
        extra={k: v for k, v in data.items() if k not in _ANSWER_KEYS})


class HistoryStore:
    """The history database at ``path`` (created with its folder on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise HistoryError(
                f"Không mở được tệp lịch sử '{self.path}' ({exc}). Hãy kiểm tra quyền ghi của "
                "thư mục, hoặc đặt đường dẫn khác bằng KEHOACH_HISTORY_DB.") from None

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA journal_mode = WAL")
            with db:  # one transaction: committed, or rolled back on an error
                yield db
        except sqlite3.Error as exc:
            raise HistoryError(f"Không ghi/đọc được lịch sử '{self.path}': {exc}.") from None
        finally:
            db.close()

    # Conversations -------------------------------------------------------------------
    def new_conversation(self, title: str = "") -> str:
        ident = uuid.uuid4().hex[:12]
        with self._connect() as db:
            db.execute("INSERT INTO conversations (id, created, title) VALUES (?, ?, ?)",
                       (ident, _now(), _title(title)))
        return ident

    def has_conversation(self, conversation_id: str) -> bool:
        with self._connect() as db:
            row = db.execute("SELECT 1 FROM conversations WHERE id = ?",
                             (conversation_id,)).fetchone()
        return row is not None

    def conversations(self, limit: int = 20) -> list[ConversationRow]:
        """The most recent conversations that hold at least one answer, newest first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT c.id, c.created, c.title, COUNT(m.id) FROM conversations c "
                "JOIN messages m ON m.conversation_id = c.id GROUP BY c.id "
                "ORDER BY MAX(m.id) DESC LIMIT ?", (limit,)).fetchall()
        return [ConversationRow(*row) for row in rows]

    def delete_conversation(self, conversation_id: str) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))

    # Messages ------------------------------------------------------------------------
    def add_message(self, conversation_id: str, answer: Answer,
                    carried_locality: str | None = None) -> int:
        """Store one answered question; the conversation is created if it is new."""
        data = answer.to_json()
        with self._connect() as db:
            db.execute("INSERT OR IGNORE INTO conversations (id, created, title) "
                       "VALUES (?, ?, '')", (conversation_id, _now()))
            db.execute("UPDATE conversations SET title = ? WHERE id = ? AND title = ''",
                       (_title(answer.question), conversation_id))
            cursor = db.execute(
                "INSERT INTO messages (conversation_id, created, question, answer, citations, "
                "answer_json, carried_locality) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (conversation_id, _now(), answer.question, answer.answer,
                 json.dumps(data["citations"], ensure_ascii=False),
                 json.dumps(data, ensure_ascii=False), carried_locality))
            return int(cursor.lastrowid)

    def messages(self, conversation_id: str) -> list[MessageRow]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, conversation_id, created, question, answer_json, carried_locality "
                "FROM messages WHERE conversation_id = ? ORDER BY id", (conversation_id,)
            ).fetchall()
        return [MessageRow(r[0], r[1], r[2], r[3], answer_from_json(json.loads(r[4])), r[5])
                for r in rows]

    # Feedback ------------------------------------------------------------------------
    def set_feedback(self, message_id: int, rating: int, comment: str = "") -> int:
        """👍 (1) or 👎 (0) on a stored answer; a second vote replaces the first."""
        if rating not in RATINGS:
            raise HistoryError(f"Đánh giá '{rating}' không hợp lệ: chỉ nhận 1 (👍) hoặc 0 (👎).")
        with self._connect() as db:
            row = db.execute("SELECT question, answer, citations FROM messages WHERE id = ?",
                             (message_id,)).fetchone()
            if row is None:
                raise HistoryError(f"Không có câu trả lời số {message_id} trong lịch sử.")
            cursor = db.execute(
                "INSERT INTO feedback (message_id, created, rating, comment, question, answer, "
                "citations) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(message_id) DO UPDATE SET "
                "created = excluded.created, rating = excluded.rating, "
                "comment = CASE WHEN excluded.comment != '' THEN excluded.comment "
                "ELSE feedback.comment END",
                (message_id, _now(), rating, comment.strip(), *row))
            found = db.execute("SELECT id FROM feedback WHERE message_id = ?",
                               (message_id,)).fetchone()
            return int(found[0]) if found else int(cursor.lastrowid)

    def feedback(self, message_id: int | None = None) -> list[FeedbackRow]:
        query = ("SELECT id, message_id, created, rating, comment, question, answer, citations "
                 "FROM feedback")
        args: tuple[Any, ...] = ()
        if message_id is not None:
            query, args = query + " WHERE message_id = ?", (message_id,)
        with self._connect() as db:
            rows = db.execute(query + " ORDER BY id", args).fetchall()
        return [FeedbackRow(*r[:7], json.loads(r[7])) for r in rows]

    def export_feedback(self, fmt: str = "jsonl") -> str:
        """All feedback as JSON Lines (one object a line) or CSV (citations as JSON text)."""
        if fmt not in FEEDBACK_FORMATS:
            raise HistoryError(f"Định dạng '{fmt}' không hỗ trợ: chọn một trong "
                               f"{', '.join(FEEDBACK_FORMATS)}.")
        rows = [row.to_json() for row in self.feedback()]
        if fmt == "jsonl":
            return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        out = io.StringIO()
        columns = ["id", "message_id", "created", "rating", "comment", "question", "answer",
                   "citations"]
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        for r in rows:
            writer.writerow({**r, "citations": json.dumps(r["citations"], ensure_ascii=False)})
        return out.getvalue()
