"""Building a turn's reply: the question a node asks, with the notes said before it this turn.

A node that has handled the person's message hands over to the next node with ``goto(...)``
(``message_status`` handled: that node asks its question); the node that asks the next question
ends the turn with ``ask(...)``. An interjection (an off-topic question, "what do you know about
me?") adds a note and sends the turn back to the node of the current phase, which asks its question
again (``back_to_phase``), or reads the content the same message carried (``resume_message``).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from langgraph.graph import END
from langgraph.types import Command

from agent.acts.models import Act
from agent.messages import in_register
from agent.reply import AgentReply, Card, Expecting, QuickReply
from agent.state import AgentState, MessageStatus, PendingQuestion, Phase, expecting_of


def plain(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with enum members (``Phase.skills``) as their strings: checkpoints hold plain values only."""
    return {key: value.value if isinstance(value, Enum) else value for key, value in values.items()}


def quick(label: str, value: str | None = None) -> dict[str, str]:
    return {"label": label, "value": value if value is not None else label}


def card(kind: str, title: str, **data: Any) -> dict[str, Any]:
    return Card(kind=kind, title=title, data=data).model_dump(mode="json")


def _card_in_register(data: dict[str, Any], lang: str, persona: str | None) -> Card:
    """A card whose sentences (a move's why, a course's explanation, the gap's summary) a pupil reads
    in the "tu" register, as the turn's text."""
    card_ = Card(**data)
    if lang != "fr" or persona != "high_school":
        return card_
    card_.data = {k: in_register(v, lang, persona) if isinstance(v, str) else v for k, v in card_.data.items()}
    return card_


def ask(
    state: AgentState,
    *,
    text: str,
    expecting: Expecting,
    phase: Phase,
    quick_replies: list[dict[str, str]] | None = None,
    cards: list[dict[str, Any]] | None = None,
    context: dict[str, Any] | None = None,
    update: dict[str, Any] | None = None,
    finished: bool = False,
) -> Command[str]:
    """End the turn with a question (or a closing message when ``finished``)."""
    lang = state.get("language") or "en"
    notes = [n for n in (state.get("notes") or []) if n]
    reply = AgentReply(
        conversation_id=state.get("conversation_id", ""),
        text=in_register("\n\n".join([*notes, text]), lang, state.get("persona")),
        language=lang,
        expecting=expecting,
        quick_replies=[QuickReply(label=in_register(q["label"], lang, state.get("persona")), value=q["value"])
                       for q in (quick_replies or [])],
        cards=[_card_in_register(c, lang, state.get("persona")) for c in [*(state.get("cards") or []), *(cards or [])]],
        expecting_context=context or {},
        phase=phase.value,
        finished=finished,
    )
    trail = list(state.get("trail") or [])
    if trail[-1:] != [phase]:
        trail.append(phase.value)
    values: dict[str, Any] = {
        "reply": pending_question(reply),
        "phase": phase.value,
        "notes": [],
        "cards": [],
        "message": None,
        "message_status": (MessageStatus.resumed if state.get("message_status") == MessageStatus.resumed
                           else MessageStatus.handled).value,
        "trail": trail[-40:],
        "finished": finished,
    }
    values.update(plain(update or {}))
    return Command(goto=END, update=values)


def pending_question(reply: AgentReply) -> PendingQuestion:
    """The reply as the state keeps it: JSON, so a checkpoint holds plain values only."""
    data = reply.model_dump(mode="json")
    return {"conversation_id": data["conversation_id"], "text": data["text"], "language": data["language"],
            "expecting": data["expecting"], "quick_replies": data["quick_replies"], "cards": data["cards"],
            "expecting_context": data["expecting_context"], "phase": data["phase"], "finished": data["finished"]}


def goto(node: str, state: AgentState, *, note: str | None = None, cards: list[dict[str, Any]] | None = None,
         update: dict[str, Any] | None = None) -> Command[str]:
    """Hand the turn to ``node``, after saying ``note``: the message is handled (``node`` asks its
    question) unless ``update`` passes one on for ``node`` to read."""
    values: dict[str, Any] = {"message": None}
    if note:
        values["notes"] = [*(state.get("notes") or []), note]
    if cards:
        values["cards"] = [*(state.get("cards") or []), *cards]
    values.update(plain(update or {}))
    values["message_status"] = (MessageStatus.handled if values["message"] is None else MessageStatus.unread).value
    return Command(goto=node, update=values)


def back_to_phase(state: AgentState, note: str | None, cards: list[dict[str, Any]] | None = None,
                  update: dict[str, Any] | None = None) -> Command[str]:
    """After an interjection: say ``note`` then ask the current phase's question again."""
    phase = (update or {}).get("phase") or state.get("phase") or "language"
    resume = state.get("resume_message")
    if resume:  # the message also told something: the phase reads it now (nothing is dropped)
        update = {**(update or {}), "resume_message": None, "message": resume}
    return goto(phase_node(phase), state, note=note, cards=cards, update=update)


def reask_compact(state: AgentState, note: str, cards: list[dict[str, Any]] | None = None,
                  update: dict[str, Any] | None = None) -> Command[str]:
    """After a side question: the answer, then the pending question in one short line with the same
    quick replies, instead of reprinting the whole previous turn (lists, notices, plans)."""
    if state.get("resume_message"):
        return back_to_phase(state, note, cards=cards, update=update)
    from agent.messages import MESSAGES, say

    previous = state.get("reply")
    expecting = expecting_of(state)
    key = f"reask_{expecting}"
    if previous is None or not expecting or key not in MESSAGES or expecting in ("start", "end") or (previous.get("expecting_context") or {}).get("about"):
        return back_to_phase(state, note, cards=cards, update=update)
    lang = state.get("language") or "en"
    replies = [{"label": q["label"], "value": q["value"]} for q in previous.get("quick_replies") or []]
    return ask(state, text=f"{note}\n\n{say(key, lang)}", expecting=Expecting(expecting),
               phase=Phase(str(previous.get("phase") or state.get("phase") or "language")), quick_replies=replies,
               cards=cards, context=dict(previous.get("expecting_context") or {}), update=update)


def acts_of(state: AgentState) -> list[Act]:
    """The dialogue acts the router read in this turn's message."""
    return [Act.model_validate(a) for a in state.get("acts") or []]


def phase_node(phase: str) -> str:
    return {"ended": "wrapup", "language": "welcome", "processing": "welcome"}.get(phase, phase)


def attempts(state: AgentState, key: str) -> int:
    return int((state.get("attempts") or {}).get(key, 0))


def bump(state: AgentState, key: str) -> dict[str, int]:
    counts = dict(state.get("attempts") or {})
    counts[key] = counts.get(key, 0) + 1
    return counts


def reset(state: AgentState, key: str) -> dict[str, int]:
    counts = dict(state.get("attempts") or {})
    counts.pop(key, None)
    return counts
