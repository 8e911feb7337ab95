"""The consent lifecycle: request → grant | refuse, granted → revoke | expire, with signed receipts.

Every change appends one event to the append-only log and stores one signed receipt (ISO/IEC TS
27560-shaped). Validity is always evaluated at a given moment (``valid_consent(..., at=...)``),
so a revocation or an expiry takes effect at once for every later share.

Usage::

    consents = ConsentService(database, ReceiptSigner.from_key_dir(storage_dir / "keys"))
    c = consents.request("person-1", "demo-coach:career_coaching:v1")
    consents.grant("person-1", c.id)
    consents.valid_consent("person-1", "demo-coach", "career_coaching", ["profile"])  # -> Consent
    consents.revoke("person-1", c.id)
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from tools.consent.events import append_event, list_events
from tools.consent.models import (
    TERMINAL_STATUSES,
    Consent,
    ConsentEvent,
    ConsentStatus,
    DataCategory,
    EventType,
    Notice,
    Recipient,
)
from tools.consent.receipts import build_receipt
from tools.consent.recipients import (
    RecipientRegistry,
    UnknownNotice,
    UnknownRecipient,
    load_notice,
    load_recipient,
)
from tools.consent.signing import ReceiptSigner
from tools.consent.tables import (
    AnonymisedReceiptRow,
    ConsentEventRow,
    ConsentRow,
    PreferenceRow,
    ReceiptRow,
)
from tools.identity.pseudonyms import Pseudonyms
from tools.storage.database import Database
from tools.storage.timestamps import as_utc, utc_now

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
T = TypeVar("T")


class ConsentError(ValueError):
    """A consent operation that cannot be done; ``code`` is stable, ``message`` is for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class UnknownConsent(ConsentError):
    def __init__(self, consent_id: str):
        super().__init__("unknown_consent", f"no consent {consent_id!r} for this person")


class InvalidTransition(ConsentError):
    pass


_ALLOWED: dict[EventType, set[ConsentStatus]] = {
    EventType.granted: {ConsentStatus.pending},
    EventType.refused: {ConsentStatus.pending},
    EventType.revoked: {ConsentStatus.granted},
    EventType.expired: {ConsentStatus.granted},
}
_RESULT: dict[EventType, ConsentStatus] = {
    EventType.granted: ConsentStatus.granted,
    EventType.refused: ConsentStatus.refused,
    EventType.revoked: ConsentStatus.revoked,
    EventType.expired: ConsentStatus.expired,
}


