"""Attack: read or act on a person's conversation knowing only its id (or with another person's
token). Every route that takes a conversation id must answer the same 401 without the right
token, whether the conversation exists or not; the route table below must cover every such
route of the app, so a new one cannot slip through unprotected."""

from __future__ import annotations

import hashlib

import httpx
import pytest
from fastapi.routing import APIRoute
from security_client import start_person

from channels.app import create_app
from channels.settings import Settings

NOTICE = "demo-coach:career_coaching:v1"
# (method, path template, JSON body or None): every person route, with a valid request.
PERSON_ROUTES: list[tuple[str, str, dict | None]] = [
    ("GET", "/api/conversations/{conversation_id}", None),
    ("POST", "/api/conversations/{conversation_id}/messages", {"text": "hello"}),
    ("POST", "/api/conversations/{conversation_id}/messages/stream", {"text": "hello"}),
    ("POST", "/api/conversations/{conversation_id}/token/rotate", None),
    ("POST", "/api/conversations/{conversation_id}/resume-code", None),
    ("POST", "/api/conversations/{conversation_id}/logout", None),
    ("GET", "/api/conversations/{conversation_id}/profile", None),
    ("GET", "/api/conversations/{conversation_id}/profile/export", None),
    ("GET", "/api/conversations/{conversation_id}/consents", None),
    ("POST", "/api/conversations/{conversation_id}/consents", {"notice_id": NOTICE}),
    ("POST", "/api/conversations/{conversation_id}/consents/{consent_id}/grant", None),
    ("POST", "/api/conversations/{conversation_id}/consents/{consent_id}/refuse", None),
    ("POST", "/api/conversations/{conversation_id}/consents/{consent_id}/revoke", None),
    ("GET", "/api/conversations/{conversation_id}/consents/{consent_id}/receipt", None),
    ("GET", "/api/conversations/{conversation_id}/consent-receipts", None),
    ("GET", "/api/conversations/{conversation_id}/consent-events", None),
    ("GET", "/api/conversations/{conversation_id}/consent-preferences", None),
    ("POST", "/api/conversations/{conversation_id}/consent-preferences", {"rule": "always", "recipient_kind": "employer"}),
    ("DELETE", "/api/conversations/{conversation_id}/consent-preferences/{preference_id}", None),
    ("GET", "/api/conversations/{conversation_id}/recipients/recommended", None),
    ("GET", "/api/conversations/{conversation_id}/shares", None),
    ("GET", "/api/conversations/{conversation_id}/privacy/summary", None),
    ("GET", "/api/conversations/{conversation_id}/privacy/export", None),
    ("DELETE", "/api/conversations/{conversation_id}/privacy", None),
    ("POST", "/api/conversations/{conversation_id}/widget-token", {"organisation": "demo-employer"}),
]
ROUTE_IDS = [f"{m} {p.replace('/api/conversations/{conversation_id}', '') or '/'}" for m, p, _ in PERSON_ROUTES]


def _routes(routes) -> list[tuple[str, set[str]]]:
    """(path, methods) of every route, including those of included routers."""
    out = []
    for route in routes:
        if hasattr(route, "effective_route_contexts"):  # FastAPI's included router
            out.extend((ctx.path, set(ctx.methods or ())) for ctx in route.effective_route_contexts())
        elif isinstance(route, APIRoute) or hasattr(route, "methods"):
            out.append((route.path, set(route.methods or ())))
    return out


def _app_person_routes(settings: Settings) -> set[tuple[str, str]]:
    app = create_app(settings)
    return {(method, path) for path, methods in _routes(app.routes) if "{conversation_id}" in path
            for method in methods - {"HEAD", "OPTIONS"}}


def test_the_table_covers_every_route_that_takes_a_conversation_id(tmp_path):
    """A route added later with a conversation id in its path fails here until it is in the table
    (and so attacked by the tests below)."""
    in_app = _app_person_routes(Settings(storage_dir=tmp_path / "var"))
    in_table = {(m, p) for m, p, _ in PERSON_ROUTES}
    assert in_app == in_table, f"not attacked: {sorted(in_app - in_table)}; gone: {sorted(in_table - in_app)}"


def _call(client: httpx.Client, method: str, template: str, body: dict | None, conversation_id: str,
          headers: dict[str, str] | None = None) -> httpx.Response:
    path = template.format(conversation_id=conversation_id, consent_id="c0ffee1234", preference_id="p0ffee1234")
    return client.request(method, path, json=body, headers=headers or {})


@pytest.mark.parametrize(("method", "template", "body"), PERSON_ROUTES, ids=ROUTE_IDS)
def test_no_token_wrong_token_and_unknown_id_get_the_same_401(http: httpx.Client, server, method, template, body):
    victim = start_person(http)
    attacker = start_person(http)
    unknown = "web-" + hashlib.sha256(victim.conversation_id.encode()).hexdigest()[:24]
    no_token = _call(http, method, template, body, victim.conversation_id)
    wrong_token = _call(http, method, template, body, victim.conversation_id, attacker.auth)
    garbage_token = _call(http, method, template, body, victim.conversation_id, {"Authorization": "Bearer pt_guess"})
    unknown_id = _call(http, method, template, body, unknown, attacker.auth)
    cookie_of_other = _call(http, method, template, body, victim.conversation_id,
                            {"Cookie": f"orient_person={attacker.token}"})
    for response in (no_token, wrong_token, garbage_token, unknown_id, cookie_of_other):
        assert response.status_code == 401, (response.request.url, response.text)
        assert response.json() == no_token.json()  # same answer: the id's existence is not revealed
        assert response.headers.get("www-authenticate", "").startswith("Bearer")
    # nothing happened to the victim's conversation
    state = http.get(f"/api/conversations/{victim.conversation_id}", headers=victim.auth)
    assert state.status_code == 200
    assert [t["user_text"] for t in state.json()["turns"]] == [None]
    assert server.services.privacy.remaining(victim.conversation_id).get("transcripts", 0) == 1


