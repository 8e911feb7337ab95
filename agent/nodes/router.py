"""Entry of every turn: opens a new conversation, resumes a pending question, or sends the
message to a global-intent node or to the node of the current phase."""

from __future__ import annotations

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.answers import detect_persona
from agent.context import AgentContext
from agent.intents import detect_intent
from agent.language import detect_language
from agent.state import AgentState, Phase
from agent.turns import phase_node

INTENT_NODES = {
    "erase": "erase",
    "export": "export",
    "about_me": "about_me",
    "revoke": "revoke",
    "injection": "injection",
    "correction": "correction",
    "go_back": "go_back",
    "reject_skill": "reject_skill",
    "switch_language": "switch_language",
    "restart": "restart",
    "help": "help",
    "off_topic": "off_topic",
    "consent_rule": "consent_rule",
}


def router(state: AgentState, runtime: Runtime[AgentContext]) -> Command:
    ctx = runtime.context
    message = state.get("message")
    if message is not None:
        message = message.replace("\x00", "").strip()[: ctx.max_message_chars]
    hints = state.get("hints") or {}
    update: dict = {
        "message": message,
        "notes": [],
        "cards": [],
        "intent": None,
        "turns": int(state.get("turns") or 0) + 1,
        "counsellor_mode": bool(state.get("counsellor_mode")) or state.get("channel") == "counsellor",
    }
    persona = hints.get("persona") or state.get("persona")
    if not persona and message:
        persona = detect_persona(message)
    update["persona"] = persona

    if not state.get("phase") or state.get("phase") == "erased":  # a new conversation: greet, in the language of the greeting if any
        language = hints.get("language") or detect_language(message) or ctx.default_language
        if language not in ctx.languages:
            language = ctx.default_language
        update.update(language=language, language_set=False, phase=Phase.language, message=None, attempts={},
                      trail=[], finished=False, erase_pending=False, erase_now=False)
        return Command(goto="welcome", update=update)

    phase = state["phase"]
    if message is None:  # the person comes back: ask the pending question again
        return Command(goto=phase_node(phase), update=update)
    if state.get("erase_pending"):
        return Command(goto="erase", update=update)
    expecting = ((state.get("reply") or {}).get("expecting")) or ""
    intent = detect_intent(message, phase, expecting)
    if state.get("rule_pending"):  # the answer to "share without asking?", unless the person asks something else
        if intent is None or intent.kind == "consent_rule":
            return Command(goto="consent_rule", update=update)
        update["rule_pending"] = None
    early = phase in (Phase.language, Phase.processing)
    if intent is not None and (not early or intent.kind in ("erase", "injection", "about_me", "export", "help")):
        update["intent"] = {"kind": intent.kind, "payload": intent.payload}
        return Command(goto=INTENT_NODES[intent.kind], update=update)
    return Command(goto=phase_node(phase), update=update)
