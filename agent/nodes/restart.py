"""'Start again': back to the experiences question; the profile is kept (erase is separate)."""

from __future__ import annotations

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.context import AgentContext
from agent.messages import say
from agent.node_commands import goto
from agent.state import AgentState, Phase


def restart(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    lang = state.get("language") or "en"
    if not state.get("processing_consent"):
        return goto("welcome", state, update={"phase": Phase.language, "attempts": {}})
    return goto("experiences", state, note=say("restart", lang), update={
        "phase": Phase.experiences, "attempts": {}, "proposals": [], "moves": [], "share_queue": None,
        "share_current": None, "experience_id": None, "finished": False,
        "next_experience": None, "resume_phase": None, "resume_answer": None,  # nothing told earlier is pending
    })
