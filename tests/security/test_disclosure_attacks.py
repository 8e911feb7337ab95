"""Attacks by recipients: an organisation granting itself consent, reading more than it was given,
learning a person's history from refusals or linking people across organisations; a counsellor's
file showing more than the consent covers; Telegram ids guessed and read over REST; new
organisation keys that can write."""

from __future__ import annotations

import base64
import json
import uuid

import httpx
import pytest
from security_client import Person, make_organisation, start_person

from tools.profile import Experience, Interests, Profile, ProfileSkill, SkillState

SKILL_URI = "http://data.europa.eu/esco/skill/5a8f1c2e-0000-4000-8000-5ec0417e57a1"


def _seed_profile(server, person: Person, marker: str) -> None:
    """The person's profile as the agent would have built it, with a marker in each category."""
    def change(profile: Profile) -> None:
        profile.experiences = [Experience(title=f"baker {marker}-experience", description=f"{marker}-words")]
        profile.skills = [ProfileSkill(uri=SKILL_URI, label=f"kneading {marker}-skill", state=SkillState.confirmed)]
        profile.interests = Interests(text=f"{marker}-interest")

    server.services.profiles.update(person.conversation_id, change)


def _say(http: httpx.Client, person: Person, text: str) -> None:
    response = http.post(f"/api/conversations/{person.conversation_id}/messages", json={"text": text}, headers=person.auth)
    assert response.status_code == 200, response.text


def _consent(http: httpx.Client, person: Person, notice_id: str, categories: list[str] | None = None) -> str:
    body = {"notice_id": notice_id} | ({"data_categories": categories} if categories is not None else {})
    base = f"/api/conversations/{person.conversation_id}/consents"
    requested = http.post(base, json=body, headers=person.auth)
    assert requested.status_code == 201, requested.text
    consent_id = requested.json()["id"]
    granted = http.post(f"{base}/{consent_id}/grant", headers=person.auth)
    assert granted.status_code == 200, granted.text
    return consent_id


def _ref(http: httpx.Client, org) -> str:
    people = http.get("/api/org/people", headers=org.auth)
    assert people.status_code == 200, people.text
    assert len(people.json()) == 1
    return people.json()[0]["person_id"]


# -- organisations -----------------------------------------------------------------------------
def test_an_organisation_never_sees_the_conversation_id_and_cannot_grant_itself_consent(http, server):
    person = start_person(http)
    marker = uuid.uuid4().hex[:10]
    _seed_profile(server, person, marker)
    org = make_organisation(server, "employer", ["profiles:read"])
    consent_id = _consent(http, person, f"{org.recipient_id}:recruitment:v1")

    ref = _ref(http, org)
    shared = http.get(f"/api/org/people/{ref}/profile", headers=org.auth)
    assert shared.status_code == 200, shared.text
    assert f"{marker}-skill" in shared.text
    for response in (http.get("/api/org/people", headers=org.auth), shared):
        assert person.conversation_id not in response.text and person.token not in response.text
    # the signed receipt names the person by the organisation's reference, not the conversation id
    receipt = http.get(f"/api/conversations/{person.conversation_id}/consents/{consent_id}/receipt", headers=person.auth)
    assert receipt.json()["pii_principal_id"] == ref
    assert person.conversation_id not in receipt.text

    # the person withdraws; the organisation tries to consent in their name by every door
    revoked = http.post(f"/api/conversations/{person.conversation_id}/consents/{consent_id}/revoke", headers=person.auth)
    assert revoked.status_code == 200
    refused = http.get(f"/api/org/people/{ref}/profile", headers=org.auth)
    assert refused.status_code == 403
    notice = {"notice_id": f"{org.recipient_id}:recruitment:v1"}
    for target in (ref, person.conversation_id):
        for headers in ({}, org.auth, {"Authorization": f"Bearer {org.key}"}):
            attempt = http.post(f"/api/conversations/{target}/consents", json=notice, headers=headers)
            assert attempt.status_code == 401, attempt.text
            grant = http.post(f"/api/conversations/{target}/consents/{consent_id}/grant", headers=headers)
            assert grant.status_code == 401
    # it may only ask: the request stays pending until the person answers it
    asked = http.post(f"/api/org/people/{ref}/consent-requests", json={"purpose": "recruitment"}, headers=org.auth)
    assert asked.status_code == 201, asked.text
    assert asked.json()["status"] == "pending"
    assert http.get(f"/api/org/people/{ref}/profile", headers=org.auth).status_code == 403
    mine = http.get(f"/api/conversations/{person.conversation_id}/consents", headers=person.auth).json()
    pending = [c for c in mine if c["id"] == asked.json()["consent_id"]]
    assert pending and pending[0]["status"] == "pending"
    events = http.get(f"/api/conversations/{person.conversation_id}/consent-events", headers=person.auth).json()
    assert any(e["actor"].startswith("organisation:") and e["event_type"] == "requested" for e in events)
    # the person grants it: now, and only now, the organisation reads again
    http.post(f"/api/conversations/{person.conversation_id}/consents/{pending[0]['id']}/grant", headers=person.auth)
    assert http.get(f"/api/org/people/{ref}/profile", headers=org.auth).status_code == 200


