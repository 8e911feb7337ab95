"""Pydantic models of organisation accounts, API keys and posted traces."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field

from tools.consent.models import RecipientKind


class Scope(StrEnum):
    profiles_read = "profiles:read"  # profiles and plans shared with the organisation
    traces_write = "traces:write"  # post evidence of skills (xAPI statements, certificates)
    statistics_read = "statistics:read"  # aggregate territory statistics
    catalogs_write = "catalogs:write"  # upload course/job catalogs and knowledge packs


ALL_SCOPES = [s for s in Scope]


class Organisation(BaseModel):
    id: str
    name: str
    kind: RecipientKind
    recipient_id: str
    active: bool = True
    created_at: datetime


class ApiKeyInfo(BaseModel):
    id: str
    organisation_id: str
    name: str
    scopes: list[Scope]
    rate_per_minute: int
    created_at: datetime
    revoked_at: datetime | None = None


class CreatedApiKey(BaseModel):
    """Returned once, at creation: ``key`` is shown here and never again (only its hash is stored)."""

    info: ApiKeyInfo
    key: str


class OrgPrincipal(BaseModel):
    """The authenticated caller of an organisation endpoint."""

    organisation: Organisation
    key: ApiKeyInfo

    def has(self, scope: Scope) -> bool:
        return scope in self.key.scopes


class XapiTrace(BaseModel):
    kind: Literal["xapi"] = "xapi"
    statement: dict[str, Any] = Field(description="an xAPI statement (actor, verb, object, result, timestamp)")
    skill_uri: str | None = Field(default=None, description="ESCO skill URI; else read from the statement")


class CertificateTrace(BaseModel):
    kind: Literal["certificate"] = "certificate"
    skill_uri: str
    title: str
    issuer: str | None = None
    issued_at: datetime | None = None
    credential_id: str | None = None
    url: str | None = None


class TraceResult(BaseModel):
    trace_id: str
    person_id: str
    skill_uri: str
    level: str
    level_changed: bool
    skill_added: bool
