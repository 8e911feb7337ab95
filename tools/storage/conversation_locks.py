"""One turn at a time per conversation, across every worker process that shares the database.

Two messages of one conversation that reach two workers at once would both read the same
checkpoint and the second write would drop the first turn. ``ConversationLocks.hold`` serialises
them: a PostgreSQL session advisory lock keyed by the conversation (any worker on any machine), or,
for SQLite (one machine), an exclusive ``flock`` on one of 1,024 lock files beside the database.
The wait is bounded: past ``timeout_s`` a ``ConversationBusy`` is raised and the caller answers
"busy, retry" (the client retries with the same message id, which is never run twice).
"""

from __future__ import annotations

import fcntl
import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

from tools.storage.database import Database

SQLITE_BUCKETS = 1024
POLL_S = 0.02


class ConversationBusy(TimeoutError):
    """Another turn of this conversation kept running past the wait limit."""


def lock_key(conversation_id: str) -> int:
    """A stable signed 64-bit key for the conversation (PostgreSQL advisory locks take bigint)."""
    digest = hashlib.sha256(f"orient-conversation:{conversation_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class ConversationLocks:
    def __init__(self, database: Database, timeout_s: float = 60.0):
        self.database = database
        self.timeout_s = timeout_s
        self._folder: Path | None = None
        if database.is_sqlite:
            path = database.url.split("///", 1)[-1]
            if path and path != ":memory:":
                self._folder = Path(f"{path}.turn-locks")

    @contextmanager
    def hold(self, conversation_id: str) -> Iterator[None]:
        if self.database.is_sqlite:
            with self._file_lock(conversation_id):
                yield
        else:
            with self._advisory_lock(conversation_id):
                yield

    @contextmanager
    def _advisory_lock(self, conversation_id: str) -> Iterator[None]:
        key = lock_key(conversation_id)
        deadline = time.monotonic() + self.timeout_s
        with self.database.engine.connect() as connection:
            while not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar():
                connection.rollback()  # no transaction left open while waiting
                if time.monotonic() > deadline:
                    raise ConversationBusy(conversation_id)
                time.sleep(POLL_S)
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                connection.commit()

    @contextmanager
    def _file_lock(self, conversation_id: str) -> Iterator[None]:
        if self._folder is None:  # an in-memory database lives in one process: its thread lock suffices
            yield
            return
        self._folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # lock files are empty; the folder is private
        bucket = lock_key(conversation_id) % SQLITE_BUCKETS
        deadline = time.monotonic() + self.timeout_s
        with open(self._folder / f"{bucket:04d}.lock", "a") as handle:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise ConversationBusy(conversation_id) from None
                    time.sleep(POLL_S)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
