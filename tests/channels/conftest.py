"""Channel tests run the real app (uvicorn on a free loopback port) over real stores in a tmp folder,
with the real knowledge base (built once per session by the shared fixtures) and the real agent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from channel_server import LiveServer, make_services, make_settings

from catalog_slices import write_catalog_slices
from channels.app import create_app
from channels.services import Services
from channels.settings import Settings
from tools.catalog.store import CatalogStore


@pytest.fixture(scope="session")
def channels_settings(tmp_path_factory, data_dir: Path, real_knowledge_dir: Path) -> Settings:
    return make_settings(tmp_path_factory.mktemp("channels") / "var", data_dir, real_knowledge_dir)


@pytest.fixture(scope="session")
def shared_services(tmp_path_factory, data_dir: Path, real_knowledge_dir: Path, real_kb, embedder, linker) -> Services:
    """The session's knowledge base, model and linker, and a catalog made of a slice of the real
    sample catalogs (imported and linked once; the full samples take many minutes)."""
    storage = tmp_path_factory.mktemp("channels-shared") / "var"
    settings = make_settings(storage, data_dir, real_knowledge_dir)
    services = Services(settings)
    services.knowledge_base = real_kb
    services.embedder = embedder
    services.linker = linker
    slices = write_catalog_slices(data_dir, storage, courses=40, jobs=200)
    store = CatalogStore(services.database, kb=real_kb, linker=lambda: services.linker)
    store.import_file(slices["courses"], kind="courses", source="coursera-sample")
    store.import_file(slices["jobs"], kind="jobs", source="vacancies-sample")
    services.catalog = store
    return services


@pytest.fixture(scope="session")
def live(channels_settings: Settings, shared_services: Services) -> Iterator[LiveServer]:
    """One running app for the API, web and console tests of this session."""
    app = create_app(channels_settings, make_services(channels_settings, shared_services))
    with LiveServer(app) as server:
        yield server


@pytest.fixture
def client(live: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=60) as http:
        yield http


@pytest.fixture
def services(live: LiveServer) -> Services:
    return live.app.state.services
