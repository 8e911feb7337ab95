"""Welcome: the language, what Orient does, a short privacy notice and the consent to process."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.answers import is_no, is_yes, language_choice
from agent.context import AgentContext
from agent.language import detect_language
from agent.messages import say
from agent.node_commands import ask, attempts, bump, goto, quick, reset
from agent.reply import Expecting
from agent.state import AgentState, Phase, unread_message
from agent.yes_no import Answer, read_yes_no


def welcome(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or ctx.default_language
    message = unread_message(state)
    phase = state.get("phase") or Phase.language

    if phase == Phase.language:
        if message is None:
            return _ask_language(state, say("welcome", lang))
        choice = language_choice(message)
        if choice is None:
            choice = detect_language(message)  # "hello", "bonjour", a sentence: they answered in a language
        if choice is None and attempts(state, "language") < 1:
            return _ask_language(state, say("language_again", lang), {"attempts": bump(state, "language")})
        choice = choice if choice in ctx.languages else lang
        return goto("welcome", state, update={"language": choice, "language_set": True, "phase": Phase.processing,
                                              "attempts": reset(state, "language")})

    # processing consent
    if message is None:
        return _ask_processing(state, say("purpose_notice", lang))
    if read_yes_no(message).answer == Answer.question and attempts(state, "processing_question") < 2:
        # "who sees what I say?": answered from the privacy notice, and asked again (not a refusal)
        return _ask_processing(state, say("processing_explain", lang), {"attempts": bump(state, "processing_question")})
    if is_yes(message):
        # what they told before agreeing is their first experience ("no message is lost")
        told = state.get("told_before_consent")
        return goto("experiences", state, update={"processing_consent": True, "phase": Phase.experiences,
                                                  "attempts": reset(state, "processing"), "told_before_consent": None,
                                                  **({"message": told} if told else {})})
    if not is_no(message) and attempts(state, "processing_unclear") < 2:
        # neither yes nor no ("jsuis aide à domicile depuis 3 ans...", "c tout"): asked again, never taken as a no;
        # an experience told here waits for the answer
        content = len(message.split()) >= 4
        return _ask_processing(state, say("processing_held" if content else "processing_again", lang),
                               {"attempts": bump(state, "processing_unclear"),
                                **({"told_before_consent": message} if content else {})})
    if is_no(message) and attempts(state, "processing") < 1:
        return _ask_processing(state, say("processing_again", lang), {"attempts": bump(state, "processing")})
    # Refused twice (or never agreed): keep nothing, end here.
    return ask(state, text=say("processing_refused", lang), expecting=Expecting.end, phase=Phase.ended,
               finished=True, update={"processing_consent": False, "erase_now": True, "told_before_consent": None})


def _ask_language(state: AgentState, text: str, update: dict[str, Any] | None = None) -> Command[str]:
    lang = state.get("language") or "en"
    return ask(state, text=text, expecting=Expecting.language, phase=Phase.language, update=update,
               quick_replies=[quick(say("qr_english", lang), "en"), quick(say("qr_french", lang), "fr")])


def _ask_processing(state: AgentState, text: str, update: dict[str, Any] | None = None) -> Command[str]:
    lang = state.get("language") or "en"
    return ask(state, text=text, expecting=Expecting.processing_consent, phase=Phase.processing, update=update,
               quick_replies=[quick(say("qr_yes", lang), say("qr_yes", lang).lower()),
                              quick(say("qr_no", lang), say("qr_no", lang).lower())])
