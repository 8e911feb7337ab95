"""The HTTP API through the real app and real stores: start, send, stream, state, errors, idempotency."""

from __future__ import annotations

import json
import time

import httpx
from channel_driver import run_to_end, start
from channel_server import LiveServer, make_services, make_settings

from channels.app import create_app


def _events(body: str) -> list[tuple[str, dict]]:
    events = []
    for block in body.strip().split("\n\n"):
        name, data = "message", []
        for line in block.splitlines():
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
        events.append((name, json.loads("\n".join(data)) if data else {}))
    return events


def test_start_send_and_state(client: httpx.Client):
    conversation_id, greeting = start(client)
    assert conversation_id.startswith("web-")
    assert greeting["conversation_id"] == conversation_id
    assert greeting["text"].strip()
    reply = client.post(f"/api/conversations/{conversation_id}/messages", json={"text": "hello"})
    assert reply.status_code == 200, reply.text
    assert reply.json()["replayed"] is False
    state = client.get(f"/api/conversations/{conversation_id}").json()
    assert [t["user_text"] for t in state["turns"]] == [None, "hello"]
    assert state["expecting"] == reply.json()["reply"]["expecting"]


def test_retried_message_is_answered_once(client: httpx.Client, services):
    conversation_id, _ = start(client)
    body = {"text": "hello", "client_message_id": "retry-1"}
    first = client.post(f"/api/conversations/{conversation_id}/messages", json=body).json()
    second = client.post(f"/api/conversations/{conversation_id}/messages", json=body).json()
    assert second["replayed"] is True and first["replayed"] is False
    assert second["reply"] == first["reply"]
    assert services.transcripts.count(conversation_id) == 2


