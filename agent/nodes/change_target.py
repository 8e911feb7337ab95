"""A change of mind about the target after it was chosen ("euh en fait non plutot cuisinier",
"attends, je voulais changer pour cuisinier", "actually i'd rather be a carer"): the job named is
linked to an ESCO occupation, set as the target, and the plan is computed again for it."""

from __future__ import annotations

from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.acts.models import ActKind
from agent.context import AgentContext
from agent.messages import say
from agent.node_commands import acts_of, goto, reask_compact
from agent.state import AgentState, Phase
from agent.toolbox import change_profile, link_occupation
from tools.profile import Profile, Target


def change_target(state: AgentState, runtime: Runtime[AgentContext]) -> Command[str]:
    ctx = runtime.context
    lang = state.get("language") or "en"
    wanted = next((a.text for a in acts_of(state) if a.kind == ActKind.change_target), "")
    found = link_occupation(ctx, wanted, lang) if wanted else None
    if found is None:
        return reask_compact(state, say("target_change_unknown", lang, text=wanted[:80]))
    chosen = Target(uri=found["uri"], label=found["label"], code=found.get("code"),
                    rome_codes=list(found.get("rome_codes") or []))

    def set_target(p: Profile) -> None:
        p.target = chosen
        p.gap = None
        p.plan = None

    change_profile(ctx, state, set_target)
    return goto("plan", state, note=say("target_changed", lang, label=found["label"]),
                update={"phase": Phase.plan, "share_queue": None, "share_current": None, "attempts": {}})
