"""A conversation survives a process restart: a real SQLite checkpoint file, a new checkpointer
and a new agent resume at the same question."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from agent.checkpointing import close_checkpointer, open_checkpointer
from agent.reply import Expecting
from agent.runtime import Agent

pytestmark = pytest.mark.integration


def test_restart_and_resume_on_a_sqlite_file(tmp_path, agent_context):
    path = tmp_path / "checkpoints.sqlite3"
    saver = open_checkpointer(str(path))
    agent = Agent(agent_context, saver)
    person = "t-resume"
    for text in ("hello", "en", "yes"):
        asked = agent.reply(person, text)
    asked = agent.reply(person, "I worked 2 years as a cashier in a supermarket.")
    assert asked.expecting == Expecting.experience_detail
    close_checkpointer(saver)
    del agent

    again = Agent(agent_context, open_checkpointer(str(path)))  # a new process would do exactly this
    resumed = again.reply(person, None)
    assert resumed.expecting == Expecting.experience_detail
    assert resumed.text == asked.text
    nxt = again.reply(person, "I also helped customers find products.")
    assert nxt.expecting == Expecting.skill_confirmation


def test_checkpoint_file_is_read_by_another_process(tmp_path):
    """The state written here is read back by a separate Python process (no shared memory)."""
    path = tmp_path / "cp.sqlite3"
    saver = open_checkpointer(str(path))
    from agent.graph import build_graph

    graph = build_graph(saver)
    config = {"configurable": {"thread_id": "p1"}}
    graph.update_state(config, {"phase": "interests", "language": "fr", "conversation_id": "p1"})
    close_checkpointer(saver)
    code = textwrap.dedent(f"""
        from agent.checkpointing import open_checkpointer
        from agent.graph import build_graph
        g = build_graph(open_checkpointer({str(path)!r}))
        v = g.get_state({{"configurable": {{"thread_id": "p1"}}}}).values
        print(v["phase"], v["language"])
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["interests", "fr"]