def test_stream_sends_deltas_then_the_whole_reply(client: httpx.Client):
    conversation_id, _ = start(client)
    response = client.post(f"/api/conversations/{conversation_id}/messages/stream", json={"text": "hello"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = _events(response.text)
    names = [name for name, _ in events]
    assert names[-2:] == ["reply", "done"] and names.count("delta") >= 1
    streamed = "".join(data["text"] for name, data in events if name == "delta")
    reply = dict(events)["reply"]["reply"]
    assert streamed.strip() == reply["text"].strip()
    state = client.get(f"/api/conversations/{conversation_id}").json()
    assert state["turns"][-1]["reply"] == reply


def test_unknown_conversation_is_401_with_a_reason_that_does_not_say_it_is_unknown(client: httpx.Client):
    """An id alone opens nothing: an unknown conversation gets the same answer as a missing token
    (tests/security attacks every route this way)."""
    for method, path, body in [
        ("POST", "/api/conversations/web-nope/messages", {"text": "hi"}),
        ("POST", "/api/conversations/web-nope/messages/stream", {"text": "hi"}),
        ("GET", "/api/conversations/web-nope", None),
        ("GET", "/api/conversations/web-nope/profile", None),
    ]:
        response = client.request(method, path, json=body)
        assert response.status_code == 401, (path, response.text)
        error = response.json()
        assert error["error"] == "unauthorized" and "token" in error["detail"] and "web-nope" not in error["detail"]


def test_oversized_message_is_refused_and_nothing_is_recorded(client: httpx.Client, live, services):
    conversation_id, _ = start(client)
    limit = live.app.state.services.settings.max_message_chars
    for path in ("messages", "messages/stream"):
        response = client.post(f"/api/conversations/{conversation_id}/{path}", json={"text": "a" * (limit + 1)})
        assert response.status_code == 413
        assert response.json()["error"] == "message_too_long" and str(limit) in response.json()["detail"]
    at_limit = client.post(f"/api/conversations/{conversation_id}/messages", json={"text": "a" * limit})
    assert at_limit.status_code == 200
    assert services.transcripts.count(conversation_id) == 2


def test_bad_requests_get_422_with_field_details(client: httpx.Client):
    conversation_id, _ = start(client)
    cases = [
        {},
        {"text": ""},
        {"text": 42},
        {"text": "hi", "client_message_id": "bad id with spaces"},
    ]
    for body in cases:
        response = client.post(f"/api/conversations/{conversation_id}/messages", json=body)
        assert response.status_code == 422, body
        error = response.json()
        assert error["error"] == "validation_error" and error["errors"], error
    whitespace = client.post(f"/api/conversations/{conversation_id}/messages", json={"text": "   "})
    assert whitespace.status_code == 422 and whitespace.json()["error"] == "empty_message"
    not_json = client.post(f"/api/conversations/{conversation_id}/messages", content=b"{oops",
                           headers={"Content-Type": "application/json"})
    assert not_json.status_code == 422
    bad_id = client.get("/api/conversations/has%20space")
    assert bad_id.status_code == 422


def test_html_in_messages_is_kept_as_text(client: httpx.Client):
    conversation_id, _ = start(client)
    payload = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    response = client.post(f"/api/conversations/{conversation_id}/messages", json={"text": payload})
    assert response.status_code == 200
    state = client.get(f"/api/conversations/{conversation_id}").json()
    assert state["turns"][-1]["user_text"] == payload  # stored verbatim; the page renders it as text


def test_whole_conversation_and_profile_exports(client: httpx.Client):
    conversation_id, replies = run_to_end(client)
    assert replies[-1]["finished"] or replies[-1]["expecting"] == "end"
    kinds = {card["kind"] for reply in replies for card in reply["cards"]}
    assert {"move"} <= kinds, kinds
    profile = client.get(f"/api/conversations/{conversation_id}/profile").json()
    confirmed = [s for s in profile["skills"] if s["state"] == "confirmed"]
    assert len(confirmed) >= 3
    assert profile["target"] is not None
    as_json = client.get(f"/api/conversations/{conversation_id}/profile/export", params={"format": "json"})
    assert as_json.status_code == 200 and as_json.json()
    as_jsonld = client.get(f"/api/conversations/{conversation_id}/profile/export", params={"format": "jsonld"})
    assert as_jsonld.headers["content-type"].startswith("application/ld+json") and "@context" in as_jsonld.json()
    html = client.get(f"/api/conversations/{conversation_id}/profile/export", params={"format": "html"})
    assert html.headers["content-type"].startswith("text/html") and confirmed[0]["label"].split()[0] in html.text
    pdf = client.get(f"/api/conversations/{conversation_id}/profile/export", params={"format": "pdf", "lang": "fr"})
    assert pdf.content.startswith(b"%PDF")
    bad = client.get(f"/api/conversations/{conversation_id}/profile/export", params={"format": "docx"})
    assert bad.status_code == 422


def test_openapi_is_complete(client: httpx.Client):
    spec = client.get("/openapi.json").json()
    assert "ErrorResponse" in spec["components"]["schemas"]
    paths = spec["paths"]
    for path in ("/api/conversations", "/api/conversations/{conversation_id}/messages",
                 "/api/conversations/{conversation_id}/messages/stream", "/api/conversations/{conversation_id}",
                 "/api/conversations/{conversation_id}/profile", "/api/conversations/{conversation_id}/profile/export",
                 "/api/console/login", "/api/console/people", "/api/widget/recommendations", "/telegram/webhook"):
        assert path in paths, path
    for path, operations in paths.items():
        for method, operation in operations.items():
            responses = operation["responses"]
            success = [code for code in responses if code.startswith("2")]
            assert success, (method, path)
            for code, response in responses.items():
                if code.startswith("4") and code != "422":
                    schema = response["content"]["application/json"]["schema"]
                    assert schema["$ref"].endswith("/ErrorResponse"), (method, path, code)
    send = paths["/api/conversations/{conversation_id}/messages"]["post"]["responses"]
    assert {"200", "401", "413", "422"} <= set(send)
    assert send["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/MessageReply")
    stream = paths["/api/conversations/{conversation_id}/messages/stream"]["post"]["responses"]["200"]
    assert "text/event-stream" in stream["content"]


def test_health_and_pages(client: httpx.Client):
    assert client.get("/api/health").json() == {"status": "ok", "ready": True}
    page = client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert page.status_code == 200 and '<html lang="fr">' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    for asset in ("chat.js", "cards.js", "pictures.js", "i18n.js", "orient.css", "console.js", "widget.js"):
        assert client.get(f"/static/{asset}").status_code == 200, asset
    assert client.get("/console").status_code == 200
    assert client.get("/widget.js").headers["content-type"].startswith("text/javascript")


def test_the_public_api_cannot_open_a_guided_session(client: httpx.Client):
    response = client.post("/api/conversations", json={"channel": "counsellor"})
    assert response.status_code == 422


def test_serving_before_warm_up_ends(tmp_path, data_dir, real_knowledge_dir, shared_services):
    settings = make_settings(tmp_path / "var", data_dir, real_knowledge_dir, warm_up_before_serving=False)
    with LiveServer(create_app(settings, make_services(settings, shared_services))) as server:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            assert http.get("/").status_code == 200
            deadline = time.monotonic() + 120
            while (health := http.get("/api/health")).status_code == 503:
                assert health.json() == {"status": "warming_up", "ready": False}
                assert time.monotonic() < deadline, "never warm"
                time.sleep(0.1)
            assert health.json() == {"status": "ok", "ready": True}
            assert http.post("/api/conversations", json={}).status_code == 201
