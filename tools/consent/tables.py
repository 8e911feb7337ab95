"""SQL tables of the consent ledger (SQLite and PostgreSQL through SQLAlchemy).

``consent_events`` is append-only: the ORM refuses updates and deletes of its rows. The only
path that removes events is the erasure of a person (a Core ``DELETE`` in ``ConsentService.erase``),
which first keeps the person's receipts in ``consent_anonymised_receipts``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from tools.storage.database import Base


class RecipientRow(Base):
    __tablename__ = "consent_recipients"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[dict] = mapped_column(JSON, default=dict)
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class NoticeRow(Base):
    __tablename__ = "consent_notices"

    id: Mapped[str] = mapped_column(String(96), primary_key=True)
    recipient_id: Mapped[str] = mapped_column(ForeignKey("consent_recipients.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(16))
    body: Mapped[dict] = mapped_column(JSON)  # the full Notice model


class ConsentRow(Base):
    __tablename__ = "consents"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(200), index=True)
    recipient_id: Mapped[str] = mapped_column(ForeignKey("consent_recipients.id"), index=True)
    recipient_kind: Mapped[str] = mapped_column(String(32))
    notice_id: Mapped[str] = mapped_column(ForeignKey("consent_notices.id"))
    purpose: Mapped[str] = mapped_column(String(64))
    data_categories: Mapped[list] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), index=True)
    single_use: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str] = mapped_column(String(8), default="en")
    duration_days: Mapped[int] = mapped_column(Integer)
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ConsentEventRow(Base):
    __tablename__ = "consent_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    consent_id: Mapped[str] = mapped_column(String(40), index=True)
    person_id: Mapped[str] = mapped_column(String(200), index=True)
    event_type: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(120))
    receipt_id: Mapped[str | None] = mapped_column(String(40), nullable=True)


class ReceiptRow(Base):
    __tablename__ = "consent_receipts"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    consent_id: Mapped[str] = mapped_column(String(40), index=True)
    person_id: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    body: Mapped[dict] = mapped_column(JSON)


class AnonymisedReceiptRow(Base):
    """Receipts kept after erasure, where the law requires proof of consent: no person id inside."""

    __tablename__ = "consent_anonymised_receipts"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    principal_hash: Mapped[str] = mapped_column(String(80), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    body: Mapped[dict] = mapped_column(JSON)


class PreferenceRow(Base):
    __tablename__ = "consent_preferences"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(200), index=True)
    recipient_kind: Mapped[str | None] = mapped_column(String(32), nullable=True)
    recipient_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    rule: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AppendOnlyViolation(RuntimeError):
    """Raised when code tries to change or delete a consent event through the ORM."""


@event.listens_for(ConsentEventRow, "before_update")
def _refuse_event_update(_mapper, _connection, target: ConsentEventRow) -> None:
    raise AppendOnlyViolation(f"consent event {target.seq} is append-only")


@event.listens_for(ConsentEventRow, "before_delete")
def _refuse_event_delete(_mapper, _connection, target: ConsentEventRow) -> None:
    raise AppendOnlyViolation(f"consent event {target.seq} is append-only")
