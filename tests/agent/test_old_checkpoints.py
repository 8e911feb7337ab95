"""A conversation checkpointed before the state was typed (phases as plain strings, proposals and
moves as dicts) resumes: the states in data/checkpoints_before_typed_state.json were recorded by
that code (commit ca233ba) at its skills and moves questions, and are loaded into a new SQLite
checkpoint file here."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from agent.checkpointing import close_checkpointer, open_checkpointer
from agent.graph import build_graph
from agent.reply import AgentReply, Expecting
from agent.state import Phase
from tools.profile import SkillState

pytestmark = pytest.mark.integration

RECORDED = json.loads((Path(__file__).parent / "data" / "checkpoints_before_typed_state.json").read_text())


class Resumed:
    """One recorded state, loaded as the checkpoint of a new conversation on a SQLite file."""

    def __init__(self, tmp_path: Path, context: Any, name: str):
        self.saver = open_checkpointer(str(tmp_path / "checkpoints.sqlite3"))
        self.graph = build_graph(self.saver)
        self.context = context
        self.recorded = RECORDED[name]
        self.id = f"old-{name}-{tmp_path.name}"
        self.config = {"configurable": {"thread_id": self.id}}
        self.graph.update_state(self.config, {**self.recorded, "conversation_id": self.id})

    def say(self, text: str | None) -> AgentReply:
        out = self.graph.invoke({"conversation_id": self.id, "message": text, "channel": "web"}, self.config,
                                context=self.context)
        return AgentReply.model_validate(out["reply"])

    @property
    def values(self) -> dict[str, Any]:
        return dict(self.graph.get_state(self.config).values)


def enums_in(value: Any) -> list[Enum]:
    """Enum members anywhere in a state: the checkpoint must hold plain strings (readable by the code before)."""
    if isinstance(value, Enum):
        return [value]
    if isinstance(value, dict):
        return [e for v in value.values() for e in enums_in(v)]
    if isinstance(value, (list, tuple)):
        return [e for v in value for e in enums_in(v)]
    return []


@pytest.fixture
def resume(tmp_path, agent_context):
    opened: list[Resumed] = []

    def make(name: str) -> Resumed:
        opened.append(Resumed(tmp_path, agent_context, name))
        return opened[-1]

    yield make
    for chat in opened:
        close_checkpointer(chat.saver)


def test_a_skills_question_saved_before_resumes_and_keeps_the_evidence_spans(resume, agent_context):
    chat = resume("skills")
    proposals = chat.recorded["proposals"]
    again = chat.say(None)
    assert again.expecting == Expecting.skill_confirmation and again.phase == Phase.skills
    assert [c.title for c in again.cards if c.kind == "skill"] == [p["label"] for p in proposals]
    assert type(chat.values["phase"]) is str and not enums_in(chat.values)  # plain strings, never the enums

    chat.say("all")
    profile = agent_context.profiles.get(chat.id)
    for proposal in proposals:
        skill = profile.skill(proposal["uri"])
        assert skill.state == SkillState.confirmed
        assert (skill.evidence[0].start, skill.evidence[0].end) == (proposal["start"], proposal["end"])
    assert chat.values["phase"] == Phase.experiences


def test_a_moves_question_saved_before_resumes_explains_and_sets_the_target(resume, agent_context):
    chat = resume("moves")
    first = chat.recorded["moves"][0]
    again = chat.say(None)
    assert again.expecting == Expecting.target_choice and again.phase == Phase.moves
    assert [c.title for c in again.cards if c.kind == "move"] == [m["label"] for m in chat.recorded["moves"]]

    why = chat.say("why the first one?")  # the recorded move read back as a CareerMove for its reasons
    assert why.expecting == Expecting.target_choice and first["label"] in why.text

    chat.say("1")
    profile = agent_context.profiles.get(chat.id)
    assert profile.target is not None and profile.target.uri == (first.get("target_uri") or first["uri"])
    assert chat.values["phase"] in (Phase.plan, Phase.sharing)
    assert not enums_in(chat.values)
