"""'Erase everything': asks for confirmation; once confirmed, the turn ends the conversation and
the runtime erases every store (profile, consents, share log, checkpoints) through the privacy
registry."""

from __future__ import annotations

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.answers import is_yes
from agent.context import AgentContext
from agent.intents import detect_intent
from agent.prompts import say
from agent.reply import Expecting
from agent.state import AgentState
from agent.turns import ask, back_to_phase, quick


def erase(state: AgentState, runtime: Runtime[AgentContext]) -> Command:
    lang = state.get("language") or "en"
    message = state.get("message") or ""
    if not state.get("erase_pending"):
        return ask(state, text=say("erase_confirm", lang), expecting=Expecting.processing_consent,
                   phase=state.get("phase") or "language", context={"about": "erase"},
                   quick_replies=[quick(say("qr_yes", lang), say("qr_yes", lang).lower()),
                                  quick(say("qr_no", lang), say("qr_no", lang).lower())],
                   update={"erase_pending": True})
    again = detect_intent(message)
    if is_yes(message) or (again is not None and again.kind == "erase"):
        return ask(state, text=say("erase_done", lang), expecting=Expecting.end, phase="erased", finished=True,
                   update={"erase_pending": False, "erase_now": True})
    return back_to_phase(state, say("erase_cancelled", lang), update={"erase_pending": False})
