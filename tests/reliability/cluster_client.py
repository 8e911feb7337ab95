"""A person's side of a conversation over HTTP, for the cluster tests (any worker, any turn)."""

from __future__ import annotations

import time

import httpx

WELCOME_ANSWERS = {"start": "hello", "language": "en", "processing_consent": "yes"}


class Conversation:
    def __init__(self, clients: list[httpx.Client]):
        self.clients = clients
        self.id = ""
        self.token = ""
        self.reply: dict = {}
        self.turn = 0

    def start(self, worker: int = 0) -> dict:
        response = self.clients[worker].post("/api/conversations", json={"channel": "web"})
        assert response.status_code == 201, response.text
        self.id, self.reply = response.json()["conversation_id"], response.json()["reply"]
        self.token = response.json()["token"]
        return self.reply

    @property
    def auth(self) -> dict[str, str]:
        """The person's key, sent on every call of their conversation (to any worker)."""
        return {"Authorization": f"Bearer {self.token}"}

    def send(self, text: str, worker: int, message_id: str | None = None) -> dict:
        """Sends and returns the whole body; fails the test on anything but 200."""
        self.turn += 1
        response = self.post(text, worker, message_id or f"m{self.turn}")
        assert response.status_code == 200, response.text
        body = response.json()
        self.reply = body["reply"]
        return body

    def post(self, text: str, worker: int, message_id: str) -> httpx.Response:
        return self.clients[worker].post(
            f"/api/conversations/{self.id}/messages", json={"text": text, "client_message_id": message_id},
            headers=self.auth,
        )

    def until(self, expecting: str, max_turns: int = 8) -> None:
        """Answers the welcome steps (alternating workers) until the agent expects ``expecting``."""
        for _ in range(max_turns):
            if self.reply["expecting"] == expecting:
                return
            self.send(WELCOME_ANSWERS.get(self.reply["expecting"], "yes"), worker=(self.turn + 1) % len(self.clients))
        raise AssertionError(f"the agent never expected {expecting!r}: {self.reply}")

    def turns(self, worker: int = 0) -> list[dict]:
        response = self.clients[worker].get(f"/api/conversations/{self.id}", headers=self.auth)
        assert response.status_code == 200, response.text
        return response.json()["turns"]


def clients_for(urls: list[str], timeout_s: float = 60) -> list[httpx.Client]:
    return [httpx.Client(base_url=url, timeout=timeout_s) for url in urls]


def wait_for_model_call(llm, calls_before: int, timeout_s: float = 60) -> None:
    """Wait until a turn in flight reaches the (slow) fake LLM: it is then mid-turn."""
    deadline = time.monotonic() + timeout_s
    while llm.calls == calls_before:
        assert time.monotonic() < deadline, "the turn never reached the model"
        time.sleep(0.02)
