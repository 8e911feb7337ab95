"""Experiences: collect several (paid, school, volunteering, family care, sport, music, art,
hobbies), one at a time; "that's all" moves on to interests. An experience told at a later step
(``resume_phase``) is talked about here like the others, then that step resumes."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.acts.models import ActKind
from agent.acts.new_experience import second_activity
from agent.answers import (
    experience_kind,
    is_acknowledgement,
    is_empty,
    is_no,
    is_no_more,
    is_ongoing,
    is_unsure,
    only_likes,
    parse_duration_months,
)
from agent.context import AgentContext
from agent.experience_titles import experience_title
from agent.messages import say
from agent.node_commands import acts_of, ask, attempts, bump, goto, phase_node, quick, reset
from agent.reply import Expecting
from agent.state import AgentState, Phase, next_experience_after, unread_message
from agent.toolbox import change_profile, load_profile
from tools.profile import Experience, ExperienceKind, ExperienceStatus, Period


def experiences(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    message = unread_message(state)
    profile = load_profile(ctx, state)
    have = len(profile.experiences)

    if message is None:
        told = state.get("next_experience")
        if told:  # another job told while answering about the last one: it is the next experience
            return _start(ctx, state, told, lang, {"next_experience": None}, announce=True)
        resume = state.get("resume_phase")
        if resume:  # an experience told at a later step has its skills: back to that step
            return goto(phase_node(resume), state, note=say("experience_told_later_done", lang), update={
                "phase": resume, "resume_phase": None, "resume_answer": None,
                "message": state.get("resume_answer"), "acts": []})
        return _ask(state, have)
    acts = acts_of(state)
    if acts:  # read by the router: "that's all" is a done act; anything told is an answer, whatever its words
        finished = is_empty(message) or (any(a.kind == ActKind.done for a in acts)
                                         and not any(a.kind == ActKind.answer for a in acts))
    else:
        finished = is_empty(message) or ((is_no_more(message) or is_no(message)) and len(message.split()) <= 8)
    if finished:
        if have or attempts(state, "experience") >= 1:
            note = None if have else say("experience_none", lang)
            return goto("interests", state, note=note,
                        update={"phase": Phase.interests, "attempts": reset(state, "experience")})
        return ask(state, text=say("experience_again", lang), expecting=Expecting.experience, phase=Phase.experiences,
                   quick_replies=[quick(say("qr_thats_all", lang), say("qr_thats_all", lang).lower())],
                   update={"attempts": bump(state, "experience")})

    unsure = is_unsure(message)
    if (unsure or is_acknowledgement(message)) and not any(a.kind == ActKind.new_experience for a in acts):
        # "ok" / "oui" / "idk" to "anything else?": nothing told yet, so no experience called "Ok" or "Idk";
        # who does not know what counts gets examples
        key = "experience_go_on" if have and not unsure else "experience_again"
        return ask(state, text=say(key, lang), expecting=Expecting.experience, phase=Phase.experiences,
                   quick_replies=[quick(say("qr_thats_all", lang), say("qr_thats_all", lang).lower())])
    if have and only_likes(message) and not any(a.kind == ActKind.new_experience for a in acts):
        # "j'aime la cuisine et être dehors" to "anything else you've done?": what they enjoy, the next step's answer
        return goto("interests", state, note=say("interests_heard_early", lang), update={
            "phase": Phase.interests, "message": message, "attempts": reset(state, "experience")})
    two = second_activity(message)
    if two is not None:  # "i help my nan ... and i play football on sundays": two experiences, one after the other
        return _start(ctx, state, two[0], lang, {"next_experience": next_experience_after(state, two[1])})
    return _start(ctx, state, message, lang)


def _start(ctx: AgentContext, state: AgentState, message: str, lang: str, update: dict[str, Any] | None = None,
           announce: bool = False) -> Command[str]:
    """Record what the person told as a new experience, then ask about it (``announce``: saying which
    one first, when it was told earlier)."""
    extracted = ctx.llm.extract_experience(message, lang) if ctx.llm is not None else None
    months = parse_duration_months(message)
    kind = experience_kind(message)
    title = experience_title(message, lang)
    organisation = None
    if extracted is not None:
        title = extracted.title or title
        kind = extracted.kind or kind
        months = extracted.duration_months if extracted.duration_months is not None else months
        organisation = extracted.organisation
    experience = Experience(
        kind=ExperienceKind(kind) if kind in ExperienceKind.__members__ else ExperienceKind.other,
        title=title,
        organisation=organisation,
        description=message,
        period=Period(duration_months=months),
        status=ExperienceStatus.ongoing if is_ongoing(message) else ExperienceStatus.past,
    )
    change_profile(ctx, state, lambda p: p.add_experience(experience))
    key = "experience_told_later" if state.get("resume_phase") else "experience_next_told"
    note = say(key, lang, title=experience.title) if announce else None
    return goto("experience_detail", state, note=note, update={
        "phase": Phase.experience_detail, "experience_id": experience.id, "detail_asked": False,
        "experience_title": experience.title,
        "attempts": reset(state, "experience"),
        **(update or {}),
    })


def _ask(state: AgentState, have: int) -> Command[str]:
    lang = state.get("language") or "en"
    persona = state.get("persona")
    if have:
        text = say("experience_next", lang) if have == 1 else say("experience_next_short", lang)
        replies = [quick(say("qr_thats_all", lang), say("qr_thats_all", lang).lower())]
    else:
        key = f"experience_first_{persona}" if persona in ("high_school", "jobseeker", "employee") else "experience_first"
        text = say(key, lang)
        replies = []
    return ask(state, text=text, expecting=Expecting.experience, phase=Phase.experiences, quick_replies=replies)
