"""Sharing, one recipient kind at a time: the recipient's privacy notice is shown first, then the
question; "yes" grants a consent to that recipient only (signed receipt) and shares through the
consent-checked, logged ``tools.sharing``; "no" records a refusal.

The person's standing rules decide first (``ConsentPreferences.propose``): a recipient under a
"never" rule is not proposed; under an "always" rule, or with a consent still valid, the profile
is shared without asking (a receipt is shown); under an "ask" rule, or with no rule, the person is asked."""

from __future__ import annotations

import re

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.answers import is_empty, is_no, is_yes
from agent.context import AgentContext
from agent.language import normalise
from agent.prompts import categories_text, say
from agent.reply import Expecting
from agent.state import AgentState, Phase
from agent.toolbox import load_profile
from agent.turns import ask, attempts, bump, card, goto, quick, reset
from tools.consent.models import PreferenceRule, RecipientKind
from tools.consent.preferences import Decision
from tools.sharing import profile_payload, refusal_message

ORDER = {
    "high_school": ["counsellor", "training_provider", "coach", "employer", "statistics"],
    "jobseeker": ["coach", "counsellor", "training_provider", "employer", "statistics"],
    "employee": ["employer", "training_provider", "coach", "counsellor", "statistics"],
}
DEFAULT_ORDER = ["coach", "counsellor", "training_provider", "employer", "statistics"]
_STOP = re.compile(r"^(don'?t ask|stop asking|no more sharing|ne plus (me )?demander|plus de partage|arrete de demander|no to all|non a tous|skip( the rest)?)\b")


def sharing(state: AgentState, runtime: Runtime[AgentContext]) -> Command:
    ctx = runtime.context
    lang = state.get("language") or "en"
    if ctx.consents is None or ctx.sharing is None:
        return goto("wrapup", state, note=say("share_none_available", lang), update={"phase": Phase.wrapup})
    message = state.get("message")
    current = state.get("share_current")
    queue = state.get("share_queue")
    if queue is None:
        queue = list(ORDER.get(state.get("persona") or "", DEFAULT_ORDER))

    if message is None or current is None:
        if current is None:
            current, queue, notes, cards = _next(ctx, state, queue)
            state = {**state, "notes": [*(state.get("notes") or []), *notes], "cards": [*(state.get("cards") or []), *cards]}
            if current is None:
                return goto("wrapup", state, update={"phase": Phase.wrapup, "share_queue": [], "share_current": None,
                                                     "notes": state["notes"], "cards": state["cards"]})
        return _ask(state, current, queue)

    person = state["conversation_id"]
    text = normalise(message)
    if _STOP.match(text):
        _refuse(ctx, person, current, lang)
        return goto("wrapup", state, note=say("share_declined", lang, name=current["name"]),
                    update={"phase": Phase.wrapup, "share_queue": [], "share_current": None})
    if is_yes(message) and not is_no(message):
        # under an "ask me each time" rule, the yes covers this share only
        consent = ctx.consents.give(person, current["notice_id"], language=lang, single_use=_asks_each_time(ctx, person, current))
        cards: list[dict] = []
        note = _share(ctx, state, consent, current["recipient_id"], current["name"], current["kind"], cards, "share_done")
        return goto("sharing", state, note=note, cards=cards,
                    update={"share_current": None, "share_queue": queue, "attempts": reset(state, "share")})
    if is_no(message) or attempts(state, "share") >= 1:
        _refuse(ctx, person, current, lang)
        return goto("sharing", state, note=say("share_declined", lang, name=current["name"]),
                    update={"share_current": None, "share_queue": queue, "attempts": reset(state, "share")})
    note = say("share_again", lang, name=current["name"]) if not is_empty(message) else None
    return _ask(state, current, queue, note=note, update={"attempts": bump(state, "share")}, again=True)


def _next(ctx: AgentContext, state: AgentState, queue: list[str]) -> tuple[dict | None, list[str], list[str], list[dict]]:
    """The next recipient to ask about, after applying the person's standing rules to each kind in
    turn: skipped under "never"; shared without asking under "always" or a consent still valid
    (the notes and receipt cards of those shares are returned too)."""
    lang = state.get("language") or "en"
    person = state["conversation_id"]
    queue = list(queue)
    notes: list[str] = []
    cards: list[dict] = []
    rules = getattr(ctx.sharing, "preferences", None)
    while queue:
        kind = queue.pop(0)
        recipients = sorted((r for r in ctx.consents.recipients.list(RecipientKind(kind)) if r.notices),
                            key=lambda r: (r.demo, r.id))  # a real recipient before a demo one
        for recipient in recipients:
            notice = recipient.notices[0]
            proposal = rules.propose(person, recipient.id, notice.purpose, language=lang) if rules is not None else None
            if proposal is not None and proposal.decision == Decision.refuse:
                continue
            if proposal is not None and proposal.decision == Decision.share and proposal.consent_id:
                notes.append(_share_now(ctx, state, recipient, proposal, cards))
                break
            return _recipient_dict(kind, recipient, notice), queue, notes, cards
    return None, queue, notes, cards


