"""Questions about the advice, answered from the reasons the tools computed, then the pending
question in one line: why this career move (its reasons, the skills it carries and misses), what
about another job ("what about care work, like a carer?": the gap to it, offered to pick), why this
course (the gap skills it covers, or its link to the target), who this recipient is (the notice),
why this skill (the words it came from)."""

from __future__ import annotations

import re

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.acts.mentions import content_words, labels_named, numbers_in
from agent.acts.models import ActKind
from agent.context import AgentContext
from agent.language import normalise
from agent.messages import say
from agent.node_commands import acts_of, ask, quick, reask_compact
from agent.reply import Expecting
from agent.state import AgentState, MoveOffer, Phase, ShareQuestion, expecting_of
from agent.toolbox import held_occupations, link_occupation, load_profile

_QUESTION_WORDS = re.compile(
    r"\b(what|about|why|how|who|is|it|this|that|the|a|an|like|work|job|jobs|role|maybe|instead|would|could|be|fit|good|ok|"
    r"quoi|pourquoi|et|si|ca|irait|le|la|les|un|une|metier|travail|c'est|rapport|avec|lien|comme|plutot|genre|dans|du|de|des|"
    r"serait|pour|moi|me|ferait|faire|possible|idea|idee|think|pense|penses|pensez|vous|tu)\b")


