"""PostgreSQL drops every connection of the app (what a server restart or a failover does to its
clients, done here with ``pg_terminate_backend``): the workers reconnect and the conversation goes on."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from cluster_client import Conversation, clients_for
from sqlalchemy import create_engine, text

pytestmark = [pytest.mark.integration, pytest.mark.cluster_backend("postgres")]

EXPERIENCE = "I was a warehouse operator: picking orders, driving a forklift and checking deliveries"


def _terminate_app_connections(database_url: str) -> int:
    application = database_url.rsplit("application_name=", 1)[1]
    admin = create_engine(database_url.split("?", 1)[0], isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        ended = connection.execute(
            text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = :a"),
            {"a": application},
        ).scalar_one()
    admin.dispose()
    return int(ended)


def test_connections_dropped_between_turns_are_replaced(live_cluster, cluster_database_url) -> None:
    talk = Conversation(clients_for(live_cluster.urls))
    talk.start(worker=0)
    talk.send("en", worker=1)
    # every pooled connection of both workers (relational store and checkpointer) is now dead
    assert _terminate_app_connections(cluster_database_url) >= 2
    talk.send("yes", worker=0)  # 200 without a retry: pool_pre_ping / the pool's check replaced them
    talk.until("experience")
    talk.send(EXPERIENCE, worker=1)
    assert [t["user_text"] for t in talk.turns(worker=0)][-1] == EXPERIENCE


def test_connections_dropped_during_a_turn(live_cluster, cluster_database_url, slow_llm) -> None:
    talk = Conversation(clients_for(live_cluster.urls))
    talk.start(worker=0)
    talk.until("experience")
    slow_llm.delay_s = 2.0
    calls_before = slow_llm.calls
    with ThreadPoolExecutor(1) as executor:
        in_flight = executor.submit(talk.post, EXPERIENCE, 0, "experience")
        deadline = time.monotonic() + 60
        while slow_llm.calls == calls_before:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert _terminate_app_connections(cluster_database_url) >= 1
        response = in_flight.result(timeout=120)
    slow_llm.delay_s = 0.0
    if response.status_code == 503:  # a clear, retryable error; the retry with the same id succeeds
        assert response.json()["error"] == "storage_unreachable"
        response = talk.post(EXPERIENCE, 1, "experience")
    assert response.status_code == 200, response.text
    assert response.json()["reply"]["expecting"] in {"experience_detail", "skill_confirmation", "experience"}
    turns = talk.turns(worker=1)
    assert [t["seq"] for t in turns] == list(range(1, len(turns) + 1))
    assert [t["user_text"] for t in turns].count(EXPERIENCE) == 1
