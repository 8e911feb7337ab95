"""Wrap-up: what the profile now holds, the export, the next steps; after the end, a short
reminder of what the person can still ask."""

from __future__ import annotations

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.context import AgentContext
from agent.messages import say
from agent.node_commands import ask, card, quick
from agent.reply import Expecting
from agent.state import AgentState, Phase
from agent.toolbox import load_profile


def wrapup(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    replies = [quick(say("qr_about_me", lang)), quick(say("qr_export", lang)), quick(say("qr_erase", lang))]
    if state.get("phase") == Phase.ended:
        return ask(state, text=say("finished_hint", lang), expecting=Expecting.end, phase=Phase.ended,
                   quick_replies=replies, finished=True)
    profile = load_profile(ctx, state)
    target = say("wrapup_target", lang, label=profile.target.label) if profile.target else ""
    text = say("wrapup", lang, skills=len(profile.confirmed_skills()), target=target, steps=say("wrapup_steps", lang))
    cards = [
        card("profile", say("card_profile", lang), skills=[
            {"uri": s.uri, "label": s.label, "level": s.level.value,
             "evidence": [e.text for e in s.evidence][:3]} for s in profile.confirmed_skills()
        ], target=profile.target.label if profile.target else None),
        card("export", say("card_export", lang), formats=["json", "jsonld", "html", "pdf"],
             path=f"/api/profile/{state['conversation_id']}/export"),
    ]
    return ask(state, text=text, expecting=Expecting.end, phase=Phase.ended, quick_replies=replies, cards=cards,
               finished=True)