class ConsentService:
    def __init__(self, database: Database, signer: ReceiptSigner, *, clock: Clock = utc_now,
                 seed_demo: bool = True, pseudonyms: Pseudonyms | None = None):
        self.database = database
        self.signer = signer
        self.clock = clock
        # receipts name the person by their reference for that recipient, never the conversation id
        self.pseudonyms = pseudonyms or Pseudonyms(database, signer.derived_secret("pseudonyms"))
        self.recipients = RecipientRegistry(database)
        if seed_demo:
            self.recipients.seed_demo()
        else:  # not in demo mode: demo recipients seeded by an earlier start are no longer offered
            self.recipients.retire_demo()

    # -- keys -------------------------------------------------------------------------------
    def public_key_pem(self) -> str:
        return self.signer.public_key_pem()

    def verify(self, receipt: dict[str, Any]) -> bool:
        """Verify with the service's current key, or the retired key the receipt names."""
        return self.signer.verify(receipt)

    # -- lifecycle --------------------------------------------------------------------------
    def request(self, person_id: str, notice_id: str, data_categories: Iterable[DataCategory | str] | None = None,
                duration_days: int | None = None, single_use: bool = False, language: str = "en",
                actor: str = "person", now: datetime | None = None) -> Consent:
        """Create a pending consent for one notice (the notice must have been shown to the person).

        Without ``data_categories`` the consent covers the notice's categories except the
        transcript, which is only ever shared when the person picks it."""
        _check_person(person_id)
        notice = self._notice(notice_id)
        recipient = self.recipients.get(notice.recipient_id)
        self.pseudonyms.ref(recipient.id, person_id)  # the reference receipts and the recipient use
        if data_categories is None:
            categories = [c for c in notice.data_categories if c != DataCategory.transcript] \
                or list(notice.data_categories)
        else:
            categories = [DataCategory(c) for c in dict.fromkeys(data_categories)]
            extra = set(categories) - set(notice.data_categories)
            if extra:
                raise ConsentError("categories_not_in_notice",
                                   f"the notice {notice_id} does not cover {sorted(str(c) for c in extra)}")
            if not categories:
                raise ConsentError("no_categories", "a consent needs at least one data category")
        if duration_days is not None and duration_days < 1:
            raise ConsentError("bad_duration", "a consent lasts at least one day")
        now = now or self.clock()
        row = ConsentRow(
            id=uuid.uuid4().hex, person_id=person_id, recipient_id=recipient.id, recipient_kind=recipient.kind.value,
            notice_id=notice.id, purpose=notice.purpose, data_categories=[c.value for c in categories],
            status=ConsentStatus.pending.value, single_use=single_use, language=language,
            duration_days=duration_days or notice.consent_duration_days, requested_at=now,
        )
        with self.database.session() as s:
            s.add(row)
            s.flush()
            consent = _to_model(row)
            self._record(s, consent, notice, recipient, EventType.requested, now, actor, language)
        log.info("consent requested id=%s recipient=%s purpose=%s", consent.id, recipient.id, notice.purpose)
        return consent

    def grant(self, person_id: str, consent_id: str, actor: str = "person", now: datetime | None = None) -> Consent:
        return self._transition(person_id, consent_id, EventType.granted, actor, now)

    def refuse(self, person_id: str, consent_id: str, actor: str = "person", now: datetime | None = None) -> Consent:
        return self._transition(person_id, consent_id, EventType.refused, actor, now)

    def revoke(self, person_id: str, consent_id: str, actor: str = "person", now: datetime | None = None) -> Consent:
        return self._transition(person_id, consent_id, EventType.revoked, actor, now)

    def give(self, person_id: str, notice_id: str, data_categories: Iterable[DataCategory | str] | None = None,
             duration_days: int | None = None, single_use: bool = False, language: str = "en",
             actor: str = "person", now: datetime | None = None) -> Consent:
        """Request and grant in one step (the person answered yes to the notice they were shown)."""
        consent = self.request(person_id, notice_id, data_categories, duration_days, single_use, language, actor, now)
        return self.grant(person_id, consent.id, actor, now)

    def revoke_all(self, person_id: str, recipient_id: str | None = None, actor: str = "person",
                   now: datetime | None = None) -> list[Consent]:
        """Withdraw every granted consent of a person (optionally to one recipient)."""
        now = now or self.clock()
        out = []
        for consent in self.list(person_id, now=now):
            if consent.status == ConsentStatus.granted and (recipient_id is None or consent.recipient_id == recipient_id):
                out.append(self.revoke(person_id, consent.id, actor, now))
        return out

    def expire_due(self, person_id: str | None = None, now: datetime | None = None) -> list[Consent]:
        """Mark granted consents whose validity ended as expired (event + receipt each)."""
        now = now or self.clock()
        with self.database.session() as s:
            query = select(ConsentRow.id, ConsentRow.person_id, ConsentRow.expires_at).where(
                ConsentRow.status == ConsentStatus.granted.value)
            if person_id is not None:
                query = query.where(ConsentRow.person_id == person_id)
            due = [(cid, pid) for cid, pid, exp in s.execute(query) if exp is not None and as_utc(exp) <= now]
        out = []
        for cid, pid in due:
            try:
                out.append(self._transition(pid, cid, EventType.expired, "system:expiry", now))
            except InvalidTransition:
                continue  # revoked or expired by a concurrent call meanwhile
        return out

    def authorise(self, person_id: str, recipient_id: str, purpose: str, categories: Iterable[DataCategory | str],
                  record: Callable[[Session, Consent | None, str, datetime], T], now: datetime | None = None,
                  ) -> tuple[Consent | None, str, datetime, T]:
        """Decide a share under lock and record it in the same transaction.

        The person's consents to this recipient and purpose are locked first (row locks on PostgreSQL,
        the write lock on SQLite), then the time is read, so a share and a revocation are ordered the
        same way by their timestamps and by the database: nothing is allowed after a revocation
        returned. A single-use consent is consumed here. ``record(session, consent, reason, at)``
        writes the share log row inside the same transaction. Returns (consent or None, reason, at,
        what ``record`` returned); reason is ``consent_valid`` or why not."""
        wanted = [str(c) for c in categories]
        with self.database.session() as s:
            mine = (ConsentRow.person_id == person_id, ConsentRow.recipient_id == recipient_id,
                    ConsentRow.purpose == purpose)
            s.execute(update(ConsentRow).where(*mine).values(status=ConsentRow.status))
            at = now or self.clock()
            rows = list(s.scalars(select(ConsentRow).where(*mine).order_by(ConsentRow.requested_at, ConsentRow.id)
                                  .execution_options(populate_existing=True)))
            consents = [_to_model(r) for r in rows]
            valid = [c for c in consents if c.valid_at(at) and c.covers(purpose, wanted)]
            valid.sort(key=lambda c: (c.single_use, -(c.expires_at.timestamp() if c.expires_at else 0)))
            consent = valid[0] if valid else None
            if consent is None:
                reason = _why_not(consents, at)
            else:
                reason = "consent_valid"
                if consent.single_use:
                    row = next(r for r in rows if r.id == consent.id)
                    row.used_at = at
                    s.flush()
                    consent = _to_model(row)
                    self._record(s, consent, load_notice(s, row.notice_id), load_recipient(s, row.recipient_id),
                                 EventType.used, at, "system:share", row.language)
            return consent, reason, at, record(s, consent, reason, at)

    def _transition(self, person_id: str, consent_id: str, event_type: EventType, actor: str,
                    now: datetime | None) -> Consent:
        with self.database.session() as s:
            # lock first, read the time and the row second: a no-op UPDATE takes the row lock
            # (PostgreSQL) or the write lock (SQLite), so concurrent transitions and shares of one
            # consent serialise, and their timestamps follow the same order
            s.execute(update(ConsentRow).where(ConsentRow.id == consent_id).values(status=ConsentRow.status))
            now = now or self.clock()
            row = s.get(ConsentRow, consent_id, populate_existing=True)
            if row is None or row.person_id != person_id:
                raise UnknownConsent(consent_id)
            current = ConsentStatus(row.status)
            if event_type == EventType.revoked and current == ConsentStatus.granted \
                    and row.expires_at is not None and as_utc(row.expires_at) <= now:
                current = ConsentStatus.expired  # lapsed already: nothing left to revoke
            if current not in _ALLOWED[event_type]:
                raise InvalidTransition("invalid_transition",
                                        f"cannot mark a consent that is {current.value} as {event_type.value}")
            row.status = _RESULT[event_type].value
            if event_type == EventType.granted:
                row.decided_at = now
                row.expires_at = now + timedelta(days=row.duration_days)
            elif event_type == EventType.refused:
                row.decided_at = now
            elif event_type == EventType.revoked:
                row.revoked_at = now
            s.flush()
            consent = _to_model(row)
            notice = load_notice(s, row.notice_id)
            recipient = load_recipient(s, row.recipient_id)
            self._record(s, consent, notice, recipient, event_type, now, actor, row.language)
        log.info("consent %s id=%s recipient=%s", event_type.value, consent_id, consent.recipient_id)
        return consent

    def _record(self, session, consent: Consent, notice: Notice, recipient: Recipient, event_type: EventType,
                at: datetime, actor: str, language: str) -> dict[str, Any]:
        principal = self.pseudonyms.compute(recipient.id, consent.person_id)
        receipt = self.signer.sign(build_receipt(consent, notice, recipient, event_type, at, actor, language,
                                                 principal=principal), at)
        session.add(ReceiptRow(id=receipt["receipt_id"], consent_id=consent.id, person_id=consent.person_id,
                               created_at=at, body=receipt))
        append_event(session, consent_id=consent.id, person_id=consent.person_id, event_type=event_type,
                     state=consent.status, at=at, actor=actor, receipt_id=receipt["receipt_id"])
        return receipt

    # -- queries ----------------------------------------------------------------------------
    def get(self, person_id: str, consent_id: str) -> Consent:
        with self.database.session() as s:
            row = s.get(ConsentRow, consent_id)
            if row is None or row.person_id != person_id:
                raise UnknownConsent(consent_id)
            return _to_model(row)

    def list(self, person_id: str, status: ConsentStatus | None = None, now: datetime | None = None) -> list[Consent]:
        """A person's consents, with lapsed ones marked expired first."""
        self.expire_due(person_id, now)
        with self.database.session() as s:
            query = select(ConsentRow).where(ConsentRow.person_id == person_id)
            if status is not None:
                query = query.where(ConsentRow.status == status.value)
            return [_to_model(r) for r in s.scalars(query.order_by(ConsentRow.requested_at, ConsentRow.id))]

    def valid_consent(self, person_id: str, recipient_id: str, purpose: str,
                      categories: Iterable[DataCategory | str], at: datetime | None = None) -> Consent | None:
        """The consent that allows this share at ``at`` (default: now), or None."""
        at = at or self.clock()
        wanted = [str(c) for c in categories]
        with self.database.session() as s:
            rows = s.scalars(select(ConsentRow).where(
                ConsentRow.person_id == person_id, ConsentRow.recipient_id == recipient_id,
                ConsentRow.purpose == purpose, ConsentRow.status == ConsentStatus.granted.value)
                .order_by(ConsentRow.requested_at, ConsentRow.id))
            candidates = [_to_model(r) for r in rows]
        valid = [c for c in candidates if c.valid_at(at) and c.covers(purpose, wanted)]
        # prefer a standing consent over a single-use one, then the one that lasts longest
        valid.sort(key=lambda c: (c.single_use, -(c.expires_at.timestamp() if c.expires_at else 0)))
        return valid[0] if valid else None

    def is_valid(self, person_id: str, recipient_id: str, purpose: str,
                 categories: Iterable[DataCategory | str], at: datetime | None = None) -> bool:
        return self.valid_consent(person_id, recipient_id, purpose, categories, at) is not None

    def people_with_valid_consent(self, recipient_id: str, purpose: str | None = None,
                                  at: datetime | None = None) -> dict[str, list[Consent]]:
        """Person id -> their consents valid at ``at`` for this recipient (what an organisation may see)."""
        at = at or self.clock()
        with self.database.session() as s:
            query = select(ConsentRow).where(ConsentRow.recipient_id == recipient_id,
                                             ConsentRow.status == ConsentStatus.granted.value)
            if purpose is not None:
                query = query.where(ConsentRow.purpose == purpose)
            consents = [_to_model(r) for r in s.scalars(query)]
        out: dict[str, list[Consent]] = {}
        for c in consents:
            if c.valid_at(at):
                out.setdefault(c.person_id, []).append(c)
        return out

    def events(self, person_id: str, consent_id: str | None = None) -> list[ConsentEvent]:
        with self.database.session() as s:
            return list_events(s, person_id, consent_id)

    def receipts(self, person_id: str, consent_id: str | None = None) -> list[dict[str, Any]]:
        with self.database.session() as s:
            query = select(ReceiptRow).where(ReceiptRow.person_id == person_id)
            if consent_id is not None:
                query = query.where(ReceiptRow.consent_id == consent_id)
            return [r.body for r in s.scalars(query.order_by(ReceiptRow.created_at))]

    def latest_receipt(self, person_id: str, consent_id: str) -> dict[str, Any]:
        self.get(person_id, consent_id)
        with self.database.session() as s:
            seq = s.scalar(select(ConsentEventRow.receipt_id).where(ConsentEventRow.consent_id == consent_id,
                                                                    ConsentEventRow.person_id == person_id)
                           .order_by(ConsentEventRow.seq.desc()).limit(1))
            row = s.get(ReceiptRow, seq) if seq else None
            if row is None:
                raise UnknownConsent(consent_id)
            return row.body

    def anonymised_receipts(self, principal_hash: str) -> list[dict[str, Any]]:
        with self.database.session() as s:
            rows = s.scalars(select(AnonymisedReceiptRow).where(AnonymisedReceiptRow.principal_hash == principal_hash)
                             .order_by(AnonymisedReceiptRow.created_at))
            return [r.body for r in rows]

    # -- privacy: export, count, erase ------------------------------------------------------
    def export_person(self, person_id: str) -> dict[str, Any]:
        from tools.consent.preferences import ConsentPreferences

        return {
            "consents": [c.model_dump(mode="json") for c in self.list(person_id)],
            "events": [e.model_dump(mode="json") for e in self.events(person_id)],
            "receipts": self.receipts(person_id),
            "preferences": [p.model_dump(mode="json") for p in ConsentPreferences(self).list(person_id)],
        }

    def count(self, person_id: str) -> int:
        with self.database.session() as s:
            return sum(s.scalar(select(func.count()).select_from(table).where(table.person_id == person_id)) or 0
                       for table in (ConsentRow, ConsentEventRow, ReceiptRow, PreferenceRow))

    def erase(self, person_id: str, principal_hash: str | None = None) -> int:
        """Delete everything about the person; keep receipts of consents that were ever granted,
        anonymised (person id replaced by ``principal_hash``) and re-signed, as proof of lawful sharing."""
        principal_hash = principal_hash or anonymous_principal(person_id)
        now = self.clock()
        with self.database.session() as s:
            ever_granted = set(s.scalars(select(ConsentEventRow.consent_id).where(
                ConsentEventRow.person_id == person_id, ConsentEventRow.event_type == EventType.granted.value)))
            receipts = list(s.scalars(select(ReceiptRow).where(ReceiptRow.person_id == person_id)))
            for r in receipts:
                if r.consent_id not in ever_granted:
                    continue
                body = {k: v for k, v in r.body.items() if k != "proof"}
                body["pii_principal_id"] = principal_hash
                body["anonymised"] = {"at": now.isoformat(), "original_receipt_id": r.id,
                                      "reason": "erasure request; kept as proof of consent"}
                body["receipt_id"] = uuid.uuid4().hex
                s.add(AnonymisedReceiptRow(id=body["receipt_id"], principal_hash=principal_hash, created_at=now,
                                           body=self.signer.sign(body, now)))
            removed = 0
            for table in (ReceiptRow, ConsentEventRow, PreferenceRow, ConsentRow):
                removed += s.execute(delete(table).where(table.person_id == person_id)).rowcount or 0
        log.info("consent ledger erased for one person: %d rows removed, anonymised receipts kept", removed)
        return removed

    def _notice(self, notice_id: str) -> Notice:
        try:
            return self.recipients.notice(notice_id)
        except UnknownNotice:
            raise ConsentError("unknown_notice", f"no privacy notice {notice_id!r}") from None

    def recipient(self, recipient_id: str) -> Recipient:
        try:
            return self.recipients.get(recipient_id)
        except UnknownRecipient:
            raise ConsentError("unknown_recipient", f"no recipient {recipient_id!r}") from None


