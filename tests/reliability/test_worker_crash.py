"""A worker killed in the middle of a turn: the conversation resumes on another worker, and on the
restarted one, without a lost or doubled turn (SQLite and PostgreSQL backends)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from cluster_client import Conversation, clients_for, wait_for_model_call

pytestmark = pytest.mark.integration

EXPERIENCE = "I worked two years as a cashier in a supermarket, handling payments and helping customers"


def test_conversation_moves_between_workers_every_turn(live_cluster) -> None:
    clients = clients_for(live_cluster.urls)
    talk = Conversation(clients)
    talk.start(worker=0)
    talk.until("experience")
    sent = []
    for index, text in enumerate([EXPERIENCE, "I also counted the till at closing time", "all"]):
        talk.send(text, worker=index % 2)
        sent.append(text)
    turns = talk.turns(worker=1)
    assert [t["seq"] for t in turns] == list(range(1, len(turns) + 1))
    assert [t["user_text"] for t in turns][-3:] == sent
    # both workers see the same state
    assert clients[0].get(f"/api/conversations/{talk.id}", headers=talk.auth).json() == clients[1].get(f"/api/conversations/{talk.id}", headers=talk.auth).json()


def test_killed_worker_mid_turn_conversation_resumes(live_cluster, slow_llm) -> None:
    clients = clients_for(live_cluster.urls)
    talk = Conversation(clients)
    talk.start(worker=0)
    talk.until("experience")

    # The experience turn consults the model, made slow here: kill worker 0 while it waits for it.
    slow_llm.delay_s = 3.0
    calls_before = slow_llm.calls
    with ThreadPoolExecutor(1) as executor:
        in_flight = executor.submit(talk.post, EXPERIENCE, 0, "experience-1")
        wait_for_model_call(slow_llm, calls_before)
        live_cluster.kill(0)
        with pytest.raises(httpx.TransportError):
            in_flight.result(timeout=60)
    slow_llm.delay_s = 0.0

    # The client retries the same message on the other worker: one turn, not two.
    resumed = talk.send(EXPERIENCE, worker=1, message_id="experience-1")
    assert resumed["replayed"] is False
    assert resumed["reply"]["expecting"] in {"experience_detail", "skill_confirmation", "experience"}
    again = talk.post(EXPERIENCE, 1, "experience-1").json()
    assert again["replayed"] is True and again["reply"] == resumed["reply"]

    # The restarted worker picks the conversation up where it is.
    live_cluster.restart(0)
    state = clients[0].get(f"/api/conversations/{talk.id}", headers=talk.auth).json()
    assert state["expecting"] == resumed["reply"]["expecting"]
    talk.send("I also trained new colleagues on the till", worker=0)

    turns = talk.turns(worker=1)
    assert [t["seq"] for t in turns] == list(range(1, len(turns) + 1))
    texts = [t["user_text"] for t in turns]
    assert texts.count(EXPERIENCE) == 1
    assert texts[-1] == "I also trained new colleagues on the till"
