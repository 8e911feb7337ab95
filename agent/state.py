"""The typed state of one conversation, checkpointed after every turn.

The person's facts (experiences, skills, interests, preferences, target, plan) live in their
``tools.profile.Profile`` (the profile store); this state holds the dialogue around them: where we
are, what is pending, what was offered, and this turn's reply.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, NotRequired

from pydantic import ConfigDict, with_config
from typing_extensions import TypedDict  # pydantic reads it on Python 3.11 (MoveOffer)


class Phase(StrEnum):
    """Phase names, in dialogue order. Checkpoints hold the plain strings (``str(Phase.skills)``
    is ``"skills"``), so a state saved before the enum existed loads as it is."""

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
    erased = "erased"  # everything was erased: the next message starts a new conversation


class MessageStatus(StrEnum):
    """What this turn's ``message`` is to the node the turn is at; ``message`` is None unless ``unread``."""

    unread = "unread"  # the person's message (or the part of it a request left): the node reads it
    handled = "handled"  # a node of this turn read it and handed over: the next node asks its question
    resumed = "resumed"  # no message: the conversation opens, or the person comes back to the pending question


class SkillProposal(TypedDict):
    """A skill proposed for the experience, with the words it came from (``start``/``end``: their
    offsets in the experience's ``text()``, None when not found in it) and its ``source`` ("llm" when the model
    named it, absent when the linker found it)."""

    uri: str
    label: str
    score: float | None
    skill_type: str | None
    evidence: str
    start: NotRequired[int | None]
    end: NotRequired[int | None]
    source: NotRequired[str]


class TargetChoice(TypedDict):
    """An occupation the person may set as their target (a move offered, or a job title they named)."""

    uri: str
    label: str
    code: str | None
    rome_codes: list[str]
    score: NotRequired[float]


@with_config(ConfigDict(extra="allow"))
class MoveOffer(TypedDict, total=False):
    """A career move offered: ``tools.career.models.CareerMove`` as JSON, every field kept (the advice
    reads its reasons back with ``why_move``); typed here, the keys the dialogue reads."""

    kind: str
    uri: str
    label: str
    code: str | None
    rome_codes: list[str]
    score: float
    sector: str | None
    target_uri: str | None
    why: dict[str, str]
    carried_skills: list[dict[str, Any]]
    missing_essential: list[dict[str, Any]]
    essential_held: int
    essential_total: int


class ShareQuestion(TypedDict):
    """The recipient and notice the sharing step asks about (``agent.consent_notices.recipient_facts``)."""

    kind: str
    recipient_id: str
    name: str
    demo: bool
    description: dict[str, str]
    notice_id: str
    purpose: str
    why: dict[str, str]
    categories: list[str]
    retention_days: int
    consent_duration_days: int
    controller: dict[str, Any]
    told: NotRequired[list[str]]  # the notice topics already answered (who sees it, how long, ...)


class PendingQuestion(TypedDict):
    """This turn's reply (``agent.reply.AgentReply`` as JSON): the question the conversation waits
    on, asked again (in one line, with the same quick replies) after an interjection."""

    conversation_id: str
    text: str
    language: str
    expecting: str  # an agent.reply.Expecting value
    quick_replies: list[dict[str, str]]
    cards: list[dict[str, Any]]
    expecting_context: dict[str, Any]
    phase: str  # a Phase value
    finished: bool


class IntentRecord(TypedDict):
    """The request the router read in the message: the node it goes to and what it carries."""

    kind: str  # an agent.intents.IntentKind value: the name of the node
    payload: str


def expecting_of(state: AgentState) -> str:
    """What the pending question expects ("" before the first)."""
    reply = state.get("reply")
    return str(reply.get("expecting") or "") if reply else ""


def unread_message(state: AgentState) -> str | None:
    """The person's message while it is to be read, else None: ask the question (handled or resumed)."""
    if state.get("message_status") in (MessageStatus.handled, MessageStatus.resumed):
        return None
    return state.get("message")


def next_experience_after(state: AgentState, told: str) -> str:
    """``told`` as the next experience, after the one already waiting to be asked about, if any (neither is lost)."""
    waiting = state.get("next_experience")
    return f"{waiting}. {told}" if waiting else told


def phase_of(state: AgentState) -> Phase:
    """The phase the conversation is in (``language`` before the first question)."""
    return Phase(state.get("phase") or Phase.language)


class AgentState(TypedDict, total=False):
    # -- this turn -----------------------------------------------------------------------------
    conversation_id: str
    message: str | None  # the person's message while unread (see message_status)
    message_status: str  # a MessageStatus value: unread, handled by an earlier node, or resumed (none sent)
    channel: str  # web | telegram | cli | counsellor | eval
    hints: dict[str, Any]  # channel-provided hints, e.g. {"persona": "employee"} from a landing page
    notes: list[str]  # sentences said before this turn's question (acknowledgements, answers)
    cards: list[dict[str, Any]]  # cards gathered during this turn
    reply: PendingQuestion | None  # this turn's reply: the pending question
    intent: IntentRecord | None  # the request the router read in the message
    acts: list[dict[str, Any]]  # the dialogue acts read in the message (agent.acts.models.Act as JSON)
    resume_message: str | None  # the content of a message that also carried a request, answered after it
    told_before_consent: str | None  # an experience told at the consent question: read once the person agrees
    # -- the dialogue --------------------------------------------------------------------------
    language: str
    language_set: bool
    persona: str | None
    phase: str  # a Phase value, as the plain string
    processing_consent: bool
    counsellor_mode: bool
    experience_id: str | None  # the experience being talked about
    next_experience: str | None  # another job told while answering about this one: the next experience
    resume_phase: str | None  # told at a later step, that experience is talked about first, then this step resumes
    resume_answer: str | None  # what else that message said, read by the resumed step
    experience_title: str
    detail_asked: bool
    proposals: list[SkillProposal]  # skills proposed for the current experience, not yet answered
    proposals_removed: list[int]  # indexes of proposals the person already removed (numbers stay those of the list)
    skills_shown: list[str]  # skill URIs whose list was already shown (asked again in one line)
    moves: list[MoveOffer]  # career moves offered
    share_queue: list[str]  # recipient kinds still to ask about
    share_current: ShareQuestion | None  # the recipient and notice asked about now
    share_dont_ask: bool  # "don't ask me again": no sharing question for any later plan either
    attempts: dict[str, int]  # how many times each question was asked without a usable answer
    trail: list[str]  # phases asked so far, for "go back"
    erase_pending: bool  # the person asked to erase and must confirm
    rule_pending: str | None  # an "always share with ..." rule typed in the chat, waiting for confirmation
    erase_now: bool  # confirmed: the runtime erases every store after this turn (its TurnOutcome says erased)
    finished: bool
    turns: int
