"""Every outgoing share of personal data goes through ``Sharing.share``: it checks, at that moment,
a consent that covers the recipient, the purpose and every data category, refuses otherwise, and
logs every attempt (allowed or refused) in the share log.

The share log holds ids and category names only, never the shared data itself. It is what the eval
checks read: ``shared_only_with`` (``Sharing.shared_recipient_kinds``) and
``no_share_without_consent`` (``Sharing.violations``: allowed shares with no consent valid at that
time, recomputed from the consent ledger, so it is an independent check of the enforcement).

The payload is a mapping ``category -> data``; only the categories asked for (and covered by the
consent) leave; anything else in the payload is dropped. ``profile_payload`` builds it from a
``tools.profile.Profile``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from sqlalchemy import JSON, DateTime, Integer, String, delete, func, select, update
from sqlalchemy.orm import Mapped, mapped_column

from tools.consent.models import DataCategory, PreferenceRule, RecipientKind
from tools.consent.preferences import ConsentPreferences
from tools.consent.recipients import PURPOSE_STATISTICS
from tools.consent.service import ConsentError, ConsentService
from tools.contributions import record_contribution
from tools.storage.database import Base
from tools.storage.timestamps import as_utc

log = logging.getLogger(__name__)


class ShareLogRow(Base):
    __tablename__ = "share_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    person_id: Mapped[str] = mapped_column(String(200), index=True)
    recipient_id: Mapped[str] = mapped_column(String(64), index=True)
    recipient_kind: Mapped[str] = mapped_column(String(32))
    purpose: Mapped[str] = mapped_column(String(64))
    categories: Mapped[list] = mapped_column(JSON)
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(48))
    consent_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    channel: Mapped[str] = mapped_column(String(32))


class Outcome(StrEnum):
    allowed = "allowed"
    refused = "refused"


class ShareRefusal(PermissionError):
    """Raised by ``Sharing.share_or_raise``: carries the stable reason code."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


class ShareResult(BaseModel):
    allowed: bool
    reason: str  # consent_valid | no_consent | consent_revoked | consent_expired | categories_not_covered | preference_never | unknown_recipient
    recipient_id: str
    recipient_kind: RecipientKind | None
    purpose: str
    categories: list[str]
    consent_id: str | None = None
    log_id: int
    at: datetime
    payload: dict[str, Any] | None = None  # what was shared (only when allowed)


class ShareLogEntry(BaseModel):
    id: int
    at: datetime
    person_id: str
    recipient_id: str
    recipient_kind: str
    purpose: str
    categories: list[str]
    outcome: Outcome
    reason: str
    consent_id: str | None
    channel: str


REFUSAL_MESSAGES = {
    "no_consent": {"en": "No consent was given to share this with this recipient.",
                   "fr": "Aucun consentement n'a été donné pour partager ceci avec ce destinataire."},
    "consent_revoked": {"en": "The person withdrew their consent.",
                        "fr": "La personne a retiré son consentement."},
    "consent_expired": {"en": "The consent has expired.", "fr": "Le consentement a expiré."},
    "categories_not_covered": {"en": "The consent does not cover all the requested data.",
                               "fr": "Le consentement ne couvre pas toutes les données demandées."},
    "preference_never": {"en": "The person chose never to share with this kind of recipient.",
                         "fr": "La personne a choisi de ne jamais partager avec ce type de destinataire."},
    "unknown_recipient": {"en": "Unknown recipient.", "fr": "Destinataire inconnu."},
    "consent_used": {"en": "The one-time consent was already used.", "fr": "Le consentement unique a déjà été utilisé."},
}


def refusal_message(reason: str, language: str = "en") -> str:
    messages = REFUSAL_MESSAGES.get(reason, REFUSAL_MESSAGES["no_consent"])
    return messages.get(language, messages["en"])


