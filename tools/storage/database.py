"""SQLAlchemy engine and session factory over SQLite (default) or PostgreSQL, chosen by URL.

Domain modules (profiles, consents, organisations, ...) declare their tables on ``Base``.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker


class Base(DeclarativeBase):
    pass


class Database:
    """One engine per process; sessions are short-lived units of work."""

    def __init__(self, url: str):
        self.url = url
        # hide_parameters: SQL errors and logs never carry the values (personal data) of a statement
        kwargs: dict = {"future": True, "hide_parameters": True}
        if url.startswith("sqlite"):
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(url, **kwargs)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    def create_schema(self) -> None:
        """Bring the schema to the latest migration (``alembic upgrade head``, see ``migrations/``).

        Safe to call from several processes at once (schema lock); tables or columns that the
        models declare beyond the migrations are added with a warning until the migrations are
        regenerated (``scripts/regen-migration.sh``).
        """
        from tools.storage.migrations import upgrade

        upgrade(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as session:
            with session.begin():
                yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
