"""Recognising storage failures (full disk, read-only storage, lost database connection).

The stores raise the driver's own errors (SQLAlchemy's ``DBAPIError`` around sqlite3/psycopg,
or sqlite3/psycopg directly from the LangGraph checkpointers). ``storage_failure`` turns one into a
``StorageFailure`` with a stable code and a reason a person can read, so that the API answers
503 with that reason instead of a bare 500, or returns ``None`` for anything else (a bug, which
must stay a 500). Nothing here contains the query or its parameters: no personal data.
"""

from __future__ import annotations

import errno
import sqlite3
from typing import Literal

from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError

FailureKind = Literal["storage_full", "storage_read_only", "storage_unreachable", "storage_io_error"]

_REASONS: dict[str, dict[str, str]] = {
    "storage_full": {
        "en": "The server's storage is full, so nothing was saved. Please try again later.",
        "fr": "Le stockage du serveur est plein : rien n'a été enregistré. Réessayez plus tard.",
    },
    "storage_read_only": {
        "en": "The server's storage is read-only at the moment, so nothing was saved. Please try again later.",
        "fr": "Le stockage du serveur est en lecture seule pour le moment : rien n'a été enregistré. Réessayez plus tard.",
    },
    "storage_io_error": {
        "en": "The server could not write to its storage, so nothing was saved. Please try again later.",
        "fr": "Le serveur n'a pas pu écrire sur son stockage : rien n'a été enregistré. Réessayez plus tard.",
    },
    "storage_unreachable": {
        "en": "The server lost its connection to the database. Please send your message again.",
        "fr": "Le serveur a perdu la connexion à la base de données. Renvoyez votre message.",
    },
}

# PostgreSQL SQLSTATE codes: class 53 (insufficient resources), 25006, class 08 and 57P0x (shutdown).
_PG_FULL = {"53100", "53200", "53000"}
_PG_READ_ONLY = {"25006"}
_PG_UNREACHABLE_PREFIXES = ("08", "57P01", "57P02", "57P03")


class StorageFailure(BaseModel):
    kind: FailureKind
    retryable: bool = True

    def reason(self, language: str = "en") -> str:
        texts = _REASONS[self.kind]
        return texts.get(language, texts["en"])


def storage_failure(exc: BaseException) -> StorageFailure | None:
    """The storage failure behind ``exc`` (following causes), or ``None`` when it is not one."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        found = _classify_one(current)
        if found is not None:
            return found
        if isinstance(current, DBAPIError) and current.orig is not None:
            found = _classify_one(current.orig)
            if found is not None:
                return found
            if current.connection_invalidated:
                return StorageFailure(kind="storage_unreachable")
        current = current.__cause__ or current.__context__
    return None


def _classify_one(exc: BaseException) -> StorageFailure | None:
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        message = str(exc).lower()
        if primary == sqlite3.SQLITE_FULL or "database or disk is full" in message:
            return StorageFailure(kind="storage_full")
        if primary == sqlite3.SQLITE_READONLY or "readonly database" in message or "query_only" in message:
            return StorageFailure(kind="storage_read_only")
        if primary == sqlite3.SQLITE_IOERR or "disk i/o error" in message:
            return StorageFailure(kind="storage_io_error")
        return None
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return StorageFailure(kind="storage_full")
        if exc.errno == errno.EROFS:
            return StorageFailure(kind="storage_read_only")
        return None
    try:
        import psycopg
    except ImportError:  # psycopg is a dependency; only an incomplete install lacks it
        return None
    if isinstance(exc, psycopg.Error):
        state = getattr(exc, "sqlstate", None) or ""
        if state in _PG_FULL:
            return StorageFailure(kind="storage_full")
        if state in _PG_READ_ONLY:
            return StorageFailure(kind="storage_read_only")
        if state.startswith(_PG_UNREACHABLE_PREFIXES) or isinstance(exc, psycopg.OperationalError):
            return StorageFailure(kind="storage_unreachable")
        if isinstance(exc, psycopg.InterfaceError):  # the connection is closed
            return StorageFailure(kind="storage_unreachable")
    return None
