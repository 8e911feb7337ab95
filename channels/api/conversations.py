"""Conversation endpoints: start, send a message (JSON or server-sent events), read the state."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Request, Response, status
from fastapi.responses import StreamingResponse
from fastapi.sse import ServerSentEvent, format_sse_event
from pydantic import BaseModel, Field

from agent.reply import AgentReply
from channels.api.dependencies import ServicesDep, SettingsDep, TurnsDep
from channels.api.errors import ApiError, error_responses
from channels.api.person_auth import PersonDep, clear_person_cookie, set_person_cookie, unauthorised
from channels.turn_gateway import ConversationNotFound, SentTurn, new_conversation_id

router = APIRouter(prefix="/api/conversations", tags=["conversations"])
resume_router = APIRouter(tags=["conversations"])


class StartConversation(BaseModel):
    channel: Literal["web", "widget", "api"] = Field(
        default="web", description="Where the person talks from (guided sessions are opened from the console only)."
    )
    persona: Literal["high_school", "jobseeker", "employee"] | None = Field(
        default=None, description="Who the page speaks to (e.g. an employer's intranet page says employee); the agent adapts."
    )
    language: Literal["en", "fr"] | None = Field(default=None, description="The page's language, used to greet the person.")


class ConversationStarted(BaseModel):
    conversation_id: str
    token: str = Field(description="The person's secret: send it as 'Authorization: Bearer <token>' on every "
                                   "route of this conversation. Shown once; only its hash is stored.")
    reply: AgentReply


class TokenIssued(BaseModel):
    conversation_id: str
    token: str = Field(description="The new bearer token (every earlier token and resume code stops working)")


class ResumeCode(BaseModel):
    resume_code: str = Field(description="Keep it to continue on another device; a new code replaces this one")
    resume_path: str = Field(description="A page link that resumes with the code (the code stays in the #fragment)")


class ResumeRequest(BaseModel):
    code: str = Field(min_length=16, max_length=64, pattern=r"^[A-Za-z0-9\- ]+$")


class SendMessage(BaseModel):
    text: str = Field(min_length=1, description="What the person typed or the value of the quick reply they tapped.")
    client_message_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=128,
        pattern=r"^[A-Za-z0-9_\-:.]+$",
        description="Optional id chosen by the client; retrying with the same id returns the same reply.",
    )


class MessageReply(BaseModel):
    conversation_id: str
    reply: AgentReply
    replayed: bool = Field(description="True when this reply was already given for this client_message_id.")


class TurnView(BaseModel):
    seq: int
    channel: str
    author: str
    user_text: str | None
    reply: AgentReply
    created_at: datetime


class ConversationState(BaseModel):
    conversation_id: str
    turns: list[TurnView]
    last_reply: AgentReply | None
    expecting: str | None
    finished: bool


def check_message(text: str, max_chars: int) -> str:
    if len(text) > max_chars:
        raise ApiError(
            status.HTTP_413_CONTENT_TOO_LARGE,
            "message_too_long",
            f"message has {len(text)} characters; the limit is {max_chars}",
        )
    if not text.strip():
        raise ApiError(422, "empty_message", "message is empty")
    return text


def _unknown(conversation_id: str) -> ApiError:
    # the same answer as a wrong token: an id alone never tells whether the conversation exists
    return unauthorised()


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ConversationStarted,
    responses=error_responses(422, 503),
    summary="Start a conversation (returns the person's token)",
)
def start_conversation(turns: TurnsDep, services: ServicesDep, request: Request, response: Response,
                       body: StartConversation | None = None) -> ConversationStarted:
    body = body or StartConversation()
    conversation_id = new_conversation_id("web")
    hints = {k: v for k, v in (("persona", body.persona), ("language", body.language)) if v}
    token = services.identity.new_token(conversation_id)
    reply = turns.start(conversation_id, channel=body.channel, hints=hints)
    set_person_cookie(response, request, conversation_id, token)
    return ConversationStarted(conversation_id=conversation_id, token=token, reply=reply)


@router.post("/{conversation_id}/token/rotate", response_model=TokenIssued, responses=error_responses(401, 422),
             summary="Replace the token: every earlier token (all devices) and the resume code stop working")
def rotate_token(conversation_id: PersonDep, services: ServicesDep, request: Request, response: Response) -> TokenIssued:
    token = services.identity.rotate(conversation_id)
    set_person_cookie(response, request, conversation_id, token)
    return TokenIssued(conversation_id=conversation_id, token=token)


@router.post("/{conversation_id}/resume-code", response_model=ResumeCode, status_code=status.HTTP_201_CREATED,
             responses=error_responses(401, 422),
             summary="A code to keep for continuing on another device (replaces the previous code)")
def new_resume_code(conversation_id: PersonDep, services: ServicesDep) -> ResumeCode:
    code = services.identity.new_resume_code(conversation_id)
    return ResumeCode(resume_code=code, resume_path=f"/#resume={code}")


@router.post("/{conversation_id}/logout", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401, 422),
             summary="Forget this device: its token stops working (other devices and the resume code keep theirs)")
def logout(conversation_id: PersonDep, services: ServicesDep, request: Request) -> Response:
    from channels.api.person_auth import bearer

    services.identity.revoke_token(bearer(request) or "")
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_person_cookie(response, request, conversation_id)
    return response


@resume_router.post("/api/resume", response_model=TokenIssued, responses=error_responses(401, 422),
                    summary="Continue on this device: exchange a resume code for a new token")
def resume(body: ResumeRequest, services: ServicesDep, request: Request, response: Response) -> TokenIssued:
    resumed = services.identity.resume(body.code)
    if resumed is None:
        raise ApiError(401, "bad_resume_code", "this resume code is not valid (it may have been replaced)")
    set_person_cookie(response, request, resumed.person_id, resumed.token)
    return TokenIssued(conversation_id=resumed.person_id, token=resumed.token)


@router.post(
    "/{conversation_id}/messages",
    response_model=MessageReply,
    responses=error_responses(401, 409, 413, 422, 503),
    summary="Send a message and get the agent's reply",
)
def send_message(conversation_id: PersonDep, body: SendMessage, turns: TurnsDep, settings: SettingsDep) -> MessageReply:
    sent = _send(conversation_id, body, turns, settings)
    return MessageReply(conversation_id=conversation_id, reply=sent.reply, replayed=sent.replayed)


def _send(conversation_id: str, body: SendMessage, turns: TurnsDep, settings: SettingsDep) -> SentTurn:
    """Run one web turn (413/422 for a bad text, 404 for an unknown conversation)."""
    text = check_message(body.text, settings.max_message_chars)
    try:
        return turns.send(conversation_id, text, channel="web", client_message_id=body.client_message_id)
    except ConversationNotFound:
        raise _unknown(conversation_id) from None


_WORDS = re.compile(r"\S+\s*")


def _reply_events(reply: AgentReply, replayed: bool) -> Iterator[ServerSentEvent]:
    for index, chunk in enumerate(_WORDS.findall(reply.text)):
        yield ServerSentEvent(event="delta", id=str(index), data={"text": chunk})
    yield ServerSentEvent(event="reply", data={"conversation_id": reply.conversation_id, "reply": reply.model_dump(mode="json"), "replayed": replayed})
    yield ServerSentEvent(event="done", data={})


@router.post(
    "/{conversation_id}/messages/stream",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "Server-sent events: `delta` (text chunks), then `reply` (the whole AgentReply), then `done`.",
            "content": {"text/event-stream": {"schema": {"type": "string"}}},
        },
        **error_responses(401, 409, 413, 422, 503),
    },
    summary="Send a message and stream the reply (server-sent events)",
)
def stream_message(conversation_id: PersonDep, body: SendMessage, turns: TurnsDep, settings: SettingsDep) -> StreamingResponse:
    # The turn runs before the stream opens, so errors are proper HTTP statuses, and the turn is
    # recorded even if the client disconnects mid-stream (a retry with the same id replays it).
    sent = _send(conversation_id, body, turns, settings)
    return StreamingResponse(
        _encode(_reply_events(sent.reply, sent.replayed)),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


def _encode(events: Iterator[ServerSentEvent]) -> Iterator[bytes]:
    for event in events:
        yield format_sse_event(event=event.event, id=event.id, data_str=json.dumps(event.data, ensure_ascii=False))


@router.get(
    "/{conversation_id}",
    response_model=ConversationState,
    responses=error_responses(401, 422),
    summary="The conversation so far and what the agent expects next",
)
def conversation_state(conversation_id: PersonDep, turns: TurnsDep) -> ConversationState:
    history = turns.history(conversation_id)
    if not history:
        raise _unknown(conversation_id)
    views = [
        TurnView(
            seq=t.seq, channel=t.channel, author=t.author, user_text=t.user_text,
            reply=AgentReply.model_validate(t.reply), created_at=t.created_at,
        )
        for t in history
    ]
    last = views[-1].reply
    return ConversationState(
        conversation_id=conversation_id, turns=views, last_reply=last, expecting=last.expecting.value, finished=last.finished
    )

