"""'In English please' / 'en français svp': switch the language for every following message."""

from __future__ import annotations

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.context import AgentContext
from agent.messages import say
from agent.node_commands import back_to_phase
from agent.state import AgentState
from agent.toolbox import change_profile


def switch_language(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    intent = state.get("intent")
    lang = (intent["payload"] if intent else "") or state.get("language") or "en"
    if lang not in ctx.languages:
        lang = state.get("language") or ctx.default_language
    switched: AgentState = {**state, "language": lang}
    if state.get("processing_consent"):
        change_profile(ctx, switched, lambda p: None)
    return back_to_phase(switched, say("language_switched", lang), update={"language": lang, "language_set": True})
