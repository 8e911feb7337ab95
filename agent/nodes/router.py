"""Entry of every turn: opens a new conversation, resumes a pending question, or reads the message
into dialogue acts (:mod:`agent.acts`) and sends the turn to the node that acts on them: a request
node (erase, export, switch language...), the correction, change-of-target, advice or chit-chat
node, or the node of the current phase. A message that carries a request and content goes to the
request node first, then its content to the phase (``resume_message``): nothing is dropped."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.acts.models import GLOBAL_KINDS, Act, ActKind, ReadContext
from agent.acts.reader import ActReader
from agent.answers import detect_persona
from agent.consent_notices import notice_topics
from agent.context import AgentContext
from agent.intents import IntentKind
from agent.language import detect_language
from agent.node_commands import phase_node
from agent.state import AgentState, MessageStatus, Phase, expecting_of
from agent.toolbox import load_profile
from agent.yes_no import Answer, read_yes_no

# request act -> the intent node that handles it (its name is the intent kind those nodes read)
REQUEST_NODES: dict[ActKind, IntentKind] = {
    ActKind.erase: IntentKind.erase,
    ActKind.export: IntentKind.export,
    ActKind.ask_profile: IntentKind.about_me,
    ActKind.revoke: IntentKind.revoke,
    ActKind.injection: IntentKind.injection,
    ActKind.go_back: IntentKind.go_back,
    ActKind.switch_language: IntentKind.switch_language,
    ActKind.restart: IntentKind.restart,
    ActKind.help: IntentKind.help,
    ActKind.sharing_rule: IntentKind.consent_rule,
}
EARLY_ALLOWED = (ActKind.erase, ActKind.injection, ActKind.ask_profile, ActKind.export, ActKind.help)
ADVICE_PHASES = (Phase.moves, Phase.plan, Phase.sharing, Phase.wrapup, Phase.ended)
_OFFLINE = ActReader()


def read_context(state: AgentState, ctx: AgentContext) -> ReadContext:
    reply = state.get("reply")
    expecting = expecting_of(state)
    phase = state.get("phase") or ""
    profile_skills: list[str] = []
    experiences: list[str] = []
    target = None
    trainings: list[str] = []
    if phase not in ("", Phase.language, Phase.processing) and state.get("conversation_id"):
        profile = load_profile(ctx, state)
        profile_skills = [s.label for s in profile.confirmed_skills()]
        experiences = [e.title for e in profile.experiences]
        target = profile.target.label if profile.target else None
        trainings = [t.title for t in profile.plan.trainings] if profile.plan else []
    options = [m.get("label", "") for m in state.get("moves") or []]
    current = state.get("share_current")
    recipient = (current.get("name") or current.get("recipient_id")) if current else None
    return ReadContext(
        expecting=expecting,
        phase=phase,
        language=state.get("language") or "en",
        proposals=[p["label"] for p in state.get("proposals") or []] if expecting == "skill_confirmation" else [],
        options=options,
        profile_skills=profile_skills,
        experiences=experiences,
        target=target,
        trainings=trainings,
        recipient=recipient,
        last_question=str(reply.get("text") or "")[-400:] if reply else "",
    )


def router(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    message = state.get("message")
    if message is not None:
        message = message.replace("\x00", "").strip()[: ctx.max_message_chars]
    hints = state.get("hints") or {}
    update: dict[str, Any] = {
        "message": message,
        "message_status": (MessageStatus.resumed if message is None else MessageStatus.unread).value,
        "notes": [],
        "cards": [],
        "intent": None,
        "acts": [],
        "resume_message": None,
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
        update.update(language=language, language_set=False, phase=Phase.language.value, message=None,
                      message_status=(MessageStatus.resumed if message is None else MessageStatus.handled).value, attempts={},
                      trail=[], finished=False, erase_pending=False, erase_now=False)
        return Command(goto="welcome", update=update)

    phase = state["phase"]
    if message is None:  # resumed: the person comes back, the phase asks its pending question again
        return Command(goto=phase_node(phase), update=update)
    if state.get("erase_pending"):
        return Command(goto=IntentKind.erase.value, update=update)

    reader = ctx.reader or _OFFLINE
    acts = reader.read(message, read_context(state, ctx))
    update["acts"] = [a.model_dump(mode="json") for a in acts]
    requests = [a for a in acts if a.kind in GLOBAL_KINDS]
    content = [a for a in acts if a.kind not in GLOBAL_KINDS]
    if answers_consent_question(state, message, requests, content):  # the sharing step reads it (agent.yes_no)
        return Command(goto=phase_node(phase), update=update)

    if state.get("rule_pending"):  # the answer to "share without asking?", unless the person asks something else
        if not requests or requests[0].kind == ActKind.sharing_rule:
            return Command(goto=IntentKind.consent_rule.value, update=update)
        update.update(rule_pending=None, reply=None)  # the rule's question is dropped: the phase asks its own again
    early = phase in (Phase.language, Phase.processing)
    if early:
        requests = [a for a in requests if a.kind in EARLY_ALLOWED]
    if requests:
        first = requests[0]
        node = REQUEST_NODES[first.kind].value
        update["intent"] = {"kind": node, "payload": first.payload or first.lang or ""}
        if content and first.kind not in (ActKind.injection, ActKind.erase, ActKind.restart):
            update["resume_message"] = " ".join(a.text for a in content if a.text) or None
            update["acts"] = [a.model_dump(mode="json") for a in content]
        return Command(goto=node, update=update)
    return Command(goto=content_node(content, phase), update=update)


def content_node(acts: list[Act], phase: str) -> str:
    """The node that acts on the content acts of a message: an intent node, else the phase's."""
    kinds = {a.kind for a in acts}
    if ActKind.new_experience in kinds:
        return IntentKind.new_experience.value
    if ActKind.change_target in kinds and phase in ADVICE_PHASES:
        return IntentKind.change_target.value
    if ActKind.ask_advice in kinds:
        return IntentKind.advice.value
    if ActKind.correct_fact in kinds:
        fact = next(a for a in acts if a.kind == ActKind.correct_fact)
        return (IntentKind.reject_skill if fact.field == "skill" else IntentKind.correction).value
    if ActKind.chit_chat in kinds and kinds <= {ActKind.chit_chat}:
        return IntentKind.off_topic.value
    return phase_node(phase)


def answers_consent_question(state: AgentState, message: str, requests: list[Act], content: list[Act]) -> bool:
    """The answer to a consent question is read by the step that asked it (``agent.yes_no``: yes,
    no, unclear, a question), never as chit-chat. A question ("who sees it?", "qui va voir mes
    données ?", "how long?") is answered there, by the sharing step from the recipient's notice,
    by the welcome from the privacy notice, and asked again (turns counted, so it never loops); a
    real request (erase, revoke, a rule), a correction or a change of target goes where it belongs."""
    expecting = expecting_of(state)
    sharing = state.get("phase") == Phase.sharing and bool(state.get("share_current")) and expecting == "share_consent"
    processing = state.get("phase") == Phase.processing and expecting == "processing_consent"
    if not (sharing or processing) or state.get("rule_pending"):
        return False
    if any(a.kind not in (ActKind.ask_profile, ActKind.help) for a in requests):
        return False
    if any(a.kind in (ActKind.change_target, ActKind.correct_fact) for a in content):
        return False
    if read_yes_no(message).answer != Answer.question:  # yes, no, or unclear (counted there): never chit-chat
        return not requests
    return bool(notice_topics(message)) or not any(a.kind == ActKind.ask_profile for a in requests)
