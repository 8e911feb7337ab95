"""The ``profiles`` table: one row per person, the profile as a JSON document plus the columns
that are queried (person, last update, region for statistics) and a version for optimistic
concurrency."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from tools.storage.database import Base

DocumentType = JSON().with_variant(JSONB(), "postgresql")


class ProfileRow(Base):
    __tablename__ = "profiles"

    person_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    language: Mapped[str] = mapped_column(String(16), nullable=False, default="en")
    region: Mapped[str | None] = mapped_column(String(120), index=True, nullable=True)
    target_uri: Mapped[str | None] = mapped_column(String(300), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True, nullable=False)
    document: Mapped[dict] = mapped_column(DocumentType, nullable=False)
