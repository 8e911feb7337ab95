"""Fixtures of the agent tests: the local fake OpenAI-compatible server."""

from __future__ import annotations

import hashlib

import pytest
from fake_openai import FakeOpenAI


@pytest.fixture(scope="session")
def fake_openai():
    with FakeOpenAI() as server:
        yield server


# -- the real agent over real stores ---------------------------------------------------------------
from pathlib import Path  # noqa: E402

from chat_driver import Chat  # noqa: E402
from langgraph.checkpoint.memory import InMemorySaver  # noqa: E402

from agent.graph import build_graph  # noqa: E402
from channels.services import Services  # noqa: E402
from channels.settings import Settings  # noqa: E402


@pytest.fixture(scope="session")
def agent_services(tmp_path_factory, data_dir: Path, real_knowledge_dir: Path, real_kb, embedder, linker) -> Services:
    """Services over fresh stores in a tmp folder, with the session's knowledge base, model and linker."""
    storage = tmp_path_factory.mktemp("agent") / "var"
    storage.mkdir(parents=True)
    (storage / "knowledge").symlink_to(Path(real_knowledge_dir).resolve(), target_is_directory=True)
    services = Services(Settings(data_dir=data_dir, storage_dir=storage))
    services.knowledge_base = real_kb
    services.embedder = embedder
    services.linker = linker
    services.catalog = small_catalog(services, data_dir, storage)
    return services


def small_catalog(services: Services, data_dir: Path, folder: Path):
    """A slice of the real sample catalogs imported with the real linker (see catalog_slices.py)."""
    from catalog_slices import write_catalog_slices
    from tools.catalog.store import CatalogStore

    slices = write_catalog_slices(data_dir, folder, courses=160, jobs=400)
    store = CatalogStore(services.database, kb=services.knowledge_base, linker=lambda: services.linker,
                         embedder=lambda: services.embedder)
    store.import_file(slices["courses"], kind="courses", source="coursera-sample")
    store.import_file(slices["jobs"], kind="jobs", source="vacancies-sample")
    return store


@pytest.fixture(scope="session")
def agent_context(agent_services: Services):
    return agent_services.agent.context


@pytest.fixture
def new_chat(agent_context, request):
    """``new_chat(channel=..., hints=...)``: a conversation on a graph compiled for this test."""
    graph = build_graph(InMemorySaver())
    counter = iter(range(1000))

    def make(channel: str = "web", hints: dict | None = None) -> Chat:
        # the name cut short, and a digest of it whole: parametrised cases of a long test name stay apart
        name = request.node.name
        digest = hashlib.sha1(name.encode()).hexdigest()[:8]
        return Chat(graph, agent_context, f"t-{name[:40]}-{digest}-{next(counter)}", channel, hints)

    return make
