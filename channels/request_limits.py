"""Limits every HTTP request meets before the app reads it: body size and per-client rates.

``RequestLimits`` is an ASGI middleware in front of every route (the Telegram webhook included):

- **Body size**, before anything is parsed: a ``Content-Length`` above the limit is answered 413 at
  once, without reading a byte of the body; a body without one (chunked) is counted as it arrives
  and refused as soon as it passes the limit. Organisation uploads (a request with an API key to
  ``/api/org/catalogs`` or ``/api/org/packs``) get ``max_upload_bytes``; every other request
  ``max_body_bytes``.
- **Per-client rates** (by client address): conversations started (or resumed with a resume
  code, ``/api/resume``) and messages sent per minute,
  answered 429 with ``Retry-After`` beyond. Counts are kept in the relational database
  (``DatabaseRateLimiter``), so every worker shares them; the address is stored hashed.

``ClientLimits`` also throttles console logins: failed attempts are counted per client address and
per account name, and a login is refused (429) while either is over its limit, before the password
is even checked.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import math
import re
from collections.abc import Awaitable, Callable, MutableMapping
from functools import cached_property
from typing import Any

from starlette.exceptions import HTTPException

from channels.settings import Settings
from tools.storage.failures import storage_failure

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_PATHS = frozenset({"/api/org/catalogs", "/api/org/packs"})
_START = re.compile(r"^/api/(conversations|resume)/?$")  # a new conversation, or one resumed with a code
_MESSAGE = re.compile(r"^/api/conversations/[^/]+/messages(/stream)?/?$")
log = logging.getLogger(__name__)


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a body without Content-Length passes the limit mid-way (a
    Starlette HTTPException, so the route's body parsing lets it through to the 413 handler)."""

    def __init__(self, limit: int):
        super().__init__(413, detail={"error": "body_too_large", "detail": body_too_large_reason(limit)})
        self.limit = limit


def body_too_large_reason(limit: int) -> str:
    size = f"{limit / 1_048_576:g} MB" if limit >= 1_048_576 else f"{limit / 1024:g} KB"
    return f"the request body is larger than this server accepts ({size}, {limit} bytes)"


def _hashed(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def retry_after(seconds: float) -> str:
    return str(max(1, math.ceil(seconds)))


class ClientLimits:
    """Per-client and per-account counters over one ``DatabaseRateLimiter`` (built on first use)."""

    def __init__(self, settings: Settings, limiter_factory: Callable[[], Any]):
        self.settings = settings
        self._factory = limiter_factory

    @cached_property
    def limiter(self) -> Any:
        return self._factory()

    def conversation_start(self, client: str) -> tuple[bool, float]:
        return self.limiter.allow(f"start:{_hashed(client)}", self.settings.conversation_starts_per_minute)

    def message(self, client: str) -> tuple[bool, float]:
        return self.limiter.allow(f"message:{_hashed(client)}", self.settings.messages_per_minute)

    def _login_keys(self, client: str, username: str) -> list[tuple[str, int]]:
        return [(f"login-ip:{_hashed(client)}", self.settings.failed_logins_per_minute),
                (f"login-user:{_hashed(username.strip().casefold())}", self.settings.failed_logins_per_account_per_minute)]

    def login_allowed(self, client: str, username: str) -> tuple[bool, float]:
        """Whether a login may be tried now (no failure count over its limit), and how long to wait."""
        waits = [wait for allowed, wait in (self.limiter.peek(k, n) for k, n in self._login_keys(client, username))
                 if not allowed]
        return (not waits, max(waits, default=0.0))

    def login_failed(self, client: str, username: str) -> None:
        for key, limit in self._login_keys(client, username):
            self.limiter.allow(key, limit)


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


async def send_error(send: Send, status: int, error: str, detail: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"error": error, "detail": detail, "errors": []}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
           (b"connection", b"close")]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class RequestLimits:
    """The ASGI middleware (see the module docstring)."""

    def __init__(self, app: ASGIApp, settings: Settings, limits: ClientLimits):
        self.app = app
        self.settings = settings
        self.limits = limits

    def body_limit(self, scope: Scope, headers: dict[bytes, bytes]) -> int:
        if scope["path"].rstrip("/") in UPLOAD_PATHS and b"x-api-key" in headers:
            return self.settings.max_upload_bytes
        return self.settings.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        limit = self.body_limit(scope, headers)
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await send_error(send, 400, "bad_content_length", "the Content-Length header is not a number")
                return
            if int(declared) > limit:  # answered before a byte of the body is read
                await send_error(send, 413, "body_too_large", body_too_large_reason(limit))
                return
        if scope["method"] == "POST":
            path = scope["path"]
            check = (self.limits.conversation_start if _START.match(path)
                     else self.limits.message if _MESSAGE.match(path) else None)
            if check is not None:
                try:
                    allowed, wait = await asyncio.to_thread(check, client_address(scope))
                except Exception as exc:  # the counters' storage is full or read-only: the route's own 503
                    failure = storage_failure(exc)
                    if failure is None:
                        raise
                    log.error("storage failure %s on the per-client request counters", failure.kind)
                    french = headers.get(b"accept-language", b"").lower().startswith(b"fr")
                    await send_error(send, 503, failure.kind, failure.reason("fr" if french else "en"),
                                     {"Retry-After": "5"})
                    return
                if not allowed:
                    what = ("conversations started or resumed" if check == self.limits.conversation_start
                            else "messages sent")
                    await send_error(send, 429, "too_many_requests",
                                     f"too many {what} from your address; try again in {retry_after(wait)} s",
                                     {"Retry-After": retry_after(wait)})
                    return

        received = 0
        response_started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge as too_large:
            if response_started:
                raise
            await send_error(send, 413, "body_too_large", body_too_large_reason(too_large.limit))
