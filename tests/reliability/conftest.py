"""Fixtures of the reliability tests: API worker processes over a shared backend, on loopback.

One cluster (two uvicorn workers) per backend for the whole session: the first start migrates the
database and imports the default catalogs (minutes), so tests share it and use their own
conversations. A local fake OpenAI-compatible endpoint lets a test make a turn last as long as it
needs (``slow_llm.delay_s``) to kill a worker or drop connections while the turn is in flight.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from benchmarks._worker_pool import WorkerPool
from channels.settings import Settings

POSTGRES_TEST_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "cluster_backend" in metafunc.fixturenames:
        pinned = [m.kwargs.get("only") or m.args[0] for m in metafunc.definition.iter_markers("cluster_backend")]
        choice = metafunc.config.getoption("--database")
        backends = ["sqlite", "postgres"] if choice == "all" else [choice]
        if pinned:
            backends = [pinned[0]]
        params = [pytest.param(b, marks=[pytest.mark.postgres] if b == "postgres" else [], id=b) for b in backends]
        metafunc.parametrize("cluster_backend", params, scope="session")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "cluster_backend(name): run this cluster test on one backend only")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FakeLLM:
    """A local OpenAI-compatible endpoint answering every chat completion after ``delay_s`` with an
    empty JSON object (the agent then keeps its offline result). ``calls`` counts requests."""

    def __init__(self) -> None:
        self.delay_s = 0.0
        self.calls = 0
        self.port = _free_port()
        app = FastAPI()
        app.post("/v1/chat/completions")(self._completions)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def _completions(self, request: Request) -> JSONResponse:
        import asyncio

        body = await request.json()
        self.calls += 1
        await asyncio.sleep(self.delay_s)
        return JSONResponse({
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": body.get("model"),
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": json.dumps({})}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        })


@pytest.fixture(scope="session")
def slow_llm() -> Iterator[FakeLLM]:
    llm = FakeLLM()
    llm.thread.start()
    deadline = time.time() + 10
    while not llm.server.started and time.time() < deadline:
        time.sleep(0.02)
    yield llm
    llm.server.should_exit = True
    llm.thread.join(timeout=10)


@pytest.fixture(scope="session")
def knowledge_storage(tmp_path_factory: pytest.TempPathFactory, real_knowledge_dir: Path) -> Path:
    """A storage folder whose knowledge base is the session's real one (symlinked, read-only use)."""
    storage = tmp_path_factory.mktemp("cluster") / "var"
    storage.mkdir(parents=True)
    (storage / "knowledge").symlink_to(Path(real_knowledge_dir).resolve(), target_is_directory=True)
    return storage


