"""Organisations: accounts with hashed API keys, scopes and rate limits; trace acquisition.
Territory statistics live in ``tools.statistics``."""

from tools.organisations.accounts import AuthError, OrganisationService
from tools.organisations.models import (
    ApiKeyInfo,
    CertificateTrace,
    CreatedApiKey,
    Organisation,
    OrgPrincipal,
    Scope,
    TraceResult,
    XapiTrace,
)
from tools.organisations.ratelimit import TokenBucketLimiter

__all__ = ["AuthError", "OrganisationService", "ApiKeyInfo", "CertificateTrace", "CreatedApiKey", "Organisation",
           "OrgPrincipal", "Scope", "TraceResult", "XapiTrace", "TokenBucketLimiter"]