def advice(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    question = next((a.text for a in acts_of(state) if a.kind == ActKind.ask_advice), state.get("message") or "")
    phase = state.get("phase") or ""
    expecting = expecting_of(state)
    if expecting == "skill_confirmation":
        answer = _about_skill(state, question, lang)
    elif phase == Phase.sharing and (current := state.get("share_current")):
        answer = _about_recipient(current, lang)
    elif phase == Phase.moves:
        answer, extra = _about_moves(state, ctx, question, lang)
        if extra is not None:
            return extra
    else:
        answer = _about_plan(state, ctx, question, lang)
    return reask_compact(state, answer)


def _about_skill(state: AgentState, question: str, lang: str) -> str:
    proposals = state.get("proposals") or []
    labels = [p["label"] for p in proposals]
    picked = [n - 1 for n in numbers_in(question, len(labels))] or labels_named(question, labels)
    if picked and proposals[picked[0]].get("evidence"):
        p = proposals[picked[0]]
        return say("advice_skill", lang, label=p["label"], evidence=p["evidence"].strip())
    return say("off_topic_skill", lang)


def _about_recipient(current: ShareQuestion, lang: str) -> str:
    name = current.get("name") or current.get("recipient_id") or ""
    why = (current.get("why") or {}).get(lang) or (current.get("why") or {}).get("en") or ""
    parts = []
    if current.get("demo"):
        parts.append(say("demo_mark", lang).strip(" ()"))
    if current.get("controller"):
        parts.append(str(current["controller"]))
    if why:
        parts.append(why)
    if parts:
        return say("advice_recipient", lang, name=name, description="; ".join(parts))
    return say("advice_recipient_plain", lang, name=name)


def _move_text(move: MoveOffer, lang: str) -> str:
    """Why a move was offered: the reasons tools.career computed (``why_move``)."""
    try:
        from tools.career.advice_answers import why_move
        from tools.career.models import CareerMove

        reasons = why_move(CareerMove.model_validate(move), lang)
    except (ImportError, ValueError):  # a move stored before the reasons existed
        reasons = []
    if reasons:
        return f"{move['label']}: " + " ".join(reasons[:4]) if lang == "en" else f"{move['label']} : " + " ".join(reasons[:4])
    why = (move.get("why") or {}).get(lang) or (move.get("why") or {}).get("en") or ""
    text = say("advice_move", lang, label=move["label"], why=why) if why else move["label"]
    carried = [s["label"] for s in move.get("carried_skills", [])][:3]
    missing = [s["label"] for s in move.get("missing_essential", [])][:3]
    if carried or missing:
        text += " " + say("advice_move_skills", lang, carried=", ".join(carried) or "—", missing=", ".join(missing) or "—")
    return text


def _about_moves(state: AgentState, ctx: AgentContext, question: str, lang: str) -> tuple[str, Command[str] | None]:
    offered = list(state.get("moves") or [])
    labels = [m["label"] for m in offered]
    picked = [n - 1 for n in numbers_in(question, len(labels))] or labels_named(question, labels)
    if picked:
        return _move_text(offered[picked[0]], lang), None
    words = _job_words(question)
    if not words or ctx.career is None:
        return say("advice_general", lang), None
    profile = load_profile(ctx, state)
    # what tools.career knows of the job named: gap, access, close jobs
    overview = ctx.career.explore(ctx.linker, words, lang, profile.skill_uris(), held_occupations(ctx, profile, lang))
    if overview is not None:
        label = overview.label
        answer = overview.text(lang)
    else:
        found = link_occupation(ctx, words, lang)
        if found is None:
            return say("advice_general", lang), None
        label = found["label"]
        gap = ctx.career.gap(profile.skill_uris(), found["uri"], lang)
        essential_missing = [s for s in gap.skills if s.relation == "essential"]
        total = len(gap.covered) + len(essential_missing)
        missing = ", ".join(s.label for s in essential_missing[:3])
        tail = say("advice_missing_tail", lang, missing=missing) if missing else ""
        answer = say("advice_other_job", lang, label=label, have=len(gap.covered), total=max(total, 1), missing=tail)
    previous = state.get("reply")
    replies = [quick(say("advice_pick_other", lang, label=label), label)]
    replies += [{"label": q["label"], "value": q["value"]} for q in (previous.get("quick_replies") or [] if previous else [])]
    context = dict(previous.get("expecting_context") or {}) if previous else {}
    command = ask(state, text=f"{answer}\n\n{say('reask_target_choice', lang)}", expecting=Expecting.target_choice,
                  phase=Phase.moves, quick_replies=replies, context=context)
    return answer, command


def _job_words(question: str) -> str:
    t = normalise(question)
    t = re.sub(r"[?!.,]", " ", t)
    t = _QUESTION_WORDS.sub(" ", t)
    return " ".join(t.split())


def _about_plan(state: AgentState, ctx: AgentContext, question: str, lang: str) -> str:
    profile = load_profile(ctx, state)
    plan = profile.plan
    target = profile.target.label if profile.target else ""
    trainings = list(plan.trainings) if plan else []
    jobs = list(plan.jobs) if plan else []
    t = normalise(question)
    if trainings:
        titles = [tr.title for tr in trainings]
        picked = labels_named(question, titles)
        if not picked:  # a skill a course teaches ("c quoi le rapport avec la cybersécurité ?")
            for i, tr in enumerate(trainings):
                if labels_named(question, [*tr.new_skills, tr.description[:300]]):
                    picked = [i]
                    break
        if not picked and re.search(r"\b(training|course|formation|cours|this|that|cette|ce)\b", t) and len(trainings) >= 1:
            picked = [0]
        if picked:
            training = trainings[picked[0]]
            gap_labels = {s.label.lower() for s in (profile.gap.skills if profile.gap else []) if s.status != "covered"}
            covers = [s for s in training.new_skills if s.lower() in gap_labels] or list(training.new_skills)
            if covers:
                return say("advice_training", lang, title=training.title, target=target, skills=", ".join(covers[:4]))
            return say("advice_training_linked", lang, title=training.title, target=target,
                       explanation=training.explanation or "").strip()
    if jobs:
        picked = labels_named(question, [j.title for j in jobs])
        if picked:
            job = jobs[picked[0]]
            have = ", ".join(job.matching_skills[:3]) or "—"
            missing = ", ".join(job.missing_skills[:3]) or "—"
            return f"{job.title}: " + say("advice_move_skills", lang, carried=have, missing=missing)
    offered = list(state.get("moves") or [])
    picked = labels_named(question, [m["label"] for m in offered]) if offered else []
    if picked:
        return _move_text(offered[picked[0]], lang)
    if not trainings and re.search(r"\b(training|course|formation|cours)\b", t):
        return say("trainings_none", lang)
    if content_words(question) and profile.gap and target:
        return say("advice_general", lang)
    return say("advice_general", lang)