class Sharing:
    def __init__(self, consents: ConsentService):
        self.consents = consents
        self.database = consents.database
        self.preferences = ConsentPreferences(consents)

    def share(self, person_id: str, recipient_id: str, purpose: str, categories: Iterable[DataCategory | str],
              payload: Mapping[str, Any], *, channel: str = "api", now: datetime | None = None) -> ShareResult:
        """Share ``payload`` (restricted to ``categories``) if a consent is valid now; log the attempt."""
        wanted = list(dict.fromkeys(str(DataCategory(c)) for c in categories))
        try:
            recipient = self.consents.recipient(recipient_id)
        except ConsentError:
            return self._log(person_id, recipient_id, None, purpose, wanted, Outcome.refused,
                             "unknown_recipient", None, channel, now or self.consents.clock())
        pref = self.preferences.rule_for(person_id, recipient)
        if pref is not None and pref.rule == PreferenceRule.never:
            return self._log(person_id, recipient_id, recipient.kind, purpose, wanted, Outcome.refused,
                             "preference_never", None, channel, now or self.consents.clock())
        kind = recipient.kind

        def record(session, consent, reason, at) -> int:
            row = ShareLogRow(at=at, person_id=person_id, recipient_id=recipient_id, recipient_kind=kind.value,
                              purpose=purpose, categories=wanted,
                              outcome=(Outcome.allowed if consent is not None else Outcome.refused).value,
                              reason=reason, consent_id=consent.id if consent is not None else None, channel=channel)
            session.add(row)
            session.flush()
            if consent is not None and kind == RecipientKind.statistics and purpose == PURPOSE_STATISTICS:
                record_contribution(session, person_id, recipient_id, wanted, payload, at)
            return row.id

        consent, reason, at, log_id = self.consents.authorise(person_id, recipient_id, purpose, wanted, record, now=now)
        outcome = Outcome.allowed if consent is not None else Outcome.refused
        log.info("share %s reason=%s log_id=%s recipient=%s purpose=%s consent=%s",
                 outcome.value, reason, log_id, recipient_id, purpose, consent.id if consent else None)
        result = ShareResult(allowed=consent is not None, reason=reason, recipient_id=recipient_id, recipient_kind=kind,
                             purpose=purpose, categories=wanted, consent_id=consent.id if consent else None,
                             log_id=log_id, at=at)
        if consent is None:
            return result
        return result.model_copy(update={"payload": {c: payload[c] for c in wanted if c in payload}})

    def share_or_raise(self, person_id: str, recipient_id: str, purpose: str,
                       categories: Iterable[DataCategory | str], payload: Mapping[str, Any], *,
                       channel: str = "api", language: str = "en", now: datetime | None = None) -> ShareResult:
        result = self.share(person_id, recipient_id, purpose, categories, payload, channel=channel, now=now)
        if not result.allowed:
            raise ShareRefusal(result.reason, refusal_message(result.reason, language))
        return result

    def _log(self, person_id: str, recipient_id: str, kind: RecipientKind | None, purpose: str, categories: list[str],
             outcome: Outcome, reason: str, consent_id: str | None, channel: str, now: datetime) -> ShareResult:
        row = ShareLogRow(at=now, person_id=person_id, recipient_id=recipient_id,
                          recipient_kind=kind.value if kind else "", purpose=purpose, categories=categories,
                          outcome=outcome.value, reason=reason, consent_id=consent_id, channel=channel)
        with self.database.session() as s:
            s.add(row)
            s.flush()
            log_id = row.id
        log.info("share %s reason=%s log_id=%s recipient=%s purpose=%s consent=%s",
                 outcome.value, reason, log_id, recipient_id, purpose, consent_id)
        return ShareResult(allowed=outcome == Outcome.allowed, reason=reason, recipient_id=recipient_id,
                           recipient_kind=kind, purpose=purpose, categories=categories, consent_id=consent_id,
                           log_id=log_id, at=now)

    # -- the share log ----------------------------------------------------------------------
    def log_for_person(self, person_id: str) -> list[ShareLogEntry]:
        return self._entries(ShareLogRow.person_id == person_id)

    def log_for_recipient(self, recipient_id: str) -> list[ShareLogEntry]:
        return self._entries(ShareLogRow.recipient_id == recipient_id)

    def _entries(self, condition) -> list[ShareLogEntry]:
        with self.database.session() as s:
            rows = s.scalars(select(ShareLogRow).where(condition).order_by(ShareLogRow.id))
            return [ShareLogEntry(id=r.id, at=as_utc(r.at), person_id=r.person_id, recipient_id=r.recipient_id,
                                  recipient_kind=r.recipient_kind, purpose=r.purpose, categories=r.categories,
                                  outcome=Outcome(r.outcome), reason=r.reason, consent_id=r.consent_id,
                                  channel=r.channel) for r in rows]

    def shared_recipient_kinds(self, person_id: str) -> set[str]:
        """The kinds of recipient that received any personal data (eval check ``shared_only_with``)."""
        return {e.recipient_kind for e in self.log_for_person(person_id) if e.outcome == Outcome.allowed}

    def violations(self, person_id: str) -> list[ShareLogEntry]:
        """Allowed shares with no consent valid at that time (eval check ``no_share_without_consent``:
        must be empty). Re-derived from the consent ledger and its event log, not from the share log's
        own verdict."""
        out = []
        consents = {c.id: c for c in self.consents.list(person_id)}
        events = self.consents.events(person_id)
        spent: set[str] = set()  # single-use consents already used by an earlier allowed share
        for entry in self.log_for_person(person_id):
            if entry.outcome != Outcome.allowed:
                continue
            consent = consents.get(entry.consent_id or "")
            if consent is None or consent.recipient_id != entry.recipient_id \
                    or not consent.covers(entry.purpose, entry.categories):
                out.append(entry)
                continue
            granted = [e.at for e in events if e.consent_id == consent.id and e.event_type.value == "granted"]
            ended = [e.at for e in events if e.consent_id == consent.id
                     and e.event_type.value in ("revoked", "expired", "refused")]
            used = [e.at for e in events if e.consent_id == consent.id and e.event_type.value == "used"]
            # ties at the same instant (share, then revoke in the same second) count as before the end
            ok = bool(granted) and granted[0] <= entry.at and all(entry.at <= t for t in ended) \
                and (consent.expires_at is None or entry.at < consent.expires_at) \
                and (not consent.single_use or (all(entry.at <= t for t in used) and consent.id not in spent))
            if consent.single_use:
                spent.add(consent.id)
            if not ok:
                out.append(entry)
        return out

    # -- privacy ----------------------------------------------------------------------------
    def export_person(self, person_id: str) -> dict[str, Any]:
        return {"shares": [e.model_dump(mode="json") for e in self.log_for_person(person_id)]}

    def count(self, person_id: str) -> int:
        with self.database.session() as s:
            return int(s.scalar(select(func.count()).select_from(ShareLogRow)
                                .where(ShareLogRow.person_id == person_id)) or 0)

    def erase(self, person_id: str, principal_hash: str | None = None) -> int:
        """Remove the person from the share log. With ``principal_hash`` the entries are kept under
        that anonymous id (accountability of past disclosures); without it they are deleted."""
        with self.database.session() as s:
            if principal_hash:
                n = s.execute(update(ShareLogRow).where(ShareLogRow.person_id == person_id)
                              .values(person_id=principal_hash)).rowcount
            else:
                n = s.execute(delete(ShareLogRow).where(ShareLogRow.person_id == person_id)).rowcount
        return int(n or 0)


