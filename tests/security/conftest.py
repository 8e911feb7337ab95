"""The security suite plays attacks against the real app: uvicorn on a loopback port, real HTTP
(httpx), real stores on SQLite and on PostgreSQL (``--database``), the real agent over the tiny
knowledge base (the dialogue is not what is under test here; who may read and act is).

Fixtures: ``server`` (one running app per backend for the session), ``http`` (a client with no
cookies, as an attacker has), ``person`` (a fresh conversation and its token), ``organisation``
(an organisation account and its API key), ``console`` (a logged-in counsellor client).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path

import httpx
import pytest
from security_client import LiveServer, Organisation, Person, make_organisation, start_person

from channels.app import create_app
from channels.services import Services
from channels.settings import Settings
from postgres_schema import postgres_schema


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "security_backend" in metafunc.fixturenames:
        choice = metafunc.config.getoption("--database")
        backends = ["sqlite", "postgres"] if choice == "all" else [choice]
        params = [pytest.param(b, marks=[pytest.mark.postgres] if b == "postgres" else [], id=b) for b in backends]
        metafunc.parametrize("security_backend", params, scope="session")


@pytest.fixture(scope="session")
def server(security_backend: str, tmp_path_factory, tiny_data_dir: Path, tiny_knowledge_dir: Path, tiny_kb,
           embedder) -> Iterator[LiveServer]:
    from tools.catalog.store import CatalogStore

    storage = tmp_path_factory.mktemp(f"security-{security_backend}") / "var"
    storage.mkdir(parents=True, exist_ok=True)
    (storage / "knowledge").symlink_to(tiny_knowledge_dir.resolve(), target_is_directory=True)
    schema = postgres_schema("sec") if security_backend == "postgres" else nullcontext("")
    with schema as database_url:
        # demo=True: the demo counsellor account and demo recipients the attacks are played against
        # per-client limits (tested in test_request_limits) raised: every attack here comes from one address
        settings = Settings(data_dir=tiny_data_dir, storage_dir=storage, database_url=database_url, demo=True,
                            telegram_token="", conversation_starts_per_minute=100_000, messages_per_minute=100_000)
        services = Services(settings)
        services.knowledge_base = tiny_kb
        services.embedder = embedder
        services.catalog = CatalogStore(services.database, kb=tiny_kb)  # no catalog: not what is under test
        app = create_app(settings, services)
        try:
            with LiveServer(app) as live:
                yield live
        finally:
            services.database.dispose()


@pytest.fixture
def http(server: LiveServer) -> Iterator[httpx.Client]:
    """A client that keeps no cookies: what an attacker who only knows ids has."""
    client = httpx.Client(base_url=server.url, timeout=60)
    client.event_hooks["response"] = [lambda _response: client.cookies.clear()]  # keep nothing the server sets
    with client:
        yield client


@pytest.fixture
def person(http: httpx.Client) -> Person:
    return start_person(http)


@pytest.fixture
def organisation(server: LiveServer) -> Organisation:
    return make_organisation(server, "employer", ["profiles:read", "traces:write"])


@pytest.fixture
def console(server: LiveServer) -> Iterator[httpx.Client]:
    """A client logged in as the demo counsellor (recipient ``demo-counsellor``)."""
    with httpx.Client(base_url=server.url, timeout=60) as client:
        response = client.post("/api/console/login", json={"username": "demo-counsellor", "password": "demo-password"})
        assert response.status_code == 200, response.text
        yield client
