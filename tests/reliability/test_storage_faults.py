"""Storage faults at the store level: a full disk or read-only storage gives a clear error and never
a corrupted store; a dropped PostgreSQL connection is recovered from."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from tools.storage.database import Database
from tools.storage.failures import storage_failure
from tools.transcripts import TranscriptStore

REPLY = {"text": "ok", "language": "en"}


def _fill(store: TranscriptStore, conversation_id: str, count: int) -> None:
    for index in range(count):
        store.append(conversation_id, f"message {index}", REPLY, channel="web", client_message_id=f"m{index}")


def _set_pragma_on_every_connection(db: Database, pragma: str) -> None:
    """Every new connection of this engine gets ``pragma`` (the pool is emptied first)."""

    def _on_connect(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        if "{pages}" in pragma:
            pages = cursor.execute("PRAGMA page_count").fetchone()[0]
            cursor.execute(pragma.format(pages=pages))
        else:
            cursor.execute(pragma)
        cursor.close()

    db.engine.dispose()
    event.listen(db.engine, "connect", _on_connect)
    db._h8_listener = _on_connect  # type: ignore[attr-defined]


def _clear_pragma(db: Database) -> None:
    event.remove(db.engine, "connect", db._h8_listener)  # type: ignore[attr-defined]
    db.engine.dispose()


def _integrity(path: str) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.mark.parametrize("database_backend", ["sqlite"])
def test_full_sqlite_database_fails_clearly_and_stays_intact(database: Database) -> None:
    store = TranscriptStore(database)
    _fill(store, "person-full", 5)
    # SQLITE_FULL exactly as on a full disk: the file may not grow by one more page.
    _set_pragma_on_every_connection(database, "PRAGMA max_page_count = {pages}")
    big = "x" * 200_000
    with pytest.raises(OperationalError) as caught:
        for index in range(5, 30):
            store.append("person-full", big, REPLY, channel="web", client_message_id=f"m{index}")
    failure = storage_failure(caught.value)
    assert failure is not None and failure.kind == "storage_full"
    assert "full" in failure.reason("en") and "plein" in failure.reason("fr")
    assert "x" * 50 not in failure.reason("en")  # no message content in what a person sees
    _clear_pragma(database)
    assert _integrity(database.engine.url.database) == "ok"
    turns = store.history("person-full")
    assert [t.seq for t in turns] == list(range(1, len(turns) + 1))  # no gap, no half-written turn
    assert [t.user_text for t in turns[:5]] == [f"message {i}" for i in range(5)]
    store.append("person-full", "after the disk was freed", REPLY, channel="web", client_message_id="after")
    assert store.history("person-full")[-1].user_text == "after the disk was freed"


@pytest.mark.parametrize("database_backend", ["sqlite"])
def test_read_only_sqlite_storage_fails_clearly_and_keeps_reading(database: Database) -> None:
    store = TranscriptStore(database)
    _fill(store, "person-ro", 3)
    _set_pragma_on_every_connection(database, "PRAGMA query_only = ON")
    with pytest.raises(OperationalError) as caught:
        store.append("person-ro", "refused", REPLY, channel="web", client_message_id="m3")
    failure = storage_failure(caught.value)
    assert failure is not None and failure.kind == "storage_read_only"
    assert [t.user_text for t in store.history("person-ro")] == ["message 0", "message 1", "message 2"]
    _clear_pragma(database)
    assert _integrity(database.engine.url.database) == "ok"
    store.append("person-ro", "writable again", REPLY, channel="web", client_message_id="m3")
    assert len(store.history("person-ro")) == 4


def _terminate_other_backends(url: str) -> int:
    """Ends every server connection of this test's schema, as a PostgreSQL restart does."""
    from sqlalchemy import create_engine

    application = dict(part.split("=", 1) for part in url.split("?", 1)[1].split("&"))["application_name"]
    admin = create_engine(url.split("?", 1)[0], isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        ended = connection.execute(
            text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = :app"),
            {"app": application},
        ).scalar_one()
    admin.dispose()
    return int(ended)


@pytest.mark.parametrize("database_backend", ["postgres"])
def test_idle_connections_killed_by_postgres_are_replaced(database: Database, database_url: str) -> None:
    store = TranscriptStore(database)
    _fill(store, "person-pg", 3)
    assert _terminate_other_backends(database_url) >= 1
    # pool_pre_ping notices the dead pooled connection and opens a new one: no error at all
    _fill(store, "person-pg-2", 2)
    assert len(store.history("person-pg")) == 3
    assert len(store.history("person-pg-2")) == 2


@pytest.mark.parametrize("database_backend", ["postgres"])
def test_connection_killed_mid_transaction_fails_cleanly_then_recovers(database: Database, database_url: str) -> None:
    store = TranscriptStore(database)
    _fill(store, "person-mid", 2)
    with pytest.raises(OperationalError) as caught:
        with database.session() as session:
            session.execute(text("SELECT 1"))
            _terminate_other_backends(database_url)
            session.execute(text("SELECT 1"))
    failure = storage_failure(caught.value)
    assert failure is not None and failure.kind == "storage_unreachable"
    store.append("person-mid", "resent", REPLY, channel="web", client_message_id="m2")
    assert [t.user_text for t in store.history("person-mid")] == ["message 0", "message 1", "resent"]
