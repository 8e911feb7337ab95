"""The person's secrets: bearer tokens (one per device) and a resume code they may keep.

Only keyed hashes (HMAC-SHA256 under a server secret) are stored: a copy of the database alone
gives neither a token nor a code. A token is checked by looking up its hash and comparing the
person id it belongs to in constant time, so an unknown conversation and a wrong token take the
same path and give the same answer.

    creds = PersonCredentials(database, secret)
    token = creds.new_token("web-abc")
    creds.check("web-abc", token)          # True
    code = creds.new_resume_code("web-abc")  # e.g. "7KQ2-M9XD-4HRT-WB3C-8NVF"
    creds.resume(code)                    # ("web-abc", a new token) on another device
    creds.rotate("web-abc")               # every token and code revoked, a new token returned
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select

from tools.identity.tables import PersonCredentialRow
from tools.storage.database import Database
from tools.storage.timestamps import as_utc

TOKEN_PREFIX = "pt_"
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RESUME_CHARS = 20  # 100 bits
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def normalise_resume_code(code: str) -> str:
    """Upper case, no spaces or dashes, confusable letters read as digits (as the person may type it)."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum()).translate(_CONFUSABLE)
    return cleaned


@dataclass(frozen=True)
class Resumed:
    person_id: str
    token: str


class PersonCredentials:
    def __init__(self, database: Database, secret: bytes):
        if len(secret) < 16:
            raise ValueError("the credential secret must be at least 16 bytes")
        self.database = database
        self._secret = secret

    def _digest(self, kind: str, value: str) -> str:
        return hmac.new(self._secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()

    def _store(self, person_id: str, kind: str, value: str) -> None:
        with self.database.session() as s:
            s.add(PersonCredentialRow(digest=self._digest(kind, value), person_id=person_id, kind=kind,
                                      created_at=datetime.now(UTC)))

    # -- tokens -----------------------------------------------------------------------------
    def new_token(self, person_id: str) -> str:
        """A new bearer token for this person (other devices keep theirs)."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self._store(person_id, "token", token)
        return token

    def owner(self, token: str | None) -> str | None:
        """The person a token belongs to, or None."""
        if not token or len(token) > 200:
            return None
        with self.database.session() as s:
            row = s.get(PersonCredentialRow, self._digest("token", token))
            return row.person_id if row is not None and row.kind == "token" else None

    def check(self, person_id: str, token: str | None) -> bool:
        """True when ``token`` is one of this person's tokens (constant-time comparison of the owner)."""
        owner = self.owner(token) or ""
        return hmac.compare_digest(owner.encode("utf-8"), person_id.encode("utf-8")) and bool(owner)

    def rotate(self, person_id: str) -> str:
        """Revoke every token and resume code of the person (all devices); return one new token."""
        with self.database.session() as s:
            s.execute(delete(PersonCredentialRow).where(PersonCredentialRow.person_id == person_id))
        return self.new_token(person_id)

    def revoke_token(self, token: str) -> bool:
        with self.database.session() as s:
            n = s.execute(delete(PersonCredentialRow).where(
                PersonCredentialRow.digest == self._digest("token", token))).rowcount
        return bool(n)

    # -- resume codes -----------------------------------------------------------------------
    def new_resume_code(self, person_id: str) -> str:
        """A code the person keeps to continue on another device; replaces their previous code."""
        raw = "".join(secrets.choice(_CROCKFORD) for _ in range(_RESUME_CHARS))
        with self.database.session() as s:
            s.execute(delete(PersonCredentialRow).where(PersonCredentialRow.person_id == person_id,
                                                        PersonCredentialRow.kind == "resume"))
        self._store(person_id, "resume", raw)
        return "-".join(raw[i:i + 4] for i in range(0, _RESUME_CHARS, 4))

    def resume(self, code: str) -> Resumed | None:
        """Exchange a resume code for a new token on this device (the code stays valid until replaced)."""
        raw = normalise_resume_code(code or "")
        if len(raw) != _RESUME_CHARS:
            return None
        with self.database.session() as s:
            row = s.get(PersonCredentialRow, self._digest("resume", raw))
            person_id = row.person_id if row is not None and row.kind == "resume" else None
        if person_id is None:
            return None
        return Resumed(person_id=person_id, token=self.new_token(person_id))

    def has_resume_code(self, person_id: str) -> bool:
        with self.database.session() as s:
            return bool(s.scalar(select(func.count()).select_from(PersonCredentialRow).where(
                PersonCredentialRow.person_id == person_id, PersonCredentialRow.kind == "resume")))

    # -- privacy registry -------------------------------------------------------------------
    def export_person(self, person_id: str) -> dict[str, Any]:
        """What exists, never the secrets (only their hashes are stored)."""
        with self.database.session() as s:
            rows = s.scalars(select(PersonCredentialRow).where(PersonCredentialRow.person_id == person_id)
                             .order_by(PersonCredentialRow.created_at))
            return {"credentials": [{"kind": r.kind, "created_at": as_utc(r.created_at).isoformat()} for r in rows]}

    def count(self, person_id: str) -> int:
        with self.database.session() as s:
            return int(s.scalar(select(func.count()).select_from(PersonCredentialRow)
                                .where(PersonCredentialRow.person_id == person_id)) or 0)

    def erase(self, person_id: str) -> int:
        with self.database.session() as s:
            return int(s.execute(delete(PersonCredentialRow).where(PersonCredentialRow.person_id == person_id))
                       .rowcount or 0)
