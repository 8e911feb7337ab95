"""Skills of the current experience: proposed with their evidence; the person keeps them all,
removes some (quick replies or numbers), rejects all, or adds their own. In counsellor-guided
mode a confirmation is a validation by the counsellor."""

from __future__ import annotations

import re

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.answers import best_label_match, is_empty, is_yes, parse_numbers
from agent.context import AgentContext
from agent.language import normalise
from agent.prompts import say
from agent.reply import Expecting
from agent.state import AgentState, Phase
from agent.toolbox import add_proposal, change_profile, current_experience, link_one_skill, load_profile
from agent.turns import ask, attempts, bump, card, goto, quick, reset
from tools.profile import SkillState, ValidationLevel

_KEEP_ALL = re.compile(
    r"^(keep( them)? all|keep|all|all of them|all good|they all fit|tout garder|garde[rz]? tout|toutes?|tout|c'?est bon|"
    r"parfait|perfect|great|validate all|valider tout|tout valider|validate|valider|confirm( all)?|confirmer)\b"
)
_REJECT_ALL = re.compile(
    r"^(none|none of (these|them)|no+|non|nope|aucune?|rien|reject all|remove all|delete all|rejeter tout|tout rejeter|"
    r"retirer tout|tout retirer|aucune de|pas du tout|not at all|no,? none)\b"
)
_REMOVE = re.compile(
    r"^(?:remove|delete|drop|reject|not|no|without|retire[rz]?|enleve[rz]?|supprime[rz]?|rejette[rz]?|pas|sans)\b\s*:?\s*(?P<what>.+)$"
)
_ADD = re.compile(
    r"^(?:add|also|plus|and also|i can also|i also|ajoute[rz]?|ajouter|aussi|je sais aussi|et aussi)\s*:?\s*(?P<what>.+)$"
)
_ALL_BUT = re.compile(r"\b(all but|all except|everything but|everything except|tout sauf|toutes sauf|sauf|except)\b")


def skills(state: AgentState, runtime: Runtime[AgentContext]) -> Command:
    ctx = runtime.context
    lang = state.get("language") or "en"
    message = state.get("message")
    proposals = list(state.get("proposals") or [])
    if not proposals:
        return goto("experiences", state, update={"phase": Phase.experiences})
    if message is None:
        return _ask(state, proposals)

    counsellor = bool(state.get("counsellor_mode"))
    level = ValidationLevel.validated_by_counsellor if counsellor else ValidationLevel.inferred
    raw = message.strip()
    text = normalise(raw.lstrip("✗❌✖ "))
    labels = [p["label"] for p in proposals]

    if _ALL_BUT.search(text):
        numbers = parse_numbers(text, len(proposals))
        named = _named(text.split(_ALL_BUT.search(text).group(0), 1)[1], labels)
        rejected = {i - 1 for i in numbers} | set(named)
        keep = [p for i, p in enumerate(proposals) if i not in rejected]
        drop = [p for i, p in enumerate(proposals) if i in rejected]
        return _finish(state, ctx, keep, drop, level)
    if raw.startswith(("✗", "❌", "✖")) or _REMOVE.match(text):
        match = _REMOVE.match(text)
        what = match.group("what") if match and not raw.startswith(("✗", "❌", "✖")) else text
        numbers = parse_numbers(what, len(proposals))
        idx = {n - 1 for n in numbers} if numbers and len(what.split()) <= 4 else set(_named(what, labels))
        if idx:
            drop = [p for i, p in enumerate(proposals) if i in idx]
            remaining = [p for i, p in enumerate(proposals) if i not in idx]
            _record(state, ctx, [], drop, level)
            note = say("skills_ask_remaining", lang, removed=", ".join(p["label"] for p in drop))
            if not remaining:
                return goto("experiences", state, note=say("skills_all_rejected", lang),
                            update={"phase": Phase.experiences, "proposals": []})
            return _ask(state, remaining, note=note)
    if _REJECT_ALL.match(text):
        return _finish(state, ctx, [], proposals, level)
    if is_yes(raw) or _KEEP_ALL.match(text):
        return _finish(state, ctx, proposals, [], level)
    add = _ADD.match(text)
    if add:
        found = link_one_skill(ctx, add.group("what"), lang)
        if found is None:
            return _ask(state, proposals, note=say("skills_add_unknown", lang, text=add.group("what")))
        experience_id = state.get("experience_id")
        change_profile(ctx, state, lambda p: add_proposal(p, {**found, "evidence": add.group("what")}, experience_id,
                                                          ValidationLevel.declared, SkillState.confirmed, ctx))
        return _ask(state, proposals, note=say("skills_added", lang, added=found["label"]))
    numbers = parse_numbers(text, len(proposals))
    if numbers and len(text.split()) <= 2 * len(numbers) + 2:
        keep = [p for i, p in enumerate(proposals) if i + 1 in numbers]
        drop = [p for i, p in enumerate(proposals) if i + 1 not in numbers]
        return _finish(state, ctx, keep, drop, level)
    if is_empty(raw) or attempts(state, "skills") < 1:
        return _ask(state, proposals, note=say("skills_again", lang), update={"attempts": bump(state, "skills")})
    # Still unclear: leave them as suggestions and move on (never confirm for the person).
    _record(state, ctx, [], [], level, pending=proposals)
    return goto("experiences", state, note=say("skills_left_pending", lang),
                update={"phase": Phase.experiences, "proposals": [], "attempts": reset(state, "skills")})


