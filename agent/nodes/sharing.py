"""Sharing as a choice, not a queue: one short message says who could help with this plan and why,
then one question per recipient that fits the person and the plan (a pupil's counsellor, a
jobseeker's coach and counsellor, the provider of the trainings proposed, an employer for someone
looking for a job or a move), each with its notice in plain words and "no one else" always offered.

Answers are read by ``agent.yes_no``: only an unambiguous yes grants a consent (signed receipt) and
shares through the consent-checked, logged ``tools.sharing``; a no records a refusal; a question
("who sees it?", "combien de temps ?") is answered from the notice and the question asked again;
after two unclear answers nothing is shared and the agent moves on. "Don't ask me again" holds for
every later plan too. A counsellor's guided session never answers for the person.

The person's standing rules decide first (``ConsentPreferences.propose``): a recipient under a
"never" rule is not proposed; under an "always" rule, or with a consent still valid, the profile
is shared without asking (a receipt is shown); under an "ask" rule, or with no rule, the person is asked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.consent_notices import (
    answer_about_notice,
    display_name,
    name_of,
    plain_notice,
    recipient_facts,
    topics_asked,
    why_text,
)
from agent.context import AgentContext
from agent.language import normalise
from agent.messages import say
from agent.node_commands import ask, attempts, bump, card, goto, quick, reset
from agent.person_acts import from_counsellor
from agent.ports import ConsentLedger, Disclosing
from agent.reply import Expecting
from agent.state import AgentState, Phase, ShareQuestion, unread_message
from agent.toolbox import load_profile
from agent.yes_no import Answer, read_yes_no
from tools.consent.models import Consent, ConsentStatus, Notice, PreferenceRule, Recipient, RecipientKind
from tools.consent.preferences import ConsentPreferences, Decision, ShareProposal
from tools.consent.recipients import (
    PURPOSE_COACHING,
    PURPOSE_GUIDANCE,
    PURPOSE_RECRUITMENT,
    PURPOSE_SKILL_EVIDENCE,
    PURPOSE_STATISTICS,
    PURPOSE_TRAINING_OFFERS,
)
from tools.sharing import refusal_message

# Who fits whom, in the order they are proposed; a training provider only when the plan proposes courses.
FITS = {
    "high_school": ["counsellor", "training_provider"],
    "jobseeker": ["coach", "counsellor", "training_provider", "employer"],
    "employee": ["employer", "training_provider"],
}
DEFAULT_FITS = ["coach", "counsellor", "training_provider", "employer"]
# The purpose a share from the chat serves, per kind (a notice for skill evidence lets an
# organisation post proofs to the profile: it is not a reason to send the profile).
PURPOSES = {
    "coach": PURPOSE_COACHING, "counsellor": PURPOSE_GUIDANCE, "training_provider": PURPOSE_TRAINING_OFFERS,
    "employer": PURPOSE_RECRUITMENT, "statistics": PURPOSE_STATISTICS,
}
MAX_QUESTIONS = 3  # questions answered about one recipient before moving on
_DONT_ASK = re.compile(r"^(please )?(don'?t|do not|never) ask( me)?( again| any ?more)?\b|^stop asking\b|"
                       r"^(ne|n'?) ?(plus|jamais) (me )?(le )?demander\b|^ne me demande[sz]? plus\b|"
                       r"^arrete[sz]? de (me )?demander\b")
_NO_ONE_ELSE = re.compile(r"^(no ?one|nobody|none|no) (else|more|other)\b|^personne d'?autre\b|^(no|non) (to )?all\b|"
                          r"^non a tous\b|^skip( the rest)?\b|^aucun autre\b|^no more sharing\b|^plus de partage\b|^c'?est tout\b|^that'?s all\b|"
                          r"^(no|non),? (that'?s all|c'?est tout|personne d'?autre|no ?one else)\b")


@dataclass(frozen=True)
class _Desk:
    """What the sharing step works with, once the node has found all of it in the context."""

    ctx: AgentContext
    consents: ConsentLedger
    rules: ConsentPreferences  # the person's standing rules ("always" / "never" / "ask each time")
    disclosure: Disclosing


def sharing(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    if ctx.consents is None or ctx.sharing is None or ctx.disclosure is None:
        return goto("wrapup", state, note=say("share_none_available", lang), update={"phase": Phase.wrapup})
    desk = _Desk(ctx, ctx.consents, ctx.sharing.preferences, ctx.disclosure)
    if from_counsellor(state):
        return _person_only(state)
    message = unread_message(state)
    current = state.get("share_current")
    queue = state.get("share_queue")  # None: no question asked yet for this plan

    if message is None or current is None:
        notes: list[str] = []
        if current is None:
            if queue is None:  # a new plan: who could help, then the first question
                if state.get("share_dont_ask"):
                    return goto("wrapup", state, note=say("share_not_asking", lang),
                                update={"phase": Phase.wrapup, "share_queue": [], "share_current": None})
                queue = fitting_kinds(ctx, state)
                helpers = [kind for kind in queue if _candidates(desk, state, kind)]
                if helpers:
                    intro = "share_intro" if len(helpers) > 1 else "share_intro_one"
                    notes.append(say(intro, lang, helpers=_helpers_text(helpers, lang)))
            current, queue, shared_notes, cards = _next(desk, state, queue)
            state = {**state, "notes": [*(state.get("notes") or []), *notes, *shared_notes],
                     "cards": [*(state.get("cards") or []), *cards]}
            if current is None:
                return goto("wrapup", state, update={"phase": Phase.wrapup, "share_queue": [], "share_current": None,
                                                     "notes": state["notes"], "cards": state["cards"]})
        return _ask(state, current, queue or [])

    person = state["conversation_id"]
    queue = queue or []  # a recipient is asked about: its queue was saved with it
    text = normalise(message)
    if _DONT_ASK.match(text):
        _refuse(desk, person, current, lang)
        return goto("wrapup", state, note=f"{say('share_declined', lang, name=name_of(current, lang))} {say('share_dont_ask_done', lang)}",
                    update={"phase": Phase.wrapup, "share_queue": [], "share_current": None, "share_dont_ask": True,
                            "attempts": _reset_all(state)})
    if _NO_ONE_ELSE.match(text):
        _refuse(desk, person, current, lang)
        return goto("wrapup", state, note=f"{say('share_declined', lang, name=name_of(current, lang))} {say('share_no_one_else', lang)}",
                    update={"phase": Phase.wrapup, "share_queue": [], "share_current": None, "attempts": _reset_all(state)})

    reading = read_yes_no(message)
    if reading.answer == Answer.yes:
        # under an "ask me each time" rule, the yes covers this share only
        consent = desk.consents.give(person, current["notice_id"], language=lang,
                                     single_use=_asks_each_time(desk, person, current))
        receipts: list[dict[str, Any]] = []
        note = _share(desk, state, consent, current["recipient_id"], name_of(current, lang), current["kind"], receipts,
                      "share_done")
        return goto("sharing", state, note=note, cards=receipts,
                    update={"share_current": None, "share_queue": queue, "attempts": _reset_all(state)})
    if reading.answer == Answer.no:
        _refuse(desk, person, current, lang)
        return goto("sharing", state, note=say("share_declined", lang, name=name_of(current, lang)),
                    update={"share_current": None, "share_queue": queue, "attempts": _reset_all(state)})
    if reading.answer == Answer.question and attempts(state, "share_question") < MAX_QUESTIONS:
        # each part of the notice is told once; asked again, the agent says it has told all it knows
        told = current.get("told") or []
        topics = [t for t in topics_asked(reading.question) if t.value not in told]
        answer = answer_about_notice(reading.question, current, lang, state.get("persona"), topics=topics) if topics \
            else say("notice_told_all", lang, name=name_of(current, lang))
        current = {**current, "told": [*told, *(t.value for t in topics)]}
        return _ask(state, current, queue, note=answer, update={"attempts": bump(state, "share_question")},
                    again=say("share_reask", lang, name=name_of(current, lang)))
    if attempts(state, "share") >= 1 or reading.answer == Answer.question:
        # a second unclear answer (or questions without end): nothing is shared, on to the next one
        return goto("sharing", state, note=say("share_unclear_skip", lang, name=name_of(current, lang)),
                    update={"share_current": None, "share_queue": queue, "attempts": _reset_all(state)})
    return _ask(state, current, queue, update={"attempts": bump(state, "share")},
                again=say("share_unclear", lang, name=name_of(current, lang)))


def fitting_kinds(ctx: AgentContext, state: AgentState) -> list[str]:
    """The kinds of recipient that fit this person and plan, in the order they are proposed."""
    kinds = list(FITS.get(state.get("persona") or "", DEFAULT_FITS))
    if not _proposed_providers(ctx, state) and not _plan_has_trainings(ctx, state):
        kinds = [k for k in kinds if k != "training_provider"]
    return kinds


def _plan_has_trainings(ctx: AgentContext, state: AgentState) -> bool:
    profile = load_profile(ctx, state)
    return bool(profile.plan and profile.plan.trainings)


def _proposed_providers(ctx: AgentContext, state: AgentState) -> list[str]:
    profile = load_profile(ctx, state)
    if not profile.plan:
        return []
    return [normalise(t.provider) for t in profile.plan.trainings if t.provider]


def _candidates(desk: _Desk, state: AgentState, kind: str) -> list[Recipient]:
    """The recipients of ``kind`` that could be proposed, best first: for training providers, the
    ones that run a course of the plan; a registered organisation before a demo one; none the person
    ruled out ("never") or already refused in this conversation (unless they asked to be asked each time)."""
    person = state["conversation_id"]
    refused = {c.recipient_id for c in desk.consents.list(person, ConsentStatus.refused)}
    providers = _proposed_providers(desk.ctx, state) if kind == "training_provider" else []

    def runs_a_course(recipient: Recipient) -> bool:
        name = normalise(recipient.name)
        return any(p and (p in name or name.split(" (")[0] in p) for p in providers)

    out = []
    for recipient in desk.consents.recipients.list(RecipientKind(kind)):
        if sharing_notice(recipient) is None:
            continue
        rule = desk.rules.rule_for(person, recipient)
        if rule is not None and rule.rule == PreferenceRule.never:
            continue
        if recipient.id in refused and not (rule is not None and rule.rule == PreferenceRule.ask):
            continue
        out.append(recipient)
    return sorted(out, key=lambda r: (not runs_a_course(r), r.demo, r.id))


def sharing_notice(recipient: Recipient) -> Notice | None:
    """The notice a share from the chat is asked under: the one for the kind's purpose, else any
    notice that is not about posting skill evidence; None when the recipient has none."""
    notices = [n for n in recipient.notices if n.purpose != PURPOSE_SKILL_EVIDENCE]
    preferred = [n for n in notices if n.purpose == PURPOSES.get(str(recipient.kind))]
    return next(iter(preferred or notices), None)


def _helpers_text(kinds: list[str], lang: str) -> str:
    names = [say(f"helper_{kind}", lang) for kind in kinds]
    if len(names) == 1:
        return names[0]
    sep = " ; " if lang == "fr" else "; "
    return sep.join(names[:-1]) + f"{sep}{say('and', lang)} " + names[-1]


def _next(desk: _Desk, state: AgentState,
          queue: list[str]) -> tuple[ShareQuestion | None, list[str], list[str], list[dict[str, Any]]]:
    """The next recipient to ask about, after applying the person's standing rules to each kind in
    turn: skipped under "never"; shared without asking under "always" or a consent still valid
    (the notes and receipt cards of those shares are returned too)."""
    lang = state.get("language") or "en"
    person = state["conversation_id"]
    queue = list(queue)
    notes: list[str] = []
    cards: list[dict[str, Any]] = []
    while queue:
        kind = queue.pop(0)
        for recipient in _candidates(desk, state, kind):
            notice = sharing_notice(recipient)
            if notice is None:  # _candidates keeps only recipients with a notice to ask under
                continue
            proposal = desk.rules.propose(person, recipient.id, notice.purpose, language=lang)
            if proposal.decision == Decision.refuse:
                continue
            if proposal.decision == Decision.share and proposal.consent_id:
                notes.append(_share_now(desk, state, recipient, proposal, cards))
                break
            return recipient_facts(kind, recipient, notice), queue, notes, cards
    return None, queue, notes, cards


def _share_now(desk: _Desk, state: AgentState, recipient: Recipient, proposal: ShareProposal,
               cards: list[dict[str, Any]]) -> str:
    """Share under a consent the rules found or granted (``proposal``), without asking."""
    consent = desk.consents.get(state["conversation_id"], proposal.consent_id or "")
    done = "share_auto_rule" if proposal.reason == "preference_always" else "share_auto_consent"
    name = display_name(recipient.name, str(recipient.kind), recipient.demo, state.get("language") or "en")
    return _share(desk, state, consent, recipient.id, name, str(recipient.kind), cards, done)


def _share(desk: _Desk, state: AgentState, consent: Consent, recipient_id: str, name: str, kind: str,
           cards: list[dict[str, Any]], done: str) -> str:
    """Share the profile parts ``consent`` covers (checked and logged by ``tools.sharing``), add the
    consent's receipt card to ``cards``, and return what to tell the person (``done`` when shared)."""
    lang = state.get("language") or "en"
    person = state["conversation_id"]
    categories = list(consent.data_categories)
    # the one disclosure path (tools.disclosure): the consent's categories, the person named by reference
    result = desk.disclosure.disclose(person, recipient_id, purposes=[consent.purpose], wanted=categories,
                                      channel=state.get("channel") or "chat")
    cards.append(card("receipt", say("card_receipt", lang, name=name), receipt=desk.consents.latest_receipt(person, consent.id),
                      consent_id=consent.id, recipient_kind=kind))
    if not result.allowed:
        return say("share_blocked", lang, name=name, reason=refusal_message(result.reason, lang))
    return say(done, lang, name=name)


