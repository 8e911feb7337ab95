"""A local fake OpenAI-compatible server (FastAPI + uvicorn in a thread, on a free loopback
port) for the LLM path tests: the real ``openai`` client talks to it over HTTP.

``FakeOpenAI.mode`` picks the behaviour: ``json`` (the queued answers), ``slow`` (sleeps past the
client timeout), ``malformed`` (not JSON), ``refusal`` (a refusal message), ``error`` (HTTP 500).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FakeOpenAI:
    def __init__(self) -> None:
        self.mode = "json"
        self.answers: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self.delay_s = 3.0
        self.port = free_port()
        self.app = FastAPI()
        self.app.post("/v1/chat/completions")(self._completions)
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        deadline = time.time() + 10
        while not self.server.started and time.time() < deadline:
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    async def _completions(self, request: Request) -> JSONResponse:
        import asyncio

        body = await request.json()
        self.requests.append(body)
        if self.mode == "error":
            return JSONResponse({"error": {"message": "boom", "type": "server_error"}}, status_code=500)
        if self.mode == "slow":
            await asyncio.sleep(self.delay_s)
        content: str | None
        refusal = None
        if self.mode == "malformed":
            content = '{"skills": [{"label": "operate cash register", '
        elif self.mode == "refusal":
            content, refusal = None, "I can't help with that."
        else:
            content = json.dumps(self.answers.pop(0) if self.answers else {})
        return JSONResponse({
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": body.get("model"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content, "refusal": refusal}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        })
