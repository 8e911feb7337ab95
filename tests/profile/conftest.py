"""Fixtures for the profile tests. The store runs on the shared ``database`` fixture
(tests/conftest.py): a fresh SQLite file and a fresh PostgreSQL schema, per test."""

from __future__ import annotations

import pytest

from tools.profile.store import ProfileStore


@pytest.fixture
def store(database) -> ProfileStore:
    return ProfileStore(database)
