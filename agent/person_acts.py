"""Acts only the person may do: give or refuse a consent, set a sharing rule, withdraw a consent,
erase. They are taken from the person's own session; a message of a counsellor's guided session
(channel ``counsellor``, the console) never takes them, whatever it says: the agent tells the
counsellor that the person does it themselves, and nothing changes."""

from __future__ import annotations

from agent.state import AgentState

COUNSELLOR_CHANNEL = "counsellor"


def from_counsellor(state: AgentState) -> bool:
    """This turn's message comes from a counsellor's guided session, not from the person."""
    return state.get("channel") == COUNSELLOR_CHANNEL
