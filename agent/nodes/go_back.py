"""'Go back': return to the previous step of the dialogue and ask its question again."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.context import AgentContext
from agent.messages import say
from agent.node_commands import back_to_phase, goto, phase_node
from agent.state import AgentState, Phase, phase_of
from agent.toolbox import change_profile, current_experience, load_profile

PREVIOUS = {
    Phase.processing: Phase.language,
    Phase.experience_detail: Phase.experiences,
    Phase.skills: Phase.experience_detail,
    Phase.interests: Phase.experiences,
    Phase.preferences: Phase.interests,
    Phase.moves: Phase.preferences,
    Phase.plan: Phase.moves,
    Phase.sharing: Phase.plan,
    Phase.wrapup: Phase.sharing,
    Phase.ended: Phase.plan,
}


def go_back(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    phase = phase_of(state)
    previous = PREVIOUS.get(phase)
    if previous is None:
        return back_to_phase(state, say("go_back_start", lang))
    update: dict[str, Any] = {"phase": previous, "attempts": {}}
    if phase == Phase.experience_detail:  # redo the experience: forget the one just told
        experience = current_experience(load_profile(ctx, state), state.get("experience_id"))
        if experience is not None:
            change_profile(ctx, state, lambda p: p.remove_experience(experience.id))
        update["experience_id"] = None
    if previous == Phase.moves:
        update["moves"] = []
    if previous == Phase.sharing:
        update.update(share_queue=None, share_current=None)
    if previous == Phase.plan:
        update.update(share_queue=None, share_current=None)
    return goto(phase_node(previous), state, note=say("go_back", lang), update=update)
