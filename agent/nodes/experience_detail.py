"""One follow-up about the current experience (what they did, how long, what they're proud of),
then the skills it shows, proposed by the linking engine (and, if configured, the LLM).

The follow-up never asks what the person already said: a rich first answer gets "anything else?"
rather than "what did you do?". The answer is read as acts: "i just said" / "that's all" adds
nothing, and an answer about how long ("3 years, every June", "depuis 2 ans") is a fact about the
experience, never text to link skills from."""

from __future__ import annotations

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.acts.models import ActKind
from agent.acts.new_experience import experience_span, only_leads_in, other_activity_span
from agent.acts.spelling import tidy
from agent.answers import (
    experience_kind,
    is_acknowledgement,
    is_empty,
    is_no,
    is_no_more,
    is_unsure,
    parse_duration_months,
)
from agent.context import AgentContext
from agent.language import normalise
from agent.messages import say
from agent.node_commands import acts_of, ask, goto, quick
from agent.reply import Expecting
from agent.state import AgentState, Phase, next_experience_after, unread_message
from agent.toolbox import change_profile, current_experience, load_profile, propose_skills
from tools.career.occupation_names import resolve_occupation
from tools.profile import Experience, Period, Profile


def experience_detail(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    message = unread_message(state)
    profile = load_profile(ctx, state)
    experience = current_experience(profile, state.get("experience_id"))
    if experience is None:
        return goto("experiences", state, update={"phase": Phase.experiences})

    if message is None:
        if experience.period.duration_months is None and len(experience.description.split()) > 12:
            text = say("detail_how_long", lang)
        elif experience.details or len(experience.description.split()) >= 12:
            text = say("detail_more", lang)
        else:
            text = say("detail_what", lang)
        return ask(state, text=text, expecting=Expecting.experience_detail, phase=Phase.experience_detail,
                   quick_replies=[quick(say("qr_thats_all", lang), say("qr_thats_all", lang).lower())],
                   update={"detail_asked": True})

    acts = acts_of(state)
    done = any(a.kind == ActKind.done for a in acts)
    duration = next((a for a in acts if a.kind == ActKind.answer and a.field == "duration"), None)
    # "ok" / "oui" / "idk" tell nothing more: the skills of what was told come next
    answered = not (done or is_empty(message) or is_acknowledgement(message) or is_unsure(message)
                    or ((is_no_more(message) or is_no(message)) and len(message.split()) <= 6))
    # "g aussi fait caissière chez carrefour": the next experience, not a detail of this one (its
    # "2 years" is no duration of this one either)
    next_experience = _another_job(ctx, message, experience, lang) if answered else None
    if next_experience is not None:
        before, _ = next_experience
        answered, message, duration = bool(before), before or message, None
    experience_id = experience.id
    if duration is not None:  # a fact about the experience: its duration, not text to link skills from
        told = duration.months

        def set_period(p: Profile) -> None:
            exp = p.experience(experience_id)
            if exp is not None:
                exp.period = Period(duration_months=told)

        profile = change_profile(ctx, state, set_period)
        experience = profile.experience(experience_id) or experience
        answered = False
    if answered:
        months = parse_duration_months(message)
        detail = message

        def add(p: Profile) -> None:
            exp = p.experience(experience_id)
            if exp is None:
                return
            exp.details = [*exp.details, detail]
            if months is not None and exp.period.duration_months is None:
                exp.period = Period(duration_months=months)

        profile = change_profile(ctx, state, add)
        experience = profile.experience(experience_id) or experience

    known = {s.uri for s in profile.skills if s.state.value in ("confirmed", "rejected")}
    text = experience.text()
    proposals = propose_skills(ctx, experience.statements(), lang, exclude=known,  # spans within ``text``
                               top_k=ctx.skills_per_experience, job=experience.title)
    if ctx.llm is not None:
        proposals = ctx.llm.grounded_skills(text, lang, proposals, ctx.kb, exclude=known, limit=ctx.skills_per_experience)
    later = {"next_experience": next_experience_after(state, next_experience[1])} if next_experience is not None else {}
    if not proposals:
        return goto("experiences", state, note=say("skills_none_found", lang),
                    update={"phase": Phase.experiences, "proposals": [], **later})
    return goto("skills", state, update={"phase": Phase.skills, "proposals": proposals, "proposals_removed": [], **later})


def _another_job(ctx: AgentContext, message: str, experience: Experience, lang: str) -> tuple[str, str] | None:
    """``(before, told)`` when the answer about this experience tells another one: a clause saying
    they did, worked or were something (``agent.acts.new_experience``) that names a job word for word,
    other than the ones this experience names ("g aussi fait caissière chez carrefour l'été dernier"
    after "livreur à vélo"; not "j'ai aussi fait l'inventaire chez eux"), or another kind of activity
    told with "also" ("i also run a youtube channel" after a bar job, "also im a volunteer at the food
    bank" after caring for a relative). ``before``: the words before that clause, still about this
    experience."""
    said = tidy(normalise(message))
    kinds = {experience.kind.value, experience_kind(experience.text())}
    other = other_activity_span(said, kinds)
    if other is not None:  # "i also run a youtube channel" after a bar job: another kind of activity
        before, told, _ = other
        return ("", message) if only_leads_in(before) else (before, told)
    linker = ctx.linker
    if linker is None:
        return None
    span = experience_span(said)
    if span is None:
        return None
    named = linker.named_occupations(span[1], lang)
    if not named:
        return None
    this = set(linker.named_occupations(experience.text(), lang))
    held = resolve_occupation(ctx.kb, linker, experience.title, lang) if ctx.kb is not None and experience.title else None
    if held is not None:
        this.add(held[0])
    if set(named) & this:
        return None
    before, told = span
    if only_leads_in(before):  # "ah et avant j'ai fait serveuse": no detail before
        before = ""
    return before, (message if not before else told)
