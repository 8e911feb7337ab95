"""Rejecting a skill already in the profile ("i never sold insurance", "remove forklift"): the
correct_fact act (field "skill") points at the confirmed skills it names; they are marked rejected.
When nothing in the profile matches, the message is an ordinary answer and goes to the current phase."""

from __future__ import annotations

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.acts.models import ActKind
from agent.answers import best_label_match
from agent.context import AgentContext
from agent.messages import say
from agent.node_commands import acts_of, phase_node, reask_compact
from agent.state import AgentState
from agent.toolbox import change_profile, load_profile
from tools.profile import Profile, SkillState


def reject_skill(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    profile = load_profile(ctx, state)
    confirmed = [s for s in profile.skills if s.state == SkillState.confirmed]
    act = next((a for a in acts_of(state) if a.kind == ActKind.correct_fact and a.field == "skill"), None)
    if act is not None:
        from agent.acts.mentions import labels_named

        chosen = [confirmed[i] for i in labels_named(act.text, [s.label for s in confirmed])]
    else:
        intent = state.get("intent")
        named = intent["payload"] if intent else ""
        index = best_label_match(named, [s.label for s in confirmed], cutoff=0.75) if named else None
        chosen = [confirmed[index]] if index is not None else []
    if not chosen:
        return Command(goto=phase_node(state.get("phase") or "language"))

    def reject(p: Profile) -> None:
        for skill in chosen:
            p.set_skill_state(skill.uri, SkillState.rejected)

    change_profile(ctx, state, reject)
    return reask_compact(state, say("skill_removed", lang, label=", ".join(s.label for s in chosen)))
