"""Two messages of one conversation reach two workers at the same moment: the second waits for
the first (one turn at a time per conversation across workers), and both are answered and kept
in order (SQLite and PostgreSQL backends)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from cluster_client import Conversation, clients_for, wait_for_model_call

pytestmark = pytest.mark.integration

EXPERIENCE = "I worked two years as a cashier in a supermarket, handling payments and helping customers"
DETAIL = "I also counted the till at closing time"


def test_two_workers_take_turns_on_one_conversation(live_cluster, slow_llm) -> None:
    clients = clients_for(live_cluster.urls)
    talk = Conversation(clients)
    talk.start(worker=0)
    talk.until("experience")
    turns_before = len(talk.turns(worker=0))

    slow_llm.delay_s = 1.5  # the experience turn consults the model: it is still running when the second arrives
    calls_before = slow_llm.calls
    with ThreadPoolExecutor(2) as executor:
        first = executor.submit(talk.post, EXPERIENCE, 0, "simultaneous-1")
        wait_for_model_call(slow_llm, calls_before)
        second = executor.submit(talk.post, DETAIL, 1, "simultaneous-2")
        answers = [first.result(timeout=120), second.result(timeout=120)]
    slow_llm.delay_s = 0.0

    assert [a.status_code for a in answers] == [200, 200]
    # the second turn ran on the state the first one left: its text was read as the experience's
    # details (with no lock it would start from the same state as the first, a new experience)
    expecting = [a.json()["reply"]["expecting"] for a in answers]
    assert expecting == ["experience_detail", "skill_confirmation"], expecting
    turns = talk.turns(worker=1)
    assert len(turns) == turns_before + 2
    assert [t["seq"] for t in turns] == list(range(1, len(turns) + 1))
    assert [t["user_text"] for t in turns][-2:] == [EXPERIENCE, DETAIL]
    # the state both workers read is the one after the second turn
    state = [c.get(f"/api/conversations/{talk.id}", headers=talk.auth).json() for c in clients]
    assert state[0] == state[1] and state[0]["expecting"] == answers[1].json()["reply"]["expecting"]
