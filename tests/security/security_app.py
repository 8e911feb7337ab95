"""The real app on a loopback port over the tiny knowledge base, for the erasure, limits and
accounts attacks: each test gets fresh stores (its own storage folder and settings), and the loaded
models (knowledge base, embedder, linker, catalog, dialogue-act reader) are shared by the session.

Import the fixtures into a test module: ``from security_app import app_factory, shared_tiny  # noqa: F401``.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from channels.app import create_app
from channels.services import Services
from channels.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "channels"))  # the fake Bot API

TELEGRAM_TOKEN = "123456:TEST-token"
WEBHOOK_SECRET = "s3cret-webhook"

# What a fresh test's Services takes over from the session's warmed one (loaded once).
SHARED = ("knowledge_base", "embedder", "linker", "catalog", "act_reader")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveApp:
    """uvicorn in a background thread; ``access_log`` on to check what the access log writes."""

    def __init__(self, app, access_log: bool = False):
        self.app = app
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="info" if access_log else "warning",
                                lifespan="on", access_log=access_log)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name=f"uvicorn-{self.port}", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def services(self) -> Services:
        return self.app.state.services

    def start(self) -> LiveApp:
        self.thread.start()
        deadline = time.monotonic() + 300
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("the server exited during start-up (see the log above)")
            if time.monotonic() > deadline:
                raise TimeoutError("the server did not start in time")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)

    def __enter__(self) -> LiveApp:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()


def tiny_settings(storage: Path, data_dir: Path, knowledge_dir: Path, **overrides) -> Settings:
    storage.mkdir(parents=True, exist_ok=True)
    link = storage / "knowledge"
    if not link.exists():
        link.symlink_to(knowledge_dir.resolve(), target_is_directory=True)
    return Settings(data_dir=data_dir, storage_dir=storage, **overrides)


@pytest.fixture(scope="session")
def shared_tiny(tmp_path_factory, tiny_data_dir: Path, tiny_knowledge_dir: Path, embedder) -> Services:
    """Services over the tiny knowledge base with everything a turn needs loaded once."""
    storage = tmp_path_factory.mktemp("security-shared") / "var"
    services = Services(tiny_settings(storage, tiny_data_dir, tiny_knowledge_dir, demo=True))
    services.embedder = embedder
    services.linker.warm_up(tuple(services.settings.languages))
    for name in SHARED:
        if hasattr(type(services), name):
            getattr(services, name)
    return services


@pytest.fixture
def app_factory(tmp_path: Path, tiny_data_dir: Path, tiny_knowledge_dir: Path,
                shared_tiny: Services) -> Iterator[Callable[..., LiveApp]]:
    """``app_factory(**settings)``: a started app over fresh stores in this test's folder
    (``storage=`` another folder to restart over the same stores; ``access_log=True``)."""
    started: list[LiveApp] = []

    def make(storage: Path | None = None, access_log: bool = False, **overrides) -> LiveApp:
        settings = tiny_settings(storage or tmp_path / "var", tiny_data_dir, tiny_knowledge_dir, **overrides)
        services = Services(settings)
        for name in SHARED:
            if hasattr(type(shared_tiny), name):
                setattr(services, name, getattr(shared_tiny, name))
        live = LiveApp(create_app(settings, services), access_log=access_log).start()
        started.append(live)
        return live

    yield make
    for live in started:
        live.stop()
        live.services.database.dispose()


@pytest.fixture(scope="session")
def webhook_settings() -> Iterator[dict]:
    """Settings of a bot in webhook mode, its Bot API being the local fake one (tests/channels)."""
    from fake_bot_api import FakeTelegram

    fake = FakeTelegram(TELEGRAM_TOKEN)
    server = LiveApp(fake.app).start()
    yield {"telegram_token": TELEGRAM_TOKEN, "telegram_base_url": server.url, "telegram_mode": "webhook",
           "telegram_webhook_secret": WEBHOOK_SECRET}
    server.stop()


@contextmanager
def umask(mask: int) -> Iterator[None]:
    import os

    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)