@pytest.fixture(scope="session")
def catalog_slices(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> dict[str, Path]:
    """Small slices of the real sample catalogs (linking the whole samples takes minutes)."""
    from catalog_slices import write_catalog_slices

    return write_catalog_slices(data_dir, tmp_path_factory.mktemp("catalog-slices"), courses=60, jobs=400)


@pytest.fixture(scope="session")
def seed_catalogs(catalog_slices: dict[str, Path], real_kb, linker):
    """Imports the catalog slices under the default sources' names into a database (linked by the
    session's linker), so that the workers find their catalogs there instead of importing the whole
    samples at start-up."""
    from tools.catalog.store import CatalogStore
    from tools.schema import create_schema
    from tools.storage.database import Database

    def seed(database_url: str) -> None:
        database = Database(database_url)
        create_schema(database)
        store = CatalogStore(database, kb=real_kb, linker=lambda: linker)
        store.import_file(catalog_slices["courses"], kind="courses", source="coursera-sample")
        store.import_file(catalog_slices["jobs"], kind="jobs", source="vacancies-sample")
        database.dispose()

    return seed


@pytest.fixture(scope="session")
def cluster_database_url(cluster_backend: str, tmp_path_factory: pytest.TempPathFactory, seed_catalogs) -> Iterator[str]:
    """The cluster's database for the session: a SQLite file, or a PostgreSQL schema of its own."""
    if cluster_backend == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('cluster-db') / 'orient.sqlite3'}"
        seed_catalogs(url)
        yield url
        return
    from sqlalchemy import create_engine, text

    schema = f"cluster_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_TEST_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{POSTGRES_TEST_URL}?options=-csearch_path%3D{schema}&application_name=orient-{schema}"
    seed_catalogs(url)
    yield url
    with admin.connect() as connection:
        connection.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :a"),
            {"a": f"orient-{schema}"},
        )
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def cluster_settings(data_dir: Path, knowledge_storage: Path, cluster_database_url: str, slow_llm: FakeLLM,
                     tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of the workers: the shared knowledge, the cluster's database and checkpoints, the fake LLM."""
    run_dir = tmp_path_factory.mktemp("cluster-run")
    postgres = cluster_database_url.startswith("postgresql")
    return Settings(
        data_dir=data_dir,
        storage_dir=knowledge_storage,
        database_url=cluster_database_url,
        checkpoint_url="" if postgres else str(run_dir / "checkpoints.sqlite3"),
        llm_base_url=slow_llm.base_url,
        llm_model="fake",
        llm_timeout_s=20,
        torch_threads=1,
        warm_up_before_serving=True,
        # every test conversation comes from one address: no per-client limit in the way
        conversation_starts_per_minute=1_000_000,
        messages_per_minute=1_000_000,
    )


# Every log line of the cluster's workers, in their log files: the access log, uvicorn, our own
# packages at DEBUG, everything else at INFO (test_no_personal_data_in_logs reads them all).
CAPTURED_LOGS = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {
        **{name: {"level": "DEBUG"} for name in ("agent", "channels", "tools", "knowledge", "evals")},
        "uvicorn": {"level": "INFO"},
        "uvicorn.error": {"level": "INFO"},
        "uvicorn.access": {"level": "INFO"},
    },
}


@pytest.fixture(scope="session")
def cluster(cluster_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerPool]:
    """Two API workers over the cluster's backend, for the whole session (a test that kills one
    restarts it), every line they log captured (CAPTURED_LOGS)."""
    log_dir = tmp_path_factory.mktemp("cluster-logs")
    config = log_dir / "logging.json"
    config.write_text(json.dumps(CAPTURED_LOGS))
    # the database is seeded (schema, catalogs): both workers start at once
    pool = WorkerPool(cluster_settings, 2, log_dir, uvicorn_args=["--log-config", str(config)], database_ready=True)
    pool.start()
    yield pool
    pool.stop()


@pytest.fixture
def live_cluster(cluster: WorkerPool, slow_llm: FakeLLM) -> Iterator[WorkerPool]:
    """The session's cluster with every worker up and the fake LLM fast, before and after the test."""
    for worker in cluster.workers:
        if not worker.alive():
            cluster.restart(worker.index)
    slow_llm.delay_s = 0.0
    yield cluster
    slow_llm.delay_s = 0.0
    for worker in cluster.workers:
        if not worker.alive():
            cluster.restart(worker.index)


class InProcessServer:
    """The real app under uvicorn in a thread on a free loopback port (for the security tests)."""

    def __init__(self, app) -> None:
        self.app = app
        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    lifespan="on", access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> InProcessServer:
        self.thread.start()
        deadline = time.monotonic() + 600
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the app did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *_exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="session")
def security_app(tmp_path_factory: pytest.TempPathFactory, data_dir: Path, knowledge_storage: Path, real_kb,
                 embedder, linker, seed_catalogs) -> Iterator[InProcessServer]:
    """One running app (SQLite, the real knowledge base, linker and agent, small catalogs) for the security tests."""
    from channels.app import create_app
    from channels.services import Services

    run_dir = tmp_path_factory.mktemp("security")
    database_url = f"sqlite:///{run_dir / 'orient.sqlite3'}"
    seed_catalogs(database_url)
    settings = Settings(data_dir=data_dir, storage_dir=knowledge_storage, database_url=database_url,
                        checkpoint_url=str(run_dir / "checkpoints.sqlite3"), warm_up_before_serving=True,
                        conversation_starts_per_minute=1_000_000, messages_per_minute=1_000_000)
    services = Services(settings)
    services.knowledge_base = real_kb
    services.embedder = embedder
    services.linker = linker
    with InProcessServer(create_app(settings, services)) as server:
        yield server
