"""Fixtures for the profile tests: real SQLite files in tmp dirs and a real PostgreSQL schema."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tools.profile.store import ProfileStore
from tools.storage.database import Database

POSTGRES_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Database:
    db = Database(f"sqlite:///{tmp_path / 'orient.sqlite3'}")
    db.create_schema()
    yield db
    db.dispose()


@pytest.fixture
def postgres_db() -> Database:
    """A fresh schema in the local PostgreSQL test database, dropped afterwards."""
    schema = f"h7_profile_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_SERVER)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    db = Database(f"{POSTGRES_SERVER}?options=-csearch_path%3D{schema}")
    db.create_schema()
    yield db
    db.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def any_db(request) -> Database:
    return request.getfixturevalue(f"{request.param}_db")


@pytest.fixture
def store(any_db: Database) -> ProfileStore:
    return ProfileStore(any_db)
