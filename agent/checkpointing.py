"""Where conversations are kept between turns: LangGraph's SQLite checkpointer by default (a file
under the storage dir), so a conversation survives a process restart and resumes at the same
question. ``ConversationCheckpoints`` lets the privacy registry count, export and erase a
person's conversation like any other store."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from langgraph.checkpoint.sqlite import SqliteSaver


def open_checkpointer(url: str) -> Any:
    """A checkpointer for ``url``: a SQLite file path (or ``sqlite:///path``), ``:memory:``, or a
    PostgreSQL URL (``postgresql://`` or SQLAlchemy's ``postgresql+psycopg://``) for several workers."""
    if url.startswith(("postgresql://", "postgres://", "postgresql+")):
        from agent.checkpointing_postgres import open_postgres_checkpointer

        return open_postgres_checkpointer(url)
    path = url.split("///", 1)[-1] if url.startswith("sqlite") else url
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA busy_timeout=30000")
    saver = SqliteSaver(conn)
    saver.setup()
    return saver


def close_checkpointer(saver: Any) -> None:
    conn = getattr(saver, "conn", None)
    if conn is not None:
        conn.close()


class ConversationCheckpoints:
    """A person's conversation state (thread ``person_id``) as a privacy-registry store."""

    name = "conversation"

    def __init__(self, checkpointer: Any):
        self.checkpointer = checkpointer

    def _config(self, person_id: str) -> dict:
        return {"configurable": {"thread_id": person_id}}

    def count(self, person_id: str) -> int:
        return sum(1 for _ in self.checkpointer.list(self._config(person_id)))

    def export_person(self, person_id: str) -> dict[str, Any]:
        snapshot = self.checkpointer.get_tuple(self._config(person_id))
        if snapshot is None:
            return {"conversation": None}
        values = dict(snapshot.checkpoint.get("channel_values") or {})
        keep = ("language", "persona", "phase", "processing_consent", "reply", "turns")
        return {"conversation": {k: values.get(k) for k in keep if k in values}}

    def erase(self, person_id: str, principal_hash: str | None = None) -> int:
        removed = self.count(person_id)
        self.checkpointer.delete_thread(person_id)
        return removed
