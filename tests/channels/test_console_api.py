"""The counsellor console API: login, people who shared, person file, guided turns, skill
validation, notes, statistics; every access checks a consent valid at that moment."""

from __future__ import annotations

import httpx
import pytest
from channel_consents import grant, revoke
from channel_driver import run_to_end, start

from tools.counselling.accounts import DEMO_PASSWORD, DEMO_USERNAME

GUIDANCE_NOTICE = "demo-counsellor:career_guidance:v1"


@pytest.fixture
def counsellor(live) -> httpx.Client:
    with httpx.Client(base_url=live.url, timeout=60) as http:
        response = http.post("/api/console/login", json={"username": DEMO_USERNAME, "password": DEMO_PASSWORD})
        assert response.status_code == 200, response.text
        assert response.json()["is_demo"] is True
        yield http


def test_login_is_required_and_checked(client: httpx.Client, live):
    assert client.get("/api/console/people").status_code == 401
    wrong = client.post("/api/console/login", json={"username": DEMO_USERNAME, "password": "nope"})
    assert wrong.status_code == 401 and wrong.json()["error"] == "bad_credentials"
    with httpx.Client(base_url=live.url, cookies={"orient_console": "forged-token"}) as forged:
        response = forged.get("/api/console/me")
        assert response.status_code == 401 and response.json()["error"] == "session_expired"


def test_session_cookie_is_http_only_and_logout_ends_it(live):
    with httpx.Client(base_url=live.url) as http:
        response = http.post("/api/console/login", json={"username": DEMO_USERNAME, "password": DEMO_PASSWORD})
        cookie = response.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        assert http.get("/api/console/me").status_code == 200
        assert http.post("/api/console/logout").status_code == 204
        assert http.get("/api/console/me").status_code == 401


def test_counsellor_sees_only_people_who_shared(client: httpx.Client, counsellor: httpx.Client, services):
    person, _ = start(client)
    ref = services.pseudonyms.compute("demo-counsellor", person)  # the counsellor knows the person by this
    assert ref not in {p["person_id"] for p in counsellor.get("/api/console/people").json()}
    assert counsellor.get(f"/api/console/people/{ref}").status_code == 403
    consent_id = grant(client, person, GUIDANCE_NOTICE)
    listing = counsellor.get("/api/console/people")
    listed = {p["person_id"]: p for p in listing.json()}
    assert ref in listed and "career_guidance" in listed[ref]["purposes"]
    assert person not in listing.text
    file = counsellor.get(f"/api/console/people/{ref}")
    # the default consent covers the profile, not the transcript (its own category, off by default)
    assert file.status_code == 200 and file.json()["turns"] == [] and "transcript" not in file.json()["categories"]
    assert person not in file.text
    assert "counsellor" in services.sharing.shared_recipient_kinds(person)
    revoke(client, person, consent_id)
    after = counsellor.get(f"/api/console/people/{ref}")
    assert after.status_code == 403 and after.json()["error"]
    assert ref not in {p["person_id"] for p in counsellor.get("/api/console/people").json()}


def test_guided_session_validation_and_notes(client: httpx.Client, counsellor: httpx.Client, services):
    person, _ = run_to_end(client)
    grant(client, person, GUIDANCE_NOTICE)
    ref = services.pseudonyms.compute("demo-counsellor", person)
    file = counsellor.get(f"/api/console/people/{ref}").json()
    skill = next(s for s in file["profile"]["skills"] if s["state"] == "confirmed")
    validated = counsellor.post(f"/api/console/people/{ref}/skills", json={"uri": skill["uri"], "action": "validate"})
    assert validated.status_code == 200, validated.text
    assert validated.json()["level"] == "validated_by_counsellor"
    profile = client.get(f"/api/conversations/{person}/profile").json()
    stored = next(s for s in profile["skills"] if s["uri"] == skill["uri"])
    assert stored["level"] == "validated_by_counsellor" and stored["validated_by"]
    relabel = counsellor.post(f"/api/console/people/{ref}/skills",
                              json={"uri": skill["uri"], "action": "relabel", "label": "Till handling"})
    assert relabel.json()["label"] == "Till handling"
    missing = counsellor.post(f"/api/console/people/{ref}/skills",
                              json={"uri": "http://data.europa.eu/esco/skill/not-there", "action": "validate"})
    assert missing.status_code == 404
    note = counsellor.post(f"/api/console/people/{ref}/notes", json={"text": "Met on Tuesday; <b>motivated</b>."})
    assert note.status_code == 201
    notes = counsellor.get(f"/api/console/people/{ref}").json()["notes"]
    assert [n["text"] for n in notes] == ["Met on Tuesday; <b>motivated</b>."]
    turn = counsellor.post(f"/api/console/people/{ref}/messages", json={"text": "what do you know about me?"})
    assert turn.status_code == 200 and turn.json()["reply"]["text"]
    authors = [t["author"] for t in client.get(f"/api/conversations/{person}").json()["turns"]]
    assert authors[-1] == "counsellor"


def test_statistics_for_the_console(counsellor: httpx.Client):
    stats = counsellor.get("/api/console/statistics", params={"lang": "fr"})
    assert stats.status_code == 200
    body = stats.json()
    assert body["k"] >= 10 and isinstance(body["groups"], list)
    assert counsellor.get("/api/console/statistics", params={"period": "last year"}).status_code == 422


def test_guided_session_opened_in_the_console(live, counsellor: httpx.Client, services):
    opened = counsellor.post("/api/console/sessions", json={"language": "fr"})
    assert opened.status_code == 201, opened.text
    person = opened.json()["person_id"]  # a reference: the conversation id stays the person's
    assert opened.json()["reply"]["language"] == "fr"
    assert person in counsellor.get("/api/console/sessions").json()
    file = counsellor.get(f"/api/console/people/{person}").json()
    assert file["consent"] is None and file["turns"][0]["author"] == "counsellor"
    turn = counsellor.post(f"/api/console/people/{person}/messages", json={"text": "bonjour"})
    assert turn.status_code == 200 and turn.json()["reply"]["language"] == "fr"
    services.counsellors.create("other-counsellor", "another-password", "Other counsellor", recipient_id="demo-counsellor")
    with httpx.Client(base_url=live.url, timeout=60) as other:
        assert other.post("/api/console/login", json={"username": "other-counsellor",
                                                       "password": "another-password"}).status_code == 200
        assert other.get(f"/api/console/people/{person}").status_code == 403
        assert person not in other.get("/api/console/sessions").json()
