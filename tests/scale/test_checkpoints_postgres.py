"""LangGraph's PostgreSQL checkpointer, selected by a PostgreSQL checkpoint URL: conversation state
is shared by processes, survives dropped connections, and is erasable like any other store."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import create_engine, inspect, text

from agent.checkpointing import ConversationCheckpoints, close_checkpointer, open_checkpointer
from agent.checkpointing_postgres import psycopg_conninfo
from agent.graph import build_graph
from channels.settings import Settings

ON_POSTGRES = pytest.mark.parametrize("database_backend", ["postgres"])


def _config(thread: str) -> dict:
    return {"configurable": {"thread_id": thread}}


@ON_POSTGRES
def test_settings_select_the_postgres_checkpointer(database_url: str, tmp_path) -> None:
    settings = Settings(storage_dir=tmp_path, database_url=database_url)
    assert settings.resolved_checkpoint_url == database_url
    saver = open_checkpointer(settings.resolved_checkpoint_url)
    try:
        assert type(saver).__name__ == "PostgresSaver"
        # LangGraph's tables live in the test's schema, next to (not inside) the migrated tables
        tables = set(inspect(create_engine(database_url)).get_table_names())
        assert {"checkpoints", "checkpoint_blobs", "checkpoint_writes"} <= tables
    finally:
        close_checkpointer(saver)


def test_sqlalchemy_url_becomes_a_libpq_conninfo() -> None:
    url = "postgresql+psycopg://postgres:secret@127.0.0.1:5432/test?options=-csearch_path%3Dx"
    assert psycopg_conninfo(url) == "postgresql://postgres:secret@127.0.0.1:5432/test?options=-csearch_path%3Dx"
    assert psycopg_conninfo("postgresql://h/db") == "postgresql://h/db"


@ON_POSTGRES
def test_state_written_by_one_process_is_read_by_another(database_url: str) -> None:
    saver = open_checkpointer(database_url)
    graph = build_graph(saver)
    graph.update_state(_config("p1"), {"phase": "interests", "language": "fr", "conversation_id": "p1"})
    close_checkpointer(saver)
    code = textwrap.dedent(f"""
        from agent.checkpointing import open_checkpointer
        from agent.graph import build_graph
        g = build_graph(open_checkpointer({database_url!r}))
        v = g.get_state({{"configurable": {{"thread_id": "p1"}}}}).values
        print(v["phase"], v["language"])
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["interests", "fr"]


@ON_POSTGRES
def test_dropped_connections_are_replaced(database_url: str) -> None:
    saver = open_checkpointer(database_url)
    try:
        graph = build_graph(saver)
        graph.update_state(_config("p2"), {"phase": "experiences", "language": "en", "conversation_id": "p2"})
        application = database_url.rsplit("application_name=", 1)[1]
        admin = create_engine(database_url.split("?", 1)[0], isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            ended = connection.execute(
                text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = :a"),
                {"a": application},
            ).scalar_one()
        admin.dispose()
        assert ended >= 1
        # the pool checks connections before lending them: no error on the next turn
        assert graph.get_state(_config("p2")).values["phase"] == "experiences"
        graph.update_state(_config("p2"), {"phase": "interests"})
        assert graph.get_state(_config("p2")).values["phase"] == "interests"
    finally:
        close_checkpointer(saver)


@ON_POSTGRES
def test_conversation_store_counts_exports_and_erases(database_url: str) -> None:
    saver = open_checkpointer(database_url)
    try:
        graph = build_graph(saver)
        graph.update_state(_config("p3"), {"phase": "interests", "language": "en", "conversation_id": "p3"})
        graph.update_state(_config("p4"), {"phase": "welcome", "language": "en", "conversation_id": "p4"})
        store = ConversationCheckpoints(saver)
        assert store.count("p3") >= 1
        assert store.export_person("p3")["conversation"]["phase"] == "interests"
        assert store.erase("p3") >= 1
        assert store.count("p3") == 0
        assert store.export_person("p3") == {"conversation": None}
        assert store.count("p4") >= 1  # someone else's conversation is untouched
    finally:
        close_checkpointer(saver)


def _open_and_close(url: str) -> None:
    close_checkpointer(open_checkpointer(url))


@ON_POSTGRES
def test_workers_starting_together_set_up_once(database_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_open_and_close, args=(database_url,)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
