"""Privacy rights across every store: "what do you know about me?", export everything, erase everything.

Every store that holds personal data registers itself in one ``ErasureRegistry`` (built once by
``channels.services.Services.privacy``). A store gives three plain callables keyed by person id:

- ``erase(person_id) -> int``: remove everything about the person, return how many items went;
- ``export(person_id) -> JSON-ready data``: everything the store holds about the person;
- ``count(person_id) -> int``: how many items about the person are left (0 after ``erase``), which
  is what the ``data_erased`` eval check and the tests assert.

How to register: ``Services.privacy`` registers every Services property named in
``channels.services.PERSONAL_DATA_STORES`` whose object has ``erase(person_id) -> int``,
``export_person(person_id) -> dict`` and ``count(person_id) -> int`` (``registry.register_store``).
To add a store (e.g. H4's LangGraph checkpoints), expose it as a ``Services`` cached property with
those three methods and add its property name to ``PERSONAL_DATA_STORES``. Or register callables::

    registry.register("checkpoints", erase=saver_erase, export=saver_export, count=saver_count)

An erase callable that needs the anonymous id of the person (to keep legally required records
without the person id, e.g. consent receipts) declares a keyword argument ``principal_hash``;
the registry passes the same hash to every such store within one erasure.

The consent ledger keeps the receipts of consents that were ever granted, re-signed with the
person id replaced by a salted hash whose salt is thrown away (proof of lawful sharing, no link
back to the person); the share log keeps its entries under that same anonymous id. What they keep
is pseudonymous and holds none of the person's words: recipient, notice, purpose, data category
names and dates (the proof of consent the law asks for). Logs never hold personal data (ids and
category names only), so they need no erasure.

Erasure is one unit of work and leaves no copy on disk. Stores that keep their rows in a
``Database`` (their ``database`` attribute) are erased in one transaction on that database: all
rows go, or none do (then ``ErasureIncomplete`` says which store failed and nothing was removed).
A store outside it (the SQLite checkpoints file) is erased after that commit. Then every database
and every store with a ``scrub()`` method is scrubbed: SQLite's write-ahead logs are checkpointed
and truncated, and with ``secure_delete`` on the freed pages hold zeros, so no file under the
storage folder keeps the person's words. The report says whether that worked (``files_scrubbed``:
false when another process kept a log busy past a few seconds; the next erasure truncates it).
On PostgreSQL the rows (the LangGraph checkpoints, blobs and writes included, when they share the
database) go in the same one transaction; their dead row versions stay in the server's data files
until vacuum reclaims the space and later writes reuse it, so the server's disk is protected
as the operator protects it (encryption at rest), as any PostgreSQL deployment's is.
"""

from __future__ import annotations

import inspect
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

from tools.consent.service import anonymous_principal
from tools.storage.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RegisteredStore:
    name: str
    erase: Callable[..., int]
    export: Callable[[str], Any] | None
    count: Callable[[str], int] | None
    wants_hash: bool
    database: Database | None = None  # erased inside this database's erasure transaction
    scrub: Callable[[], bool] | None = None  # run after the erasure (leave no copy in the files)


class ErasureReport(BaseModel):
    person_id_hash: str  # the anonymous id kept records now carry; give it to the person as proof
    removed: dict[str, int]
    remaining: dict[str, int]
    at: datetime
    # Whether every store's files were scrubbed (write-ahead logs checkpointed and truncated).
    files_scrubbed: bool = True
    took_ms: float = 0.0

    @property
    def complete(self) -> bool:
        return all(v == 0 for v in self.remaining.values())


class ErasureIncomplete(RuntimeError):
    def __init__(self, failures: dict[str, BaseException], report: ErasureReport):
        names = ", ".join(f"{k}: {type(v).__name__}: {v}" for k, v in failures.items())
        super().__init__(f"erasure failed in {len(failures)} store(s): {names}")
        self.failures = failures
        self.report = report


