"""Target and plan: the skills gap to the chosen target (what the person has, however it was
counted, what is almost there, what is missing), how to get there (qualifications from ROME and
ESCO; for pupils the study tracks), then trainings that cover the gap (or, when none fits, what to
learn) and jobs that fit, all saved in the profile. One gap computation feeds the chat's card, the
side panel and the PDF (:func:`tools.career.gap_picture.picture_skills`)."""

from __future__ import annotations

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.context import AgentContext
from agent.messages import say
from agent.node_commands import ask, card, goto, quick
from agent.reply import Expecting
from agent.state import AgentState, Phase, unread_message
from agent.toolbox import change_profile, held_occupations, load_profile
from tools.career.gap_picture import picture_skills, render_gap_svg
from tools.catalog.course_wording import duration_words, level_words
from tools.profile import GapSkill, GapSummary, Plan, PlanJob, PlanTraining, Profile

MAX_CREDITED_SHOWN = 3


def plan(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    if unread_message(state) is not None:  # any answer: on to sharing
        return goto("sharing", state, update={"phase": Phase.sharing, "share_queue": None, "share_current": None})

    lang = state.get("language") or "en"
    profile = load_profile(ctx, state)
    if profile.target is None or ctx.career is None:
        return goto("sharing", state, update={"phase": Phase.sharing, "share_queue": None, "share_current": None})
    skills = profile.skill_uris()
    held = held_occupations(ctx, profile, lang)
    gap = ctx.career.gap(skills, profile.target.uri, lang, held)
    route = ctx.career.access(gap.target_uri if gap.target_uri in ctx.kb.occupations else profile.target.uri, lang) \
        if ctx.kb is not None else None
    trainings = ctx.career.trainings(gap, profile.preferences.text, ctx.trainings_to_offer, lang, skill_uris=skills)
    objectives = [] if trainings else ctx.career.learning_objectives(gap)
    jobs = ctx.career.jobs(skills, profile.target.uri, profile.preferences.text, ctx.jobs_to_offer, lang)

    summary = (gap.summary or {}).get(lang) or (gap.summary or {}).get("en") or ""
    rows = picture_skills(gap, lang)
    pupil = state.get("persona") == "high_school"
    steps: list[str] = []
    if route is not None and not route.is_empty:
        steps.append(route.summary(lang))
        if pupil and route.tracks(lang):
            steps.append(say("tracks_intro", lang, tracks="; ".join(route.tracks(lang)[:3])))
    if objectives:
        steps += [o.text.get(lang) or o.text["en"] for o in objectives]
    steps.append(say("wrapup_steps", lang))
    gap_summary = GapSummary(
        target_uri=gap.target_uri,
        skills=[GapSkill(uri=r["uri"], label=r["label"], essential=r.get("essential", True), status=r["status"],
                         close_to=r.get("close_to", []), group=r["group"], credited=r.get("credited"),
                         rome=r.get("rome", []), onet=r.get("onet", [])) for r in rows],
        coverage=max(0.0, min(1.0, float(gap.essential_coverage))),
        summary=summary,
        picture_svg=render_gap_svg(gap, lang),  # drawn in the printable page and the PDF
    )
    plan_model = Plan(
        gap_summary=summary,
        trainings=[PlanTraining(id=t.id, title=t.title, url=t.url, description=t.description[:500],
                                explanation=t.explanation, new_skills=[s.label for s in t.covers],
                                existing_skills=[s.label for s in t.existing_skills], score=t.score,
                                provider=t.provider) for t in trainings],
        jobs=[PlanJob(id=j.id, title=j.title, url=j.url, location=j.place(lang), score=j.score,
                      matching_skills=[s.label for s in j.matching_skills],
                      missing_skills=[s.label for s in j.missing_skills]) for j in jobs],
        next_steps=steps,
    )

    def save(p: Profile) -> None:
        p.gap = gap_summary
        p.plan = plan_model

    change_profile(ctx, state, save)

    essential_missing = gap.missing_essential
    # the job they hold or held, elsewhere: no "to become ...", nor their own job's skills credited back to them
    own = any(h.uri == profile.target.uri for h in held)
    lines = [say("gap_intro_own" if own else "gap_intro", lang, target=profile.target.label,
                 covered=f"{gap.essential_held}/{max(gap.essential_total, 1)}")]
    credited = [c for c in gap.covered if c.relation == "essential" and c.credit.via != "held"] if not own else []
    if credited:
        names = ", ".join(f"{c.label} ({c.credit.text(lang)})" for c in credited[:MAX_CREDITED_SHOWN])
        if len(credited) > MAX_CREDITED_SHOWN:
            names += f" (+{len(credited) - MAX_CREDITED_SHOWN})"
        lines.append(say("gap_credited", lang, credited=names))
    if essential_missing or gap.skills:
        names = ", ".join(s.label for s in (essential_missing or gap.skills)[:6])
        lines.append(say("gap_missing_own" if own and not essential_missing else "gap_missing", lang, missing=names))
    else:
        lines.append(say("gap_nothing", lang))
    if route is not None and not route.is_empty and not own:
        lines.append(say("access_intro", lang, route=route.summary(lang)))
        if pupil and route.tracks(lang):
            lines.append(say("tracks_intro", lang, tracks="; ".join(route.tracks(lang)[:3])))
    if trainings:
        lines.append(say("trainings_intro", lang))
        lines += [f"• {t.title}" + (f" ({t.provider})" if t.provider else "") + f" — {t.explanation}" for t in trainings]
    elif objectives:
        lines.append(say("trainings_none_objectives", lang,
                         objectives="; ".join(o.skill.label for o in objectives[:4])))
    else:
        lines.append(say("trainings_none", lang))
    if jobs:
        lines.append(say("jobs_intro", lang))
        lines += [f"• {j.title} ({j.place(lang)})" for j in jobs]
    else:
        place = profile.preferences.location
        lines.append(say("jobs_none", lang, place=(f" ({place})" if place else "")))
    if any(t.demo for t in trainings) or any(j.demo for j in jobs):
        lines.append(say("demo_catalog_note", lang))
    lines.append(say("plan_next", lang))

    cards = [card("gap", say("card_gap", lang, target=profile.target.label), target_uri=gap.target_uri,
                  coverage=gap.essential_coverage, summary=summary, skills=rows,
                  covered=[c.label for c in gap.covered],
                  almost=[s.label for s in gap.skills if s.status == "almost"],
                  missing=[s.label for s in essential_missing], groups=[g.model_dump(mode="json") for g in gap.groups],
                  access=route.model_dump(mode="json") if route is not None else None)]
    cards += [card("course", t.title, id=t.id, url=t.url, provider=t.provider, explanation=t.explanation,
                   new_skills=[s.label for s in t.covers], level=level_words(t.level, lang),
                   duration=duration_words(t.duration, lang), score=t.score,
                   language=t.language, demo=t.demo, location=t.location)
              for t in trainings]
    cards += [card("job", j.title, id=j.id, url=j.url, location=j.place(lang), employer=j.employer, score=j.score,
                   matching_skills=[s.label for s in j.matching_skills][:6],
                   missing_skills=[s.label for s in j.missing_skills][:6], demo=j.demo)
              for j in jobs]
    return ask(state, text="\n".join(lines), expecting=Expecting.free, phase=Phase.plan, cards=cards,
               quick_replies=[quick(say("qr_continue", lang), say("qr_continue", lang).lower())])
