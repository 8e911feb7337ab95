"""Skills of the current experience: proposed once with their evidence, then the person's acts
(:mod:`agent.acts.skill_edits`) decide: keep all, reject all, keep only some, remove some (by
number, name or description), add their own. Removing some answers in one short line ("Removed:
X. Keep the other 5?") without reprinting the list; the numbers stay those of the first list. In
counsellor-guided mode a confirmation is a validation by the counsellor."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.acts.mentions import labels_named
from agent.acts.models import Act, ActKind
from agent.answers import is_empty, is_unsure
from agent.context import AgentContext
from agent.messages import say
from agent.node_commands import acts_of, ask, attempts, bump, card, goto, quick, reset
from agent.reply import Expecting
from agent.state import AgentState, Phase, SkillProposal, unread_message
from agent.toolbox import add_proposal, change_profile, current_experience, link_one_skill, load_profile
from tools.profile import Profile, SkillState, ValidationLevel

SKILL_ACTS = (ActKind.keep_all, ActKind.reject_all, ActKind.keep_skills, ActKind.remove_skills, ActKind.add_skill,
              ActKind.rename_skill)


def skills(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    message = unread_message(state)
    proposals = list(state.get("proposals") or [])
    if not proposals:
        return goto("experiences", state, update={"phase": Phase.experiences})
    removed = set(state.get("proposals_removed") or [])
    if message is None:
        return _ask(state, proposals, removed)

    counsellor = bool(state.get("counsellor_mode"))
    level = ValidationLevel.validated_by_counsellor if counsellor else ValidationLevel.inferred
    acts = [a for a in acts_of(state) if a.kind in SKILL_ACTS]
    if is_unsure(message) and attempts(state, "skills") < 1:
        # "idk" / "jsp" is no removal of a skill called "know": how to choose, then the list again
        return _ask(state, proposals, removed, note=say("skills_unsure", lang), update={"attempts": bump(state, "skills")},
                    compact=True)
    if not acts and message.strip():
        from agent.acts.skill_edits import read_skill_edits

        acts = read_skill_edits(message, [p["label"] for p in proposals])
    notes: list[str] = []
    kinds = {a.kind for a in acts}
    open_ = [i for i in range(len(proposals)) if i not in removed]

    for act in acts:
        if act.kind == ActKind.add_skill and act.text:
            notes.append(_add_said_skill(state, ctx, act.text, lang))

    drop_now: list[int] = []
    for act in acts:  # "3 is more like forklift driving": 3 goes, the skill said in its place is added
        if act.kind == ActKind.rename_skill and act.items and act.items[0] in open_:
            drop_now.append(act.items[0])
            notes.append(_add_said_skill(state, ctx, act.text, lang))
    for act in acts:
        if act.kind == ActKind.remove_skills:
            drop_now += [i for i in act.items if i in open_]
            if act.names:
                notes += _remove_named_elsewhere(state, ctx, act.names, lang)
    drop_now = sorted(dict.fromkeys(drop_now))

    if ActKind.reject_all in kinds:
        return _finish(state, ctx, proposals, [], open_, level, notes)
    keep_only = [i for a in acts if a.kind == ActKind.keep_skills for i in a.items if i in open_ and i not in drop_now]
    if keep_only:
        return _finish(state, ctx, proposals, keep_only, [i for i in open_ if i not in keep_only], level, notes)
    if ActKind.keep_all in kinds:
        return _finish(state, ctx, proposals, [i for i in open_ if i not in drop_now], drop_now, level, notes)
    if drop_now or kinds & {ActKind.add_skill, ActKind.remove_skills, ActKind.rename_skill}:
        if drop_now:
            _record(state, ctx, [], [proposals[i] for i in drop_now], level)
        removed = removed | set(drop_now)
        remaining = [i for i in range(len(proposals)) if i not in removed]
        if not remaining:
            return goto("experiences", state, note=" ".join([*notes, say("skills_all_rejected", lang)]),
                        update={"phase": Phase.experiences, "proposals": [], "proposals_removed": []})
        if drop_now:
            notes.append(say("skills_removed_short", lang, removed=", ".join(proposals[i]["label"] for i in drop_now),
                             count=len(remaining)))
        else:
            notes.append(say("skills_keep_rest", lang, count=len(remaining)))
        return _ask_short(state, proposals, removed, " ".join(notes))
    if is_empty(message) or attempts(state, "skills") < 1:
        return _ask(state, proposals, removed, note=say("skills_again", lang), update={"attempts": bump(state, "skills")},
                    compact=True)
    # Still unclear: keep what they said with the experience, leave the skills as suggestions (never confirm for the person).
    _keep_as_detail(state, ctx, message)
    _record(state, ctx, [], [], level, pending=[proposals[i] for i in open_])
    return goto("experiences", state, note=say("skills_left_pending", lang),
                update={"phase": Phase.experiences, "proposals": [], "proposals_removed": [],
                        "attempts": reset(state, "skills")})


def _add_said_skill(state: AgentState, ctx: AgentContext, text: str, lang: str) -> str:
    """Link a skill the person said in their own words and add it as declared and confirmed; the
    sentence that tells them (added, or not recognised)."""
    found = link_one_skill(ctx, text, lang)
    if found is None:
        return say("skills_add_unknown", lang, text=text)
    experience_id = state.get("experience_id")
    skill: SkillProposal = {**found, "evidence": text}
    change_profile(ctx, state, lambda p: add_proposal(
        p, skill, experience_id, ValidationLevel.declared, SkillState.confirmed, ctx))
    return say("skills_added_short", lang, added=found["label"])


def _remove_named_elsewhere(state: AgentState, ctx: AgentContext, names: list[str], lang: str) -> list[str]:
    """Skills named in free words that are not on screen: rejected where they are in the profile
    (from an earlier experience), else said back as not in the list."""
    profile = load_profile(ctx, state)
    confirmed = [s for s in profile.skills if s.state == SkillState.confirmed]
    hits = []
    for name in names:
        hits += [confirmed[i] for i in labels_named(name, [s.label for s in confirmed])]
    if hits:
        def reject(p: Profile) -> None:
            for skill in hits:
                p.set_skill_state(skill.uri, SkillState.rejected)

        change_profile(ctx, state, reject)
        return [say("skills_removed_profile", lang, removed=", ".join(dict.fromkeys(s.label for s in hits)))]
    return [say("skills_not_listed", lang, names=", ".join(names))]


def _keep_as_detail(state: AgentState, ctx: AgentContext, message: str) -> None:
    if len(message.split()) < 6:
        return
    experience_id = state.get("experience_id")

    def add(p: Profile) -> None:
        experience = current_experience(p, experience_id)
        if experience is not None and message not in experience.details:
            experience.details = [*experience.details, message]

    change_profile(ctx, state, add)


def _record(state: AgentState, ctx: AgentContext, keep: list[SkillProposal], drop: list[SkillProposal],
            level: ValidationLevel, pending: list[SkillProposal] | None = None) -> None:
    profile = load_profile(ctx, state)
    experience = current_experience(profile, state.get("experience_id"))
    experience_id = experience.id if experience else None
    by = "counsellor" if level == ValidationLevel.validated_by_counsellor else None

    def change(p: Profile) -> None:
        for item in keep:
            add_proposal(p, item, experience_id, level, SkillState.confirmed, ctx, validated_by=by)
        for item in drop:
            add_proposal(p, item, experience_id, ValidationLevel.inferred, SkillState.rejected, ctx)
        for item in pending or []:
            add_proposal(p, item, experience_id, ValidationLevel.inferred, SkillState.proposed, ctx)

    change_profile(ctx, state, change)


def _finish(state: AgentState, ctx: AgentContext, proposals: list[SkillProposal], keep: list[int], drop: list[int],
            level: ValidationLevel, notes: list[str]) -> Command[str]:
    lang = state.get("language") or "en"
    _record(state, ctx, [proposals[i] for i in keep], [proposals[i] for i in drop], level)
    if keep:
        key = "skills_validated" if level == ValidationLevel.validated_by_counsellor else "skills_confirmed"
        note = say(key, lang, count=len(keep))
        if drop and level != ValidationLevel.validated_by_counsellor:
            note = say("skills_kept_removed", lang, count=len(keep), removed=", ".join(proposals[i]["label"] for i in drop))
    else:
        note = say("skills_all_rejected", lang)
    return goto("experiences", state, note=" ".join([*notes, note]),
                update={"phase": Phase.experiences, "proposals": [], "proposals_removed": [],
                        "attempts": reset(state, "skills")})


def _cards(state: AgentState, proposals: list[SkillProposal], open_: list[int]) -> list[dict[str, Any]]:
    level = "validated_by_counsellor" if state.get("counsellor_mode") else "inferred"
    return [card("skill", proposals[i]["label"], uri=proposals[i]["uri"], score=proposals[i].get("score"),
                 evidence=proposals[i].get("evidence"), skill_type=proposals[i].get("skill_type"), level=level,
                 status="suggested", index=i + 1)
            for i in open_]


def _replies(state: AgentState, proposals: list[SkillProposal], open_: list[int]) -> list[dict[str, str]]:
    lang = state.get("language") or "en"
    if len(open_) == 1:  # one skill: keep it or remove it
        replies = [quick(say("qr_keep_one", lang), "all"), quick(say("qr_remove_one", lang), "none")]
    else:
        replies = [quick(say("qr_keep_all", lang), "all"), quick(say("qr_none", lang), "none")]
        replies += [quick(say("qr_remove", lang, label=proposals[i]["label"]),
                          say("qr_remove_value", lang, label=proposals[i]["label"])) for i in open_]
    if state.get("counsellor_mode"):
        replies.insert(0, quick(say("qr_validate_all", lang), "validate all"))
    return replies


def _ask(state: AgentState, proposals: list[SkillProposal], removed: set[int], note: str | None = None,
         update: dict[str, Any] | None = None, compact: bool = False) -> Command[str]:
    """The list, numbered, with its evidence: shown once; asked again (after an interjection or an
    unclear answer) in one line with the numbers still open."""
    lang = state.get("language") or "en"
    open_ = [i for i in range(len(proposals)) if i not in removed]
    shown = set(state.get("skills_shown") or [])
    uris = [p["uri"] for p in proposals]
    one = "_one" if len(open_) == 1 else ""
    if compact or (uris and set(uris) <= shown):
        text = say(f"skills_reask_compact{one}", lang, count=len(open_), experience=_experience_title(state, proposals),
                   numbers=", ".join(str(i + 1) for i in open_))
    else:
        lines = []
        for i in open_:
            p = proposals[i]
            evidence = f" — “{p['evidence'].strip()}”" if p.get("evidence") else ""
            lines.append(f"{i + 1}. {p['label']}{evidence}")
        intro = say(f"skills_intro{one}", lang, experience=_experience_title(state, proposals))
        # the how-to line once per conversation; later lists end with the short question
        question = say(f"skills_ask{one}", lang) if not shown else say(f"reask_skill_confirmation{one}", lang)
        text = "\n".join([intro, *lines, question])
    values: dict[str, Any] = {"proposals": proposals, "proposals_removed": sorted(removed),
                              "skills_shown": sorted(shown | set(uris))[-200:]}
    values.update(update or {})
    if note:
        notes = [*(state.get("notes") or []), note]
        values["notes"] = notes
        state = {**state, "notes": notes}
    return ask(state, text=text, expecting=Expecting.skill_confirmation, phase=Phase.skills,
               quick_replies=_replies(state, proposals, open_), cards=_cards(state, proposals, open_), update=values,
               context={"open": [i + 1 for i in open_]})


def _ask_short(state: AgentState, proposals: list[SkillProposal], removed: set[int], text: str) -> Command[str]:
    """After an edit: only what changed, and the question, in one line."""
    open_ = [i for i in range(len(proposals)) if i not in removed]
    return ask(state, text=text, expecting=Expecting.skill_confirmation, phase=Phase.skills,
               quick_replies=_replies(state, proposals, open_), cards=_cards(state, proposals, open_),
               update={"proposals": proposals, "proposals_removed": sorted(removed)},
               context={"open": [i + 1 for i in open_], "compact": True})


def _experience_title(state: AgentState, proposals: list[SkillProposal]) -> str:
    return str(state.get("experience_title") or "").strip() or _shorten(proposals)


def _shorten(proposals: list[SkillProposal]) -> str:
    evidence = next((p["evidence"] for p in proposals if p.get("evidence")), "")
    return evidence[:60]


__all__ = ["skills", "Act"]