class ErasureRegistry:
    def __init__(self) -> None:
        self._stores: dict[str, RegisteredStore] = {}

    def register(self, name: str, *, erase: Callable[..., int], export: Callable[[str], Any] | None = None,
                 count: Callable[[str], int] | None = None, database: Database | None = None,
                 scrub: Callable[[], bool] | None = None) -> None:
        if name in self._stores:
            raise ValueError(f"a store named {name!r} is already registered")
        wants_hash = "principal_hash" in inspect.signature(erase).parameters
        self._stores[name] = RegisteredStore(name, erase, export, count, wants_hash, database, scrub)

    def register_store(self, name: str, store: Any) -> None:
        """Register an object with ``erase(person_id)``, ``export_person(person_id)`` (or ``export``)
        and ``count(person_id)`` methods: the convention every Orient store follows. Its
        ``database`` attribute (a ``Database``) and ``scrub()`` method, when it has them, are used too."""
        export = getattr(store, "export_person", None) or getattr(store, "export", None)
        database = getattr(store, "database", None)
        self.register(name, erase=store.erase, export=export, count=getattr(store, "count", None),
                      database=database if isinstance(database, Database) else None,
                      scrub=getattr(store, "scrub", None))

    @property
    def names(self) -> list[str]:
        return list(self._stores)

    def export_all(self, person_id: str) -> dict[str, Any]:
        """Everything every store holds about the person (JSON-ready)."""
        out: dict[str, Any] = {"person_id": person_id, "exported_at": datetime.now(UTC).isoformat(),
                               "stores": {}}
        for store in self._stores.values():
            if store.export is not None:
                out["stores"][store.name] = store.export(person_id)
        return out

    def remaining(self, person_id: str) -> dict[str, int]:
        return {s.name: int(s.count(person_id)) for s in self._stores.values() if s.count is not None}

    def erase_all(self, person_id: str) -> ErasureReport:
        """Erase the person in every store: the stores of each database in one transaction (all or
        nothing), then the others, then scrub the files. Every store outside a failed transaction is
        still attempted; failures are then raised together (``ErasureIncomplete``) with the report."""
        started = time.perf_counter()
        principal_hash = anonymous_principal(person_id)
        removed: dict[str, int] = {}
        failures: dict[str, BaseException] = {}

        def erase(store: RegisteredStore) -> int:
            n = store.erase(person_id, principal_hash=principal_hash) if store.wants_hash else store.erase(person_id)
            return int(n or 0)

        databases: list[Database] = []
        for store in self._stores.values():
            if store.database is not None and all(store.database is not d for d in databases):
                databases.append(store.database)
        for database in databases:
            members = [s for s in self._stores.values() if s.database is database]
            done: dict[str, int] = {}
            try:
                with database.transaction():
                    for store in members:
                        try:
                            done[store.name] = erase(store)
                        except Exception as exc:  # noqa: BLE001  (rolls the whole transaction back)
                            failures[store.name] = exc
                            raise
                removed.update(done)
            except Exception as exc:  # noqa: BLE001  (collected and re-raised below, never hidden)
                for store in members:
                    if store.name not in failures:
                        failures.setdefault(store.name, RuntimeError(f"rolled back with the erasure's transaction: {exc}"))
        for store in self._stores.values():
            if store.database is None:
                try:
                    removed[store.name] = erase(store)
                except Exception as exc:  # noqa: BLE001  (collected and re-raised below, never hidden)
                    failures[store.name] = exc
        scrubbed = True
        for database in databases:
            scrubbed = database.scrub() and scrubbed
        for store in self._stores.values():
            if store.scrub is not None:
                scrubbed = bool(store.scrub()) and scrubbed
        report = ErasureReport(person_id_hash=principal_hash, removed=removed, remaining=self.remaining(person_id),
                               at=datetime.now(UTC), files_scrubbed=scrubbed,
                               took_ms=round((time.perf_counter() - started) * 1000, 1))
        log.info("erasure done in %d store(s), %d failure(s), %.0f ms", len(removed), len(failures), report.took_ms)
        if failures:
            raise ErasureIncomplete(failures, report)
        return report

    def summary(self, person_id: str, language: str = "en") -> str:
        return summarize(self.export_all(person_id), language)


def summarize(export: dict[str, Any], language: str = "en") -> str:
    """A readable answer to "what do you know about me?" from an ``export_all`` document."""
    fr = language == "fr"
    stores = export.get("stores", {})
    lines: list[str] = []

    def find(key: str) -> Any:
        for data in stores.values():
            if isinstance(data, dict) and data.get(key):
                return data[key]
        return None

    profile = find("profile")
    if profile:
        exps = profile.get("experiences") or []
        skills = [s for s in profile.get("skills") or [] if s.get("state") == "confirmed"]
        if exps:
            titles = ", ".join(e.get("title", "?") for e in exps[:6])
            lines.append(f"Vos expériences ({len(exps)}) : {titles}." if fr else f"Your experiences ({len(exps)}): {titles}.")
        if skills:
            labels = ", ".join(s.get("label", "?") for s in skills[:10])
            more = len(skills) - 10
            tail = (f" et {more} autre(s)" if fr else f" and {more} more") if more > 0 else ""
            lines.append(f"Compétences confirmées ({len(skills)}) : {labels}{tail}." if fr
                         else f"Confirmed skills ({len(skills)}): {labels}{tail}.")
        riasec = ((profile.get("interests") or {}).get("riasec")) or []
        if riasec:
            lines.append(("Centres d'intérêt (RIASEC) : " if fr else "Interests (RIASEC): ") + "".join(riasec) + ".")
        prefs = profile.get("preferences") or {}
        said = [str(prefs[k]) for k in ("location", "time", "training_appetite") if prefs.get(k)]
        if said:
            lines.append(("Préférences : " if fr else "Preferences: ") + ", ".join(said) + ".")
        if profile.get("target"):
            label = profile["target"].get("label", "?")
            lines.append(f"Métier visé : {label}." if fr else f"Target job: {label}.")
    consents = find("consents") or []
    granted = [c for c in consents if c.get("status") == "granted"]
    if granted:
        names = ", ".join(sorted({c.get("recipient_id", "?") for c in granted}))
        lines.append(f"Consentements en cours ({len(granted)}) : {names}." if fr
                     else f"Active consents ({len(granted)}): {names}.")
    elif consents:
        lines.append("Aucun consentement en cours." if fr else "No active consent.")
    shares = [s for s in find("shares") or [] if s.get("outcome") == "allowed"]
    if shares:
        names = ", ".join(sorted({s.get("recipient_id", "?") for s in shares}))
        lines.append(f"Données partagées {len(shares)} fois, avec : {names}." if fr
                     else f"Data shared {len(shares)} time(s), with: {names}.")
    for name, data in stores.items():
        if not isinstance(data, dict) or any(k in data for k in ("profile", "consents", "shares")):
            continue
        size = sum(len(v) if isinstance(v, (list, dict)) else int(v is not None) for v in data.values())
        if size:
            lines.append(f"« {name} » : {size} élément(s)." if fr else f"'{name}': {size} item(s).")
    if not lines:
        return "Je ne sais rien de vous pour l'instant." if fr else "I don't know anything about you yet."
    head = "Voici ce que je sais de vous :" if fr else "Here is what I know about you:"
    tail = ("Vous pouvez tout exporter ou tout effacer à tout moment." if fr
            else "You can export or erase all of it at any time.")
    return "\n".join([head, *("- " + line for line in lines), tail])
