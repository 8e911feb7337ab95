"""Counsellor console API: login (session cookie), the people who shared with the counsellor, their
file (profile, conversation, notes) under a consent valid now, guided turns beside the person,
skill validation and edits, notes, and territory statistics."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Cookie, Depends, HTTPException, Path, Query, Request, Response, status
from pydantic import BaseModel, Field

from agent.reply import AgentReply
from channels.api.conversations import MessageReply, SendMessage, TurnView, check_message
from channels.api.dependencies import ServicesDep, SettingsDep, TurnsDep
from channels.api.errors import ApiError, error_responses
from channels.request_limits import client_address, retry_after
from channels.services import Services
from channels.turn_gateway import new_conversation_id
from tools.consent.models import Consent
from tools.consent.recipients import PURPOSE_GUIDANCE
from tools.counselling.accounts import Counsellor
from tools.counselling.notes import CounsellorNote
from tools.disclosure import generic_refusal, partial_profile
from tools.profile import Evidence, EvidenceSource, Profile, ProfileSkill, SkillState, ValidationLevel
from tools.statistics import TerritoryStatistics

router = APIRouter(prefix="/api/console", tags=["console"])

COOKIE = "orient_console"
DEMO_RECIPIENT = "demo-counsellor"
PersonId = Annotated[str, Path(min_length=3, max_length=128, pattern=r"^[A-Za-z0-9_\-]+$")]


def seed_demo_counsellor(services: Services) -> Counsellor:
    """The demo counsellor account (DEMO, clearly marked) acting for the demo counsellor recipient."""
    return services.counsellors.ensure_demo(recipient_id=DEMO_RECIPIENT)


def current_counsellor(services: ServicesDep, orient_console: Annotated[str | None, Cookie()] = None) -> Counsellor:
    if not orient_console:
        raise ApiError(401, "not_logged_in", "log in to the counsellor console first")
    counsellor = services.counsellors.session_counsellor(orient_console)
    if counsellor is None:
        raise ApiError(401, "session_expired", "your console session has expired; log in again")
    return counsellor


CounsellorDep = Annotated[Counsellor, Depends(current_counsellor)]


class Login(BaseModel):
    username: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=256)


class SharedPerson(BaseModel):
    person_id: str = Field(description="the person's pseudonymous reference for this counsellor (never their conversation id)")
    purposes: list[str]
    data_categories: list[str]
    granted_at: datetime | None
    expires_at: datetime | None


class PersonFile(BaseModel):
    person_id: str = Field(description="the person's pseudonymous reference for this counsellor")
    consent: Consent | None = Field(description="the consent behind this access; null in a guided session opened here")
    categories: list[str] = Field(description="the data categories shown: exactly what the consent covers")
    profile: dict[str, Any] | None = Field(description="the profile, cut to the consented categories")
    turns: list[TurnView] = Field(description="the conversation: only when the transcript category is consented "
                                              "(or in a guided session opened here)")
    notes: list[CounsellorNote]


class NewGuidedSession(BaseModel):
    persona: Literal["high_school", "jobseeker", "employee"] | None = None
    language: Literal["en", "fr"] | None = None


class GuidedSession(BaseModel):
    person_id: str = Field(description="the person's reference for this counsellor (the conversation id stays the person's)")
    reply: AgentReply


class SkillAction(BaseModel):
    uri: str = Field(min_length=10, max_length=300, description="ESCO skill URI")
    action: Literal["validate", "confirm", "reject", "relabel"]
    label: str | None = Field(default=None, min_length=1, max_length=200, description="new label (relabel)")


class NewNote(BaseModel):
    text: str = Field(min_length=1, max_length=5000)


@router.post("/login", response_model=Counsellor, responses=error_responses(401, 422, 429),
             summary="Log in (sets a session cookie; failed attempts are rate-limited per address and account)")
def login(body: Login, request: Request, response: Response, services: ServicesDep) -> Counsellor:
    limits = request.app.state.client_limits
    client = client_address(request.scope)
    allowed, wait = limits.login_allowed(client, body.username)
    if not allowed:
        raise HTTPException(429, headers={"Retry-After": retry_after(wait)}, detail={
            "error": "too_many_login_attempts",
            "detail": f"too many failed logins for this account or from your address; try again in {retry_after(wait)} s"})
    counsellor = services.counsellors.authenticate(body.username, body.password)
    if counsellor is None:
        limits.login_failed(client, body.username)
        raise ApiError(401, "bad_credentials", "unknown user name or wrong password")
    token = services.counsellors.open_session(counsellor.id)
    public_https = services.settings.public_url.lower().startswith("https://")
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict",
                        secure=public_https or request.url.scheme == "https", max_age=8 * 3600, path="/")
    return counsellor


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, summary="Log out")
def logout(response: Response, services: ServicesDep, orient_console: Annotated[str | None, Cookie()] = None) -> Response:
    if orient_console:
        services.counsellors.close_session(orient_console)
    response.delete_cookie(COOKIE, path="/")
    response.status_code = status.HTTP_204_NO_CONTENT
    return response


@router.get("/me", response_model=Counsellor, responses=error_responses(401), summary="The logged-in counsellor")
def me(counsellor: CounsellorDep) -> Counsellor:
    return counsellor


def audience(counsellor: Counsellor) -> str:
    """Who the counsellor is as a recipient: people are known to them by a reference for it."""
    return counsellor.recipient_id or f"counsellor-{counsellor.id}"


def for_counsellor(value: Any, person_id: str, ref: str) -> Any:
    """``value`` (a profile, a turn) as JSON, the person's conversation id replaced by the counsellor's reference."""
    dumped = value.model_dump(mode="json") if hasattr(value, "model_dump") else value
    return json.loads(json.dumps(dumped, ensure_ascii=False).replace(person_id, ref))


def reply_for_counsellor(reply: AgentReply, person_id: str, ref: str) -> AgentReply:
    """``reply`` with the person's conversation id replaced by the counsellor's reference, still a model."""
    return AgentReply.model_validate_json(reply.model_dump_json().replace(person_id, ref))


@router.get("/people", response_model=list[SharedPerson], responses=error_responses(401),
            summary="People who shared their profile with this counsellor (consent valid now)")
def people(counsellor: CounsellorDep, services: ServicesDep) -> list[SharedPerson]:
    shared = services.consents.people_with_valid_consent(counsellor.recipient_id) if counsellor.recipient_id else {}
    out: list[SharedPerson] = []
    for person_id, consents in shared.items():
        out.append(
            SharedPerson(
                person_id=services.disclosure.ref(audience(counsellor), person_id),
                purposes=sorted({c.purpose for c in consents}),
                data_categories=sorted({str(cat) for c in consents for cat in c.data_categories}),
                granted_at=max((c.decided_at for c in consents if c.decided_at), default=None),
                expires_at=max((c.expires_at for c in consents if c.expires_at), default=None),
            )
        )
    return sorted(out, key=lambda p: p.person_id)


def guided_marker(counsellor: Counsellor) -> str:
    return f"guided-by-{counsellor.id}"


def _guided_here(services: Services, counsellor: Counsellor, person_id: str) -> bool:
    """A session this counsellor opened with the person sitting beside them (not a share)."""
    first = services.transcripts.first(person_id)
    return first is not None and first.client_message_id == guided_marker(counsellor)


def _person(services: Services, counsellor: Counsellor, ref: str) -> str:
    """The conversation behind the counsellor's reference; the same 403 for an unknown reference and no consent."""
    person_id = services.disclosure.resolve(audience(counsellor), ref)
    if person_id is None:
        raise ApiError(403, "not_shared", generic_refusal())
    return person_id


