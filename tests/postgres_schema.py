"""An empty PostgreSQL schema of its own for a test (or a test session): the server at
ORIENT_TEST_POSTGRES_URL (default 127.0.0.1:5432, database `test`, user postgres), the schema
selected by ``search_path`` in the URL, dropped afterwards with the connections tagged for it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

POSTGRES_TEST_URL = os.environ.get("ORIENT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextmanager
def postgres_schema(prefix: str = "t") -> Iterator[str]:
    """A SQLAlchemy URL to a fresh schema; the schema is dropped when the block ends."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_TEST_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as exc:
        admin.dispose()
        pytest.fail(f"PostgreSQL not reachable at {POSTGRES_TEST_URL} ({exc.orig}); run with --database=sqlite")
    sep = "&" if "?" in POSTGRES_TEST_URL else "?"
    try:
        yield f"{POSTGRES_TEST_URL}{sep}options=-csearch_path%3D{schema}&application_name=orient-{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :app"),
                {"app": f"orient-{schema}"},
            )
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
