"""Interests, RIASEC-style: what the person enjoys (people, hands, problems, creating, leading,
organising), in their words or through quick replies."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.answers import is_acknowledgement, is_empty, is_no, is_no_more, is_unsure
from agent.context import AgentContext
from agent.messages import say
from agent.node_commands import ask, attempts, bump, goto, quick, reset
from agent.reply import Expecting
from agent.state import AgentState, Phase, unread_message
from agent.toolbox import change_profile
from tools.career.interests import parse_interests
from tools.profile import Interests

RIASEC_ORDER = "SRIAEC"


def interests(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    message = unread_message(state)
    if message is None:
        return _ask(state, say("interests_ask", lang))
    said = parse_interests(message)
    # "numbers, computers, solving problems" names interests: not the no that "problems" may read as
    # "ok" or "jsp" says nothing they enjoy either: asked once more, with the examples
    nothing = is_empty(message) or (not said.letters and (is_no(message) or is_no_more(message) or is_acknowledgement(message)
                                                          or is_unsure(message)) and len(message.split()) <= 4)
    if nothing and attempts(state, "interests") < 1:
        return _ask(state, say("interests_again", lang), {"attempts": bump(state, "interests")})
    if not nothing:
        letters = list(said.letters)
        change_profile(ctx, state, lambda p: setattr(p, "interests", Interests(riasec=letters, text=message)))
    return goto("preferences", state, update={"phase": Phase.preferences, "attempts": reset(state, "interests")})


def _ask(state: AgentState, text: str, update: dict[str, Any] | None = None) -> Command[str]:
    lang = state.get("language") or "en"
    replies = [quick(say(f"qr_interest_{letter}", lang)) for letter in RIASEC_ORDER]
    return ask(state, text=text, expecting=Expecting.interests, phase=Phase.interests, quick_replies=replies,
               update=update)
