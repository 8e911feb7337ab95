"""Career moves ranked with why (occupations, sectors, study tracks, roles at the employer), and
the person's choice of a target: by quick reply, number, name, or any job title they type."""

from __future__ import annotations

import re
from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import Command
from pydantic import TypeAdapter

from agent.answers import best_label_match, is_empty, is_unsure, parse_numbers
from agent.context import AgentContext
from agent.language import normalise
from agent.messages import say
from agent.node_commands import ask, attempts, bump, card, goto, quick, reset
from agent.reply import Expecting
from agent.state import AgentState, MoveOffer, Phase, TargetChoice, unread_message
from agent.toolbox import change_profile, current_occupations, link_occupation, load_profile
from tools.profile import Profile, Target

# the person leaves the choice to the agent
_ANY = re.compile(
    r"^(?:(?:ok|oh|well|bah|ben|euh|hmm|lol|mdr)\s+)*(?:whatever|any(?: one| of them| of these)?|anything|either|you (?:choose|pick|decide)|"
    r"up to you|(?:i )?(?:don'?t|do not) (?:mind|care)|(?:i )?(?:don'?t|do not) know|no preference|"
    r"peu importe|n'?importe (?:le|la|les)quel(?:le)?s?|n'?importe|comme (?:tu veux|vous voulez)|choisis(?:sez)?(?: pour moi)?|"
    r"ca m'?est egal|je m'?en fiche|m'?en fiche|pareil|tu choisis|vous choisissez|c'est toi qui vois)(?:\s+(?:lol|mdr|really|vraiment))?$")
_OTHER = re.compile(
    r"^(another( job)?|other|something else|un autre( metier)?|autre( chose)?|aucun(e)?)\b|"
    r"\b(none of (these|them)|(don'?t|do not) (want|like) (any|these|them)|any of (these|them)|something else|"
    r"aucune? de (ces|celles|ceux)|autre chose|rien de tout ca|ne me plai(t|sent) pas)\b"
)
MOVE_OFFERS = TypeAdapter(list[MoveOffer])  # a CareerMove's JSON as the state's record, every field kept


def moves(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    message = unread_message(state)
    offered = list(state.get("moves") or [])
    if message is None:
        if not offered:
            offered = _rank(state, ctx)
        return _ask(state, offered)

    text = normalise(message)
    labels = [m["label"] for m in offered]
    chosen: MoveOffer | None = None
    numbers = parse_numbers(text, len(offered))
    if numbers and len(text.split()) <= 3:
        chosen = offered[numbers[0] - 1]
    elif offered and text in ("first", "the first", "first one", "premier", "la premiere", "le premier", "1er"):
        chosen = offered[0]
    elif labels and (index := best_label_match(message, labels, cutoff=0.8)) is not None:
        chosen = offered[index]
    if chosen is not None:
        target = _target_from_move(chosen)
        return _set_target(state, ctx, target)
    if offered and (_ANY.match(text.strip(" .!?")) or is_unsure(message)):
        # "whatever", "you choose", "peu importe": the best fit, said as such (it had been read as a job's name)
        target = _target_from_move(offered[0])
        return _set_target(state, ctx, target, note=say("target_default", lang, label=target["label"]))
    if _OTHER.search(text) or is_empty(message):
        if attempts(state, "target") < 1:
            return _ask(state, offered, say("moves_none", lang), {"attempts": bump(state, "target")})
    else:
        found = link_occupation(ctx, message, lang)
        if found is not None:
            return _set_target(state, ctx, found)
        if attempts(state, "target") < 1:
            return _ask(state, offered, say("target_unknown", lang, text=message.strip()[:80]),
                        {"attempts": bump(state, "target")})
    if offered:  # asked twice: take the best fit, the person can change it later
        target = _target_from_move(offered[0])
        return _set_target(state, ctx, target, note=say("target_default", lang, label=target["label"]))
    return goto("sharing", state, update={"phase": Phase.sharing, "share_queue": None, "share_current": None,
                                          "attempts": reset(state, "target")})


def _rank(state: AgentState, ctx: AgentContext) -> list[MoveOffer]:
    if ctx.career is None:
        return []
    lang = state.get("language") or "en"
    profile = load_profile(ctx, state)
    ranked = ctx.career.moves(
        profile.skill_uris(),
        state.get("persona"),
        profile.interests.text or "".join(profile.interests.riasec),
        profile.preferences.text,
        lang,
        ctx.moves_to_offer,
        current_occupations(ctx, profile, lang),
    )
    return MOVE_OFFERS.validate_python([m.model_dump(mode="json") for m in ranked])


def _target_from_move(move: MoveOffer) -> TargetChoice:
    uri = move.get("target_uri") or move["uri"]
    return {"uri": uri, "label": move["label"], "code": move.get("code"), "rome_codes": move.get("rome_codes") or []}


def _set_target(state: AgentState, ctx: AgentContext, target: TargetChoice, note: str | None = None) -> Command[str]:
    chosen = Target(uri=target["uri"], label=target["label"], code=target.get("code"),
                    rome_codes=list(target.get("rome_codes") or []))

    def set_target(profile: Profile) -> None:
        profile.target = chosen

    change_profile(ctx, state, set_target)
    return goto("plan", state, note=note, update={"phase": Phase.plan, "attempts": reset(state, "target")})


def _ask(state: AgentState, offered: list[MoveOffer], intro: str | None = None,
         update: dict[str, Any] | None = None) -> Command[str]:
    lang = state.get("language") or "en"
    values: dict[str, Any] = {"moves": offered}
    values.update(update or {})
    if not offered:
        return ask(state, text=intro or say("moves_none", lang), expecting=Expecting.target_choice, phase=Phase.moves,
                   update=values)
    persona = state.get("persona")
    key = f"moves_intro_{persona}" if persona in ("high_school", "employee") else "moves_intro"
    lines = [intro or say(key, lang)]
    for i, move in enumerate(offered, 1):
        why = (move.get("why") or {}).get(lang) or (move.get("why") or {}).get("en") or ""
        lines.append(f"{i}. {move['label']}" + (f" — {why}" if why else ""))
    lines.append(say("moves_ask", lang))
    cards = [
        card("move", m["label"], uri=m["uri"], move_kind=m.get("kind"), score=m.get("score"),
             core_skills=f"{m.get('essential_held', 0)} / {m['essential_total']}" if m.get("essential_total") else None,
             why=(m.get("why") or {}).get(lang) or (m.get("why") or {}).get("en", ""),
             carried_skills=[s["label"] for s in m.get("carried_skills", [])][:6],
             missing_essential=[s["label"] for s in m.get("missing_essential", [])][:6],
             sector=m.get("sector"), rome_codes=m.get("rome_codes", []), index=i)
        for i, m in enumerate(offered, 1)
    ]
    replies = [quick(m["label"]) for m in offered] + [quick(say("qr_other_job", lang), "other")]
    return ask(state, text="\n".join(lines), expecting=Expecting.target_choice, phase=Phase.moves,
               quick_replies=replies, cards=cards, update=values)
