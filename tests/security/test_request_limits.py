"""Limits before parsing: an oversized body is refused (413, with a reason) on every route, the
Telegram webhook included, before the server reads it; starting conversations and sending messages
are limited per client (429 with Retry-After); the access log names no conversation and no token."""

from __future__ import annotations

import json
import logging
import re
import socket
import threading
import time

import httpx
import pytest
from security_app import WEBHOOK_SECRET, app_factory, shared_tiny, webhook_settings  # noqa: F401  (fixtures)

FORTY_MB = 40 * 1024 * 1024
CHUNK = 64 * 1024


def read_response(sock: socket.socket, timeout: float) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of the HTTP response on ``sock`` (read until the body is complete)."""
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        part = sock.recv(65536)
        if not part:
            break
        data += part
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        part = sock.recv(65536)
        if not part:
            break
        body += part
    return status, headers, body


def oversized_request(port: int, method: str, path: str, extra_headers: str = "") -> tuple[int, dict, bytes, int]:
    """Announce a 40 MB body, send only its first 64 KB, and wait for the answer: a server that
    reads the body first never answers. Returns (status, headers, body, bytes of body sent)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                f"Content-Length: {FORTY_MB}\r\n{extra_headers}\r\n")
        sock.sendall(head.encode() + b"{" + b" " * (CHUNK - 1))
        status, headers, body = read_response(sock, timeout=10)
        return status, headers, body, CHUNK


def chunked_flood(port: int, path: str, extra_headers: str = "") -> tuple[int, int]:
    """Stream up to 40 MB with no Content-Length (chunked) from a thread; returns (status, bytes sent
    before the server answered and closed)."""
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall((f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                      f"Transfer-Encoding: chunked\r\n{extra_headers}\r\n").encode())
        stop = threading.Event()

        def pump() -> None:
            nonlocal sent
            chunk = f"{CHUNK:x}\r\n".encode() + b" " * CHUNK + b"\r\n"
            try:
                while sent < FORTY_MB and not stop.is_set():
                    sock.sendall(chunk)
                    sent += CHUNK
            except OSError:
                pass  # the server answered and closed the connection

        thread = threading.Thread(target=pump, daemon=True)
        thread.start()
        status, _headers, _body = read_response(sock, timeout=30)
        stop.set()
        thread.join(timeout=30)
    return status, sent


def every_route(app) -> list[tuple[str, str]]:
    """(method, concrete path) for every route of the API (its OpenAPI document), plus the pages,
    static files and an unknown path."""
    out = []
    for path, operations in app.openapi()["paths"].items():
        concrete = re.sub(r"\{[^}]+\}", "web-abcdefgh12345678", path)
        out += [(method.upper(), concrete) for method in sorted(operations) if method != "head"]
    out += [("POST", "/"), ("POST", "/console"), ("POST", "/widget/frame"), ("POST", "/static/chat.js"),
            ("POST", "/no/such/route")]
    return out


def test_oversized_bodies_are_refused_on_every_route_before_they_are_read(app_factory, webhook_settings):  # noqa: F811
    live = app_factory(**webhook_settings)
    routes = every_route(live.app)
    assert ("POST", "/telegram/webhook") in routes and ("POST", "/api/conversations") in routes
    assert len(routes) > 40
    refused = {}
    for method, path in routes:
        headers = f"X-Telegram-Bot-Api-Secret-Token: {WEBHOOK_SECRET}\r\n" if "telegram" in path else ""
        status, _headers, body, sent = oversized_request(live.port, method, path, headers)
        refused[(method, path)] = status
        assert status == 413, (method, path, status, body[:200])
        answer = json.loads(body)
        assert answer["error"] == "body_too_large" and "1 MB" in answer["detail"]
        assert sent < FORTY_MB
    # the server still serves after all that
    assert httpx.get(f"{live.url}/api/health", timeout=30).status_code == 200


def test_organisation_uploads_get_their_own_limit(app_factory):  # noqa: F811
    live = app_factory(max_upload_bytes=2 * 1024 * 1024)
    status, _h, body, _sent = oversized_request(live.port, "POST", "/api/org/catalogs", "X-API-Key: ok_x\r\n")
    assert status == 413 and "2 MB" in json.loads(body)["detail"]


