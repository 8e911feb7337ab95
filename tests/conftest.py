"""Shared fixtures. Area-specific fixtures live in the conftest.py of each test folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from channels.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The real reference data (../shared/data), for integration tests and benchmarks."""
    path = Path(os.environ.get("ORIENT_DATA_DIR", PROJECT_ROOT.parent / "shared" / "data"))
    if not (path / "esco-v1.1.1").is_dir():
        pytest.fail(f"reference data not found at {path}: set ORIENT_DATA_DIR")
    return path


@pytest.fixture
def settings(tmp_path: Path, data_dir: Path) -> Settings:
    """Settings with a fresh storage folder per test."""
    return Settings(data_dir=data_dir, storage_dir=tmp_path / "var")
