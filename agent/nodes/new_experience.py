"""A new experience told at a later step ("oh and i also did 2 years as a waitress" while answering
about interests, at the skill list or the preferences). Nothing told is dropped, and no experience
lands in the profile without its skills:

- at a skill list, it is the next experience (``next_experience``): the experiences step that follows
  the list starts it, with its detail question and its own skills;
- at a step after the experiences (interests, preferences, moves, plan, sharing, and after the end),
  it is talked about first, like any experience, then that step resumes (``resume_phase``; the
  wrap-up, after the end) and reads what else the message said (``resume_answer``);
- elsewhere (a second one in the same message), it is recorded with its kind, title and duration,
  and the turn goes back to where it was.
"""

from __future__ import annotations

from functools import partial

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.acts.models import ActKind
from agent.acts.new_experience import only_leads_in
from agent.answers import experience_kind, is_ongoing, parse_duration_months
from agent.context import AgentContext
from agent.experience_titles import experience_title
from agent.messages import duration_text
from agent.node_commands import acts_of, goto, phase_node, reask_compact
from agent.state import AgentState, Phase
from agent.toolbox import change_profile
from tools.profile import Experience, ExperienceKind, ExperienceStatus, Period, Profile

LATER_STEPS = frozenset({Phase.interests, Phase.preferences, Phase.moves, Phase.plan, Phase.sharing, Phase.wrapup, Phase.ended})
NEXT = {
    "en": "Noted: we'll talk about \"{title}\" right after this list.",
    "fr": "C'est noté : nous parlerons de « {title} » juste après cette liste.",
}
NOTED = {
    "en": "Noted: I added \"{title}\"{duration} to your experiences.",
    "fr": "C'est noté : j'ai ajouté « {title} »{duration} à vos expériences.",
}


def new_experience(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    acts = acts_of(state)
    told = [a for a in acts if a.kind == ActKind.new_experience and a.text]
    notes: list[str] = []
    later: dict[str, str | None] = {}
    rest = [a for a in acts if a.kind != ActKind.new_experience]
    detour = state.get("phase") in LATER_STEPS and bool(told) and not state.get("resume_phase")
    if detour:  # after the experiences: the first one now, with its questions and skills, then back to this step
        answer = " ".join(a.text for a in rest if a.text)
        # after the end, the wrap-up is said again with what the profile now holds
        resume = Phase.wrapup if state.get("phase") == Phase.ended else state.get("phase")
        later = {"phase": Phase.experiences, "next_experience": told[0].text, "resume_phase": resume,
                 "resume_answer": None if only_leads_in(answer) else answer}
        told = told[1:]
    if state.get("phase") == Phase.skills and len(told) == 1 and not state.get("next_experience"):
        # told at a skill list: the experiences step comes right after it, so this one is asked about
        # then, with its own skills, instead of being recorded without any
        later = {"next_experience": told[0].text}
        title = experience_title(told[0].text, lang)
        notes.append(NEXT.get(lang, NEXT["en"]).format(title=title))
        told = []
    for act in told:
        months = parse_duration_months(act.text)
        kind = experience_kind(act.text)
        experience = Experience(
            kind=ExperienceKind(kind) if kind in ExperienceKind.__members__ else ExperienceKind.other,
            title=experience_title(act.text, lang),
            description=act.text,
            period=Period(duration_months=months),
            status=ExperienceStatus.ongoing if is_ongoing(act.text) else ExperienceStatus.past,
        )
        change_profile(ctx, state, partial(Profile.add_experience, experience=experience))
        duration = f" ({duration_text(months, lang)})" if months else ""
        notes.append(NOTED.get(lang, NOTED["en"]).format(title=experience.title, duration=duration))
    note = " ".join(notes)
    if detour:
        return goto("experiences", state, note=note or None, update=later)
    if rest:  # the answer the message also gave: read by the step it answers
        text = " ".join(a.text for a in rest if a.text) or None
        return goto(phase_node(state.get("phase") or ""), state, note=note,
                    update={"message": text, "acts": [a.model_dump(mode="json") for a in rest], **later})
    return reask_compact(state, note, update=later or None)


__all__ = ["new_experience"]
