"""Target and plan: the skills gap to the chosen target (what is covered, almost there, missing),
then trainings that close it and jobs that fit, all saved in the profile."""

from __future__ import annotations

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.context import AgentContext
from agent.prompts import say
from agent.reply import Expecting
from agent.state import AgentState, Phase
from agent.toolbox import change_profile, load_profile
from agent.turns import ask, card, goto, quick
from tools.career.course_wording import duration_words, level_words
from tools.career.gap_picture import render_gap_svg
from tools.profile import GapSkill, GapSummary, Plan, PlanJob, PlanTraining


def plan(state: AgentState, runtime: Runtime[AgentContext]) -> Command:
    ctx = runtime.context
    if state.get("message") is not None:  # any answer: on to sharing
        return goto("sharing", state, update={"phase": Phase.sharing, "share_queue": None, "share_current": None})

    lang = state.get("language") or "en"
    profile = load_profile(ctx, state)
    if profile.target is None or ctx.career is None:
        return goto("sharing", state, update={"phase": Phase.sharing, "share_queue": None, "share_current": None})
    skills = profile.skill_uris()
    gap = ctx.career.gap(skills, profile.target.uri, lang)
    trainings = ctx.career.trainings(gap, profile.preferences.text, ctx.trainings_to_offer, lang, skill_uris=skills)
    jobs = ctx.career.jobs(skills, profile.target.uri, profile.preferences.text, ctx.jobs_to_offer, lang)

    essential_missing = [s for s in gap.skills if s.relation == "essential"]
    total_essential = len(gap.covered) + len(essential_missing)
    summary = (gap.summary or {}).get(lang) or (gap.summary or {}).get("en") or ""
    covered_group = {ref.uri: g.label for g in gap.groups for ref in g.covered}
    gap_summary = GapSummary(
        target_uri=gap.target_uri,
        skills=[
            GapSkill(uri=s.uri, label=s.label, essential=s.relation == "essential", status=s.status,
                     close_to=[c.uri for c in s.close_to], group=s.group_label,
                     rome=[t.code for t in s.translations if t.system == "rome"],
                     onet=[t.code for t in s.translations if t.system == "onet"])
            for s in gap.skills
        ] + [GapSkill(uri=c.uri, label=c.label, essential=True, status="covered", group=covered_group.get(c.uri))
             for c in gap.covered],
        coverage=max(0.0, min(1.0, float(gap.essential_coverage))),
        summary=summary,
        picture_svg=render_gap_svg(gap, lang),  # drawn in the printable page and the PDF
    )
    plan_model = Plan(
        gap_summary=summary,
        trainings=[PlanTraining(id=t.id, title=t.title, url=t.url, description=t.description[:500],
                                explanation=t.explanation, new_skills=[s.label for s in t.new_skills],
                                existing_skills=[s.label for s in t.existing_skills], score=t.score,
                                provider=t.provider) for t in trainings],
        jobs=[PlanJob(id=j.id, title=j.title, url=j.url, location=j.location, score=j.score,
                      matching_skills=[s.label for s in j.matching_skills],
                      missing_skills=[s.label for s in j.missing_skills]) for j in jobs],
        next_steps=[say("wrapup_steps", lang)],
    )

    def save(p):
        p.gap = gap_summary
        p.plan = plan_model

    change_profile(ctx, state, save)

    lines = [say("gap_intro", lang, target=profile.target.label, covered=f"{len(gap.covered)}/{max(total_essential, 1)}")]
    if essential_missing or gap.skills:
        names = ", ".join(s.label for s in (essential_missing or gap.skills)[:6])
        lines.append(say("gap_missing", lang, missing=names))
    else:
        lines.append(say("gap_nothing", lang))
    if trainings:
        lines.append(say("trainings_intro", lang))
        lines += [f"• {t.title}" + (f" ({t.provider})" if t.provider else "") + (f" — {t.explanation}" if t.explanation else "")
                  for t in trainings]
    else:
        lines.append(say("trainings_none", lang))
    if jobs:
        lines.append(say("jobs_intro", lang))
        lines += [f"• {j.title}" + (f" ({j.location})" if j.location else "") for j in jobs]
    lines.append(say("plan_next", lang))

    cards = [card("gap", say("card_gap", lang, target=profile.target.label), target_uri=gap.target_uri,
                  coverage=gap.essential_coverage, covered=[c.label for c in gap.covered],
                  almost=[s.label for s in gap.skills if s.status == "almost"],
                  missing=[s.label for s in essential_missing], groups=[g.model_dump(mode="json") for g in gap.groups],
                  # the same skills as the stored gap: the chat's picture and the profile's picture agree
                  skills=[s.model_dump(mode="json") for s in gap_summary.skills])]
    cards += [card("course", t.title, id=t.id, url=t.url, provider=t.provider, explanation=t.explanation,
                   new_skills=[s.label for s in t.new_skills], level=level_words(t.level, lang),
                   duration=duration_words(t.duration, lang), score=t.score)
              for t in trainings]
    cards += [card("job", j.title, id=j.id, url=j.url, location=j.location, employer=j.employer, score=j.score,
                   matching_skills=[s.label for s in j.matching_skills][:6],
                   missing_skills=[s.label for s in j.missing_skills][:6])
              for j in jobs]
    return ask(state, text="\n".join(lines), expecting=Expecting.free, phase=Phase.plan, cards=cards,
               quick_replies=[quick(say("qr_continue", lang), say("qr_continue", lang).lower())])
