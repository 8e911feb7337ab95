"""'Erase everything': asks for confirmation; once confirmed (an unambiguous yes, ``agent.yes_no``,
or the request said again), the turn ends the conversation and the runtime erases every store
(profile, consents, share log, checkpoints) through the privacy registry. A question is answered
(what erasing removes) and the confirmation asked once more; a no, or a second answer that is
neither, keeps everything. A counsellor's guided session can never erase: the person does it."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.context import AgentContext
from agent.intents import IntentKind, detect_intent
from agent.messages import say
from agent.node_commands import ask, attempts, back_to_phase, bump, quick, reset
from agent.person_acts import from_counsellor
from agent.reply import Expecting
from agent.state import AgentState, Phase, phase_of
from agent.yes_no import Answer, read_yes_no


def erase(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    lang = state.get("language") or "en"
    message = state.get("message") or ""
    if from_counsellor(state):
        return back_to_phase(state, say("erase_person_only", lang), update={"erase_pending": False})
    if not state.get("erase_pending"):
        return _confirm(state, say("erase_confirm", lang))
    again = detect_intent(message)
    reading = read_yes_no(message)
    if reading.answer == Answer.yes or (again is not None and again.kind == IntentKind.erase):
        return ask(state, text=say("erase_done", lang), expecting=Expecting.end, phase=Phase.erased, finished=True,
                   update={"erase_pending": False, "erase_now": True, "attempts": reset(state, "erase")})
    if reading.answer in (Answer.question, Answer.unclear) and attempts(state, "erase") < 1:
        return _confirm(state, say("erase_explain", lang), {"attempts": bump(state, "erase")})
    return back_to_phase(state, say("erase_cancelled", lang), update={"erase_pending": False,
                                                                      "attempts": reset(state, "erase")})


def _confirm(state: AgentState, text: str, update: dict[str, Any] | None = None) -> Command[str]:
    lang = state.get("language") or "en"
    return ask(state, text=text, expecting=Expecting.processing_consent,
               phase=phase_of(state), context={"about": "erase"},
               quick_replies=[quick(say("qr_yes", lang), say("qr_yes", lang).lower()),
                              quick(say("qr_no", lang), say("qr_no", lang).lower())],
               update={"erase_pending": True, **(update or {})})
