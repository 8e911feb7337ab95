"""Counsellor accounts (scrypt password hashes) and login sessions (random tokens, stored hashed).

A fresh install seeds one demo counsellor, clearly marked as a demo, so the console works out of
the box; a deployment creates its own accounts and may remove the demo one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta, timezone

from pydantic import BaseModel
from sqlalchemy import Boolean, DateTime, ForeignKey, String, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from tools.storage.database import Base, Database
from tools.storage.timestamps import as_utc

DEMO_USERNAME = "demo-counsellor"
DEMO_PASSWORD = "demo-password"
SESSION_LIFETIME = timedelta(hours=8)


class CounsellorRow(Base):
    __tablename__ = "counsellor_accounts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(128), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(300))
    # The consent recipient this counsellor acts for (people share with the recipient).
    recipient_id: Mapped[str] = mapped_column(String(128), default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CounsellorSessionRow(Base):
    __tablename__ = "counsellor_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    counsellor_id: Mapped[str] = mapped_column(ForeignKey("counsellor_accounts.id", ondelete="CASCADE"))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Counsellor(BaseModel):
    id: str
    username: str
    display_name: str
    recipient_id: str
    is_demo: bool


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    scheme, salt_hex, digest_hex = stored.split("$")
    if scheme != "scrypt":
        raise ValueError(f"unknown password hash scheme {scheme!r}")
    candidate = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt_hex), n=2**14, r=8, p=1)
    return hmac.compare_digest(candidate.hex(), digest_hex)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _counsellor(row: CounsellorRow) -> Counsellor:
    return Counsellor(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        recipient_id=row.recipient_id,
        is_demo=row.is_demo,
    )


class CounsellorDirectory:
    def __init__(self, database: Database):
        self.database = database

    def create(
        self, username: str, password: str, display_name: str, recipient_id: str = "", is_demo: bool = False
    ) -> Counsellor:
        row = CounsellorRow(
            id=f"cns-{secrets.token_hex(8)}",
            username=username,
            display_name=display_name,
            password_hash=hash_password(password),
            recipient_id=recipient_id,
            is_demo=is_demo,
            created_at=datetime.now(timezone.utc),
        )
        with self.database.session() as session:
            session.add(row)
        return _counsellor(row)

    def get(self, counsellor_id: str) -> Counsellor | None:
        with self.database.session() as session:
            row = session.get(CounsellorRow, counsellor_id)
            return _counsellor(row) if row else None

    def by_username(self, username: str) -> Counsellor | None:
        with self.database.session() as session:
            row = session.scalar(select(CounsellorRow).where(CounsellorRow.username == username))
            return _counsellor(row) if row else None

    def ensure_demo(self, recipient_id: str) -> Counsellor:
        """The demo counsellor (DEMO: username ``demo-counsellor``, password ``demo-password``)."""
        existing = self.by_username(DEMO_USERNAME)
        if existing:
            if existing.recipient_id != recipient_id and recipient_id:
                with self.database.session() as session:
                    session.get(CounsellorRow, existing.id).recipient_id = recipient_id
                existing.recipient_id = recipient_id
            return existing
        return self.create(
            DEMO_USERNAME, DEMO_PASSWORD, "Demo counsellor (DEMO account)", recipient_id=recipient_id, is_demo=True
        )

    def authenticate(self, username: str, password: str) -> Counsellor | None:
        with self.database.session() as session:
            row = session.scalar(select(CounsellorRow).where(CounsellorRow.username == username))
            if row is None or not verify_password(password, row.password_hash):
                return None
            return _counsellor(row)

    def open_session(self, counsellor_id: str) -> str:
        token = secrets.token_urlsafe(32)
        with self.database.session() as session:
            session.add(
                CounsellorSessionRow(
                    token_hash=_token_hash(token),
                    counsellor_id=counsellor_id,
                    expires_at=datetime.now(timezone.utc) + SESSION_LIFETIME,
                )
            )
        return token

    def session_counsellor(self, token: str) -> Counsellor | None:
        with self.database.session() as session:
            row = session.get(CounsellorSessionRow, _token_hash(token))
            if row is None:
                return None
            if as_utc(row.expires_at) < datetime.now(timezone.utc):
                session.delete(row)
                return None
            account = session.get(CounsellorRow, row.counsellor_id)
            return _counsellor(account) if account else None

    def close_session(self, token: str) -> None:
        with self.database.session() as session:
            session.execute(delete(CounsellorSessionRow).where(CounsellorSessionRow.token_hash == _token_hash(token)))
