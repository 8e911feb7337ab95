"""Counsellor accounts (scrypt password hashes) and login sessions (random tokens, stored hashed).

The operator creates accounts (``orient counsellor create``); a demo counsellor, clearly marked,
exists only in demo mode (``ORIENT_DEMO=true``) and is disabled when the server starts without it.
A disabled account keeps its row (notes and history name it) but cannot log in: its password hash
is locked with a leading ``!`` (the ``passwd -l`` convention) and its sessions are closed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel
from sqlalchemy import Boolean, DateTime, ForeignKey, String, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from tools.storage.database import Base, Database
from tools.storage.timestamps import as_utc

DEMO_USERNAME = "demo-counsellor"
DEMO_PASSWORD = "demo-password"
SESSION_LIFETIME = timedelta(hours=8)
LOCKED = "!"  # prefix of a disabled account's password hash
MIN_PASSWORD_CHARS = 12


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
    disabled: bool = False
    created_at: datetime | None = None


class AccountError(ValueError):
    """A counsellor account cannot be created or changed as asked (the message says why)."""


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    if stored.startswith(LOCKED):
        return False
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
        disabled=row.password_hash.startswith(LOCKED),
        created_at=as_utc(row.created_at) if row.created_at else None,
    )


# Checked against when the user name is unknown, so that a failed login takes as long either way.
_UNKNOWN_USER_HASH = hash_password(secrets.token_urlsafe(16))


class CounsellorDirectory:
    def __init__(self, database: Database):
        self.database = database

    def create(
        self, username: str, password: str, display_name: str, recipient_id: str = "", is_demo: bool = False
    ) -> Counsellor:
        if not username or len(username) > 128 or any(c.isspace() for c in username):
            raise AccountError("a user name is 1 to 128 characters without spaces")
        if self.by_username(username) is not None:
            raise AccountError(f"a counsellor account named {username!r} already exists")
        row = CounsellorRow(
            id=f"cns-{secrets.token_hex(8)}",
            username=username,
            display_name=display_name,
            password_hash=hash_password(password),
            recipient_id=recipient_id,
            is_demo=is_demo,
            created_at=datetime.now(UTC),
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

    def list(self) -> list[Counsellor]:
        with self.database.session() as session:
            return [_counsellor(row) for row in session.scalars(select(CounsellorRow).order_by(CounsellorRow.username))]

    def disable(self, username: str) -> Counsellor:
        """Lock the account (it can no longer log in) and close its open sessions."""
        with self.database.session() as session:
            row = session.scalar(select(CounsellorRow).where(CounsellorRow.username == username))
            if row is None:
                raise AccountError(f"no counsellor account named {username!r}")
            if not row.password_hash.startswith(LOCKED):
                row.password_hash = LOCKED + row.password_hash
            session.execute(delete(CounsellorSessionRow).where(CounsellorSessionRow.counsellor_id == row.id))
            return _counsellor(row)

    def enable(self, username: str) -> Counsellor:
        with self.database.session() as session:
            row = session.scalar(select(CounsellorRow).where(CounsellorRow.username == username))
            if row is None:
                raise AccountError(f"no counsellor account named {username!r}")
            row.password_hash = row.password_hash.lstrip(LOCKED)
            return _counsellor(row)

    def ensure_demo(self, recipient_id: str) -> Counsellor:
        """The demo counsellor (DEMO: username ``demo-counsellor``, password ``demo-password``), for
        demo mode only; re-enabled if a start without demo mode disabled it."""
        existing = self.by_username(DEMO_USERNAME)
        if existing:
            with self.database.session() as session:
                row = session.get(CounsellorRow, existing.id)
                if recipient_id:
                    row.recipient_id = recipient_id
                if row.is_demo:
                    row.password_hash = row.password_hash.lstrip(LOCKED)
                return _counsellor(row)
        try:
            return self.create(
                DEMO_USERNAME, DEMO_PASSWORD, "Demo counsellor (DEMO account)", recipient_id=recipient_id, is_demo=True
            )
        except IntegrityError:  # another worker starting at the same time created it first
            return self.ensure_demo(recipient_id)

    def disable_demo(self) -> int:
        """Out of demo mode: lock every demo account and close its sessions. Returns how many were open."""
        with self.database.session() as session:
            rows = list(session.scalars(select(CounsellorRow).where(CounsellorRow.is_demo.is_(True))))
            unlocked = [row for row in rows if not row.password_hash.startswith(LOCKED)]
            for row in unlocked:
                row.password_hash = LOCKED + row.password_hash
            if rows:
                session.execute(delete(CounsellorSessionRow).where(
                    CounsellorSessionRow.counsellor_id.in_([row.id for row in rows])))
            return len(unlocked)

    def authenticate(self, username: str, password: str) -> Counsellor | None:
        with self.database.session() as session:
            row = session.scalar(select(CounsellorRow).where(CounsellorRow.username == username))
        if row is None:
            verify_password(password, _UNKNOWN_USER_HASH)  # same cost as a known name: no user enumeration
            return None
        if not verify_password(password, row.password_hash):
            return None
        return _counsellor(row)

    def open_session(self, counsellor_id: str) -> str:
        token = secrets.token_urlsafe(32)
        with self.database.session() as session:
            session.add(
                CounsellorSessionRow(
                    token_hash=_token_hash(token),
                    counsellor_id=counsellor_id,
                    expires_at=datetime.now(UTC) + SESSION_LIFETIME,
                )
            )
        return token

    def session_counsellor(self, token: str) -> Counsellor | None:
        with self.database.session() as session:
            row = session.get(CounsellorSessionRow, _token_hash(token))
            if row is None:
                return None
            if as_utc(row.expires_at) < datetime.now(UTC):
                session.delete(row)
                return None
            account = session.get(CounsellorRow, row.counsellor_id)
            if account is None or account.password_hash.startswith(LOCKED):
                return None
            return _counsellor(account)

    def close_session(self, token: str) -> None:
        with self.database.session() as session:
            session.execute(delete(CounsellorSessionRow).where(CounsellorSessionRow.token_hash == _token_hash(token)))
