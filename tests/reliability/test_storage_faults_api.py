"""Full disk and read-only storage under the running app: the person gets a clear 503 in their
language, reads still work, nothing is half-written, and the same message goes through once the
storage is back. Both stores of a turn are hit: the relational database and the checkpoint file.

SQLite's own limits produce exactly the errors of a full disk (SQLITE_FULL: the file may not grow by
one page, ``PRAGMA max_page_count``) and of read-only storage (``PRAGMA query_only``), without
mounting anything (the tests run as any user)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from sqlalchemy import event

pytestmark = pytest.mark.integration

EXPERIENCE = "I delivered parcels by van for a year, planning my rounds and talking with customers"
LIFTED = {"full": "PRAGMA max_page_count = 1073741823", "read_only": "PRAGMA query_only = OFF"}


def _fault_pragma(kind: str, connection) -> str:
    if kind == "full":
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        return f"PRAGMA max_page_count = {pages}"
    return "PRAGMA query_only = ON"


@contextmanager
def storage_fault(services, kind: str) -> Iterator[None]:
    """``kind`` ('full' or 'read_only') on every connection of both stores, then lifted."""
    engine = services.database.engine

    def on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.execute(_fault_pragma(kind, dbapi_connection))

    engine.dispose()
    event.listen(engine, "connect", on_connect)
    checkpoints = services.checkpointer.conn
    with services.checkpointer.lock:
        checkpoints.execute(_fault_pragma(kind, checkpoints))
    try:
        yield
    finally:
        event.remove(engine, "connect", on_connect)
        engine.dispose()
        with services.checkpointer.lock:
            checkpoints.execute(LIFTED[kind])


def _integrity(path: str) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def _to_experience(client: httpx.Client) -> str:
    started = client.post("/api/conversations", json={})
    cid, reply = started.json()["conversation_id"], started.json()["reply"]
    for text in ("en", "yes", "yes"):
        if reply["expecting"] == "experience":
            break
        reply = client.post(f"/api/conversations/{cid}/messages", json={"text": text}).json()["reply"]
    assert reply["expecting"] == "experience", reply
    return cid


@pytest.mark.parametrize(("kind", "error", "french"), [
    ("full", "storage_full", "plein"),
    ("read_only", "storage_read_only", "lecture seule"),
])
def test_storage_fault_gives_a_clear_error_and_no_damage(security_app, kind: str, error: str, french: str) -> None:
    services = security_app.app.state.services
    with httpx.Client(base_url=security_app.url, timeout=120) as client:
        cid = _to_experience(client)
        before = client.get(f"/api/conversations/{cid}").json()
        # enough text that the checkpoint and the transcript rows need new pages
        message = {"text": EXPERIENCE + " " + "and more " * 300, "client_message_id": f"fault-{kind}"}
        with storage_fault(services, kind):
            refused = client.post(f"/api/conversations/{cid}/messages", json=message)
            assert refused.status_code == 503, refused.text
            assert refused.json()["error"] == error
            assert "saved" in refused.json()["detail"] and refused.headers["Retry-After"]
            in_french = client.post(f"/api/conversations/{cid}/messages", json=message,
                                    headers={"Accept-Language": "fr-FR,fr;q=0.9"})
            assert in_french.status_code == 503 and french in in_french.json()["detail"]
            # reading still works, and shows nothing of the refused turn
            assert client.get(f"/api/conversations/{cid}").json() == before
        accepted = client.post(f"/api/conversations/{cid}/messages", json=message)
        assert accepted.status_code == 200, accepted.text
        assert accepted.json()["replayed"] is False
        assert accepted.json()["reply"]["expecting"] in {"experience_detail", "skill_confirmation"}
        turns = client.get(f"/api/conversations/{cid}").json()["turns"]
        assert [t["user_text"] for t in turns].count(message["text"]) == 1
        assert [t["seq"] for t in turns] == list(range(1, len(turns) + 1))
    assert _integrity(services.database.engine.url.database) == "ok"
    assert _integrity(services.settings.resolved_checkpoint_url) == "ok"
