"""SQL tables of organisation accounts, their API keys (hashed) and the traces they posted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from tools.storage.database import Base


class OrganisationRow(Base):
    __tablename__ = "organisations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    recipient_id: Mapped[str] = mapped_column(ForeignKey("consent_recipients.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiKeyRow(Base):
    __tablename__ = "organisation_api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # public key id, part of the key itself
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64))  # sha256 hex of the whole key; the key is never stored
    name: Mapped[str] = mapped_column(String(120), default="")
    scopes: Mapped[list] = mapped_column(JSON)
    rate_per_minute: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class TraceRow(Base):
    """Evidence an organisation posted for a person (personal data: exported and erased with the person)."""

    __tablename__ = "organisation_traces"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(200), index=True)
    organisation_id: Mapped[str] = mapped_column(String(64), index=True)
    skill_uri: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16))  # xapi | certificate
    level: Mapped[str] = mapped_column(String(32))
    statement_id: Mapped[str | None] = mapped_column(String(120), nullable=True)
    body: Mapped[dict] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
