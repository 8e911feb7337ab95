"""Correcting an earlier fact, read as a correct_fact act ("actually it was 3 years", "en fait
c'était à Lyon", "sorry, i was a waitress not a cook"): the duration of the experience concerned,
the location, the title of the current experience, or a detail added to it."""

from __future__ import annotations

import re

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.acts.models import ActKind
from agent.answers import best_label_match, parse_duration_months
from agent.context import AgentContext
from agent.messages import duration_text, say
from agent.node_commands import acts_of, reask_compact
from agent.state import AgentState
from agent.toolbox import change_experience, change_profile, current_experience, load_profile
from tools.career.preferences import parse_preferences
from tools.profile import Experience, Period, Profile

_MARKER = re.compile(
    r"^\s*(actually|in fact|correction|to correct|sorry,? i meant|i meant|oops|my mistake|no,? actually|en fait|"
    r"en réalité|en realite|je voulais dire|pardon|oups|erreur|non,? en fait|je me suis trompée?|je rectifie|plutôt|plutot)[\s,:!.-]*",
    re.IGNORECASE,
)


def correction(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    text = state.get("message") or ""
    act = next((a for a in acts_of(state) if a.kind == ActKind.correct_fact), None)
    profile = load_profile(ctx, state)
    experience = current_experience(profile, state.get("experience_id"))
    if act is not None and act.field == "title" and act.text and experience is not None:
        title = act.text

        def rename(e: Experience) -> None:
            e.title = title

        change_experience(ctx, state, experience.id, rename)
        return reask_compact(state, say("correction_detail", lang, experience=title))
    months = act.months if act is not None and act.months is not None else parse_duration_months(_first_duration_clause(text))
    concerned = _concerned(profile, text, state.get("experience_id")) if months is not None else None
    if months is not None and concerned is not None:
        corrected = months

        def fix(e: Experience) -> None:
            e.period = Period(duration_months=corrected)

        change_experience(ctx, state, concerned.id, fix)
        return reask_compact(state, say("correction_duration", lang, experience=concerned.title,
                                        duration=duration_text(months, lang)))
    location = parse_preferences(text).location
    if location:
        def move(p: Profile) -> None:
            p.preferences.location = location

        change_profile(ctx, state, move)
        return reask_compact(state, say("correction_location", lang, location=location))
    detail = _MARKER.sub("", text).strip()
    if detail and experience is not None:
        def add(e: Experience) -> None:
            e.details = [*e.details, detail]

        change_experience(ctx, state, experience.id, add)
        return reask_compact(state, say("correction_detail", lang, experience=experience.title))
    return reask_compact(state, say("correction_nothing", lang))


def _first_duration_clause(text: str) -> str:
    """'3 years, not 2' -> '3 years': the corrected value comes first."""
    return re.split(r"\b(not|pas|et non|instead of|au lieu de)\b", text, maxsplit=1)[0]


def _concerned(profile: Profile, text: str, experience_id: str | None) -> Experience | None:
    """The experience the correction names, else the current one, else the last with a duration."""
    titles = [e.title for e in profile.experiences]
    index = best_label_match(_MARKER.sub("", text), titles, cutoff=0.9)
    if index is not None:
        return profile.experiences[index]
    current = current_experience(profile, experience_id)
    with_duration = [e for e in profile.experiences if e.period.duration_months is not None]
    if current is not None and (current.period.duration_months is not None or not with_duration):
        return current
    return with_duration[-1] if with_duration else current
