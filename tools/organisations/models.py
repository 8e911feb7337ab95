"""Pydantic models of organisation accounts, API keys and posted traces."""

from __future__ import annotations

import json
import re
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from tools.consent.models import RecipientKind

MAX_STATEMENT_BYTES = 64 * 1024
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def _storable(value: Any) -> Any:
    """Text a database can store in a JSON column: no NUL character, no lone surrogate."""
    if isinstance(value, str):
        if _UNSTORABLE.search(value):
            raise ValueError("text holds a NUL character or an invalid Unicode surrogate")
    elif isinstance(value, dict):
        for k, v in value.items():
            _storable(k)
            _storable(v)
    elif isinstance(value, list):
        for v in value:
            _storable(v)
    return value


class Scope(StrEnum):
    profiles_read = "profiles:read"  # profiles and plans shared with the organisation
    traces_write = "traces:write"  # post evidence of skills (xAPI statements, certificates)
    statistics_read = "statistics:read"  # aggregate territory statistics
    catalogs_write = "catalogs:write"  # upload course/job catalogs and knowledge packs


ALL_SCOPES = [s for s in Scope]
# What a key gets when no scope is named: reading only. Write scopes are granted only when named.
READ_SCOPES = [Scope.profiles_read, Scope.statistics_read]
WRITE_SCOPES = [Scope.traces_write, Scope.catalogs_write]


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
    skill_uri: str | None = Field(default=None, max_length=300, description="ESCO skill URI; else read from the statement")

    @field_validator("statement")
    @classmethod
    def _statement(cls, value: dict[str, Any]) -> dict[str, Any]:
        if len(json.dumps(value)) > MAX_STATEMENT_BYTES:
            raise ValueError(f"an xAPI statement is at most {MAX_STATEMENT_BYTES // 1024} kB")
        return _storable(value)


class CertificateTrace(BaseModel):
    kind: Literal["certificate"] = "certificate"
    skill_uri: str = Field(max_length=300, description="ESCO skill URI")
    title: str = Field(min_length=1, max_length=300)
    issuer: str | None = Field(default=None, max_length=200)
    issued_at: datetime | None = None
    credential_id: str | None = Field(default=None, max_length=120)
    url: str | None = Field(default=None, max_length=500)

    @field_validator("skill_uri", "title", "issuer", "credential_id", "url")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        return _storable(value)


class TraceResult(BaseModel):
    trace_id: str
    person_id: str
    skill_uri: str
    level: str
    level_changed: bool
    skill_added: bool
