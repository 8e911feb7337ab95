"""The embeddable widget: ``/widget.js`` (the snippet an organisation's page includes), the frame it
opens, a JSON variant, and the endpoint where a person gets a token for an organisation. Every
display checks the person's consent at that moment and is logged as a share."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse
from pydantic import BaseModel, Field

from channels.api.dependencies import ServicesDep
from channels.api.errors import ApiError, error_responses
from channels.api.person_auth import PersonDep
from channels.services import Services
from channels.web.pages import STATIC_DIR, templates
from channels.widget import tokens
from channels.widget.recommendations import Recommendation, recommendations
from channels.widget.rules import load_rules
from tools.disclosure import generic_refusal
from tools.profile import Profile

router = APIRouter(tags=["widget"])

Slug = Annotated[str, Query(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_\-]+$")]
WIDGET_CATEGORIES = ["plan"]


class TokenRequest(BaseModel):
    organisation: str = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_\-]+$")


class WidgetToken(BaseModel):
    organisation: str
    token: str
    placements: list[str]
    snippet: str = Field(description="HTML the organisation puts on its page (pick a placement)")


class WidgetRecommendations(BaseModel):
    organisation: str
    placement: str
    items: list[Recommendation]


def _rules(request: Request):
    state = request.app.state
    if not hasattr(state, "widget_rules"):
        state.widget_rules = load_rules(state.services.settings.widget_rules_path)
    return state.widget_rules


def _secret(services: Services) -> bytes:
    return tokens.load_secret(services.settings.storage_dir)


def _authorised(request: Request, services: Services, organisation: str, placement: str, token: str, channel: str):
    found = _rules(request).placement(organisation, placement)
    if found is None:
        raise ApiError(404, "placement_not_found", f"no widget placement {placement!r} for {organisation!r} in the rules")
    org_rules, place = found
    try:
        person_ref = tokens.read(_secret(services), token, organisation)
    except tokens.BadToken as exc:
        raise ApiError(403, "bad_token", str(exc)) from None
    person_id = services.disclosure.resolve(organisation, person_ref)
    if person_id is None:  # erased since, or never a person of this organisation: the same answer as no consent
        raise ApiError(403, "not_shared", generic_refusal())
    shown = services.disclosure.disclose(person_id, organisation, purposes=[org_rules.purpose], wanted=WIDGET_CATEGORIES,
                                         channel=channel)
    if not shown.allowed:
        raise ApiError(403, "not_shared", generic_refusal())
    plan = shown.data.get("plan") or {}
    profile = Profile.model_validate({"person_id": person_ref, **{k: v for k, v in plan.items() if v is not None}})
    return org_rules, place, profile


@router.post("/api/conversations/{conversation_id}/widget-token", response_model=WidgetToken,
             responses=error_responses(401, 403, 404, 422),
             summary="A token the person gives an organisation so its site can show their recommendations")
def widget_token(conversation_id: PersonDep, body: TokenRequest, request: Request, services: ServicesDep) -> WidgetToken:
    org_rules = _rules(request).organisations.get(body.organisation)
    if org_rules is None:
        raise ApiError(404, "organisation_not_found", f"{body.organisation!r} has no widget rules")
    if not services.consents.is_valid(conversation_id, body.organisation, org_rules.purpose, WIDGET_CATEGORIES):
        raise ApiError(403, "no_consent", f"share your plan with {body.organisation} first (purpose {org_rules.purpose})")
    # the token carries the person's reference for this organisation, never the conversation id
    token = tokens.issue(_secret(services), services.disclosure.ref(body.organisation, conversation_id), body.organisation)
    first = next(iter(org_rules.placements))
    base = str(request.base_url).rstrip("/")
    snippet = (f'<script src="{base}/widget.js" data-organisation="{body.organisation}" '
               f'data-placement="{first}" data-token="{token}" async></script>')
    return WidgetToken(organisation=body.organisation, token=token, placements=list(org_rules.placements), snippet=snippet)


@router.get("/api/widget/recommendations", response_model=WidgetRecommendations, responses=error_responses(403, 404, 422),
            summary="The recommendations a placement shows, as JSON (consent checked now)")
def widget_recommendations(organisation: Slug, placement: Slug, request: Request, services: ServicesDep,
                           token: Annotated[str, Query(min_length=10, max_length=600)]) -> WidgetRecommendations:
    _, place, profile = _authorised(request, services, organisation, placement, token, channel="widget")
    return WidgetRecommendations(organisation=organisation, placement=placement, items=recommendations(profile, place))


@router.get("/widget.js", include_in_schema=False)
def widget_script() -> FileResponse:
    return FileResponse(STATIC_DIR / "widget.js", media_type="text/javascript", headers={"Cache-Control": "max-age=300"})


@router.get("/widget/frame", response_class=HTMLResponse, include_in_schema=False)
def widget_frame(request: Request, services: ServicesDep, organisation: Slug, placement: Slug,
                 token: Annotated[str, Query(max_length=600)] = "",
                 lang: Annotated[str, Query(pattern=r"^(en|fr)$")] = "en") -> HTMLResponse:
    found = _rules(request).placement(organisation, placement)
    ancestors = " ".join(found[0].origins) if found and found[0].origins else "*"
    headers = {
        "Content-Security-Policy": f"default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
        f"frame-ancestors {ancestors}; base-uri 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    try:
        _, place, profile = _authorised(request, services, organisation, placement, token, channel="widget")
    except ApiError as exc:
        return templates.TemplateResponse(request, "widget.html", {"lang": lang, "items": [], "title": "", "refused": exc.error},
                                          status_code=exc.status_code, headers=headers)
    title = place.title.get(lang) or place.title.get("en") or ""
    return templates.TemplateResponse(
        request, "widget.html",
        {"lang": lang, "items": recommendations(profile, place), "title": title, "refused": None}, headers=headers,
    )