def _why_not(consents: list[Consent], at: datetime) -> str:
    """Why none of these consents (one person, recipient, purpose) allows a share at ``at``."""
    if not consents:
        return "no_consent"
    if any(c.valid_at(at) for c in consents):
        return "categories_not_covered"
    latest = max(consents, key=lambda c: (c.requested_at, c.id))
    if latest.status == ConsentStatus.revoked:
        return "consent_revoked"
    if latest.status == ConsentStatus.expired or (
            latest.status == ConsentStatus.granted and latest.expires_at is not None and latest.expires_at <= at):
        return "consent_expired" if not (latest.single_use and latest.used_at) else "consent_used"
    if latest.single_use and latest.used_at is not None:
        return "consent_used"
    return "no_consent"


def anonymous_principal(person_id: str) -> str:
    """A salted hash of the person id; the random salt is thrown away, so it cannot be linked back."""
    salt = secrets.token_bytes(16)
    return "anon-" + hashlib.sha256(salt + person_id.encode("utf-8")).hexdigest()[:40]


def _check_person(person_id: str) -> None:
    if not person_id or not person_id.strip() or len(person_id) > 200:
        raise ConsentError("bad_person_id", "a person id is 1 to 200 characters")


def _to_model(row: ConsentRow) -> Consent:
    return Consent(
        id=row.id, person_id=row.person_id, recipient_id=row.recipient_id, recipient_kind=row.recipient_kind,
        notice_id=row.notice_id, purpose=row.purpose, data_categories=row.data_categories,
        status=ConsentStatus(row.status), single_use=row.single_use, requested_at=as_utc(row.requested_at),
        decided_at=as_utc(row.decided_at), expires_at=as_utc(row.expires_at), revoked_at=as_utc(row.revoked_at),
        used_at=as_utc(row.used_at),
    )


__all__ = ["ConsentService", "ConsentError", "UnknownConsent", "InvalidTransition", "TERMINAL_STATUSES",
           "anonymous_principal", "utc_now"]