def test_refusals_do_not_reveal_the_consent_history(http, server):
    """Never consented, revoked, expired-like, unknown reference, a conversation id: one answer."""
    org = make_organisation(server, "employer", ["profiles:read"])
    revoked_person, never_person = start_person(http), start_person(http)
    consent_id = _consent(http, revoked_person, f"{org.recipient_id}:recruitment:v1")
    ref = _ref(http, org)
    http.post(f"/api/conversations/{revoked_person.conversation_id}/consents/{consent_id}/revoke",
              headers=revoked_person.auth)
    never_ref = server.services.pseudonyms.ref(org.recipient_id, never_person.conversation_id)
    answers = [http.get(f"/api/org/people/{target}/profile", headers=org.auth)
               for target in (ref, never_ref, "p-unknownreference0000", revoked_person.conversation_id)]
    assert {a.status_code for a in answers} == {403}
    assert len({a.text for a in answers}) == 1, [a.text for a in answers]
    assert "revok" not in answers[0].text.lower() and "expire" not in answers[0].text.lower()


def test_references_differ_per_organisation_and_grant_nothing_elsewhere(http, server):
    person = start_person(http)
    first = make_organisation(server, "employer", ["profiles:read"])
    second = make_organisation(server, "employer", ["profiles:read"])
    _consent(http, person, f"{first.recipient_id}:recruitment:v1")
    _consent(http, person, f"{second.recipient_id}:recruitment:v1")
    ref_first, ref_second = _ref(http, first), _ref(http, second)
    assert ref_first != ref_second
    # one organisation's reference means nothing to another, nor as a conversation id
    assert http.get(f"/api/org/people/{ref_first}/profile", headers=second.auth).status_code == 403
    assert http.get(f"/api/conversations/{ref_first}", headers=first.auth).status_code == 401


def test_an_organisation_gets_only_the_categories_consented(http, server):
    person = start_person(http)
    marker = uuid.uuid4().hex[:10]
    _seed_profile(server, person, marker)
    org = make_organisation(server, "employer", ["profiles:read"])
    _consent(http, person, f"{org.recipient_id}:recruitment:v1", ["skills"])
    ref = _ref(http, org)
    shared = http.get(f"/api/org/people/{ref}/profile", headers=org.auth)
    assert shared.status_code == 200
    assert set(shared.json()["data"]) == {"skills"}
    assert f"{marker}-skill" in shared.text
    assert f"{marker}-experience" not in shared.text and f"{marker}-interest" not in shared.text
    assert http.get(f"/api/org/people/{ref}/plan", headers=org.auth).status_code == 403


def test_a_widget_token_carries_no_conversation_id(http, server):
    person = start_person(http)
    _consent(http, person, "demo-employer:recruitment:v1", ["plan"])
    issued = http.post(f"/api/conversations/{person.conversation_id}/widget-token", json={"organisation": "demo-employer"},
                       headers=person.auth)
    assert issued.status_code == 200, issued.text
    token = issued.json()["token"]
    body = token.split(".")[0]
    decoded = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()
    assert person.conversation_id not in decoded and person.conversation_id not in issued.text
    shown = http.get("/api/widget/recommendations",
                     params={"organisation": "demo-employer", "placement": "careers-page", "token": token})
    assert shown.status_code == 200, shown.text
    # a token forged with the conversation id in place of the reference is refused
    forged = base64.urlsafe_b64encode(f"{person.conversation_id}\ndemo-employer".encode()).decode().rstrip("=")
    refused = http.get("/api/widget/recommendations", params={"organisation": "demo-employer", "placement": "careers-page",
                                                              "token": f"{forged}.{token.split('.')[1]}"})
    assert refused.status_code == 403


def test_new_organisation_keys_get_read_scopes_only_unless_a_write_scope_is_named(http, server):
    orgs = server.services.organisations
    org = orgs.create(f"Scopes {uuid.uuid4().hex[:6]}", "training_provider")
    default = orgs.create_key(org.id)
    assert sorted(s.value for s in default.info.scopes) == ["profiles:read", "statistics:read"]
    upload = http.post("/api/org/catalogs", headers={"X-API-Key": default.key},
                       files={"file": ("c.csv", b"title,description\nA,B\n", "text/csv")}, data={"kind": "courses"})
    assert upload.status_code == 403, upload.text
    assert "catalogs:write" in upload.text
    named = orgs.create_key(org.id, ["catalogs:write"])
    assert [s.value for s in named.info.scopes] == ["catalogs:write"]


