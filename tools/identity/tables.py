"""SQL tables of the person's credentials and of the pseudonymous references given to recipients."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from tools.storage.database import Base


class PersonCredentialRow(Base):
    """One secret of one person: a bearer token or a resume code, stored as its keyed hash only."""

    __tablename__ = "person_credentials"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # token | resume
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PseudonymRow(Base):
    """The reference one audience (a recipient) knows a person by; looked up to serve that audience."""

    __tablename__ = "person_pseudonyms"

    ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    audience: Mapped[str] = mapped_column(String(64), index=True)
    person_id: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