@pytest.mark.parametrize("path", ["/api/conversations", "/telegram/webhook", "/api/console/login"])
def test_bodies_without_a_length_are_cut_at_the_limit(app_factory, webhook_settings, path):  # noqa: F811
    live = app_factory(**webhook_settings)
    headers = f"X-Telegram-Bot-Api-Secret-Token: {WEBHOOK_SECRET}\r\n" if "telegram" in path else ""
    status, sent = chunked_flood(live.port, path, headers)
    assert status == 413
    # `sent` counts what the client pushed, loopback socket buffers (several MB) and the sender
    # thread's run until the reader wakes up on a busy machine included: half the flood at most
    # proves the server stopped reading and answered long before the 40 MB were sent.
    assert sent < FORTY_MB // 2, f"{sent} bytes were taken in before the refusal"


def test_webhook_checks_the_secret_before_reading_the_body(app_factory, webhook_settings):  # noqa: F811
    live = app_factory(**webhook_settings)
    for secret in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
        # not JSON at all: a handler that parsed first would answer 422, not 403
        answer = httpx.post(f"{live.url}/telegram/webhook", content=b"\x00not json{", headers=secret, timeout=30)
        assert answer.status_code == 403, answer.text
        assert answer.json()["error"] == "bad_secret_token"
    good = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
    assert httpx.post(f"{live.url}/telegram/webhook", content=b"not json", headers=good, timeout=30).status_code == 422
    assert httpx.post(f"{live.url}/telegram/webhook", json=[1], headers=good, timeout=30).status_code == 422


def limited(responses: list[httpx.Response], limit: int) -> None:
    """The first 429 comes after at least ``limit`` accepted requests (at most twice as many when
    the one-minute window turned meanwhile) and says when to retry."""
    codes = [r.status_code for r in responses]
    assert 429 in codes, codes
    first = codes.index(429)
    assert limit <= first <= 2 * limit, codes
    assert all(c in (200, 201) for c in codes[:first]), codes
    refused = responses[first]
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.json()["error"] == "too_many_requests"


def test_starting_conversations_is_limited_per_client(app_factory):  # noqa: F811
    live = app_factory(conversation_starts_per_minute=3)
    with httpx.Client(base_url=live.url, timeout=60) as client:
        responses = [client.post("/api/conversations", json={"language": "en"}) for _ in range(7)]
        guessed = client.post("/api/resume", json={"code": "AAAA-BBBB-CCCC-DDDD-EEEE"})  # guessing resume codes too
    limited(responses, 3)
    assert guessed.status_code in (401, 429)
    if responses[-1].status_code == 429:  # still in the window that refused the last start
        assert guessed.status_code == 429 and "resumed" in guessed.json()["detail"]


def test_sending_messages_is_limited_per_client(app_factory):  # noqa: F811
    live = app_factory(messages_per_minute=4)
    with httpx.Client(base_url=live.url, timeout=60) as client:
        started = client.post("/api/conversations", json={"language": "en"}).json()
        auth = {"Authorization": f"Bearer {started['token']}"}
        url = f"/api/conversations/{started['conversation_id']}/messages"
        texts = ["English", "yes"] + ["I worked as a cashier"] * 7
        responses = [client.post(url, json={"text": text_}, headers=auth) for text_ in texts]
    limited(responses, 4)


def test_default_limits_do_not_throttle_an_ordinary_session(app_factory):  # noqa: F811
    live = app_factory()
    with httpx.Client(base_url=live.url, timeout=60) as client:
        codes = [client.post("/api/conversations", json={"language": "en"}).status_code for _ in range(12)]
    assert codes == [201] * 12


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_access_log_names_no_conversation_and_no_token(app_factory):  # noqa: F811
    live = app_factory(access_log=True, demo=True)
    collect = Collect()
    logging.getLogger("uvicorn.access").addHandler(collect)
    try:
        with httpx.Client(base_url=live.url, timeout=60) as client:
            started = client.post("/api/conversations", json={"language": "en"}).json()
            conversation, token = started["conversation_id"], started["token"]
            auth = {"Authorization": f"Bearer {token}"}
            client.post(f"/api/conversations/{conversation}/messages", json={"text": "English"}, headers=auth)
            client.get(f"/api/conversations/{conversation}", headers=auth)
            client.get(f"/api/conversations/{conversation}/profile/export", params={"format": "json", "token": token})
            client.get("/api/widget/recommendations",
                       params={"organisation": "demo-training-provider", "placement": "home", "token": "wt_SECRETwidget1"})
            client.get("/widget/frame", params={"token": "wt_SECRETwidget2", "organisation": "x"})
            time.sleep(0.5)
    finally:
        logging.getLogger("uvicorn.access").removeHandler(collect)
    text = "\n".join(collect.lines)
    assert "/api/conversations/" in text and "/widget/frame" in text, text  # the lines are there
    for secret in (conversation, token, "SECRETwidget", started.get("resume_code") or conversation):
        assert secret not in text, (secret, text)
