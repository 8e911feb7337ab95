"""Erasure that erases: after a person erases their data over HTTP, no file under the storage folder
(and no row of the PostgreSQL schema) holds their words; the database files are private (0600);
an erasure that fails in one store removes nothing (one transaction)."""

from __future__ import annotations

import os
import stat
import uuid
from pathlib import Path

import httpx
import pytest
from security_app import app_factory, shared_tiny, umask  # noqa: F401  (fixtures)
from sqlalchemy import create_engine, inspect, text

from tools.privacy import ErasureIncomplete

MARKER = "zorblaxquint"  # a word nobody else says: the person's own words, to find on disk


def start(client: httpx.Client) -> tuple[str, dict[str, str]]:
    started = client.post("/api/conversations", json={"language": "en"})
    assert started.status_code == 201, started.text
    body = started.json()
    return body["conversation_id"], {"Authorization": f"Bearer {body['token']}"}


def say(client: httpx.Client, conversation: str, auth: dict[str, str], text_: str) -> dict:
    sent = client.post(f"/api/conversations/{conversation}/messages", json={"text": text_}, headers=auth)
    assert sent.status_code == 200, sent.text
    return sent.json()


def converse_with_marker(client: httpx.Client) -> tuple[str, dict[str, str]]:
    conversation, auth = start(client)
    reply = say(client, conversation, auth, "English")["reply"]
    if reply["expecting"] == "processing_consent":  # the person agrees that Orient keeps what they say
        reply = say(client, conversation, auth, "yes")["reply"]
    assert reply["expecting"] != "end", reply
    for line in (f"I worked three years as a {MARKER} cashier at the {MARKER} market",
                 f"I also trained the new {MARKER} staff", f"my name is {MARKER.title()} and I love {MARKER}"):
        say(client, conversation, auth, line)
    return conversation, auth


def files_holding(folder: Path, needle: str) -> list[str]:
    """Every regular file under ``folder`` (symlinks, e.g. the shared knowledge base, not followed)
    whose bytes contain ``needle`` in any letter case (UTF-8)."""
    found = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(root, d))]
        for name in files:
            path = Path(root, name)
            if path.is_symlink() or not path.is_file():
                continue
            if needle.encode() in path.read_bytes().lower():
                found.append(str(path.relative_to(folder)))
    return sorted(found)


def test_erase_over_http_leaves_no_word_in_any_file(app_factory):  # noqa: F811
    with umask(0o022):  # a usual umask: files would be world-readable unless created private
        live = app_factory()
    storage = live.services.settings.storage_dir
    with httpx.Client(base_url=live.url, timeout=120) as client:
        other, other_auth = start(client)
        say(client, other, other_auth, "I work as a baker")  # someone else, who must keep everything
        conversation, auth = converse_with_marker(client)
        assert files_holding(storage, MARKER), "the conversation should be on disk before the erasure"

        erased = client.delete(f"/api/conversations/{conversation}/privacy", headers=auth)
        assert erased.status_code == 200, erased.text
        report = erased.json()
        assert all(n == 0 for n in report["remaining"].values()), report
        assert report["removed"]["transcripts"] > 0 and report["removed"]["checkpoints"] > 0

        assert files_holding(storage, MARKER) == []
        assert report["files_scrubbed"] is True
        # the other person's conversation is untouched
        assert client.get(f"/api/conversations/{other}", headers=other_auth).status_code == 200
        assert live.services.transcripts.count(other) > 0


def test_erase_asked_in_the_chat_leaves_no_word_in_any_file(app_factory):  # noqa: F811
    live = app_factory()
    storage = live.services.settings.storage_dir
    with httpx.Client(base_url=live.url, timeout=120) as client:
        conversation, auth = converse_with_marker(client)
        asked = say(client, conversation, auth, "erase everything you know about me")["reply"]
        assert asked["expecting"] != "end", asked  # it asks for confirmation first
        say(client, conversation, auth, "yes")
        assert client.get(f"/api/conversations/{conversation}", headers=auth).status_code in (401, 404)
    assert files_holding(storage, MARKER) == []