def _asks_each_time(desk: _Desk, person: str, current: ShareQuestion) -> bool:
    rule = desk.rules.rule_for(person, desk.consents.recipient(current["recipient_id"]))
    return rule is not None and rule.rule == PreferenceRule.ask


def _refuse(desk: _Desk, person: str, current: ShareQuestion, lang: str) -> None:
    consent = desk.consents.request(person, current["notice_id"], language=lang)
    desk.consents.refuse(person, consent.id)


def _reset_all(state: AgentState) -> dict[str, int]:
    counts = reset(state, "share")
    counts.pop("share_question", None)
    return counts


def _person_only(state: AgentState) -> Command[str]:
    """A guided session reached the sharing step: nothing is asked or shared; the question waits
    for the person's own session."""
    lang = state.get("language") or "en"
    current = state.get("share_current")
    context = {"recipient_kind": current["kind"], "recipient_id": current["recipient_id"],
               "notice_id": current["notice_id"]} if current else {}
    return ask(state, text=say("share_person_only", lang), expecting=Expecting.share_consent if current else Expecting.free,
               phase=Phase.sharing, context=context, update={"message": None})


def _ask(state: AgentState, current: ShareQuestion, queue: list[str], note: str | None = None,
         update: dict[str, Any] | None = None, again: str | None = None) -> Command[str]:
    """The question about ``current``: its notice in plain words first, then the question; when
    asked ``again``, only that sentence (after ``note``, e.g. the answer to the person's question)."""
    lang = state.get("language") or "en"
    persona = state.get("persona")
    notice = plain_notice(current, lang, persona)
    text = again if again else f"{notice}\n\n{say('share_ask_named', lang, name=name_of(current, lang))}"
    notes = [*(state.get("notes") or []), *([note] if note else [])]
    values: dict[str, Any] = {"share_current": current, "share_queue": queue}
    values.update(update or {})
    cards = [] if again else [card("notice", name_of(current, lang), recipient_id=current["recipient_id"], recipient_kind=current["kind"],
                                   notice_id=current["notice_id"], purpose=current["purpose"],
                                   why=why_text(current, lang, persona), plain=notice,
                                   data_categories=current["categories"], retention_days=current["retention_days"],
                                   consent_duration_days=current["consent_duration_days"],
                                   controller=current["controller"], demo=current["demo"])]
    return ask({**state, "notes": notes}, text=text, expecting=Expecting.share_consent, phase=Phase.sharing,
               quick_replies=[quick(say("qr_yes", lang), say("qr_yes", lang).lower()),
                              quick(say("qr_no", lang), say("qr_no", lang).lower()),
                              quick(say("qr_no_one_else", lang), say("qr_no_one_else", lang).lower()),
                              quick(say("qr_dont_ask_again", lang), say("qr_dont_ask_again", lang).lower())],
               cards=cards, context={"recipient_kind": current["kind"], "recipient_id": current["recipient_id"],
                                     "notice_id": current["notice_id"]}, update=values)
