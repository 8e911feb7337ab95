"""Person-side consent and privacy endpoints (thin: everything happens in ``tools.consent``,
``tools.sharing`` and ``tools.privacy``). The person id is the conversation id.

Public: recipients with their privacy notices, the receipt-signing public key, receipt verification.
Per person: request / grant / refuse / revoke consents, receipts (download), events, preferences,
recommended recipients, the share log, and privacy rights (summary, export, erase).
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from channels.api.dependencies import ServicesDep
from channels.api.errors import ApiError, error_responses
from channels.api.person_auth import PersonDep
from tools.consent import (
    Consent,
    ConsentError,
    ConsentEvent,
    ConsentPreference,
    Notice,
    PreferenceRule,
    Recipient,
    RecipientKind,
    UnknownConsent,
    receipt_page,
)
from tools.consent.models import ConsentRequest
from tools.consent.preferences import RecipientRecommendation
from tools.consent.service import InvalidTransition
from tools.privacy import ErasureReport
from tools.sharing import ShareLogEntry

router = APIRouter(tags=["consents"])

ConsentId = Annotated[str, Path(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9]+$")]
Lang = Annotated[str, Query(pattern=r"^(en|fr)$")]


class RetiredKey(BaseModel):
    key_id: str
    public_key_pem: str


class PublicKey(BaseModel):
    key_id: str
    algorithm: str = "Ed25519"
    public_key_pem: str
    retired: list[RetiredKey] = Field(default_factory=list, description="rotated-out keys, for older receipts")


class VerifyRequest(BaseModel):
    receipt: dict[str, Any]


class VerifyResult(BaseModel):
    valid: bool
    key_id: str


class PreferenceIn(BaseModel):
    rule: PreferenceRule
    recipient_kind: RecipientKind | None = None
    recipient_id: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_.:\-]+$")


class PrivacySummary(BaseModel):
    language: str
    text: str
    remaining: dict[str, int]


def _consent_error(exc: ConsentError) -> ApiError:
    if isinstance(exc, UnknownConsent):
        return ApiError(404, exc.code, exc.message)
    if isinstance(exc, InvalidTransition):
        return ApiError(409, exc.code, exc.message)
    if exc.code in ("unknown_notice", "unknown_recipient"):
        return ApiError(404, exc.code, exc.message)
    return ApiError(400, exc.code, exc.message)


# -- public -----------------------------------------------------------------------------------
@router.get("/api/consent/recipients", response_model=list[Recipient], summary="Registered recipients and their privacy notices")
def list_recipients(services: ServicesDep, kind: RecipientKind | None = None) -> list[Recipient]:
    return services.consents.recipients.list(kind)


@router.get("/api/consent/notices/{notice_id}", response_model=Notice, responses=error_responses(404),
            summary="One privacy notice: data categories, why, retention, controller")
def get_notice(notice_id: Annotated[str, Path(max_length=96, pattern=r"^[A-Za-z0-9_.:\-]+$")],
               services: ServicesDep) -> Notice:
    try:
        return services.consents.recipients.notice(notice_id)
    except LookupError:
        raise ApiError(404, "unknown_notice", f"no privacy notice {notice_id!r}") from None


@router.get("/api/consent/public-key", response_model=PublicKey, summary="The Ed25519 key that signs consent receipts")
def public_key(services: ServicesDep) -> PublicKey:
    from cryptography.hazmat.primitives import serialization

    signer = services.consents.signer
    retired = [RetiredKey(key_id=kid, public_key_pem=key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii"))
        for kid, key in sorted(signer.retired.items())]
    return PublicKey(key_id=signer.key_id, public_key_pem=signer.public_key_pem(), retired=retired)


@router.post("/api/consent/verify", response_model=VerifyResult, responses=error_responses(422),
             summary="Check a receipt's signature against the service's public key")
def verify(body: VerifyRequest, services: ServicesDep) -> VerifyResult:
    proof = body.receipt.get("proof")
    named = proof.get("verification_method") if isinstance(proof, dict) else None
    key_id = named if isinstance(named, str) and services.consents.signer.key_for(named) else services.consents.signer.key_id
    return VerifyResult(valid=services.consents.verify(body.receipt), key_id=key_id)


# -- per person -------------------------------------------------------------------------------
@router.get("/api/conversations/{conversation_id}/consents", response_model=list[Consent], responses=error_responses(401, 422),
            summary="The person's consents (lapsed ones shown as expired)")
def list_consents(conversation_id: PersonDep, services: ServicesDep) -> list[Consent]:
    return services.consents.list(conversation_id)


@router.post("/api/conversations/{conversation_id}/consents", response_model=Consent, status_code=201,
             responses=error_responses(401, 400, 404, 422), summary="Ask for a consent to one notice (pending until granted)")
def request_consent(conversation_id: PersonDep, body: ConsentRequest, services: ServicesDep,
                    lang: Lang = "en") -> Consent:
    try:
        return services.consents.request(conversation_id, body.notice_id, body.data_categories, body.duration_days,
                                         body.single_use, language=lang)
    except ConsentError as exc:
        raise _consent_error(exc) from None


def _transition(action: str):
    def handler(conversation_id: PersonDep, consent_id: ConsentId, services: ServicesDep) -> Consent:
        try:
            return getattr(services.consents, action)(conversation_id, consent_id)
        except ConsentError as exc:
            raise _consent_error(exc) from None
    handler.__name__ = f"{action}_consent"
    return handler


for _action, _summary in (("grant", "Grant a pending consent"), ("refuse", "Refuse a pending consent"),
                          ("revoke", "Withdraw a granted consent: takes effect at once")):
    router.add_api_route(f"/api/conversations/{{conversation_id}}/consents/{{consent_id}}/{_action}",
                         _transition(_action), methods=["POST"], response_model=Consent,
                         responses=error_responses(401, 404, 409, 422), summary=_summary, tags=["consents"])


@router.get("/api/conversations/{conversation_id}/consents/{consent_id}/receipt",
            responses={200: {"description": "The latest signed receipt of this consent (ISO/IEC TS 27560-shaped JSON)",
                             "content": {"application/json": {"schema": {"type": "object"}}}},
                       **error_responses(401, 404, 422)},
            response_class=Response, summary="The consent's latest signed receipt: JSON (the proof), or a readable page (HTML, PDF)")
def download_receipt(
    conversation_id: PersonDep, consent_id: ConsentId, services: ServicesDep,
    format: Annotated[Literal["json", "html", "pdf"], Query(description="json (signed), html or pdf (readable)")] = "json",
    lang: Annotated[Literal["en", "fr"], Query(description="language of the readable page")] = "en",
) -> Response:
    try:
        receipt = services.consents.latest_receipt(conversation_id, consent_id)
    except ConsentError as exc:
        raise _consent_error(exc) from None
    if format == "html":
        json_url = f"/api/conversations/{conversation_id}/consents/{consent_id}/receipt?format=json"
        return Response(receipt_page.to_html(receipt, lang, json_url), media_type="text/html; charset=utf-8")
    if format == "pdf":
        return Response(receipt_page.to_pdf(receipt, lang), media_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="consent-receipt-{consent_id}.pdf"'})
    return Response(json.dumps(receipt, ensure_ascii=False, indent=2), media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="consent-receipt-{consent_id}.json"'})


@router.get("/api/conversations/{conversation_id}/consent-receipts", response_model=list[dict[str, Any]],
            responses=error_responses(401, 422), summary="Every signed receipt of the person")
def list_receipts(conversation_id: PersonDep, services: ServicesDep) -> list[dict[str, Any]]:
    return services.consents.receipts(conversation_id)


@router.get("/api/conversations/{conversation_id}/consent-events", response_model=list[ConsentEvent],
            responses=error_responses(401, 422), summary="The append-only event log of the person's consents")
def list_events(conversation_id: PersonDep, services: ServicesDep) -> list[ConsentEvent]:
    return services.consents.events(conversation_id)


@router.get("/api/conversations/{conversation_id}/consent-preferences", response_model=list[ConsentPreference],
            responses=error_responses(401, 422), summary="The person's standing sharing rules")
def list_preferences(conversation_id: PersonDep, services: ServicesDep) -> list[ConsentPreference]:
    return services.consent_preferences.list(conversation_id)


@router.post("/api/conversations/{conversation_id}/consent-preferences", response_model=ConsentPreference,
             status_code=201, responses=error_responses(401, 400, 404, 422),
             summary="Set a rule: never / always / ask, for a kind of recipient or one recipient")
def set_preference(conversation_id: PersonDep, body: PreferenceIn, services: ServicesDep) -> ConsentPreference:
    try:
        return services.consent_preferences.set(conversation_id, body.rule, body.recipient_kind, body.recipient_id)
    except ConsentError as exc:
        raise _consent_error(exc) from None
    except ValueError as exc:
        raise ApiError(400, "bad_preference", str(exc)) from None


@router.delete("/api/conversations/{conversation_id}/consent-preferences/{preference_id}", status_code=204,
               responses=error_responses(401, 404, 422), summary="Remove a rule")
def delete_preference(conversation_id: PersonDep, preference_id: ConsentId, services: ServicesDep) -> Response:
    if not services.consent_preferences.remove(conversation_id, preference_id):
        raise ApiError(404, "unknown_preference", f"no preference {preference_id!r} for this person")
    return Response(status_code=204)


@router.get("/api/conversations/{conversation_id}/recipients/recommended", response_model=list[RecipientRecommendation],
            responses=error_responses(401, 422), summary="Recipients that fit the person's goal, with why")
def recommended_recipients(conversation_id: PersonDep, services: ServicesDep,
                           goal: Annotated[str | None, Query(max_length=200)] = None,
                           persona: Annotated[str | None, Query(pattern=r"^(high_school|jobseeker|employee)$")] = None,
                           target: Annotated[str | None, Query(max_length=200)] = None,
                           gap_size: Annotated[int, Query(ge=0, le=1000)] = 0,
                           lang: Lang = "en") -> list[RecipientRecommendation]:
    return services.consent_preferences.recommend(conversation_id, goal=goal, persona=persona, target=target,
                                                  gap_size=gap_size, language=lang)


@router.get("/api/conversations/{conversation_id}/shares", response_model=list[ShareLogEntry],
            responses=error_responses(401, 422), summary="Every share attempt of the person's data (allowed or refused)")
def share_log(conversation_id: PersonDep, services: ServicesDep) -> list[ShareLogEntry]:
    return services.sharing.log_for_person(conversation_id)


# -- privacy rights ---------------------------------------------------------------------------
@router.get("/api/conversations/{conversation_id}/privacy/summary", response_model=PrivacySummary,
            responses=error_responses(401, 422), summary='"What do you know about me?" in plain words')
def privacy_summary(conversation_id: PersonDep, services: ServicesDep, lang: Lang = "en") -> PrivacySummary:
    registry = services.privacy
    return PrivacySummary(language=lang, text=registry.summary(conversation_id, lang),
                          remaining=registry.remaining(conversation_id))


@router.get("/api/conversations/{conversation_id}/privacy/export",
            responses={200: {"description": "Everything every store holds about the person",
                             "content": {"application/json": {"schema": {"type": "object"}}}},
                       **error_responses(401, 422)},
            response_class=Response, summary="Export everything (JSON)")
def privacy_export(conversation_id: PersonDep, services: ServicesDep) -> Response:
    body = json.dumps(services.privacy.export_all(conversation_id), ensure_ascii=False, indent=2, default=str)
    return Response(body, media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="orient-data-{conversation_id[:24]}.json"'})


@router.delete("/api/conversations/{conversation_id}/privacy", response_model=ErasureReport,
               responses=error_responses(401, 422), summary="Erase everything about the person in every store")
def privacy_erase(conversation_id: PersonDep, services: ServicesDep) -> ErasureReport:
    return services.privacy.erase_all(conversation_id)


__all__ = ["router"]
