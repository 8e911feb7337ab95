"""What one agent turn returns to every channel: text, the machine-readable ``expecting`` kind,
quick replies and cards (``AgentReply``, which channels render and nothing else), and whether the
turn erased everything (``TurnOutcome``)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


class Expecting(StrEnum):
    """What the agent is asking for (see ../shared/evals/README.md)."""

    start = "start"
    language = "language"
    processing_consent = "processing_consent"
    experience = "experience"
    experience_detail = "experience_detail"
    skill_confirmation = "skill_confirmation"
    interests = "interests"
    preferences = "preferences"
    target_choice = "target_choice"
    share_consent = "share_consent"
    free = "free"
    end = "end"


class QuickReply(BaseModel):
    label: str  # shown on the button, in the person's language
    value: str  # sent back as the person's message when tapped


class Card(BaseModel):
    """Structured content next to the text: a skill to confirm, a career move, a course, a job,
    a consent notice, the profile or gap picture."""

    kind: str  # skill | move | course | job | notice | receipt | profile | gap | export
    title: str
    data: dict[str, Any] = Field(default_factory=dict)


class AgentReply(BaseModel):
    conversation_id: str
    text: str
    language: str
    expecting: Expecting
    quick_replies: list[QuickReply] = Field(default_factory=list)
    cards: list[Card] = Field(default_factory=list)
    # Extra context for the expecting kind, e.g. {"recipient_kind": "coach"} for share_consent.
    expecting_context: dict[str, Any] = Field(default_factory=dict)
    phase: str = ""
    finished: bool = False


class TurnOutcome(BaseModel):
    """What one turn did, for the channel that ran it: the reply, and whether the turn erased
    everything about the person (every store, the transcript too: the channel records nothing of it)."""

    reply: AgentReply
    erased: bool = False
