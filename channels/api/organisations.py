"""Organisation-side endpoints, authenticated by an API key in the ``X-API-Key`` header (thin:
the work is in ``tools.organisations``, ``tools.sharing`` and ``tools.statistics``).

An organisation sees a person's profile or plan only under a consent valid at that moment; every
read goes through ``tools.disclosure`` (checked and logged). People are named by a pseudonymous
reference per organisation, never by their conversation id; every refusal is the same 403
``not_shared`` (it does not reveal the person's consent history). An organisation may *request* a
consent (pending until the person grants it), never grant one. Keys carry scopes (profiles:read, traces:write, statistics:read, catalogs:write) and a
rate limit (429 with Retry-After).
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, File, Form, HTTPException, Path, Query, Security, UploadFile
from fastapi.responses import Response
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, Field

from channels.api.dependencies import ServicesDep
from channels.api.errors import ApiError, error_responses
from tools.consent.models import DataCategory
from tools.consent.service import ConsentError
from tools.disclosure import NOT_READABLE, generic_refusal
from tools.organisations import AuthError, CertificateTrace, OrgPrincipal, Scope, TraceResult, XapiTrace
from tools.organisations.models import ApiKeyInfo, Organisation
from tools.organisations.traces import TraceError
from tools.statistics import TerritoryStatistics, to_csv

router = APIRouter(prefix="/api/org", tags=["organisations"])

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="Organisation API key")
PersonId = Annotated[str, Path(min_length=3, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$",
                                description="the person's reference for this organisation (from /api/org/people)")]
PROFILE_CATEGORIES = [DataCategory.profile, DataCategory.experiences, DataCategory.skills, DataCategory.interests,
                      DataCategory.preferences]
AUTH_ERRORS = error_responses(401, 403, 429)


def _auth(scope: Scope | None):
    def dependency(services: ServicesDep, key: Annotated[str | None, Security(api_key_header)]) -> OrgPrincipal:
        try:
            return services.organisations.authenticate(key, scope)
        except AuthError as exc:
            status = {"missing_key": 401, "invalid_key": 401, "revoked_key": 401, "rate_limited": 429}.get(exc.code, 403)
            headers = {"WWW-Authenticate": "APIKey"} if status == 401 else None
            if exc.retry_after is not None:
                headers = {"Retry-After": str(max(1, math.ceil(exc.retry_after)))}
            raise HTTPException(status, detail={"error": exc.code, "detail": exc.message}, headers=headers) from None
    return dependency


AnyOrg = Annotated[OrgPrincipal, Depends(_auth(None))]
ProfilesReader = Annotated[OrgPrincipal, Depends(_auth(Scope.profiles_read))]
TracesWriter = Annotated[OrgPrincipal, Depends(_auth(Scope.traces_write))]
StatisticsReader = Annotated[OrgPrincipal, Depends(_auth(Scope.statistics_read))]


class Me(BaseModel):
    organisation: Organisation
    key: ApiKeyInfo


class SharedPerson(BaseModel):
    person_id: str = Field(description="the person's pseudonymous reference for this organisation (it grants nothing "
                                       "by itself; other organisations know the person by another reference)")
    purposes: list[str]
    data_categories: list[DataCategory]
    valid_until: datetime | None


class SharedData(BaseModel):
    person_id: str = Field(description="the person's pseudonymous reference for this organisation")
    purpose: str
    consent_id: str
    shared_at: datetime
    data: dict[str, Any] = Field(description="one entry per data category the consent covers")


class ConsentRequestIn(BaseModel):
    purpose: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$",
                         description="one of this organisation's notices")
    data_categories: list[DataCategory] | None = Field(default=None, description="default: the notice's categories")


class ConsentRequested(BaseModel):
    person_id: str
    consent_id: str
    status: str = Field(description="always 'pending': only the person can grant it, next time they talk to Orient")


@router.get("/me", response_model=Me, responses=AUTH_ERRORS, summary="The organisation behind this API key")
def me(principal: AnyOrg) -> Me:
    return Me(organisation=principal.organisation, key=principal.key)


@router.get("/people", response_model=list[SharedPerson], responses=AUTH_ERRORS,
            summary="People who shared data with this organisation under a consent valid now")
def shared_people(principal: ProfilesReader, services: ServicesDep) -> list[SharedPerson]:
    audience = principal.organisation.recipient_id
    people = services.consents.people_with_valid_consent(audience)
    out = []
    for person_id, consents in people.items():
        consents = [c for c in consents if c.purpose not in NOT_READABLE]
        if consents:
            out.append(SharedPerson(person_id=services.disclosure.ref(audience, person_id),
                                    purposes=sorted({c.purpose for c in consents}),
                                    data_categories=sorted({d for c in consents for d in c.data_categories}),
                                    valid_until=max((c.expires_at for c in consents if c.expires_at), default=None)))
    return sorted(out, key=lambda p: p.person_id)


def _not_shared() -> ApiError:
    """One answer for every refusal: it never tells whether the person exists, refused, revoked or let it lapse."""
    return ApiError(403, "not_shared", generic_refusal())


def _share(principal: OrgPrincipal, services, person_ref: str, wanted: list[DataCategory], purpose: str | None,
           channel: str) -> SharedData:
    audience = principal.organisation.recipient_id
    recipient = services.consents.recipient(audience)
    if purpose is not None and not any(n.purpose == purpose and n.purpose not in NOT_READABLE for n in recipient.notices):
        raise ApiError(400, "unknown_purpose", f"this organisation has no notice for purpose {purpose!r}")
    person_id = services.disclosure.resolve(audience, person_ref)
    if person_id is None:
        raise _not_shared()
    shown = services.disclosure.disclose(person_id, audience, purposes=[purpose] if purpose else None, wanted=wanted,
                                         channel=channel)
    if not shown.allowed:
        raise _not_shared()
    return SharedData(person_id=shown.person_ref, purpose=shown.purpose, consent_id=shown.consent.id if shown.consent else "",
                      shared_at=shown.at, data=shown.data)


@router.get("/people/{person_id}/profile", response_model=SharedData, responses={**AUTH_ERRORS, **error_responses(400, 422)},
            summary="A person's profile, only under a consent valid now (403 otherwise)")
def shared_profile(person_id: PersonId, principal: ProfilesReader, services: ServicesDep,
                   purpose: Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")] = None) -> SharedData:
    return _share(principal, services, person_id, PROFILE_CATEGORIES, purpose, "org-api:profile")


@router.get("/people/{person_id}/plan", response_model=SharedData, responses={**AUTH_ERRORS, **error_responses(400, 422)},
            summary="A person's plan (target, gap, trainings, jobs), only under a consent valid now")
def shared_plan(person_id: PersonId, principal: ProfilesReader, services: ServicesDep,
                purpose: Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")] = None) -> SharedData:
    return _share(principal, services, person_id, [DataCategory.plan], purpose, "org-api:plan")


@router.post("/people/{person_id}/consent-requests", response_model=ConsentRequested, status_code=201,
             responses={**AUTH_ERRORS, **error_responses(400, 422)},
             summary="Ask a person (known by a reference) for a consent: it stays pending until the person grants it")
def request_consent(person_id: PersonId, body: ConsentRequestIn, principal: ProfilesReader,
                    services: ServicesDep) -> ConsentRequested:
    audience = principal.organisation.recipient_id
    recipient = services.consents.recipient(audience)
    notice = recipient.notice_for(body.purpose)
    if notice is None or notice.purpose in NOT_READABLE:
        raise ApiError(400, "unknown_purpose", f"this organisation has no notice for purpose {body.purpose!r}")
    person = services.disclosure.resolve(audience, person_id)
    if person is None:
        raise _not_shared()
    try:
        consent = services.consents.request(person, notice.id, body.data_categories,
                                            actor=f"organisation:{principal.organisation.id}")
    except ConsentError as exc:
        raise ApiError(400, exc.code, exc.message) from None
    return ConsentRequested(person_id=person_id, consent_id=consent.id, status=consent.status.value)


TraceIn = Annotated[XapiTrace | CertificateTrace, Field(discriminator="kind")]


@router.post("/people/{person_id}/traces", response_model=TraceResult, status_code=201,
             responses={**AUTH_ERRORS, **error_responses(409, 422)},
             summary="Post evidence of a skill (xAPI statement or certificate) for a person who consented")
def post_trace(person_id: PersonId, principal: TracesWriter, services: ServicesDep,
               trace: Annotated[TraceIn, Body()]) -> TraceResult:
    person = services.disclosure.resolve(principal.organisation.recipient_id, person_id)
    if person is None:
        raise _not_shared()
    try:
        result = services.traces.post(principal, person, trace)
    except TraceError as exc:
        if exc.status == 403:
            raise _not_shared() from None
        raise ApiError(exc.status, exc.code, exc.message) from None
    return result.model_copy(update={"person_id": person_id})


@router.get("/statistics", responses={200: {"description": "Territory statistics (k-anonymous aggregates), JSON or CSV",
                                            "model": TerritoryStatistics,
                                            "content": {"text/csv": {"schema": {"type": "string"}}}},
                                      **AUTH_ERRORS, **error_responses(422)},
            response_class=Response, summary="Skills and target occupations by region and period (groups of k or more)")
def statistics(principal: StatisticsReader, services: ServicesDep,
               region: Annotated[str | None, Query(max_length=120, pattern=r"^[^\x00-\x1f]+$")] = None,
               period: Annotated[str | None, Query(pattern=r"^\d{4}-Q[1-4]$")] = None,
               format: Annotated[str, Query(pattern=r"^(json|csv)$")] = "json",
               lang: Annotated[str, Query(pattern=r"^(en|fr)$")] = "en") -> Response:
    label = None
    if services.settings.knowledge_dir.is_dir():
        kb = services.knowledge_base
        label = lambda uri: kb.label(uri, lang)  # noqa: E731  (ESCO preferred labels in the asked language)
    stats = services.statistics.aggregate(region=region, period=period, label=label)
    if format == "csv":
        return Response(to_csv(stats), media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="territory-statistics.csv"'})
    return Response(stats.model_dump_json(), media_type="application/json")


CatalogsWriter = Annotated[OrgPrincipal, Depends(_auth(Scope.catalogs_write))]


def _read_upload(file: UploadFile) -> bytes:
    from tools.organisations.uploads import MAX_UPLOAD_BYTES

    data = file.file.read(MAX_UPLOAD_BYTES + 1)
    if not data:
        raise ApiError(400, "upload_rejected", "empty upload")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ApiError(413, "upload_rejected", f"upload larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    return data


def _rejected(exc) -> ApiError:
    detail = exc.reason + (": " + "; ".join(exc.details) if exc.details else "")
    return ApiError(400, "upload_rejected", detail)


@router.post("/catalogs", status_code=201, responses={**AUTH_ERRORS, **error_responses(400, 413, 422)},
             summary="Upload a course or job catalog (CSV, JSON, schema.org JSON-LD); validated before it replaces anything")
def upload_catalog(principal: CatalogsWriter, services: ServicesDep, file: Annotated[UploadFile, File()],
                   kind: Annotated[str | None, Form(pattern=r"^(courses|jobs)$")] = None,
                   name: Annotated[str | None, Form(max_length=80, pattern=r"^[^\x00-\x1f]+$")] = None) -> dict[str, Any]:
    from tools.organisations.uploads import UploadRejected
    from tools.organisations.uploads import upload_catalog as do_upload

    data = _read_upload(file)
    try:
        result = do_upload(services.catalog, principal.organisation.id, file.filename or "catalog", data, kind=kind,
                           name=name)
    except UploadRejected as exc:
        raise _rejected(exc) from None
    return result.model_dump(mode="json")


@router.post("/packs", status_code=201, responses={**AUTH_ERRORS, **error_responses(400, 413, 422)},
             summary="Upload a knowledge pack (zip); validated before it replaces anything")
def upload_pack(principal: CatalogsWriter, services: ServicesDep, file: Annotated[UploadFile, File()]) -> dict[str, Any]:
    from tools.organisations.uploads import UploadRejected
    from tools.organisations.uploads import upload_pack as do_upload

    data = _read_upload(file)
    try:
        result = do_upload(services.packs, principal.organisation.id, file.filename or "pack.zip", data)
    except UploadRejected as exc:
        raise _rejected(exc) from None
    return result.model_dump(mode="json")
