"""The person's profile and its exports (JSON, JSON-LD, HTML, PDF). The person id is the conversation id."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from channels.api.dependencies import ServicesDep
from channels.api.errors import error_responses
from channels.api.person_auth import PersonDep, unauthorised
from tools.profile import Profile

router = APIRouter(prefix="/api/conversations", tags=["profile"])


class ExportFormat(StrEnum):
    json = "json"
    jsonld = "jsonld"
    html = "html"
    pdf = "pdf"


def _profile(services, person_id: str) -> Profile:
    profile = services.profiles.get(person_id)
    if profile is None:
        if services.transcripts.exists(person_id):
            return Profile(person_id=person_id)
        raise unauthorised()
    return profile


@router.get(
    "/{conversation_id}/profile",
    response_model=Profile,
    responses=error_responses(401, 422),
    summary="The person's skills profile (empty until the agent has learnt something)",
)
def get_profile(conversation_id: PersonDep, services: ServicesDep) -> Profile:
    return _profile(services, conversation_id)


@router.get(
    "/{conversation_id}/profile/export",
    responses={
        200: {
            "description": "The profile as a download in the requested format.",
            "content": {
                "application/json": {"schema": {"type": "object"}},
                "application/ld+json": {"schema": {"type": "object"}},
                "text/html": {"schema": {"type": "string"}},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            },
        },
        **error_responses(401, 422),
    },
    response_class=Response,
    summary="Export the profile as JSON, JSON-LD, a printable HTML page or a one-page PDF",
)
def export_profile(
    conversation_id: PersonDep,
    services: ServicesDep,
    format: Annotated[ExportFormat, Query(description="json | jsonld | html | pdf")] = ExportFormat.json,
    lang: Annotated[str | None, Query(pattern=r"^(en|fr)$")] = None,
) -> Response:
    from tools.profile import export as profile_export  # fpdf2 and PyLD load on first export, not at start-up

    profile = _profile(services, conversation_id)
    language = lang or profile.language
    filename = f"orient-profile-{conversation_id[:24]}"
    if format is ExportFormat.json:
        body = json.dumps(profile_export.to_json(profile), ensure_ascii=False, indent=2)
        return Response(body, media_type="application/json", headers=_attachment(f"{filename}.json"))
    if format is ExportFormat.jsonld:
        body = json.dumps(profile_export.to_jsonld(profile), ensure_ascii=False, indent=2)
        return Response(body, media_type="application/ld+json", headers=_attachment(f"{filename}.jsonld"))
    if format is ExportFormat.html:
        return HTMLResponse(profile_export.to_html(profile, lang=language))
    return Response(profile_export.to_pdf(profile, lang=language), media_type="application/pdf",
                    headers=_attachment(f"{filename}.pdf"))


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}
