"""What the attacks use: a live server, a person (conversation id and token), an organisation (API key)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import httpx
from security_app import LiveApp

LiveServer = LiveApp  # a real uvicorn server in a background thread on a free loopback port


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