# -- counsellors -------------------------------------------------------------------------------
def test_the_console_shows_exactly_the_consented_categories(http, console, server):
    person = start_person(http)
    marker = uuid.uuid4().hex[:10]
    _say(http, person, f"I looked after my grandmother {marker}-transcript")
    _seed_profile(server, person, marker)
    consent_id = _consent(http, person, "demo-counsellor:career_guidance:v1", ["interests"])

    listed = console.get("/api/console/people")
    assert listed.status_code == 200
    assert person.conversation_id not in listed.text
    refs = [p["person_id"] for p in listed.json() if p["data_categories"] == ["interests"]]
    ref = server.services.pseudonyms.compute("demo-counsellor", person.conversation_id)
    assert ref in refs

    file = console.get(f"/api/console/people/{ref}")
    assert file.status_code == 200, file.text
    body = file.json()
    assert body["categories"] == ["interests"]
    assert f"{marker}-interest" in file.text
    for hidden in (f"{marker}-experience", f"{marker}-skill", f"{marker}-transcript", person.conversation_id):
        assert hidden not in file.text
    assert body["turns"] == []

    # the transcript is its own category: shown only once the person picks it
    http.post(f"/api/conversations/{person.conversation_id}/consents/{consent_id}/revoke", headers=person.auth)
    default = http.post(f"/api/conversations/{person.conversation_id}/consents",
                        json={"notice_id": "demo-counsellor:career_guidance:v1"}, headers=person.auth).json()
    assert "transcript" not in default["data_categories"]  # off by default
    _consent(http, person, "demo-counsellor:career_guidance:v1", ["interests", "transcript"])
    file = console.get(f"/api/console/people/{ref}")
    assert f"{marker}-transcript" in file.text
    assert f"{marker}-skill" not in file.text
    assert person.conversation_id not in file.text
    # and a counsellor cannot reach the person's own routes with the reference or the session cookie
    assert console.get(f"/api/conversations/{ref}").status_code == 401
    assert console.get(f"/api/conversations/{person.conversation_id}").status_code == 401


def test_a_counsellor_without_consent_gets_the_generic_refusal(http, console, server):
    person = start_person(http)
    ref = server.services.pseudonyms.ref("demo-counsellor", person.conversation_id)
    for path in (f"/api/console/people/{ref}", f"/api/console/people/{person.conversation_id}"):
        response = console.get(path)
        assert response.status_code == 403
        assert response.json()["error"] == "not_shared"
    note = console.post(f"/api/console/people/{ref}/notes", json={"text": "x"})
    assert note.status_code == 403


def test_a_guided_session_is_named_by_reference(console):
    opened = console.post("/api/console/sessions", json={"language": "en"})
    assert opened.status_code == 201, opened.text
    ref = opened.json()["person_id"]
    assert ref.startswith("p-")
    assert ref in console.get("/api/console/sessions").json()
    reply = console.post(f"/api/console/people/{ref}/messages", json={"text": "hello"})
    assert reply.status_code == 200, reply.text
    assert reply.json()["reply"]["conversation_id"] == ref
    assert "web-" not in json.dumps(reply.json())


# -- Telegram ----------------------------------------------------------------------------------
@pytest.mark.parametrize("user_id", [1, 42, 123456789])
def test_telegram_conversations_cannot_be_enumerated_or_read_over_rest(http, server, user_id):
    from channels.telegram.bot import conversation_id
    from tools.identity import telegram_conversation_id

    secret = server.services.telegram_id_secret
    cid = conversation_id(secret, user_id)
    assert cid == telegram_conversation_id(secret, user_id)
    assert cid != f"tg-{user_id}" and len(cid) >= 24
    assert cid != conversation_id(b"another deployment's secret!!!!!", user_id)
    server.app.state.turns.start(cid, "telegram")  # the person talks to the bot
    for guess in (f"tg-{user_id}", cid):
        assert http.get(f"/api/conversations/{guess}").status_code == 401
        assert http.get(f"/api/conversations/{guess}/privacy/export").status_code == 401
        assert http.delete(f"/api/conversations/{guess}/privacy").status_code == 401
    assert server.services.transcripts.exists(cid)
    # /link: the bot hands the person a resume code; the web page exchanges it for a token
    code = server.services.identity.new_resume_code(cid)
    resumed = http.post("/api/resume", json={"code": code})
    assert resumed.status_code == 200
    assert http.get(f"/api/conversations/{cid}", headers={"Authorization": f"Bearer {resumed.json()['token']}"}).status_code == 200
