"""'Withdraw my consent': revokes every granted sharing consent at once (receipts issued), then back."""

from __future__ import annotations

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.context import AgentContext
from agent.prompts import say
from agent.state import AgentState
from agent.turns import back_to_phase


def revoke(state: AgentState, runtime: Runtime[AgentContext]) -> Command:
    ctx = runtime.context
    lang = state.get("language") or "en"
    revoked = ctx.consents.revoke_all(state["conversation_id"]) if ctx.consents is not None else []
    if not revoked:
        return back_to_phase(state, say("revoke_none", lang))
    names = sorted({ctx.consents.recipient(c.recipient_id).name for c in revoked})
    return back_to_phase(state, say("revoke_done", lang, names=", ".join(names)))