@pytest.mark.parametrize(("method", "template", "body"), PERSON_ROUTES, ids=ROUTE_IDS)
def test_the_right_token_opens_the_route(http: httpx.Client, method, template, body):
    """The same requests with the person's own token get past the key check (bearer and cookie)."""
    person = start_person(http)
    by_header = _call(http, method, template, body, person.conversation_id, person.auth)
    assert by_header.status_code != 401, by_header.text
    other = start_person(http)
    by_cookie = _call(http, method, template, body, other.conversation_id, {"Cookie": f"orient_person={other.token}"})
    assert by_cookie.status_code != 401, by_cookie.text


def test_start_sets_an_httponly_samesite_cookie_scoped_to_the_conversation(http: httpx.Client):
    response = http.post("/api/conversations", json={})
    cid = response.json()["conversation_id"]
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert f"path=/api/conversations/{cid.lower()}" in cookie


def test_tokens_are_stored_hashed(http: httpx.Client, server):
    from sqlalchemy import select

    from tools.identity.tables import PersonCredentialRow

    person = start_person(http)
    code = http.post(f"/api/conversations/{person.conversation_id}/resume-code", headers=person.auth).json()["resume_code"]
    with server.services.database.session() as s:
        rows = list(s.scalars(select(PersonCredentialRow).where(PersonCredentialRow.person_id == person.conversation_id)))
    assert {r.kind for r in rows} == {"token", "resume"}
    stored = " ".join(r.digest for r in rows)
    for secret in (person.token, code, code.replace("-", "")):
        assert secret not in stored
        assert hashlib.sha256(secret.encode()).hexdigest() not in stored  # keyed, not a plain hash


def test_rotate_revokes_every_earlier_token_and_the_resume_code(http: httpx.Client):
    person = start_person(http)
    base = f"/api/conversations/{person.conversation_id}"
    code = http.post(f"{base}/resume-code", headers=person.auth).json()["resume_code"]
    second_device = http.post("/api/resume", json={"code": code}).json()["token"]
    rotated = http.post(f"{base}/token/rotate", headers=person.auth)
    assert rotated.status_code == 200
    new = rotated.json()["token"]
    assert http.get(base, headers=person.auth).status_code == 401
    assert http.get(base, headers={"Authorization": f"Bearer {second_device}"}).status_code == 401
    assert http.post("/api/resume", json={"code": code}).status_code == 401
    assert http.get(base, headers={"Authorization": f"Bearer {new}"}).status_code == 200


def test_a_resume_code_continues_the_conversation_on_another_device(http: httpx.Client):
    person = start_person(http)
    base = f"/api/conversations/{person.conversation_id}"
    assert http.post(f"{base}/messages", json={"text": "I worked in a bakery"}, headers=person.auth).status_code == 200
    code = http.post(f"{base}/resume-code", headers=person.auth).json()["resume_code"]
    typed = code.lower().replace("-", " ")  # as a person may type it
    resumed = http.post("/api/resume", json={"code": typed})
    assert resumed.status_code == 200, resumed.text
    assert resumed.json()["conversation_id"] == person.conversation_id
    other_device = {"Authorization": f"Bearer {resumed.json()['token']}"}
    turns = http.get(base, headers=other_device).json()["turns"]
    assert [t["user_text"] for t in turns] == [None, "I worked in a bakery"]
    assert http.get(base, headers=person.auth).status_code == 200  # the first device keeps working
    # a new code replaces the old one
    http.post(f"{base}/resume-code", headers=person.auth)
    assert http.post("/api/resume", json={"code": code}).status_code == 401
    assert http.post("/api/resume", json={"code": "AAAA-BBBB-CCCC-DDDD-EEEE"}).status_code == 401


def test_logout_forgets_this_device_only(http: httpx.Client):
    person = start_person(http)
    base = f"/api/conversations/{person.conversation_id}"
    code = http.post(f"{base}/resume-code", headers=person.auth).json()["resume_code"]
    other = {"Authorization": f"Bearer {http.post('/api/resume', json={'code': code}).json()['token']}"}
    assert http.post(f"{base}/logout", headers=person.auth).status_code == 204
    assert http.get(base, headers=person.auth).status_code == 401
    assert http.get(base, headers=other).status_code == 200


def test_after_erase_the_token_opens_nothing(http: httpx.Client, server):
    person = start_person(http)
    base = f"/api/conversations/{person.conversation_id}"
    erased = http.delete(f"{base}/privacy", headers=person.auth)
    assert erased.status_code == 200
    assert erased.json()["remaining"].get("identity", 0) == 0
    assert server.services.identity.count(person.conversation_id) == 0
    assert http.get(base, headers=person.auth).status_code == 401


def test_the_conversation_id_is_not_a_credential_for_a_new_conversation(http: httpx.Client):
    """Starting a conversation never takes a client-chosen id (no squatting on a known id)."""
    response = http.post("/api/conversations", json={"channel": "web", "conversation_id": "web-chosen-by-attacker"})
    assert response.status_code == 201
    assert response.json()["conversation_id"] != "web-chosen-by-attacker"
    assert len(response.json()["conversation_id"]) >= 20
