"""'Export my data': everything held about the person, as JSON (a card), then back."""

from __future__ import annotations

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.context import AgentContext
from agent.messages import say
from agent.node_commands import back_to_phase, card
from agent.state import AgentState
from agent.toolbox import load_profile


def export(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    person = state["conversation_id"]
    if ctx.privacy is not None:
        data = ctx.privacy.export_all(person)
    else:
        data = {"profile": load_profile(ctx, state).model_dump(mode="json")}
        if ctx.consents is not None:
            data["consents"] = ctx.consents.export_person(person)
    return back_to_phase(state, say("export_done", lang),
                         cards=[card("export", say("card_export", lang), format="json", content=data)])