def _share_now(ctx: AgentContext, state: AgentState, recipient, proposal, cards: list[dict]) -> str:
    """Share under a consent the rules found or granted (``proposal``), without asking."""
    consent = ctx.consents.get(state["conversation_id"], proposal.consent_id)
    done = "share_auto_rule" if proposal.reason == "preference_always" else "share_auto_consent"
    return _share(ctx, state, consent, recipient.id, recipient.name, str(recipient.kind), cards, done)


def _share(ctx: AgentContext, state: AgentState, consent, recipient_id: str, name: str, kind: str,
           cards: list[dict], done: str) -> str:
    """Share the profile parts ``consent`` covers (checked and logged by ``tools.sharing``), add the
    consent's receipt card to ``cards``, and return what to tell the person (``done`` when shared)."""
    lang = state.get("language") or "en"
    person = state["conversation_id"]
    categories = list(consent.data_categories)
    result = ctx.sharing.share(person, recipient_id, consent.purpose, categories,
                               profile_payload(load_profile(ctx, state), categories), channel=state.get("channel") or "chat")
    cards.append(card("receipt", say("card_receipt", lang, name=name), receipt=ctx.consents.latest_receipt(person, consent.id),
                      consent_id=consent.id, recipient_kind=kind))
    if not result.allowed:
        return say("share_blocked", lang, name=name, reason=refusal_message(result.reason, lang))
    return say(done, lang, name=name)


def _recipient_dict(kind: str, recipient, notice) -> dict:
    return {
        "kind": kind,
        "recipient_id": recipient.id,
        "name": recipient.name,
        "demo": recipient.demo,
        "notice_id": notice.id,
        "purpose": notice.purpose,
        "why": notice.why,
        "categories": [str(c) for c in notice.data_categories],
        "retention_days": notice.retention_days,
        "consent_duration_days": notice.consent_duration_days,
        "controller": notice.controller.model_dump(mode="json"),
    }


def _asks_each_time(ctx: AgentContext, person: str, current: dict) -> bool:
    rules = getattr(ctx.sharing, "preferences", None)
    if rules is None:
        return False
    rule = rules.rule_for(person, ctx.consents.recipient(current["recipient_id"]))
    return rule is not None and rule.rule == PreferenceRule.ask


def _refuse(ctx: AgentContext, person: str, current: dict, lang: str) -> None:
    consent = ctx.consents.request(person, current["notice_id"], language=lang)
    ctx.consents.refuse(person, consent.id)


def _ask(state: AgentState, current: dict, queue: list[str], note: str | None = None, update: dict | None = None,
         again: bool = False) -> Command:
    lang = state.get("language") or "en"
    why = current["why"].get(lang) or current["why"].get("en", "")
    notice = say("share_notice", lang, name=current["name"], demo=say("demo_mark", lang) if current["demo"] else "",
                 why=why, categories=categories_text(current["categories"], lang), retention=current["retention_days"],
                 duration=current["consent_duration_days"])
    question = say("share_ask", lang, kind_label=say(f"kind_{current['kind']}", lang))
    text = question if again else f"{notice}\n\n{question}"
    notes = [*(state.get("notes") or []), *([note] if note else [])]
    values = {"share_current": current, "share_queue": queue}
    values.update(update or {})
    cards = [] if again else [card("notice", current["name"], recipient_id=current["recipient_id"], recipient_kind=current["kind"],
                                   notice_id=current["notice_id"], purpose=current["purpose"], why=why,
                                   data_categories=current["categories"], retention_days=current["retention_days"],
                                   consent_duration_days=current["consent_duration_days"],
                                   controller=current["controller"], demo=current["demo"])]
    return ask({**state, "notes": notes}, text=text, expecting=Expecting.share_consent, phase=Phase.sharing,
               quick_replies=[quick(say("qr_yes", lang), say("qr_yes", lang).lower()),
                              quick(say("qr_no", lang), say("qr_no", lang).lower()),
                              quick(say("qr_no_more_sharing", lang), "no more sharing")],
               cards=cards, context={"recipient_kind": current["kind"], "recipient_id": current["recipient_id"],
                                     "notice_id": current["notice_id"]}, update=values)
