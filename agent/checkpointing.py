"""Where conversations are kept between turns: LangGraph's SQLite checkpointer by default (a file
under the storage dir), so a conversation survives a process restart and resumes at the same
question. ``ConversationCheckpoints`` lets the privacy registry count, export and erase a
person's conversation like any other store.

The SQLite file is private (0600) and runs with ``secure_delete``; after an erasure its
write-ahead log is checkpointed and truncated (``scrub``), so no frame of the erased thread stays
on disk. On PostgreSQL sharing the relational database, a thread's checkpoints, blobs and writes
are deleted in the erasure's own transaction.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.sqlite import SqliteSaver
from sqlalchemy import text

from tools.storage.database import Database, create_private_file

log = logging.getLogger(__name__)

# LangGraph's tables holding a thread's state: (table, thread column), per backend.
_SQLITE_TABLES = ("checkpoints", "writes")
_POSTGRES_TABLES = ("checkpoints", "checkpoint_blobs", "checkpoint_writes")


def open_checkpointer(url: str) -> BaseCheckpointSaver[str]:
    """A checkpointer for ``url``: a SQLite file path (or ``sqlite:///path``), ``:memory:``, or a
    PostgreSQL URL (``postgresql://`` or SQLAlchemy's ``postgresql+psycopg://``) for several workers."""
    if url.startswith(("postgresql://", "postgres://", "postgresql+")):
        from agent.checkpointing_postgres import open_postgres_checkpointer

        return open_postgres_checkpointer(url)
    path = url.split("///", 1)[-1] if url.startswith("sqlite") else url
    if path != ":memory:":
        create_private_file(Path(path))
    conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA busy_timeout=30000")
    saver = SqliteSaver(conn)
    saver.setup()
    return saver


def close_checkpointer(saver: BaseCheckpointSaver[str]) -> None:
    conn = getattr(saver, "conn", None)
    if conn is not None:
        conn.close()


class ConversationCheckpoints:
    """A person's conversation state (thread ``person_id``) as a privacy-registry store.

    ``database``: the relational database when the checkpoints live in it (PostgreSQL sharing one
    URL); the erase then runs in that database's current transaction, with the other stores'."""

    name = "conversation"

    def __init__(self, checkpointer: BaseCheckpointSaver[str], database: Database | None = None):
        self.checkpointer = checkpointer
        self.database = database if database is not None and not database.is_sqlite else None

    def _config(self, person_id: str) -> RunnableConfig:
        return {"configurable": {"thread_id": person_id}}

    @property
    def _tables(self) -> tuple[str, ...]:
        return _SQLITE_TABLES if isinstance(self.checkpointer, SqliteSaver) else _POSTGRES_TABLES

    @staticmethod
    def _sqlite_rows(saver: SqliteSaver, person_id: str) -> int:
        with saver.cursor(transaction=False) as cursor:
            return sum(cursor.execute(f"SELECT count(*) FROM {table} WHERE thread_id = ?", (person_id,)).fetchone()[0]
                       for table in _SQLITE_TABLES)

    def count(self, person_id: str) -> int:
        """Rows of the thread left in every checkpoint table (checkpoints, blobs, pending writes)."""
        if isinstance(self.checkpointer, SqliteSaver):
            return self._sqlite_rows(self.checkpointer, person_id)
        if self.database is not None:
            with self.database.session() as session:
                return sum(int(session.execute(text(f"SELECT count(*) FROM {table} WHERE thread_id = :t"),
                                               {"t": person_id}).scalar_one()) for table in _POSTGRES_TABLES)
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
        if self.database is not None:  # in the erasure's transaction
            with self.database.session() as session:
                for table in _POSTGRES_TABLES:
                    session.execute(text(f"DELETE FROM {table} WHERE thread_id = :t"), {"t": person_id})
            return removed
        self.checkpointer.delete_thread(person_id)
        return removed

    def scrub(self, attempts: int = 50, pause_s: float = 0.1) -> bool:
        """After an erasure: checkpoint and truncate the SQLite write-ahead log (its old frames hold
        the deleted thread). Returns whether the log was truncated."""
        if not isinstance(self.checkpointer, SqliteSaver):
            return True
        for _ in range(attempts):
            with self.checkpointer.lock:
                busy = self.checkpointer.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if not busy:
                return True
            time.sleep(pause_s)
        log.warning("the checkpoints' write-ahead log could not be truncated: a reader kept it busy")
        return False
