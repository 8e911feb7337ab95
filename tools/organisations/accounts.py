"""Organisation accounts and their API keys.

An organisation is a consent recipient (it receives data only under the person's consent) with
API keys. A key looks like ``ok_<key id>_<secret>``; only its SHA-256 is stored (the secret has
256 bits of entropy, so a plain hash is enough and lookups stay O(1) by key id), and it is shown
once, at creation. Each key has scopes (``Scope``) and a rate limit (requests per minute).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from tools.consent.models import Controller, Notice, Recipient, RecipientKind
from tools.consent.recipients import demo_recipients
from tools.consent.service import ConsentService
from tools.organisations.models import READ_SCOPES, ApiKeyInfo, CreatedApiKey, Organisation, OrgPrincipal, Scope
from tools.organisations.ratelimit import TokenBucketLimiter
from tools.organisations.tables import ApiKeyRow, OrganisationRow
from tools.storage.timestamps import as_utc

log = logging.getLogger(__name__)

KEY_PREFIX = "ok"
DEFAULT_RATE_PER_MINUTE = 120
_SLUG = re.compile(r"[^a-z0-9]+")


class AuthError(PermissionError):
    def __init__(self, code: str, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.retry_after = retry_after


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def default_notices(recipient_id: str, kind: RecipientKind, controller: Controller) -> list[Notice]:
    """The notices of the demo recipient of the same kind, re-issued for a real organisation."""
    template = next(r for r in demo_recipients() if r.kind == kind)
    out = []
    for n in template.notices:
        why = {lang: text.replace("DEMO: ", "").replace("DÉMO : ", "") for lang, text in n.why.items()}
        out.append(n.model_copy(update={"id": f"{recipient_id}:{n.purpose}:v1", "recipient_id": recipient_id,
                                        "why": why, "controller": controller}))
    return out


class OrganisationService:
    def __init__(self, consents: ConsentService, limiter: TokenBucketLimiter | None = None):
        self.consents = consents
        self.database = consents.database
        self.limiter = limiter or TokenBucketLimiter()

    # -- accounts ---------------------------------------------------------------------------
    def create(self, name: str, kind: RecipientKind | str, recipient_id: str | None = None,
               contact: str = "", description: dict[str, str] | None = None,
               notices: list[Notice] | None = None) -> Organisation:
        """Create an organisation; it becomes (or is linked to) a consent recipient with notices."""
        kind = RecipientKind(kind)
        name = name.strip()
        if not name:
            raise ValueError("an organisation needs a name")
        now = datetime.now(UTC)
        if recipient_id is not None:
            recipient = self.consents.recipient(recipient_id)
            if recipient.kind != kind:
                raise ValueError(f"recipient {recipient_id} is a {recipient.kind.value}, not a {kind.value}")
        else:
            base = _SLUG.sub("-", name.lower()).strip("-")[:40] or "org"
            recipient_id = f"{base}-{secrets.token_hex(3)}"
            controller = Controller(name=name, contact=contact or "")
            recipient = Recipient(id=recipient_id, kind=kind, name=name, description=description or {},
                                  notices=notices or default_notices(recipient_id, kind, controller))
            self.consents.recipients.register(recipient)
        org_id = f"org-{secrets.token_hex(6)}"
        with self.database.session() as s:
            s.add(OrganisationRow(id=org_id, name=name, kind=kind.value, recipient_id=recipient_id, active=True,
                                  created_at=now))
        log.info("organisation created id=%s recipient=%s", org_id, recipient_id)
        return self.get(org_id)

    def get(self, organisation_id: str) -> Organisation:
        with self.database.session() as s:
            row = s.get(OrganisationRow, organisation_id)
            if row is None:
                raise LookupError(f"no organisation {organisation_id!r}")
            return _org(row)

    def list(self) -> list[Organisation]:
        with self.database.session() as s:
            return [_org(r) for r in s.scalars(select(OrganisationRow).order_by(OrganisationRow.created_at))]

    # -- keys -------------------------------------------------------------------------------
    def create_key(self, organisation_id: str, scopes: Iterable[Scope | str] | None = None, name: str = "",
                   rate_per_minute: int = DEFAULT_RATE_PER_MINUTE) -> CreatedApiKey:
        """A new key with the scopes named; without any, the read scopes only (profiles:read,
        statistics:read): a write scope (traces:write, catalogs:write) is given only when named."""
        self.get(organisation_id)
        scope_list = list(dict.fromkeys(Scope(s) for s in (scopes if scopes is not None else READ_SCOPES)))
        if rate_per_minute < 1:
            raise ValueError("rate_per_minute must be at least 1")
        key_id = secrets.token_hex(6)
        key = f"{KEY_PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"
        now = datetime.now(UTC)
        with self.database.session() as s:
            s.add(ApiKeyRow(id=key_id, organisation_id=organisation_id, key_hash=hash_key(key), name=name,
                            scopes=[x.value for x in scope_list], rate_per_minute=rate_per_minute, created_at=now))
        return CreatedApiKey(info=self._key_info(key_id), key=key)

    def revoke_key(self, key_id: str) -> None:
        with self.database.session() as s:
            s.execute(update(ApiKeyRow).where(ApiKeyRow.id == key_id, ApiKeyRow.revoked_at.is_(None))
                      .values(revoked_at=datetime.now(UTC)))

    def keys(self, organisation_id: str) -> list[ApiKeyInfo]:
        with self.database.session() as s:
            ids = list(s.scalars(select(ApiKeyRow.id).where(ApiKeyRow.organisation_id == organisation_id)))
        return [self._key_info(i) for i in ids]

    def _key_info(self, key_id: str) -> ApiKeyInfo:
        with self.database.session() as s:
            row = s.get(ApiKeyRow, key_id)
            if row is None:
                raise LookupError(f"no API key {key_id!r}")
            return _key(row)

    def authenticate(self, key: str | None, scope: Scope | None = None, *, rate_limit: bool = True) -> OrgPrincipal:
        """The organisation behind ``key``; raises ``AuthError`` (invalid, revoked, scope, rate)."""
        if not key:
            raise AuthError("missing_key", "send your organisation API key in the X-API-Key header")
        parts = key.split("_", 2)
        if len(parts) != 3 or parts[0] != KEY_PREFIX:
            raise AuthError("invalid_key", "invalid API key")
        now = datetime.now(UTC)
        with self.database.session() as s:
            row = s.get(ApiKeyRow, parts[1])
            if row is None or not hmac.compare_digest(row.key_hash, hash_key(key)):
                raise AuthError("invalid_key", "invalid API key")
            if row.revoked_at is not None:
                raise AuthError("revoked_key", "this API key was revoked")
            org_row = s.get(OrganisationRow, row.organisation_id)
            if org_row is None or not org_row.active:
                raise AuthError("inactive_organisation", "this organisation account is not active")
            if row.last_used_at is None or as_utc(row.last_used_at) < now - timedelta(minutes=1):
                row.last_used_at = now  # throttled: at most one write a minute per key
            principal = OrgPrincipal(organisation=_org(org_row), key=_key(row))
        if rate_limit:  # every authenticated request counts, even one refused for its scope
            allowed, wait = self.limiter.allow(principal.key.id, principal.key.rate_per_minute)
            if not allowed:
                raise AuthError("rate_limited", f"rate limit of {principal.key.rate_per_minute}/min exceeded",
                                retry_after=wait)
        if scope is not None and not principal.has(scope):
            raise AuthError("missing_scope", f"this API key lacks the scope {scope.value!r}")
        return principal


def _org(row: OrganisationRow) -> Organisation:
    return Organisation(id=row.id, name=row.name, kind=RecipientKind(row.kind), recipient_id=row.recipient_id,
                        active=row.active, created_at=as_utc(row.created_at))


def _key(row: ApiKeyRow) -> ApiKeyInfo:
    return ApiKeyInfo(id=row.id, organisation_id=row.organisation_id, name=row.name,
                      scopes=[Scope(x) for x in row.scopes], rate_per_minute=row.rate_per_minute,
                      created_at=as_utc(row.created_at), revoked_at=as_utc(row.revoked_at))
