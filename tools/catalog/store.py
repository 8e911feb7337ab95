"""The training and job catalogs: import (validated, reported, atomic per source) and in-memory reads.

``CatalogStore(database, kb, linker)``: ``import_file`` / ``import_bytes`` parse a whole file first,
link its free-text skills to ESCO, then replace that source's records in one transaction (a file
with no valid row replaces nothing). ``ensure_defaults(data_dir)`` loads the shared samples the
first time, so the product works out of the box. Reads are served from memory and refreshed when
any source changes (also when another worker imported it).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from tqdm import tqdm

from tools.catalog.fields import SKILLS, normalised_keys, pick, skill_items
from tools.catalog.formats import guess_kind, read_rows
from tools.catalog.normalise import RowError, to_course, to_job
from tools.catalog.records import (
    BadRow,
    CatalogImportError,
    CourseRecord,
    ImportReport,
    JobRecord,
    SkillLink,
)
from tools.catalog.skill_links import SkillResolver, with_subjects
from tools.catalog.tables import CatalogCourseRow, CatalogJobRow, CatalogSourceRow
from tools.storage.database import Database

log = logging.getLogger(__name__)

RecordT = TypeVar("RecordT", CourseRecord, JobRecord)


@dataclass(frozen=True)
class DefaultCatalog:
    file: str  # relative to the data dir
    kind: str
    source: str
    url_template: str | None = None


DEFAULT_CATALOGS = (
    DefaultCatalog("catalogs/courses_coursera_sample.csv", "courses", "coursera-sample",
                   "https://www.coursera.org/search?query={title}"),
    DefaultCatalog("catalogs/vacancies_titles_esco_skills.parquet", "jobs", "vacancies-sample"),
)

_COURSE_FIELDS = ("id", "source", "title", "url", "description", "provider", "level", "duration", "duration_weeks",
                  "schedule", "language", "rating", "skills_text", "skill_uris", "extra")
_JOB_FIELDS = ("id", "source", "title", "url", "description", "employer", "location", "occupation_uri",
               "skills_text", "skill_uris", "skill_weights", "extra")


def source_name(path: str | Path) -> str:
    stem = Path(path).stem.lower()
    return "".join(ch if ch.isalnum() else "-" for ch in stem).strip("-")[:120] or "catalog"


class CatalogStore:
    def __init__(self, database: Database, kb: Any = None, linker: Any | Callable[[], Any] | None = None,
                 embedder: Any | Callable[[], Any] | None = None):
        self.database = database
        self.kb = kb
        self._linker = linker
        self._embedder = embedder
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._courses: list[CourseRecord] = []
        self._jobs: list[JobRecord] = []

    def linker(self) -> Any | None:
        """The linking engine (built on first need when it was given as a factory), or None."""
        if callable(self._linker) and not hasattr(self._linker, "link_skills"):
            self._linker = self._linker()
        return self._linker

    def embedder(self) -> Any | None:
        """The sentence embedder for batch skill linking (built on first need), or None."""
        if callable(self._embedder) and not hasattr(self._embedder, "encode"):
            self._embedder = self._embedder()
        return self._embedder

    def skill_resolver(self, lang: str = "en") -> SkillResolver | None:
        if self.kb is None:
            return None
        has_vectors = getattr(self.kb, "directory", None) is not None and hasattr(self.kb, "vectors")
        embedder = self.embedder if (self._embedder is not None and has_vectors) else None
        return SkillResolver(self.kb, self.linker if embedder is None else None, lang=lang, embedder=embedder)

    # -- import ---------------------------------------------------------------------------------
    def import_file(
        self,
        path: str | Path,
        kind: str | None = None,
        source: str | None = None,
        owner: str | None = None,
        url_template: str | None = None,
        progress: bool = False,
        lang: str = "en",
    ) -> ImportReport:
        path = Path(path)
        if not path.is_file():
            raise CatalogImportError(f"{path}: no such file")
        return self.import_bytes(path.read_bytes(), str(path), kind=kind, source=source or source_name(path),
                                 owner=owner, url_template=url_template, progress=progress, lang=lang)

    def import_bytes(
        self,
        data: bytes,
        filename: str,
        kind: str | None = None,
        source: str | None = None,
        owner: str | None = None,
        url_template: str | None = None,
        progress: bool = False,
        lang: str = "en",
    ) -> ImportReport:
        """Parse and validate the whole file, then replace the source's records in one transaction."""
        source = source or source_name(filename)
        bad: list[BadRow] = []
        rows: list[tuple[int, dict]] = []
        for item in read_rows(filename, data):
            if isinstance(item, BadRow):
                bad.append(item)
            else:
                rows.append(item)
        kind = kind or guess_kind(filename, [r for _, r in rows])
        if kind not in ("courses", "jobs"):
            raise CatalogImportError(f"{filename}: can't tell courses from jobs; pass --kind courses or --kind jobs", bad)
        resolver = self.skill_resolver(lang)
        if resolver is not None:
            resolver.prefetch(text for _, raw in rows for text in skill_items(pick(normalised_keys(raw), SKILLS)))
        records: list[CourseRecord | JobRecord] = []
        seen: set[str] = set()
        bar = tqdm(rows, desc=f"import {Path(filename).name}", unit="row", disable=not progress)
        for line, raw in bar:
            try:
                record = to_course(source, line, raw, resolver, url_template) if kind == "courses" else to_job(source, line, raw, resolver)
            except (RowError, ValueError, TypeError) as exc:
                bad.append(BadRow(file=filename, line=line, reason=_reason(exc)))
                continue
            if record.id in seen:
                bad.append(BadRow(file=filename, line=line, reason=f"duplicate id {record.id}"))
                continue
            seen.add(record.id)
            records.append(record)
        if not records:
            raise CatalogImportError(f"{filename}: no valid {kind} row; nothing was replaced", bad)
        if kind == "courses" and resolver is not None and resolver.embedder is not None:
            with_subjects(resolver, [r for r in records if isinstance(r, CourseRecord)])
        linking = "linker" if resolver is not None and resolver.used_linker else "label"
        if kind == "courses" and any(l.method == "subject" for r in records for l in r.skill_links):
            linking = "subjects"
        replaced = self._replace(source, kind, filename, owner, records, len(bad), linking)
        unlinked = sorted({t for r in records for t in r.skills_text} - {l.text for r in records for l in r.skill_links})
        report = ImportReport(
            source=source, kind=kind, file=filename, imported=len(records), replaced=replaced, bad_rows=bad,
            linked_skills=len({u for r in records for u in r.skill_uris}), unlinked_skills=unlinked[:200],
        )
        log.info("catalog %s: %d %s imported, %d bad rows", source, len(records), kind, len(bad))
        return report

    def _replace(self, source: str, kind: str, filename: str, owner: str | None,
                 records: list[CourseRecord | JobRecord], n_bad: int, linking: str = "label") -> int:
        with self.database.session() as session:
            existing = session.get(CatalogSourceRow, source)
            if existing is not None and existing.kind != kind:
                raise CatalogImportError(f"source {source!r} already holds {existing.kind}; pick another --source")
            if existing is not None and existing.owner and owner and existing.owner != owner:
                raise CatalogImportError(f"source {source!r} belongs to another organisation")
            replaced = _write_records(session, source, kind, records)
            if existing is None:
                session.add(CatalogSourceRow(name=source, kind=kind, file=Path(filename).name, owner=owner,
                                             rows_ok=len(records), rows_bad=n_bad, version=1, linking=linking))
            else:
                existing.file = Path(filename).name
                existing.owner = owner
                existing.rows_ok = len(records)
                existing.rows_bad = n_bad
                existing.linking = linking
                existing.version = existing.version + 1
                existing.imported_at = datetime.now(UTC)
        with self._lock:
            self._stamp = None
        return replaced

    def replace_records(self, source: str, kind: str, records: Iterable[CourseRecord | JobRecord], owner: str | None = None,
                        session=None) -> None:
        """Replace a source with ready records (used by knowledge packs, inside their own transaction)."""
        records = list(records)
        if session is None:
            self._replace(source, kind, source, owner, records, 0)
            return
        _write_records(session, source, kind, records)
        existing = session.get(CatalogSourceRow, source)
        if existing is None:
            session.add(CatalogSourceRow(name=source, kind=kind, file=source, owner=owner, rows_ok=len(records), version=1))
        else:
            existing.rows_ok = len(records)
            existing.version = existing.version + 1
        with self._lock:
            self._stamp = None

    def clear_source(self, source: str, session) -> None:
        """Remove a source inside the caller's transaction (a pack that no longer has courses)."""
        for table in (CatalogCourseRow, CatalogJobRow):
            session.execute(delete(table).where(table.source == source))
        session.execute(delete(CatalogSourceRow).where(CatalogSourceRow.name == source))
        with self._lock:
            self._stamp = None

    def delete_source(self, source: str) -> bool:
        with self.database.session() as session:
            row = session.get(CatalogSourceRow, source)
            if row is None:
                return False
            for table in (CatalogCourseRow, CatalogJobRow):
                session.execute(delete(table).where(table.source == source))
            session.delete(row)
        with self._lock:
            self._stamp = None
        return True

    def ensure_defaults(self, data_dir: str | Path, progress: bool = False) -> list[ImportReport]:
        """Load the shared sample catalogs once (skipped when their source exists or the file is absent).

        A default course source imported without the embedder (exact labels only, no subjects) is
        imported again once one is available, so its free-text skills and subjects get linked.
        """
        reports = []
        present = {s["name"]: s for s in self.sources()}
        for default in DEFAULT_CATALOGS:
            path = Path(data_dir) / default.file
            if not path.is_file():
                continue
            known = present.get(default.source)
            linked = known is not None and known["linking"] == ("subjects" if default.kind == "courses" else "linker")
            if known is not None and (linked or default.kind == "jobs"
                                      or (self.embedder() is None and self.linker() is None)):
                continue
            try:
                reports.append(self.import_file(path, kind=default.kind, source=default.source,
                                                url_template=default.url_template, progress=progress))
            except IntegrityError:
                # Another worker, starting at the same moment, imported the same sample first: its import stands.
                log.info("catalog %s imported by another worker", default.source)
        with self._lock:
            self._stamp = None
        return reports

    # -- reads ----------------------------------------------------------------------------------
    def sources(self) -> list[dict]:
        with self.database.session() as session:
            rows = session.scalars(select(CatalogSourceRow).order_by(CatalogSourceRow.name)).all()
            return [
                {"name": r.name, "kind": r.kind, "file": r.file, "owner": r.owner, "rows_ok": r.rows_ok,
                 "rows_bad": r.rows_bad, "version": r.version, "linking": r.linking, "imported_at": r.imported_at.isoformat() if r.imported_at else None}
                for r in rows
            ]

    def _current_stamp(self) -> tuple:
        with self.database.session() as session:
            return tuple(session.execute(
                select(func.count(CatalogSourceRow.name), func.coalesce(func.sum(CatalogSourceRow.version), 0))
            ).one())

    def _refresh(self) -> None:
        stamp = self._current_stamp()
        with self._lock:
            if stamp == self._stamp:
                return
        # In memory: courses with their skill links (the recommender reads their scores), job offers
        # without (fetched with ``job(id)``; the vacancy samples are large).
        course_cols = [getattr(CatalogCourseRow, f) for f in _COURSE_FIELDS] + [CatalogCourseRow.skill_links]
        job_cols = [getattr(CatalogJobRow, f) for f in _JOB_FIELDS]
        with self.database.session() as session:
            courses = [CourseRecord.model_construct(**dict(zip(_COURSE_FIELDS, r[:-1])),
                                                    skill_links=[SkillLink.model_construct(**l) for l in r[-1] or []])
                       for r in session.execute(select(*course_cols).order_by(CatalogCourseRow.id))]
            jobs = [JobRecord.model_construct(**dict(zip(_JOB_FIELDS, r)), skill_links=[])
                    for r in session.execute(select(*job_cols).order_by(CatalogJobRow.id))]
        with self._lock:
            self._courses, self._jobs, self._stamp = courses, jobs, stamp

    def courses(self) -> list[CourseRecord]:
        self._refresh()
        return self._courses

    def jobs(self) -> list[JobRecord]:
        self._refresh()
        return self._jobs

    def course(self, record_id: str) -> CourseRecord | None:
        """One course with its skill-link provenance."""
        with self.database.session() as session:
            row = session.get(CatalogCourseRow, record_id)
            return _record(row, _COURSE_FIELDS, CourseRecord) if row is not None else None

    def job(self, record_id: str) -> JobRecord | None:
        """One job offer with its skill-link provenance."""
        with self.database.session() as session:
            row = session.get(CatalogJobRow, record_id)
            return _record(row, _JOB_FIELDS, JobRecord) if row is not None else None


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def _write_records(session, source: str, kind: str, records: list[CourseRecord | JobRecord]) -> int:
    """Delete the source's courses and jobs, add ``records`` (of ``kind``); how many rows were deleted."""
    replaced = 0
    for table in (CatalogCourseRow, CatalogJobRow):
        replaced += session.execute(delete(table).where(table.source == source)).rowcount or 0
    if kind == "courses":
        session.add_all(CatalogCourseRow(**_row(r, _COURSE_FIELDS)) for r in records)
    else:
        session.add_all(CatalogJobRow(**_row(r, _JOB_FIELDS)) for r in records)
    return replaced


def _row(record: CourseRecord | JobRecord, fields: tuple[str, ...]) -> dict:
    data = {f: getattr(record, f) for f in fields}
    data["skill_links"] = [l.model_dump() for l in record.skill_links]
    return data


def _record(row: CatalogCourseRow | CatalogJobRow, fields: tuple[str, ...], model: type[RecordT]) -> RecordT:
    data = {f: getattr(row, f) for f in fields}
    data["skill_links"] = [SkillLink(**l) for l in row.skill_links or []]
    return model.model_construct(**data)