@router.post("/sessions", response_model=GuidedSession, status_code=status.HTTP_201_CREATED,
             responses=error_responses(401, 422), summary="Open a guided session with a person sitting beside you")
def new_guided_session(body: NewGuidedSession, counsellor: CounsellorDep, turns: TurnsDep,
                       services: ServicesDep) -> GuidedSession:
    conversation_id = new_conversation_id("web")
    hints = {k: v for k, v in (("persona", body.persona), ("language", body.language)) if v}
    reply = turns.start(conversation_id, channel="counsellor", hints=hints, author="counsellor",
                        marker=guided_marker(counsellor))
    ref = services.disclosure.ref(audience(counsellor), conversation_id)
    return GuidedSession(person_id=ref, reply=reply_for_counsellor(reply, conversation_id, ref))


@router.get("/sessions", response_model=list[str], responses=error_responses(401),
            summary="The guided sessions this counsellor opened (references)")
def guided_sessions(counsellor: CounsellorDep, services: ServicesDep) -> list[str]:
    return [services.disclosure.ref(audience(counsellor), cid)
            for cid in services.transcripts.conversations_with(guided_marker(counsellor))]


def _guidance_consent(services: Services, counsellor: Counsellor, person_id: str) -> Consent | None:
    """The consent that lets this counsellor act for the person now, or None for a guided session
    the counsellor opened with the person beside them; 403 otherwise (one generic reason)."""
    consents = services.consents.people_with_valid_consent(counsellor.recipient_id).get(person_id, []) \
        if counsellor.recipient_id else []
    consent = next((c for c in consents if c.purpose == PURPOSE_GUIDANCE), consents[0] if consents else None)
    if consent is None:
        if _guided_here(services, counsellor, person_id):
            return None
        raise ApiError(403, "not_shared", generic_refusal())
    return consent


