"""The knowledge packs in force, stored in the database; loading is validate-then-replace in one transaction.

``PackRegistry(database, kb, catalog)``:
- ``load_dir(path)``, ``load_archive(bytes)``, ``load_document(dict | bytes)``: read and validate the
  whole pack (format, references inside the pack, ESCO/ROME references against the knowledge
  base); only then, in one transaction, replace the pack's row and its learning content in the
  catalog. A bad pack raises :class:`PackError` and leaves the previous version in place.
- ``active()`` → :class:`LoadedPacks` for the rankers (cached until a pack changes).
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlalchemy import CursorResult, delete, func, select

from tools.career.packs.loader import PackError, read_pack_archive, read_pack_dir, read_pack_document
from tools.career.packs.models import LoadedPacks, Pack
from tools.career.packs.tables import KnowledgePackRow
from tools.career.packs.validation import check_pack
from tools.catalog.fields import duration_weeks, level_of
from tools.catalog.records import CourseRecord, SkillLink
from tools.catalog.skill_links import SkillResolver
from tools.storage.database import Database


class PackSummary(BaseModel):
    id: str
    kind: str
    name: str
    version: str
    example: bool
    owner: str | None = None
    revision: int
    loaded_at: str | None = None
    counts: dict[str, int]


def pack_source(pack_id: str) -> str:
    """The catalog source that holds a pack's learning content."""
    return f"pack-{pack_id}"


def _counts(pack: Pack) -> dict[str, int]:
    return {k: len(getattr(pack, k)) for k in ("skills", "roles", "courses", "programmes", "occupations", "demand_skills")
            if getattr(pack, k)}


class PackRegistry:
    def __init__(self, database: Database, kb: Any = None, catalog: Any = None):
        self.database = database
        self.kb = kb
        self.catalog = catalog
        self._lock = threading.Lock()
        self._stamp: tuple[object, ...] | None = None
        self._active = LoadedPacks()

    # -- loading --------------------------------------------------------------------------------
    def validate(self, pack: Pack) -> Pack:
        problems = check_pack(pack, self.kb)
        if problems:
            raise PackError(problems)
        return pack

    def load_dir(self, directory: str | Path, owner: str | None = None) -> PackSummary:
        return self.store(self.validate(read_pack_dir(directory)), owner)

    def load_archive(self, data: bytes, name: str = "pack.zip", owner: str | None = None) -> PackSummary:
        return self.store(self.validate(read_pack_archive(data, name)), owner)

    def load_document(self, document: dict[str, Any] | bytes, name: str = "pack.json", owner: str | None = None) -> PackSummary:
        return self.store(self.validate(read_pack_document(document, name)), owner)

    def load_upload(self, data: bytes, filename: str, owner: str | None = None) -> PackSummary:
        """For the organisation API: a zip archive of the pack folder, or one JSON/YAML document."""
        if data[:2] == b"PK" or filename.lower().endswith(".zip"):
            return self.load_archive(data, filename, owner)
        return self.load_document(data, filename, owner)

    def _courses(self, pack: Pack) -> list[CourseRecord]:
        resolver = self.catalog.skill_resolver("en") if self.catalog is not None else (
            SkillResolver(self.kb) if self.kb is not None else None)
        own = pack.own_skill_uris()
        if resolver is not None:
            resolver.prefetch(ref for course in pack.courses for ref in course.skills
                              if ref not in own and not ref.startswith("http"))
        records = []
        for course in pack.courses:
            uris: list[str] = []
            texts: list[str] = []
            links: list[SkillLink] = []
            for ref in course.skills:
                if ref in own:
                    targets = own[ref]
                elif ref.startswith("http"):
                    targets = [ref]
                else:
                    texts.append(ref)
                    found = resolver.resolve(ref) if resolver is not None else []
                    links.extend(found)
                    targets = [link.uri for link in found]
                for uri in targets:
                    if uri not in uris:
                        uris.append(uri)
            records.append(CourseRecord(
                id=f"{pack_source(pack.id)}:{course.id}", source=pack_source(pack.id), title=course.title, url=course.url,
                description=course.description, provider=pack.name, level=level_of(course.level), duration=course.duration,
                duration_weeks=duration_weeks(course.duration), schedule=course.schedule, language=course.language,
                skills_text=texts, skill_uris=uris, skill_links=links,
            ))
        return records

    def store(self, pack: Pack, owner: str | None = None) -> PackSummary:
        """Replace the pack (and its learning content in the catalog) in one transaction."""
        courses = self._courses(pack)
        with self.database.session() as session:
            row = session.get(KnowledgePackRow, pack.id)
            if row is not None and row.kind != pack.kind:
                raise PackError([(pack.id, "", f"a {row.kind} pack with this id is already loaded")])
            if row is not None and row.owner and row.owner != owner:
                raise PackError([(pack.id, "", "a pack with this id belongs to another organisation")])
            if row is None:
                row = KnowledgePackRow(id=pack.id, kind=pack.kind, name=pack.name, version=pack.manifest.version,
                                       example=pack.manifest.example, owner=owner, content=pack.model_dump(mode="json"),
                                       revision=1)
                session.add(row)
            else:
                row.name = pack.name
                row.version = pack.manifest.version
                row.example = pack.manifest.example
                row.owner = owner
                row.content = pack.model_dump(mode="json")
                row.revision = row.revision + 1
                row.loaded_at = datetime.now(UTC)
            if self.catalog is not None:
                if courses:
                    self.catalog.replace_records(pack_source(pack.id), "courses", courses, owner=owner or pack.id, session=session)
                else:
                    self.catalog.clear_source(pack_source(pack.id), session=session)
            summary = PackSummary(id=pack.id, kind=pack.kind, name=pack.name, version=pack.manifest.version,
                                  example=pack.manifest.example, owner=owner, revision=row.revision,
                                  loaded_at=datetime.now(UTC).isoformat(), counts=_counts(pack))
        with self._lock:
            self._stamp = None
        return summary

    def remove(self, pack_id: str) -> bool:
        with self.database.session() as session:
            result = session.execute(delete(KnowledgePackRow).where(KnowledgePackRow.id == pack_id))
            removed = result.rowcount if isinstance(result, CursorResult) else 0  # a DELETE's result is a CursorResult
        if removed and self.catalog is not None:
            self.catalog.delete_source(pack_source(pack_id))
        with self._lock:
            self._stamp = None
        return bool(removed)

    # -- reads ----------------------------------------------------------------------------------
    def list(self) -> list[PackSummary]:
        with self.database.session() as session:
            rows = session.scalars(select(KnowledgePackRow).order_by(KnowledgePackRow.id)).all()
            return [
                PackSummary(id=r.id, kind=r.kind, name=r.name, version=r.version, example=r.example, owner=r.owner,
                            revision=r.revision, loaded_at=r.loaded_at.isoformat() if r.loaded_at else None,
                            counts=_counts(Pack.model_validate(r.content)))
                for r in rows
            ]

    def get(self, pack_id: str) -> Pack | None:
        return next((p for p in self.active().packs if p.id == pack_id), None)

    def active(self) -> LoadedPacks:
        with self.database.session() as session:
            stamp = tuple(session.execute(
                select(func.count(KnowledgePackRow.id), func.coalesce(func.sum(KnowledgePackRow.revision), 0))
            ).one())
            if stamp != self._stamp:
                rows = session.scalars(select(KnowledgePackRow).order_by(KnowledgePackRow.id)).all()
                packs = [Pack.model_validate(r.content) for r in rows]
                with self._lock:
                    self._active, self._stamp = LoadedPacks(packs=packs), stamp
        return self._active
