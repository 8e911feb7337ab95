"""Preferences: where, what hours (days only, no nights, no weekends), how stable, how much
training; for employees, whether to stay with their employer; for pupils, short or long studies.
The moves read them again from the person's words (tools.career.preferences) and check them
against ROME's working conditions."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.answers import is_empty
from agent.context import AgentContext
from agent.messages import say
from agent.node_commands import ask, attempts, bump, goto, quick, reset
from agent.reply import Expecting
from agent.state import AgentState, Phase, unread_message
from agent.toolbox import change_profile
from tools.career.preferences import parse_preferences
from tools.profile import Preferences


def preferences(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    message = unread_message(state)
    if message is None:
        persona = state.get("persona")
        key = f"preferences_ask_{persona}" if persona in ("high_school", "employee") else "preferences_ask"
        return _ask(state, say(key, lang))
    if is_empty(message) and attempts(state, "preferences") < 1:
        return _ask(state, say("preferences_again", lang), {"attempts": bump(state, "preferences")})
    if not is_empty(message):
        parsed = parse_preferences(message)
        appetite = None
        months = None
        if parsed.short_training or parsed.short_studies:
            appetite, months = "short", 6
        elif parsed.long_training_ok or parsed.long_studies:
            appetite, months = "long", 36
        if parsed.max_training_weeks is not None:
            months = max(0, round(parsed.max_training_weeks / 4.3))
        if parsed.little_training and appetite is None:
            appetite, months = "short", 3
        hours = [s.replace("_", " ") for s in parsed.schedule]
        hours += [name for flag, name in ((parsed.days_only, "days only"), (parsed.no_nights and not parsed.days_only, "no nights"),
                                          (parsed.no_weekends, "no weekends"), (parsed.stability, "stable job")) if flag]
        prefs = Preferences(
            location=parsed.location,
            time=", ".join(hours) or None,
            remote=parsed.remote,
            training_appetite=appetite,
            max_training_months=months,
            text=message,
        )
        change_profile(ctx, state, lambda p: setattr(p, "preferences", prefs))
    return goto("moves", state, update={"phase": Phase.moves, "moves": [], "attempts": reset(state, "preferences")})


def _ask(state: AgentState, text: str, update: dict[str, Any] | None = None) -> Command[str]:
    lang = state.get("language") or "en"
    return ask(state, text=text, expecting=Expecting.preferences, phase=Phase.preferences, update=update,
               quick_replies=[quick(say("qr_no_preference", lang))])
