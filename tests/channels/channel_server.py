"""A real uvicorn server in a background thread on a free loopback port."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn

from channels.services import Services
from channels.settings import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    def __init__(self, app, port: int | None = None):
        self.app = app
        self.port = port or free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    lifespan="on", access_log=False))
        self.thread = threading.Thread(target=self.server.run, name=f"uvicorn-{self.port}", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 300
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("the server exited during start-up (see the log above)")
            if time.monotonic() > deadline:
                raise TimeoutError("the server did not start in time")
            time.sleep(0.05)
        return self

    def __exit__(self, *_exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def make_settings(storage: Path, data_dir: Path, knowledge_dir: Path, **overrides) -> Settings:
    storage.mkdir(parents=True, exist_ok=True)
    link = storage / "knowledge"
    if not link.exists():
        link.symlink_to(knowledge_dir.resolve(), target_is_directory=True)
    # the scripted people all talk from 127.0.0.1: the per-client limits (tests/security) stay out of the way
    overrides.setdefault("conversation_starts_per_minute", 1_000_000)
    overrides.setdefault("messages_per_minute", 1_000_000)
    return Settings(data_dir=data_dir, storage_dir=storage, **overrides)


def make_services(settings: Settings, shared: Services) -> Services:
    """Services over fresh stores for people's data, reusing the session's loaded knowledge base,
    model, linker and catalog (importing and linking the catalogs takes minutes)."""
    services = Services(settings)
    services.knowledge_base = shared.knowledge_base
    services.embedder = shared.embedder
    services.linker = shared.linker
    services.catalog = shared.catalog
    return services
