"""Pseudonymous references: what an organisation or a counsellor knows a person by.

``ref(audience, person_id)`` is an HMAC of the audience (a recipient id) and the person's
conversation id under a server secret: stable for one audience, different for every other, and
it grants nothing by itself (a consent valid now is still checked on every disclosure). The
reverse map (ref -> person) is kept per audience so that an organisation's request names a
person without ever learning the conversation id; it is erased with the rest of the person.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from tools.identity.tables import PseudonymRow
from tools.storage.database import Database

REF_PREFIX = "p-"


class Pseudonyms:
    def __init__(self, database: Database, secret: bytes):
        if len(secret) < 16:
            raise ValueError("the pseudonym secret must be at least 16 bytes")
        self.database = database
        self._secret = secret

    def compute(self, audience: str, person_id: str) -> str:
        digest = hmac.new(self._secret, f"{audience}\n{person_id}".encode(), hashlib.sha256).digest()[:20]
        return REF_PREFIX + base64.b32encode(digest).decode().rstrip("=").lower()

    def ref(self, audience: str, person_id: str) -> str:
        """The person's reference for ``audience``, remembered so the audience can name them later."""
        ref = self.compute(audience, person_id)
        with self.database.session() as s:
            if s.get(PseudonymRow, ref) is not None:
                return ref
        try:
            with self.database.session() as s:
                s.add(PseudonymRow(ref=ref, audience=audience, person_id=person_id,
                                   created_at=datetime.now(UTC)))
        except IntegrityError:
            pass  # written meanwhile by another request
        return ref

    def resolve(self, audience: str, ref: str) -> str | None:
        """The person behind ``ref`` for this audience; None for an unknown ref or another audience's."""
        if not ref or len(ref) > 64:
            return None
        with self.database.session() as s:
            row = s.get(PseudonymRow, ref)
            if row is None or not hmac.compare_digest(row.audience.encode(), audience.encode()):
                return None
            return row.person_id

    # -- privacy registry -------------------------------------------------------------------
    def export_person(self, person_id: str) -> dict[str, Any]:
        with self.database.session() as s:
            rows = s.scalars(select(PseudonymRow).where(PseudonymRow.person_id == person_id)
                             .order_by(PseudonymRow.audience))
            return {"references": [{"audience": r.audience, "ref": r.ref} for r in rows]}

    def count(self, person_id: str) -> int:
        with self.database.session() as s:
            return int(s.scalar(select(func.count()).select_from(PseudonymRow)
                                .where(PseudonymRow.person_id == person_id)) or 0)

    def erase(self, person_id: str) -> int:
        with self.database.session() as s:
            return int(s.execute(delete(PseudonymRow).where(PseudonymRow.person_id == person_id)).rowcount or 0)
