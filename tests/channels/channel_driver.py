"""Drives a whole conversation through the HTTP API with the scripted user."""

from __future__ import annotations

from typing import Any

import httpx
from channel_user import ScriptedUser


def start(client: httpx.Client) -> tuple[str, dict[str, Any]]:
    response = client.post("/api/conversations", json={"channel": "web"})
    assert response.status_code == 201, response.text
    body = response.json()
    return body["conversation_id"], body["reply"]


def run_to_end(client: httpx.Client, user: ScriptedUser | None = None, max_turns: int = 45) -> tuple[str, list[dict[str, Any]]]:
    user = user or ScriptedUser()
    conversation_id, reply = start(client)
    replies = [reply]
    for turn in range(max_turns):
        if reply["finished"] or reply["expecting"] == "end":
            return conversation_id, replies
        text, _ = user.answer(reply)
        response = client.post(f"/api/conversations/{conversation_id}/messages",
                               json={"text": text, "client_message_id": f"t{turn}"})
        assert response.status_code == 200, response.text
        reply = response.json()["reply"]
        replies.append(reply)
    raise AssertionError(f"no end after {max_turns} turns; last: {reply['expecting']} {reply['text'][:200]}")
