"""What the attacks use: a live server, a person (conversation id and token), an organisation (API key)."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from dataclasses import dataclass

import httpx
import uvicorn

from channels.services import Services


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """A real uvicorn server in a background thread on a free loopback port."""

    def __init__(self, app):
        self.app = app
        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    lifespan="on", access_log=False))
        self.thread = threading.Thread(target=self.server.run, name=f"uvicorn-{self.port}", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def services(self) -> Services:
        return self.app.state.services

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


@dataclass
class Person:
    conversation_id: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def start_person(client: httpx.Client) -> Person:
    response = client.post("/api/conversations", json={"channel": "web", "language": "en"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["token"] and body["conversation_id"]
    return Person(body["conversation_id"], body["token"])


@dataclass
class Organisation:
    id: str
    recipient_id: str
    key: str

    @property
    def auth(self) -> dict[str, str]:
        return {"X-API-Key": self.key}


def make_organisation(server: LiveServer, kind: str = "employer", scopes: list[str] | None = None) -> Organisation:
    orgs = server.services.organisations
    org = orgs.create(f"Attacker {uuid.uuid4().hex[:6]}", kind)
    key = orgs.create_key(org.id, scopes)
    return Organisation(org.id, org.recipient_id, key.key)


