"""LangGraph's PostgreSQL checkpointer for several API workers over one database.

A psycopg connection pool checks each connection before lending it, so connections that the
server dropped (a restart, ``pg_terminate_backend``, a failover) are replaced instead of failing
the next turn. ``setup()`` (LangGraph's own migrations) runs under an advisory lock so that
workers starting together do not race to create the tables.
"""

from __future__ import annotations

import time

from langgraph.checkpoint.postgres import PostgresSaver
from psycopg import Connection
from psycopg.rows import DictRow, dict_row
from psycopg_pool import ConnectionPool
from sqlalchemy.engine import make_url

# Any fixed key, distinct from the relational schema's migration lock.
_SETUP_LOCK_KEY = 0x0_12_1E_48


def psycopg_conninfo(url: str) -> str:
    """``postgresql+psycopg://...`` (SQLAlchemy) → ``postgresql://...`` (libpq), query options kept."""
    if url.startswith("postgresql+") or url.startswith("postgres://"):
        return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    return url


def _took_setup_lock(connection: Connection[DictRow]) -> bool:
    row = connection.execute("SELECT pg_try_advisory_lock(%s) AS ok", (_SETUP_LOCK_KEY,)).fetchone()
    return bool(row and row["ok"])


def open_postgres_checkpointer(url: str, max_size: int = 10, setup_timeout_s: float = 120) -> PostgresSaver:
    pool = ConnectionPool(
        psycopg_conninfo(url),
        connection_class=Connection[DictRow],  # the rows are dicts (row_factory): psycopg's typed pool
        min_size=1,
        max_size=max_size,
        kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
        check=ConnectionPool.check_connection,
        open=True,
    )
    saver = PostgresSaver(pool)
    with pool.connection() as connection:
        # Poll with pg_try_advisory_lock rather than wait in pg_advisory_lock: LangGraph's setup runs
        # CREATE INDEX CONCURRENTLY, which waits for every running statement, a blocked lock wait included.
        deadline = time.monotonic() + setup_timeout_s
        while not _took_setup_lock(connection):
            if time.monotonic() > deadline:
                pool.close()
                raise TimeoutError(f"another process held the checkpoint set-up lock for {setup_timeout_s:.0f} s")
            time.sleep(0.1)
        try:
            saver.setup()
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (_SETUP_LOCK_KEY,))
    return saver
