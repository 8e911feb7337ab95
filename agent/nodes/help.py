"""'Help' / 'what can you do?': what Orient does and what can be asked at any time, then back."""

from __future__ import annotations

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.context import AgentContext
from agent.messages import say
from agent.node_commands import reask_compact
from agent.state import AgentState


def help(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:  # noqa: A001 (the node's name)
    return reask_compact(state, say("help", state.get("language") or "en"))
