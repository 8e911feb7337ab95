"""What the organisation API calls to upload a catalog or a knowledge pack with an organisation's key.

Both validate the whole upload before replacing anything, and a bad upload leaves the previous
version in place. A source or pack belongs to the organisation that first uploaded it; another
organisation can't replace it.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from tools.career.packs.loader import PackError
from tools.career.packs.registry import PackRegistry, PackSummary
from tools.catalog.records import CatalogImportError, ImportReport
from tools.catalog.store import CatalogStore, source_name

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
_ORG = re.compile(r"[^a-z0-9]+")


class UploadRejected(ValueError):
    """A 4xx for the organisation: the reason, and the bad rows or pack problems when there are some."""

    def __init__(self, reason: str, details: list[str] | None = None):
        super().__init__(reason)
        self.reason = reason
        self.details = details or []


class UploadResult(BaseModel):
    kind: str  # courses | jobs | pack
    name: str
    imported: int = 0
    skipped: list[str] = []
    pack: PackSummary | None = None


def catalog_source_for(organisation_id: str, name: str) -> str:
    """Sources uploaded by an organisation are namespaced by it: ``org-<id>-<name>``."""
    org = _ORG.sub("-", organisation_id.lower()).strip("-")[:40] or "org"
    return f"org-{org}-{source_name(name)}"[:120]


def upload_catalog(catalog: CatalogStore, organisation_id: str, filename: str, data: bytes, kind: str | None = None,
                   name: str | None = None) -> UploadResult:
    if not data:
        raise UploadRejected("empty upload")
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected(f"upload larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    if kind is not None and kind not in ("courses", "jobs"):
        raise UploadRejected("kind must be 'courses' or 'jobs'")
    source = catalog_source_for(organisation_id, name or filename)
    try:
        report: ImportReport = catalog.import_bytes(data, filename, kind=kind, source=source, owner=organisation_id)
    except CatalogImportError as error:
        raise UploadRejected(str(error), [f"line {b.line}: {b.reason}" for b in error.bad_rows[:100]]) from error
    return UploadResult(kind=report.kind, name=source, imported=report.imported,
                        skipped=[f"line {b.line}: {b.reason}" for b in report.bad_rows[:100]])


def upload_pack(packs: PackRegistry, organisation_id: str, filename: str, data: bytes) -> UploadResult:
    if not data:
        raise UploadRejected("empty upload")
    try:
        summary = packs.load_upload(data, filename, owner=organisation_id)
    except PackError as error:
        details = [f"{f}: {w}: {m}" if w else f"{f}: {m}" for f, w, m in error.problems[:100]]
        raise UploadRejected("invalid knowledge pack; nothing was changed", details) from error
    return UploadResult(kind="pack", name=summary.id, pack=summary)