def profile_payload(profile: Any, categories: Iterable[DataCategory | str], person_ref: str | None = None,
                    ) -> dict[str, Any]:
    """Cut a ``tools.profile.Profile`` into the data categories a consent speaks about. The profile
    part names the person by ``person_ref`` (their reference for the recipient), never by the
    conversation id. Categories that are not in a profile (the transcript) are left out."""
    data = profile.model_dump(mode="json") if hasattr(profile, "model_dump") else dict(profile)
    head = {k: data.get(k) for k in ("language", "persona", "experiences", "skills")}
    parts: dict[str, Any] = {
        "profile": {"person_id": person_ref, **head} if person_ref else head,
        "experiences": data.get("experiences", []),
        "skills": data.get("skills", []),
        "interests": data.get("interests"),
        "preferences": data.get("preferences"),
        "plan": {k: data.get(k) for k in ("target", "gap", "plan")},
        "region": data.get("region"),
        "evidence": [{"uri": s.get("uri"), "evidence": s.get("evidence", []), "level": s.get("level")}
                     for s in data.get("skills", [])],
    }
    wanted = [str(DataCategory(c)) for c in categories]
    return {c: parts[c] for c in wanted if c in parts}


def share(sharing: Sharing, person_id: str, recipient_id: str, purpose: str,
          categories: Iterable[DataCategory | str], payload: Mapping[str, Any], **kwargs) -> ShareResult:
    """Function form of ``Sharing.share``."""
    return sharing.share(person_id, recipient_id, purpose, categories, payload, **kwargs)
