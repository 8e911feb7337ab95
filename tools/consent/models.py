"""Pydantic models of the consent domain: recipients, privacy notices, consents, events, preferences.

A consent is granular: one person × one recipient × one purpose (through the notice that states it)
× a set of data categories × a duration. Its lifecycle is
``pending → granted → revoked | expired`` or ``pending → refused``.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field


class RecipientKind(StrEnum):
    coach = "coach"
    counsellor = "counsellor"
    training_provider = "training_provider"
    employer = "employer"
    statistics = "statistics"


class DataCategory(StrEnum):
    """What a consent may cover. ``profile`` is the whole skills profile (experiences + skills)."""

    profile = "profile"
    experiences = "experiences"
    skills = "skills"
    interests = "interests"
    preferences = "preferences"
    plan = "plan"  # chosen target, gap, trainings and jobs
    region = "region"  # coarse location, used by territory statistics
    evidence = "evidence"  # traces an organisation posts (xAPI statements, certificates)
    transcript = "transcript"  # the conversation itself: its own category, never in a consent by default


class ConsentStatus(StrEnum):
    pending = "pending"
    granted = "granted"
    refused = "refused"
    revoked = "revoked"
    expired = "expired"


TERMINAL_STATUSES = frozenset({ConsentStatus.refused, ConsentStatus.revoked, ConsentStatus.expired})


class EventType(StrEnum):
    requested = "requested"
    granted = "granted"
    refused = "refused"
    revoked = "revoked"
    expired = "expired"
    used = "used"  # a single-use consent was consumed by a share


class Controller(BaseModel):
    """Who decides what happens to the data once shared (the recipient, as controller)."""

    name: str
    contact: str
    address: str = ""
    url: str = ""


class Notice(BaseModel):
    """A privacy notice: what one recipient does with which data, for one purpose, and for how long."""

    id: str
    recipient_id: str
    purpose: str
    version: str = "1"
    data_categories: list[DataCategory]
    why: dict[str, str]  # language -> plain-language explanation of the purpose
    retention_days: int = Field(ge=0, description="how long the recipient keeps what it receives")
    consent_duration_days: int = Field(ge=1, description="default validity of a consent to this notice")
    controller: Controller
    jurisdiction: str = "EU"
    lawful_basis: str = "consent"

    def text(self, lang: str) -> str:
        return self.why.get(lang) or self.why.get("en") or next(iter(self.why.values()), "")


class Recipient(BaseModel):
    id: str
    kind: RecipientKind
    name: str
    description: dict[str, str] = Field(default_factory=dict)
    demo: bool = False
    notices: list[Notice] = Field(default_factory=list)

    def notice_for(self, purpose: str) -> Notice | None:
        return next((n for n in self.notices if n.purpose == purpose), None)


class Consent(BaseModel):
    id: str
    person_id: str
    recipient_id: str
    recipient_kind: RecipientKind
    notice_id: str
    purpose: str
    data_categories: list[DataCategory]
    status: ConsentStatus
    single_use: bool = False
    requested_at: datetime
    decided_at: datetime | None = None
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    used_at: datetime | None = None

    def valid_at(self, when: datetime) -> bool:
        """Granted, not revoked, not expired, not consumed (single use) at ``when``."""
        if self.status != ConsentStatus.granted or self.decided_at is None:
            return False
        if when < self.decided_at:
            return False
        if self.expires_at is not None and when >= self.expires_at:
            return False
        if self.single_use and self.used_at is not None:
            return False
        return True

    def covers(self, purpose: str, categories: list[DataCategory] | list[str]) -> bool:
        return purpose == self.purpose and {str(c) for c in categories} <= {str(c) for c in self.data_categories}


class ConsentEvent(BaseModel):
    seq: int
    consent_id: str
    person_id: str
    event_type: EventType
    state: ConsentStatus
    at: datetime
    actor: str
    receipt_id: str | None = None


class PreferenceRule(StrEnum):
    never = "never"
    always = "always"
    ask = "ask"


class ConsentPreference(BaseModel):
    """A standing rule the person set: e.g. never share with employers, always with my counsellor."""

    id: str | None = None
    recipient_kind: RecipientKind | None = None  # a whole kind of recipient ...
    recipient_id: str | None = None  # ... or one recipient (takes precedence)
    rule: PreferenceRule


class ConsentRequest(BaseModel):
    notice_id: str = Field(min_length=1, max_length=96, pattern=r"^[A-Za-z0-9_.:\-]+$")
    data_categories: list[DataCategory] | None = Field(
        default=None, description="subset of the notice's categories; default: all of them"
    )
    duration_days: int | None = Field(default=None, ge=1, le=3650, description="default: the notice's duration")
    single_use: bool = False
