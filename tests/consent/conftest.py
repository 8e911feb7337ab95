"""Fixtures for the consent, sharing, privacy and organisation tests: real stores (SQLite files in
tmp dirs; PostgreSQL schemas through the root ``database`` fixture), a real Ed25519 key on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.consent import ConsentService, ReceiptSigner
from tools.organisations import OrganisationService
from tools.organisations.traces import TraceService
from tools.profile.store import ProfileStore
from tools.schema import create_schema
from tools.sharing import Sharing
from tools.statistics import StatisticsService
from tools.storage.database import Database


@pytest.fixture
def signer(tmp_path: Path) -> ReceiptSigner:
    return ReceiptSigner.from_key_dir(tmp_path / "keys")


@pytest.fixture
def sqlite_database(tmp_path: Path):
    db = Database(f"sqlite:///{tmp_path / 'consent.sqlite3'}")
    create_schema(db)
    yield db
    db.dispose()


@pytest.fixture
def consents(database: Database, signer: ReceiptSigner) -> ConsentService:
    """On both backends (the root ``database`` fixture is parametrised sqlite/postgres)."""
    return ConsentService(database, signer)


@pytest.fixture
def sqlite_consents(sqlite_database: Database, signer: ReceiptSigner) -> ConsentService:
    return ConsentService(sqlite_database, signer)


@pytest.fixture
def sharing(consents: ConsentService) -> Sharing:
    return Sharing(consents)


@pytest.fixture
def stores(consents: ConsentService):
    """Every store H3 owns plus the profile store, over one database."""
    sharing = Sharing(consents)
    profiles = ProfileStore(consents.database)
    return {
        "consents": consents,
        "sharing": sharing,
        "statistics": StatisticsService(sharing),
        "organisations": OrganisationService(consents),
        "profiles": profiles,
        "traces": TraceService(consents, profiles),
    }
