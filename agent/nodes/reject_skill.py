"""Rejecting a skill already in the profile ("remove forklift", "I don't know how to drive"):
the skill is marked rejected. When nothing in the profile matches, the message is an ordinary
answer and goes to the current phase."""

from __future__ import annotations

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.answers import best_label_match
from agent.context import AgentContext
from agent.prompts import say
from agent.state import AgentState
from agent.toolbox import change_profile, load_profile
from agent.turns import back_to_phase, phase_node
from tools.profile import SkillState


def reject_skill(state: AgentState, runtime: Runtime[AgentContext]) -> Command:
    ctx = runtime.context
    lang = state.get("language") or "en"
    named = (state.get("intent") or {}).get("payload", "")
    profile = load_profile(ctx, state)
    skills = [s for s in profile.skills if s.state != SkillState.rejected]
    index = best_label_match(named, [s.label for s in skills], cutoff=0.75) if named else None
    if index is None:
        return Command(goto=phase_node(state.get("phase") or "language"))
    skill = skills[index]
    change_profile(ctx, state, lambda p: p.set_skill_state(skill.uri, SkillState.rejected))
    return back_to_phase(state, say("skill_removed", lang, label=skill.label))