def test_database_files_are_private(app_factory):  # noqa: F811
    with umask(0o022):
        live = app_factory()
    with httpx.Client(base_url=live.url, timeout=120) as client:
        conversation, auth = start(client)
        say(client, conversation, auth, "English")
    storage = live.services.settings.storage_dir
    databases = [p for p in storage.iterdir() if p.is_file() and p.name.endswith((".sqlite3", "-wal", "-shm"))]
    names = {p.name for p in databases}
    assert {"orient.sqlite3", "orient.sqlite3-wal", "checkpoints.sqlite3", "checkpoints.sqlite3-wal"} <= names, names
    modes = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in databases}
    assert set(modes.values()) == {"0o600"}, modes


def test_existing_world_readable_database_is_made_private(tmp_path: Path):
    from tools.schema import create_schema
    from tools.storage.database import Database

    path = tmp_path / "old.sqlite3"
    path.write_bytes(b"")
    os.chmod(path, 0o644)
    database = Database(f"sqlite:///{path}")
    create_schema(database)
    database.dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.postgres
@pytest.mark.parametrize("database_backend", ["postgres"])
def test_erase_over_http_removes_every_postgres_row(app_factory, database_backend, database_url):  # noqa: F811
    live = app_factory(database_url=database_url)
    with httpx.Client(base_url=live.url, timeout=120) as client:
        conversation, auth = converse_with_marker(client)
        assert rows_holding(database_url, MARKER, conversation), "the conversation should be in the database"
        erased = client.delete(f"/api/conversations/{conversation}/privacy", headers=auth)
        assert erased.status_code == 200, erased.text
        assert all(n == 0 for n in erased.json()["remaining"].values())
        assert erased.json()["removed"]["checkpoints"] > 0
    assert rows_holding(database_url, MARKER, conversation) == {}
    assert files_holding(live.services.settings.storage_dir, MARKER) == []


def rows_holding(database_url: str, needle: str, conversation: str) -> dict[str, int]:
    """Rows of every table of the test schema (ours and LangGraph's checkpoint tables) holding the
    needle or the conversation id, as text or inside a binary blob."""
    engine = create_engine(database_url)
    found: dict[str, int] = {}
    try:
        with engine.connect() as connection:
            for table in inspect(connection).get_table_names():
                hits = 0
                for value in (needle, conversation):
                    hits += connection.execute(text(
                        f'SELECT count(*) FROM "{table}" AS t WHERE lower(t::text) LIKE :plain OR t::text LIKE :hex'),
                        {"plain": f"%{value.lower()}%", "hex": f"%{value.encode().hex()}%"}).scalar_one()
                if hits:
                    found[table] = hits
    finally:
        engine.dispose()
    return found


def test_an_erasure_that_fails_in_one_store_removes_nothing(database):
    """The stores of one database are erased in one transaction: a failure rolls all of them back."""
    from tools.privacy import ErasureRegistry
    from tools.transcripts import TranscriptStore

    person = f"web-{uuid.uuid4().hex[:12]}"
    transcripts = TranscriptStore(database)
    transcripts.append(person, f"I am a {MARKER}", {"text": "noted"}, channel="web")
    registry = ErasureRegistry()
    registry.register_store("transcripts", transcripts)

    def failing_erase(person_id: str) -> int:
        with database.session() as session:
            session.execute(text("SELECT 1"))
        raise RuntimeError("disk on fire")

    registry.register("failing", erase=failing_erase, count=lambda _p: 0, database=database)
    with pytest.raises(ErasureIncomplete) as failure:
        registry.erase_all(person)
    assert set(failure.value.failures) == {"transcripts", "failing"}
    assert transcripts.count(person) == 1  # rolled back with the failing store
    registry = ErasureRegistry()
    registry.register_store("transcripts", transcripts)
    assert registry.erase_all(person).complete
    assert transcripts.count(person) == 0


def test_erasure_benchmark_reports_nothing_left_on_disk(tmp_path: Path):
    from benchmarks.erasure import run_benchmark
    from channels.services import Services
    from channels.settings import Settings

    services = Services(Settings(storage_dir=tmp_path / "var", demo=False))
    report = run_benchmark(services, people=3, turns=4)
    services.database.dispose()
    assert report["files_holding_words_before"] > 0
    assert report["files_holding_words_after"] == 0 and report["wal_bytes_after"] == 0
    assert report["rows_removed_per_person"] >= 9  # profile, 4 turns, 4 checkpoints
    assert 0 < report["erase_p50_ms"] <= report["erase_p95_ms"]