def _named(text: str, labels: list[str]) -> list[int]:
    """Indexes of the labels named in ``text`` (several may be separated by commas or 'and')."""
    whole = normalise(text).strip(" .:")
    exact = [i for i, label in enumerate(labels) if normalise(label) == whole]
    if exact:
        return exact
    found: list[int] = []
    for part in re.split(r",|;| and | et |\n", text):
        part = part.strip(" .:")
        if not part:
            continue
        index = best_label_match(part, labels)
        if index is not None and index not in found:
            found.append(index)
    return found


def _record(state: AgentState, ctx: AgentContext, keep: list[dict], drop: list[dict], level: ValidationLevel,
            pending: list[dict] | None = None) -> None:
    profile = load_profile(ctx, state)
    experience = current_experience(profile, state.get("experience_id"))
    experience_id = experience.id if experience else None
    by = "counsellor" if level == ValidationLevel.validated_by_counsellor else None

    def change(p):
        for item in keep:
            add_proposal(p, item, experience_id, level, SkillState.confirmed, ctx, validated_by=by)
        for item in drop:
            add_proposal(p, item, experience_id, ValidationLevel.inferred, SkillState.rejected, ctx)
        for item in pending or []:
            add_proposal(p, item, experience_id, ValidationLevel.inferred, SkillState.proposed, ctx)

    change_profile(ctx, state, change)


def _finish(state: AgentState, ctx: AgentContext, keep: list[dict], drop: list[dict], level: ValidationLevel) -> Command:
    lang = state.get("language") or "en"
    _record(state, ctx, keep, drop, level)
    if keep:
        key = "skills_validated" if level == ValidationLevel.validated_by_counsellor else "skills_confirmed"
        note = say(key, lang, count=len(keep))
    else:
        note = say("skills_all_rejected", lang)
    return goto("experiences", state, note=note,
                update={"phase": Phase.experiences, "proposals": [], "attempts": reset(state, "skills")})


def _ask(state: AgentState, proposals: list[dict], note: str | None = None, update: dict | None = None) -> Command:
    lang = state.get("language") or "en"
    lines = []
    for i, p in enumerate(proposals, 1):
        evidence = f" — “{p['evidence'].strip()}”" if p.get("evidence") else ""
        lines.append(f"{i}. {p['label']}{evidence}")
    intro = say("skills_intro", lang, experience=_experience_title(state, proposals))
    text = "\n".join([intro, *lines, say("skills_ask", lang)])
    replies = [quick(say("qr_keep_all", lang), "all"), quick(say("qr_none", lang), "none")]
    if state.get("counsellor_mode"):
        replies.insert(0, quick(say("qr_validate_all", lang), "validate all"))
    replies += [quick(say("qr_remove", lang, label=p["label"]), say("qr_remove_value", lang, label=p["label"]))
                for p in proposals]
    cards = [
        card("skill", p["label"], uri=p["uri"], score=p.get("score"), evidence=p.get("evidence"),
             skill_type=p.get("skill_type"), level="validated_by_counsellor" if state.get("counsellor_mode") else "inferred",
             index=i)
        for i, p in enumerate(proposals, 1)
    ]
    values = {"proposals": proposals}
    values.update(update or {})
    if note:
        values["notes"] = [*(state.get("notes") or []), note]
        state = {**state, "notes": values["notes"]}
    return ask(state, text=text, expecting=Expecting.skill_confirmation, phase=Phase.skills, quick_replies=replies,
               cards=cards, update=values)


def _experience_title(state: AgentState, proposals: list[dict]) -> str:
    return str(state.get("experience_title") or "").strip() or _shorten(proposals)


def _shorten(proposals: list[dict]) -> str:
    evidence = next((p.get("evidence") for p in proposals if p.get("evidence")), "")
    return evidence[:60]
