"""Sharing, one recipient kind at a time: the recipient's privacy notice is shown first, then the
question; "yes" grants a consent to that recipient only (signed receipt) and shares through the
consent-checked, logged ``tools.sharing``; "no" records a refusal."""

from __future__ import annotations

import re

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.answers import is_empty, is_no, is_yes
from agent.context import AgentContext
from agent.language import normalise
from agent.prompts import say
from agent.reply import Expecting
from agent.state import AgentState, Phase
from agent.toolbox import load_profile
from agent.turns import ask, attempts, bump, card, goto, quick, reset
from tools.consent.models import PreferenceRule, RecipientKind
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
            current, queue = _next(ctx, queue, state["conversation_id"])
            if current is None:
                return goto("wrapup", state, update={"phase": Phase.wrapup, "share_queue": [], "share_current": None})
        return _ask(state, current, queue)

    person = state["conversation_id"]
    text = normalise(message)
    if _STOP.match(text):
        _refuse(ctx, person, current, lang)
        return goto("wrapup", state, note=say("share_declined", lang, name=current["name"]),
                    update={"phase": Phase.wrapup, "share_queue": [], "share_current": None})
    if is_yes(message) and not is_no(message):
        consent = ctx.consents.give(person, current["notice_id"], language=lang)
        receipt = ctx.consents.latest_receipt(person, consent.id)
        profile = load_profile(ctx, state)
        categories = list(consent.data_categories)
        result = ctx.sharing.share(person, current["recipient_id"], consent.purpose, categories,
                                   profile_payload(profile, categories), channel=state.get("channel") or "chat")
        cards = [card("receipt", say("card_receipt", lang, name=current["name"]), receipt=receipt,
                      consent_id=consent.id, recipient_kind=current["kind"])]
        if result.allowed:
            note = say("share_done", lang, name=current["name"])
        else:
            note = say("share_blocked", lang, name=current["name"], reason=refusal_message(result.reason, lang))
        return goto("sharing", state, note=note, cards=cards,
                    update={"share_current": None, "share_queue": queue, "attempts": reset(state, "share")})
    if is_no(message) or attempts(state, "share") >= 1:
        _refuse(ctx, person, current, lang)
        return goto("sharing", state, note=say("share_declined", lang, name=current["name"]),
                    update={"share_current": None, "share_queue": queue, "attempts": reset(state, "share")})
    note = say("share_again", lang, name=current["name"]) if not is_empty(message) else None
    return _ask(state, current, queue, note=note, update={"attempts": bump(state, "share")}, again=True)


def _next(ctx: AgentContext, queue: list[str], person: str) -> tuple[dict | None, list[str]]:
    """The next recipient to ask about; the person's standing "never share with ..." rules are applied."""
    queue = list(queue)
    rules = getattr(ctx.sharing, "preferences", None)
    while queue:
        kind = queue.pop(0)
        recipients = ctx.consents.recipients.list(RecipientKind(kind))
        recipients = [r for r in recipients if r.notices]
        if rules is not None:
            recipients = [r for r in recipients
                          if getattr(rules.rule_for(person, r), "rule", None) != PreferenceRule.never]
        if not recipients:
            continue
        recipient = sorted(recipients, key=lambda r: (r.demo, r.id))[0]  # a real recipient before a demo one
        notice = recipient.notices[0]
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
        }, queue
    return None, queue


def _refuse(ctx: AgentContext, person: str, current: dict, lang: str) -> None:
    consent = ctx.consents.request(person, current["notice_id"], language=lang)
    ctx.consents.refuse(person, consent.id)


def _ask(state: AgentState, current: dict, queue: list[str], note: str | None = None, update: dict | None = None,
         again: bool = False) -> Command:
    lang = state.get("language") or "en"
    why = current["why"].get(lang) or current["why"].get("en", "")
    notice = say("share_notice", lang, name=current["name"], demo=say("demo_mark", lang) if current["demo"] else "",
                 why=why, categories=", ".join(current["categories"]), retention=current["retention_days"],
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
