"""A standing sharing rule typed in the chat ("never share with employers", "ask me each time
before sharing with a coach", "always share with my counsellor"): stored through the consent
preferences (``tools.consent.preferences``), said back in the person's words, then the
conversation goes on. "never" and "ask" only restrict, so they apply at once (a "never" rule
withdraws the consents already given to those recipients); "always" lets the agent consent in
the person's name, so it is confirmed first: only an unambiguous yes (``agent.yes_no``) sets it, a
question is answered (what the rule does) and the confirmation asked once more, anything else
cancels it. A counsellor's guided session can never set a rule: the person does it themselves."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.consent_rules import TypedRule
from agent.context import AgentContext
from agent.messages import say
from agent.node_commands import ask, attempts, back_to_phase, bump, goto, quick, reset
from agent.person_acts import from_counsellor
from agent.ports import ConsentLedger
from agent.reply import Expecting
from agent.state import AgentState, Phase, phase_of
from agent.yes_no import Answer, read_yes_no
from tools.consent.models import ConsentStatus, PreferenceRule, RecipientKind
from tools.consent.preferences import ConsentPreferences


def consent_rule(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    pending = state.get("rule_pending")
    if ctx.sharing is None or ctx.consents is None:
        return back_to_phase(state, say("rule_unavailable", lang), update={"rule_pending": None})
    if from_counsellor(state):
        return back_to_phase(state, say("rule_person_only", lang), update={"rule_pending": None})
    if pending:
        typed = TypedRule.from_payload(pending)
        reading = read_yes_no(state.get("message") or "")
        if reading.answer == Answer.question and attempts(state, "rule") < 1:
            return _confirm(state, typed, say("rule_always_explain", lang, kinds=kinds_text(typed.kinds, lang)),
                            update={"attempts": bump(state, "rule")})
        if reading.answer != Answer.yes:
            return back_to_phase(state, say("rule_cancelled", lang),
                                 update={"rule_pending": None, "attempts": reset(state, "rule")})
        _store(ctx.consents, ctx.sharing.preferences, state["conversation_id"], typed)
        return _resume(state, typed, say("rule_always", lang, kinds=kinds_text(typed.kinds, lang)))

    intent = state.get("intent")
    typed = TypedRule.from_payload(intent["payload"] if intent else "")
    kinds = kinds_text(typed.kinds, lang)
    if typed.rule == PreferenceRule.always:
        return _confirm(state, typed, say("rule_always_confirm", lang, kinds=kinds))
    revoked = _store(ctx.consents, ctx.sharing.preferences, state["conversation_id"], typed)
    note = say(f"rule_{typed.rule.value}", lang, kinds=kinds)
    if revoked:
        note += " " + say("rule_never_revoked", lang, names=", ".join(revoked))
    return _resume(state, typed, note)


def _confirm(state: AgentState, typed: TypedRule, text: str, update: dict[str, Any] | None = None) -> Command[str]:
    lang = state.get("language") or "en"
    return ask(state, text=text, expecting=Expecting.share_consent,
               phase=phase_of(state), context={"about": "sharing_rule"},
               quick_replies=[quick(say("qr_yes", lang), say("qr_yes", lang).lower()),
                              quick(say("qr_no", lang), say("qr_no", lang).lower())],
               update={"rule_pending": typed.payload, **(update or {})})


def kinds_text(kinds: tuple[RecipientKind, ...], lang: str) -> str:
    if set(kinds) == set(RecipientKind):
        return say("kinds_everyone", lang)
    names = [say(f"kinds_{kind.value}", lang) for kind in kinds]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {say('and', lang)} {names[-1]}"


def _store(consents: ConsentLedger, rules: ConsentPreferences, person: str, typed: TypedRule) -> list[str]:
    """Set the rule for each kind; the names of the recipients whose consents a "never" rule withdrew."""
    before = {c.id: c for c in consents.list(person, ConsentStatus.granted)}
    for kind in typed.kinds:
        rules.set(person, typed.rule, recipient_kind=kind)
    after = {c.id for c in consents.list(person, ConsentStatus.granted)}
    gone = [c for cid, c in before.items() if cid not in after]
    return sorted({consents.recipient(c.recipient_id).name for c in gone})


def _resume(state: AgentState, typed: TypedRule, note: str) -> Command[str]:
    """Back to the current question; while sharing, a rule on the recipient being asked about
    decides for it (the sharing step applies the rules to the recipients it proposes). A rule that
    lets the agent ask again ("ask", "always") lifts an earlier "don't ask me again"."""
    current = state.get("share_current")
    lifted = {"share_dont_ask": False, "attempts": reset(state, "rule")} if typed.rule != PreferenceRule.never \
        else {"attempts": reset(state, "rule")}
    if state.get("phase") == Phase.sharing and current and RecipientKind(current["kind"]) in typed.kinds \
            and typed.rule != PreferenceRule.ask:
        queue = [current["kind"], *(state.get("share_queue") or [])]
        return goto("sharing", state, note=note, update={"share_current": None, "share_queue": queue,
                                                          "rule_pending": None, **lifted})
    return back_to_phase(state, note, update={"rule_pending": None, **lifted})
