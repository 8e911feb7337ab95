"""Shared fixtures. Area-specific fixtures live in the conftest.py of each test folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from channels.settings import Settings
from postgres_schema import postgres_schema

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Most tests use the demo recipients and the demo counsellor, which exist only in demo mode: the
# test session turns it on explicitly (subprocesses inherit it); tests of a real deployment's
# defaults (tests/security) pass demo=False.
os.environ.setdefault("ORIENT_DEMO", "true")
# The real knowledge base's build shares the machine cache (label vectors, their index, the linker's
# vectors: see knowledge/build.py) with `make run` and other checkouts; every other build a test
# makes (tiny data, a CLI run in a temporary folder) keeps its caches in its own folder.
MACHINE_CACHE = Settings().machine_cache
os.environ["ORIENT_CACHE_DIR"] = "off"


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


# --- Relational backends: the store tests run on SQLite and on PostgreSQL -----------------------
# `--database=sqlite|postgres|all` or ORIENT_TEST_DATABASE (default: all). PostgreSQL is the
# server at ORIENT_TEST_POSTGRES_URL (default 127.0.0.1:5432, database `test`, user postgres);
# each test gets its own schema (search_path in the URL), dropped afterwards.


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database",
        default=os.environ.get("ORIENT_TEST_DATABASE", "all"),
        choices=["sqlite", "postgres", "all"],
        help="relational backend(s) for the `database` fixtures (default: $ORIENT_TEST_DATABASE or all)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    pinned = any("database_backend" in str(m.args[0]) for m in metafunc.definition.iter_markers("parametrize"))
    if "database_backend" in metafunc.fixturenames and not pinned:  # a test may pin its backend(s)
        choice = metafunc.config.getoption("--database")
        backends = ["sqlite", "postgres"] if choice == "all" else [choice]
        params = [pytest.param(b, marks=[pytest.mark.postgres] if b == "postgres" else [], id=b) for b in backends]
        metafunc.parametrize("database_backend", params)


@pytest.fixture
def database_url(database_backend: str, tmp_path: Path) -> Iterator[str]:
    """A SQLAlchemy URL to an empty database of the backend under test (parametrised sqlite/postgres)."""
    if database_backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'orient-test.sqlite3'}"
        return
    with postgres_schema() as url:
        yield url


@pytest.fixture
def database(database_url: str):
    """A migrated ``Database`` on the backend under test (fresh per test)."""
    from tools.schema import create_schema
    from tools.storage.database import Database

    db = Database(database_url)
    create_schema(db)
    yield db
    db.dispose()


@pytest.fixture
def backend_settings(settings: Settings, database_url: str) -> Settings:
    """``settings`` pointed at the backend under test (PostgreSQL also holds the LangGraph checkpoints)."""
    return settings.model_copy(update={"database_url": database_url})


# --- Knowledge base (H1): the embedding model, the real knowledge base, a tiny one ----------------
# The real knowledge base is `make run`'s, var/knowledge, built there on first use so that either
# command reuses the other's build (content-hashed: unchanged data is reused in about a second); when
# var/knowledge holds a build of other inputs (another data folder or encoder), the tests build theirs
# into var/test-cache/knowledge instead and leave it alone.
RUN_KNOWLEDGE = PROJECT_ROOT / "var" / "knowledge"
TEST_CACHE = PROJECT_ROOT / "var" / "test-cache"


@pytest.fixture(scope="session")
def embedder():
    """all-MiniLM-L6-v2 from its PyPI package, offline, torch threads and worker processes for
    large jobs (a knowledge build, the linker's descriptions) as in Settings."""
    from knowledge.embeddings import load_minilm

    settings = Settings()
    return load_minilm(threads=settings.torch_threads, processes=settings.encode_processes)


@pytest.fixture(scope="session")
def real_knowledge_dir(data_dir: Path, embedder) -> Path:
    """The real knowledge base folder (built on first use, reused while the data is unchanged)."""
    from knowledge.build import build_knowledge, current_build, is_up_to_date

    folder = RUN_KNOWLEDGE
    if current_build(folder) is not None and not is_up_to_date(data_dir, folder, embedder.name):
        folder = TEST_CACHE / "knowledge"
    build_knowledge(data_dir, folder, embedder, progress=True, cache_dir=MACHINE_CACHE)
    return folder


@pytest.fixture(scope="session")
def real_kb(real_knowledge_dir: Path):
    """The real knowledge base (ESCO, ROME, O*NET, crosswalks), loaded."""
    from knowledge.base import KnowledgeBase

    return KnowledgeBase.load(real_knowledge_dir)


@pytest.fixture(scope="session")
def tiny_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny copy of the reference data's layout (tests/knowledge_data.py)."""
    from knowledge_data import write_tiny_data

    return write_tiny_data(tmp_path_factory.mktemp("tiny-data"))


@pytest.fixture(scope="session")
def tiny_knowledge_dir(tiny_data_dir: Path, embedder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from knowledge.build import build_knowledge

    folder = tmp_path_factory.mktemp("tiny-kb") / "knowledge"
    build_knowledge(tiny_data_dir, folder, embedder, progress=False)
    return folder


@pytest.fixture(scope="session")
def tiny_kb(tiny_knowledge_dir: Path):
    """A knowledge base built from the tiny fixture data: 5 skills, 4 occupations, 2 ROME codes."""
    from knowledge.base import KnowledgeBase

    return KnowledgeBase.load(tiny_knowledge_dir)


@pytest.fixture(scope="session")
def linker(real_kb, embedder):
    """The skill/occupation linking engine over the real knowledge base (H2)."""
    from tools.linking import SkillLinker

    linker = SkillLinker(real_kb, embedder, None)
    linker.warm_up()
    return linker
