"""``ProfileStore``: persists profiles in the ``profiles`` table (SQLite or PostgreSQL).

Optimistic concurrency: every saved profile carries the ``version`` it was read at. ``save`` writes
only if the row still has that version and then bumps it; otherwise it raises ``ProfileConflict``
so that two API workers never silently overwrite each other. ``update`` wraps read-modify-write
with retries for callers that just want their change applied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from tools.profile.models import Profile, utc_now
from tools.profile.table import ProfileRow
from tools.storage.database import Database
from tools.storage.timestamps import as_utc


class ProfileConflict(RuntimeError):
    """The profile changed in the store since it was read."""

    def __init__(self, person_id: str, expected: int, found: int | None):
        self.person_id = person_id
        self.expected = expected
        self.found = found
        super().__init__(
            f"profile changed since it was read (read at version {expected}, store has "
            f"{'no profile' if found is None else f'version {found}'}); reload and retry"
        )


class ProfileListing(BaseModel):
    person_id: str
    version: int
    language: str
    region: str | None
    target_uri: str | None
    updated_at: datetime


class ProfileStore:
    def __init__(self, database: Database):
        self.database = database

    # -- read ------------------------------------------------------------------------------------
    def get(self, person_id: str) -> Profile | None:
        with self.database.session() as session:
            row = session.get(ProfileRow, person_id)
            if row is None:
                return None
            return _to_profile(row)

    def get_or_new(self, person_id: str, language: str = "en") -> Profile:
        """The stored profile, or a new empty one (version 0, not yet saved)."""
        return self.get(person_id) or Profile(person_id=person_id, language=language)

    def exists(self, person_id: str) -> bool:
        with self.database.session() as session:
            return session.scalar(select(func.count()).where(ProfileRow.person_id == person_id)) > 0

    def list(
        self,
        *,
        region: str | None = None,
        updated_since: datetime | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[ProfileListing]:
        query = select(
            ProfileRow.person_id,
            ProfileRow.version,
            ProfileRow.language,
            ProfileRow.region,
            ProfileRow.target_uri,
            ProfileRow.updated_at,
        ).order_by(ProfileRow.updated_at.desc(), ProfileRow.person_id)
        if region is not None:
            query = query.where(ProfileRow.region == region)
        if updated_since is not None:
            query = query.where(ProfileRow.updated_at >= updated_since)
        query = query.limit(limit).offset(offset)
        with self.database.session() as session:
            return [
                ProfileListing(
                    person_id=r.person_id,
                    version=r.version,
                    language=r.language,
                    region=r.region,
                    target_uri=r.target_uri,
                    updated_at=as_utc(r.updated_at),
                )
                for r in session.execute(query)
            ]

    def count(self, person_id: str | None = None, *, region: str | None = None) -> int:
        """Profiles held: the person's (0 or 1, the privacy registry's contract), else all or a region's."""
        query = select(func.count()).select_from(ProfileRow)
        if person_id is not None:
            query = query.where(ProfileRow.person_id == person_id)
        if region is not None:
            query = query.where(ProfileRow.region == region)
        with self.database.session() as session:
            return int(session.scalar(query) or 0)

    def iter_profiles(self, person_ids: list[str] | None = None, batch: int = 200) -> Iterator[Profile]:
        """Every profile (or the given ones), in batches; for statistics and exports."""
        offset = 0
        while True:
            query = select(ProfileRow).order_by(ProfileRow.person_id).limit(batch).offset(offset)
            if person_ids is not None:
                query = query.where(ProfileRow.person_id.in_(person_ids))
            with self.database.session() as session:
                rows = session.scalars(query).all()
                profiles = [_to_profile(r) for r in rows]
            yield from profiles
            if len(rows) < batch:
                return
            offset += batch

    # -- write -----------------------------------------------------------------------------------
    def save(self, profile: Profile) -> Profile:
        """Write the profile if nobody changed it since it was read; bumps ``profile.version``.

        Raises ``ProfileConflict`` when the stored version differs from ``profile.version``.
        """
        now = utc_now()
        expected = profile.version
        document = _document(profile, now)
        values = dict(
            language=profile.language,
            region=profile.region,
            target_uri=profile.target.uri if profile.target else None,
            updated_at=now,
            document=document,
        )
        if expected == 0:
            try:
                with self.database.session() as session:
                    session.execute(
                        insert(ProfileRow).values(
                            person_id=profile.person_id, version=1, created_at=profile.created_at, **values
                        )
                    )
            except IntegrityError:
                raise ProfileConflict(profile.person_id, expected, self._version(profile.person_id)) from None
        else:
            with self.database.session() as session:
                result = session.execute(
                    update(ProfileRow)
                    .where(ProfileRow.person_id == profile.person_id, ProfileRow.version == expected)
                    .values(version=expected + 1, **values)
                )
                changed = result.rowcount
            if changed != 1:
                raise ProfileConflict(profile.person_id, expected, self._version(profile.person_id))
        profile.version = expected + 1
        profile.updated_at = now
        return profile

    def _version(self, person_id: str) -> int | None:
        with self.database.session() as session:
            return session.scalar(select(ProfileRow.version).where(ProfileRow.person_id == person_id))

    def update(self, person_id: str, change: Callable[[Profile], None], *, language: str = "en", retries: int = 5) -> Profile:
        """Read the profile (or a new one), apply ``change`` to it, save; retry on conflict."""
        for attempt in range(retries):
            profile = self.get_or_new(person_id, language=language)
            change(profile)
            try:
                return self.save(profile)
            except ProfileConflict:
                if attempt == retries - 1:
                    raise
        raise AssertionError("unreachable")

    def delete(self, person_id: str) -> bool:
        """Remove the person's profile. Returns True if there was one."""
        with self.database.session() as session:
            result = session.execute(delete(ProfileRow).where(ProfileRow.person_id == person_id))
            return result.rowcount > 0

    # -- privacy ---------------------------------------------------------------------------------
    def erase(self, person_id: str) -> int:
        """Erase everything this store holds about the person; returns the number of rows removed."""
        return 1 if self.delete(person_id) else 0

    def export_person(self, person_id: str) -> dict:
        """Everything this store holds about the person, as JSON-ready data."""
        profile = self.get(person_id)
        return {"profile": profile.model_dump(mode="json") if profile else None}


def _document(profile: Profile, now: datetime) -> dict:
    data = profile.model_dump(mode="json", exclude={"version"})
    data["updated_at"] = now.isoformat()
    return data


def _to_profile(row: ProfileRow) -> Profile:
    profile = Profile.model_validate(row.document)
    profile.version = row.version
    return profile
