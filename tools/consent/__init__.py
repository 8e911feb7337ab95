"""Consent: recipients with privacy notices, a granular consent lifecycle, signed receipts, events,
and the person's standing preferences. See ``tools.consent.service.ConsentService``."""

from tools.consent.models import (
    Consent,
    ConsentEvent,
    ConsentPreference,
    ConsentStatus,
    DataCategory,
    EventType,
    Notice,
    PreferenceRule,
    Recipient,
    RecipientKind,
)
from tools.consent.preferences import ConsentPreferences, Decision, ShareProposal, recommend_recipients
from tools.consent.service import ConsentError, ConsentService, InvalidTransition, UnknownConsent
from tools.consent.signing import ReceiptSigner, verify_receipt

__all__ = [
    "Consent", "ConsentEvent", "ConsentPreference", "ConsentStatus", "DataCategory", "EventType", "Notice",
    "PreferenceRule", "Recipient", "RecipientKind", "ConsentPreferences", "Decision", "ShareProposal",
    "recommend_recipients", "ConsentError", "ConsentService", "InvalidTransition", "UnknownConsent",
    "ReceiptSigner", "verify_receipt",
]
