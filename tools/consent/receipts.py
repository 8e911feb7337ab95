"""Consent receipts shaped like ISO/IEC TS 27560:2023 (consent record information structure).

Field names follow the TS 27560 elements (snake_case, as in the DPV implementation guide):
``schema_version``, ``receipt_id``, ``record_id``, ``pii_principal_id``, ``notice`` (``notice_id``,
``notice_version``, ``notice_language``, ``notice_text``), ``jurisdiction``, ``pii_controllers``,
``purposes`` (each with ``purpose_id``, ``purpose``, ``lawful_basis``, ``pii_categories``,
``recipients``, ``retention``), ``pii_categories``, ``recipient``, ``event`` (``event_type``,
``event_time``, ``event_by``, ``event_state``), ``consent_status`` / ``state``, ``validity``
(``valid_from``, ``valid_until``, ``duration``), ``timestamps`` and ``proof`` (an Ed25519
signature over the rest, see ``tools.consent.signing``).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from tools.consent.models import Consent, ConsentStatus, EventType, Notice, Recipient

SCHEMA_VERSION = "ISO/IEC TS 27560:2023;orient-consent-receipt/1"
CONFORMS_TO = "https://w3id.org/dpv/schema/iso-27560#receipt-full"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def build_receipt(consent: Consent, notice: Notice, recipient: Recipient, event_type: EventType,
                  event_time: datetime, actor: str, language: str = "en", principal: str | None = None,
                  ) -> dict[str, Any]:
    """An unsigned receipt for one lifecycle change of ``consent``; ``principal`` is the person's
    pseudonymous reference for this recipient (never the conversation id, which is a person's key)."""
    categories = [str(c) for c in consent.data_categories]
    duration_days = None
    if consent.decided_at is not None and consent.expires_at is not None:
        duration_days = (consent.expires_at - consent.decided_at).days
    return {
        "schema_version": SCHEMA_VERSION,
        "conforms_to": CONFORMS_TO,
        "receipt_id": uuid.uuid4().hex,
        "record_id": consent.id,
        "receipt_timestamp": _iso(event_time),
        "pii_principal_id": principal or consent.person_id,
        "language": language,
        "jurisdiction": notice.jurisdiction,
        "collection_method": "orient-consent-step",
        "notice": {
            "notice_id": notice.id,
            "notice_version": notice.version,
            "notice_language": language,
            "notice_text": notice.text(language),
        },
        "pii_controllers": [notice.controller.model_dump(mode="json")],
        "purposes": [{
            "purpose_id": notice.purpose,
            "purpose": notice.text(language),
            "lawful_basis": notice.lawful_basis,
            "pii_categories": categories,
            "recipients": [recipient.id],
            "retention": {"retention_days": notice.retention_days},
        }],
        "pii_categories": categories,
        "recipient": {"id": recipient.id, "name": recipient.name, "kind": recipient.kind.value,
                      "demo": recipient.demo},
        "event": {
            "event_type": event_type.value,
            "event_time": _iso(event_time),
            "event_by": actor,
            "event_state": consent.status.value,
        },
        "consent_status": consent.status.value,
        "state": consent.status.value,
        "single_use": consent.single_use,
        "validity": {
            "valid_from": _iso(consent.decided_at) if consent.status == ConsentStatus.granted else None,
            "valid_until": _iso(consent.expires_at),
            "duration": f"P{duration_days}D" if duration_days is not None else None,
        },
        "timestamps": {
            "requested": _iso(consent.requested_at),
            "decided": _iso(consent.decided_at),
            "revoked": _iso(consent.revoked_at),
            "expires": _iso(consent.expires_at),
            "used": _iso(consent.used_at),
        },
    }
