"""'What do you know about me?': a readable summary of the profile and consents, then back."""

from __future__ import annotations

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.consent_notices import display_name
from agent.context import AgentContext
from agent.messages import duration_text, label_of, say
from agent.node_commands import card, reask_compact
from agent.ports import ConsentLedger
from agent.state import AgentState
from agent.toolbox import load_profile
from tools.consent.service import ConsentError
from tools.profile import SkillState


def about_me(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    profile = load_profile(ctx, state)
    none = say("about_none", lang)
    lines = [f"• {say('about_language', lang)}"]
    experiences = []
    for e in profile.experiences:
        months = e.period.months()
        experiences.append(e.title + (f" ({duration_text(months, lang)})" if months else ""))
    lines.append("• " + say("about_experiences", lang, items="; ".join(experiences) or none))
    skills = [say("about_skill", lang, label=s.label, level=label_of("level_", s.level.value, lang))
              for s in profile.confirmed_skills()]
    lines.append("• " + say("about_skills", lang, items=", ".join(skills) or none))
    suggested = [s.label for s in profile.skills if s.state == SkillState.proposed]
    if suggested:  # never mixed with the confirmed ones
        lines.append("• " + say("about_suggested", lang, items=", ".join(suggested)))
    if profile.interests.text or profile.interests.riasec:
        interests = profile.interests.text or ", ".join(label_of("qr_interest_", c, lang) for c in profile.interests.riasec)
        lines.append("• " + say("about_interests", lang, items=interests))
    if profile.preferences.text:
        lines.append("• " + say("about_preferences", lang, items=profile.preferences.text))
    if profile.target:
        lines.append("• " + say("about_target", lang, items=profile.target.label))
    consents = []
    if ctx.consents is not None:
        consents = [say("about_consent", lang, name=_recipient_name(ctx.consents, c.recipient_id, lang),
                        status=label_of("status_", c.status.value, lang))
                    for c in ctx.consents.list(state["conversation_id"])]
    lines.append("• " + say("about_consents", lang, items=", ".join(consents) or none))
    empty = profile.is_empty() and not consents
    text = say("about_me_empty", lang) if empty else say("about_me", lang, summary="\n".join(lines))
    data = profile.model_dump(mode="json", include={"experiences", "skills", "interests", "preferences", "target"})
    return reask_compact(state, text, cards=[card("profile", say("card_profile", lang), **data)])


def _recipient_name(consents: ConsentLedger, recipient_id: str, lang: str) -> str:
    try:
        recipient = consents.recipient(recipient_id)
        return display_name(recipient.name, str(recipient.kind), recipient.demo, lang)
    except ConsentError:  # a recipient removed since: its id is all there is
        return recipient_id
