"""The dialogue-act layer: each message, read in the context of what the agent just asked, becomes
typed acts (:mod:`agent.acts.models`); the policy (the graph's nodes) acts on acts, never on raw
text. ``ActReader`` (:mod:`agent.acts.reader`) reads offline, with the LLM when one is configured."""

from agent.acts.models import Act, ActKind, ReadContext

__all__ = ["Act", "ActKind", "ReadContext"]