def _turn_views(turns: list[dict[str, Any]]) -> list[TurnView]:
    return [TurnView(seq=t["seq"], channel=t["channel"], author=t["author"], user_text=t["user_text"],
                     reply=AgentReply.model_validate(t["reply"]), created_at=t["at"]) for t in turns]


@router.get("/people/{person_id}", response_model=PersonFile, responses=error_responses(401, 403, 422),
            summary="A person's file: exactly the categories their consent covers (needs a consent valid now)")
def person_file(person_id: PersonId, counsellor: CounsellorDep, services: ServicesDep, turns: TurnsDep) -> PersonFile:
    ref, person_id = person_id, _person(services, counsellor, person_id)
    consent = _guidance_consent(services, counsellor, person_id)
    notes = [n.model_copy(update={"person_id": ref}) for n in services.counsellor_notes.for_person(person_id, counsellor.id)]
    if consent is None:  # a guided session opened here: the counsellor was in the room for all of it
        profile = services.profiles.get(person_id)
        history = [{"seq": t.seq, "channel": t.channel, "author": t.author, "user_text": t.user_text,
                    "reply": t.reply, "at": t.created_at} for t in turns.history(person_id)]
        return PersonFile(person_id=ref, consent=None, categories=["profile", "transcript"],
                          profile=for_counsellor(profile, person_id, ref) if profile else None,
                          turns=_turn_views(for_counsellor_turns(history, person_id, ref)), notes=notes)
    shown = services.disclosure.disclose(person_id, counsellor.recipient_id, purposes=[consent.purpose],
                                         channel="console")
    if not shown.allowed:
        raise ApiError(403, "not_shared", generic_refusal())
    transcript = shown.data.get("transcript") or []
    profile_parts = {k: v for k, v in shown.data.items() if k != "transcript"}
    return PersonFile(person_id=ref, consent=shown.consent, categories=shown.categories,
                      profile=partial_profile(profile_parts, ref) if profile_parts else None,
                      turns=_turn_views(transcript), notes=notes)


def for_counsellor_turns(history: list[dict[str, Any]], person_id: str, ref: str) -> list[dict[str, Any]]:
    out = []
    for turn in history:
        at = turn["at"]
        scrubbed = for_counsellor({k: v for k, v in turn.items() if k != "at"}, person_id, ref)
        scrubbed["at"] = at
        out.append(scrubbed)
    return out


