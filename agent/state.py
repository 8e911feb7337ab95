"""The typed state of one conversation, checkpointed after every turn.

The person's facts (experiences, skills, interests, preferences, target, plan) live in their
``tools.profile.Profile`` (the profile store); this state holds the dialogue around them: where we
are, what is pending, what was offered, and this turn's reply.
"""

from __future__ import annotations

from typing import Any, TypedDict


class Phase:
    """Phase names, in dialogue order (``ORDER``)."""

    language = "language"
    processing = "processing"
    experiences = "experiences"
    experience_detail = "experience_detail"
    skills = "skills"
    interests = "interests"
    preferences = "preferences"
    moves = "moves"
    plan = "plan"
    sharing = "sharing"
    wrapup = "wrapup"
    ended = "ended"

    ORDER = (
        "language", "processing", "experiences", "experience_detail", "skills", "interests", "preferences",
        "moves", "plan", "sharing", "wrapup", "ended",
    )


class AgentState(TypedDict, total=False):
    # -- this turn -----------------------------------------------------------------------------
    conversation_id: str
    message: str | None  # the person's message (None: the conversation opens or resumes)
    channel: str  # web | telegram | cli | counsellor | eval
    hints: dict[str, Any]  # channel-provided hints, e.g. {"persona": "employee"} from a landing page
    notes: list[str]  # sentences said before this turn's question (acknowledgements, answers)
    cards: list[dict[str, Any]]  # cards gathered during this turn
    reply: dict[str, Any] | None  # this turn's AgentReply (as JSON)
    intent: dict[str, str] | None  # the global intent the router recognised in the message
    acts: list[dict[str, Any]]  # the dialogue acts read in the message (agent.acts.models.Act as JSON)
    resume_message: str | None  # the content of a message that also carried a request, answered after it
    # -- the dialogue --------------------------------------------------------------------------
    language: str
    language_set: bool
    persona: str | None
    phase: str
    processing_consent: bool
    counsellor_mode: bool
    experience_id: str | None  # the experience being talked about
    experience_title: str
    detail_asked: bool
    proposals: list[dict[str, Any]]  # skills proposed for the current experience, not yet answered
    proposals_removed: list[int]  # indexes of proposals the person already removed (numbers stay those of the list)
    skills_shown: list[str]  # skill URIs whose list was already shown (asked again in one line)
    moves: list[dict[str, Any]]  # career moves offered (CareerMove as JSON)
    share_queue: list[str]  # recipient kinds still to ask about
    share_current: dict[str, Any] | None  # the recipient and notice asked about now
    share_dont_ask: bool  # "don't ask me again": no sharing question for any later plan either
    attempts: dict[str, int]  # how many times each question was asked without a usable answer
    question: dict[str, Any] | None  # the pending question (AgentReply JSON), re-asked after an interjection
    trail: list[str]  # phases asked so far, for "go back"
    erase_pending: bool  # the person asked to erase and must confirm
    rule_pending: str | None  # an "always share with ..." rule typed in the chat, waiting for confirmation
    erase_now: bool  # confirmed: the runtime erases every store after this turn
    finished: bool
    turns: int
