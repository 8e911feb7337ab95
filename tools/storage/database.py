"""SQLAlchemy engine and session factory over SQLite (default) or PostgreSQL, chosen by URL.

Domain modules (profiles, consents, organisations, ...) declare their tables on ``Base``;
``tools.schema`` gathers them and creates or migrates the schema.

People's data is held so that an erasure erases: a SQLite file (and its ``-wal``/``-shm``) is
readable by its owner only (0600), every connection runs with ``secure_delete`` (deleted rows are
overwritten with zeros), and ``scrub()`` checkpoints and truncates the write-ahead log, whose old
frames would otherwise still hold the deleted rows. ``transaction()`` makes several stores' writes
one unit of work (an erasure commits in every store or in none).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

log = logging.getLogger(__name__)

PRIVATE_FILE_MODE = 0o600


def create_private_file(path: Path) -> None:
    """Create ``path`` readable and writable by its owner only, or restrict it if it exists (a file
    created before this rule). SQLite creates ``-wal`` and ``-shm`` with the database file's mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE_MODE)
    os.close(fd)
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        if candidate.exists() and (candidate.stat().st_mode & 0o777) != PRIVATE_FILE_MODE:
            os.chmod(candidate, PRIVATE_FILE_MODE)


class Base(DeclarativeBase):
    pass


class Database:
    """One engine per process; sessions are short-lived units of work."""

    def __init__(self, url: str):
        self.url = url
        # hide_parameters: SQL errors and logs never carry the values (personal data) of a statement
        kwargs: dict = {"future": True, "hide_parameters": True}
        if url.startswith("sqlite"):
            path = url.split("///", 1)[-1].split("?", 1)[0]
            if path and path != ":memory:":
                create_private_file(Path(path))
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(url, **kwargs)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._shared: ContextVar[Session | None] = ContextVar(f"orient-database-{id(self)}", default=None)

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work, committed when the block ends; inside ``transaction()`` it joins that one."""
        shared = self._shared.get()
        if shared is not None:
            yield shared
            return
        with self._sessions() as session:
            with session.begin():
                yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction for everything done in this block (in this thread or task): every
        ``session()`` opened inside joins it, so several stores commit together or roll back together."""
        if self._shared.get() is not None:
            raise RuntimeError("a transaction is already open on this database in this context")
        with self._sessions() as session:
            with session.begin():
                token = self._shared.set(session)
                try:
                    yield session
                finally:
                    self._shared.reset(token)

    def scrub(self, attempts: int = 50, pause_s: float = 0.1) -> bool:
        """Leave no copy of deleted rows in the files: SQLite's write-ahead log is checkpointed into
        the database (whose freed pages ``secure_delete`` zeroed) and truncated to zero bytes.
        Retried while another connection is reading. Returns whether the log was truncated
        (PostgreSQL: nothing to do here, True; its files are the server's, see docs)."""
        if not self.is_sqlite:
            return True
        for _ in range(attempts):
            with self.engine.connect() as connection:
                busy, _log_frames, _done = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
            if not busy:
                return True
            time.sleep(pause_s)
        log.warning("the write-ahead log of %s could not be truncated: a reader kept it busy", self.engine.url.database)
        return False

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")  # first: switching to WAL below waits for other writers too
    cursor.execute("PRAGMA secure_delete=ON")  # before anything is written or deleted on this connection
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