@router.post("/people/{person_id}/messages", response_model=MessageReply, responses=error_responses(401, 403, 404, 413, 422),
             summary="A guided turn: the counsellor answers beside the person, in the person's conversation")
def guided_message(person_id: PersonId, body: SendMessage, counsellor: CounsellorDep, services: ServicesDep,
                   turns: TurnsDep, settings: SettingsDep) -> MessageReply:
    ref, person_id = person_id, _person(services, counsellor, person_id)
    _guidance_consent(services, counsellor, person_id)
    text = check_message(body.text, settings.max_message_chars)
    sent = turns.send(person_id, text, channel="counsellor", author="counsellor",
                      client_message_id=body.client_message_id, must_exist=True)
    return MessageReply(conversation_id=ref, reply=reply_for_counsellor(sent.reply, person_id, ref), replayed=sent.replayed)


@router.post("/people/{person_id}/skills", response_model=ProfileSkill, responses=error_responses(401, 403, 404, 422),
             summary="Validate, confirm, reject or relabel one of the person's skills")
def skill_action(person_id: PersonId, body: SkillAction, counsellor: CounsellorDep, services: ServicesDep) -> ProfileSkill:
    person_id = _person(services, counsellor, person_id)
    _guidance_consent(services, counsellor, person_id)
    if services.profiles.get(person_id) is None:
        raise ApiError(404, "profile_not_found", "this person has no profile yet")
    changed: dict[str, ProfileSkill] = {}

    def change(profile: Profile) -> None:
        skill = profile.skill(body.uri)
        if skill is None:
            raise ApiError(404, "skill_not_found", f"skill {body.uri} is not in this profile")
        if body.action == "validate":
            skill.state = SkillState.confirmed
            skill.raise_level(ValidationLevel.validated_by_counsellor, by=counsellor.id)
            skill.add_evidence(Evidence(text=f"validated by {counsellor.display_name}", source=EvidenceSource.counsellor,
                                        provider=counsellor.recipient_id or "orient"))
        elif body.action == "confirm":
            skill.state = SkillState.confirmed
        elif body.action == "reject":
            skill.state = SkillState.rejected
        else:
            if not body.label:
                raise ApiError(422, "label_required", "relabel needs a new label")
            skill.label = body.label
        profile.touch()
        changed["skill"] = skill

    services.profiles.update(person_id, change)
    return changed["skill"]


@router.post("/people/{person_id}/notes", response_model=CounsellorNote, status_code=status.HTTP_201_CREATED,
             responses=error_responses(401, 403, 422), summary="Leave a note about the person")
def add_note(person_id: PersonId, body: NewNote, counsellor: CounsellorDep, services: ServicesDep) -> CounsellorNote:
    person_id = _person(services, counsellor, person_id)
    _guidance_consent(services, counsellor, person_id)
    note = services.counsellor_notes.add(person_id, counsellor.id, body.text)
    return note.model_copy(update={"person_id": services.disclosure.ref(audience(counsellor), person_id)})


@router.get("/statistics", response_model=TerritoryStatistics, responses=error_responses(401, 422),
            summary="Territory statistics (aggregates of consenting people; groups below k are not shown)")
def statistics(
    counsellor: CounsellorDep,
    services: ServicesDep,
    region: Annotated[str | None, Query(max_length=120)] = None,
    period: Annotated[str | None, Query(pattern=r"^\d{4}-Q[1-4]$")] = None,
    lang: Annotated[str, Query(pattern=r"^(en|fr)$")] = "en",
) -> TerritoryStatistics:
    label = None
    if services.settings.knowledge_dir.is_dir():
        kb = services.knowledge_base
        label = lambda uri: kb.label(uri, lang)  # noqa: E731
    return services.statistics.aggregate(region=region, period=period, label=label)
