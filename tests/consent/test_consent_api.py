"""The consent and organisation endpoints through the real app (``channels.app.create_app``) over
real stores, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import csv
import io
import uuid

import pytest
from fastapi.testclient import TestClient

from channels.app import create_app
from channels.services import Services
from tools.consent import verify_receipt
from tools.organisations import Scope
from tools.profile.models import Experience, Profile, ProfileSkill, SkillState, Target

SKILL = "http://data.europa.eu/esco/skill/2b92e5a8-ef1c-4d2e-9f7c-6a1f1f1f0001"
SKILL2 = "http://data.europa.eu/esco/skill/2b92e5a8-ef1c-4d2e-9f7c-6a1f1f1f0002"
OCC = "http://data.europa.eu/esco/occupation/2b92e5a8-ef1c-4d2e-9f7c-6a1f1f1f00aa"


# The people's tokens: requests to /api/conversations/<pid>/... are the person's own, so they carry it.
TOKENS: dict[str, str] = {}


def _as_the_person(request) -> None:
    parts = request.url.path.split("/")
    if len(parts) > 3 and parts[1:3] == ["api", "conversations"] and parts[3] in TOKENS \
            and "authorization" not in request.headers:
        request.headers["Authorization"] = f"Bearer {TOKENS[parts[3]]}"


@pytest.fixture
def app_env(backend_settings, tmp_path):
    settings = backend_settings.model_copy(update={"checkpoint_url": str(tmp_path / "checkpoints.sqlite3"), "demo": True})
    services = Services(settings)
    app = create_app(settings, services)
    client = TestClient(app)  # no lifespan: nothing warms up the language models
    client.event_hooks["request"] = [_as_the_person]
    yield client, services
    client.close()
    services.database.dispose()


def _person(services: Services) -> str:
    pid = f"person-{uuid.uuid4().hex[:12]}"
    services.profiles.save(Profile(
        person_id=pid, language="fr", region="Normandie",
        experiences=[Experience(title="Aide à domicile", description="j'aidais une voisine âgée")],
        skills=[ProfileSkill(uri=SKILL, label="aider les personnes âgées", state=SkillState.confirmed)],
        target=Target(uri=OCC, label="aide-soignant")))
    TOKENS[pid] = services.identity.new_token(pid)
    return pid


def _ref(services: Services, org, pid: str) -> str:
    """How the organisation knows the person (never the conversation id)."""
    return services.pseudonyms.ref(org.recipient_id, pid)


def _org(services: Services, kind: str = "employer", scopes=None, rate: int = 1000):
    org = services.organisations.create(f"Acme {uuid.uuid4().hex[:4]}", kind, contact="dpo@acme.example")
    created = services.organisations.create_key(org.id, scopes, rate_per_minute=rate)
    return org, {"X-API-Key": created.key}


def _notice(client: TestClient, recipient_id: str, purpose: str) -> dict:
    recipients = {r["id"]: r for r in client.get("/api/consent/recipients").json()}
    return next(n for n in recipients[recipient_id]["notices"] if n["purpose"] == purpose)


def _grant(client: TestClient, pid: str, notice_id: str) -> str:
    """Ask for the person's consent to ``notice_id`` and grant it, through the API; the consent id."""
    cid = client.post(f"/api/conversations/{pid}/consents", json={"notice_id": notice_id}).json()["id"]
    client.post(f"/api/conversations/{pid}/consents/{cid}/grant")
    return cid


def test_public_endpoints_and_receipt_verification(app_env):
    client, services = app_env
    recipients = client.get("/api/consent/recipients").json()
    assert {r["kind"] for r in recipients if r["demo"]} == {"coach", "counsellor", "training_provider", "employer", "statistics"}
    assert client.get("/api/consent/recipients", params={"kind": "coach"}).json()[0]["id"] == "demo-coach"
    notice = client.get("/api/consent/notices/demo-coach:career_coaching:v1").json()
    assert notice["retention_days"] > 0 and notice["controller"]["name"]
    assert client.get("/api/consent/notices/nope").status_code == 404

    pid = _person(services)
    r = client.post(f"/api/conversations/{pid}/consents", json={"notice_id": notice["id"], "data_categories": ["plan"]})
    assert r.status_code == 201 and r.json()["status"] == "pending"
    cid = r.json()["id"]
    assert client.post(f"/api/conversations/{pid}/consents/{cid}/grant").json()["status"] == "granted"
    again = client.post(f"/api/conversations/{pid}/consents/{cid}/grant")
    assert again.status_code == 409 and again.json()["error"] == "invalid_transition"

    download = client.get(f"/api/conversations/{pid}/consents/{cid}/receipt")
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]
    receipt = download.json()
    key = client.get("/api/consent/public-key").json()
    assert verify_receipt(receipt, key["public_key_pem"])  # a third party needs only the PEM
    assert client.post("/api/consent/verify", json={"receipt": receipt}).json()["valid"] is True
    tampered = copy.deepcopy(receipt)
    tampered["pii_categories"] = ["plan", "profile"]
    assert client.post("/api/consent/verify", json={"receipt": tampered}).json()["valid"] is False

    events = client.get(f"/api/conversations/{pid}/consent-events").json()
    assert [e["event_type"] for e in events] == ["requested", "granted"]
    assert len(client.get(f"/api/conversations/{pid}/consent-receipts").json()) == 2
    # another conversation's id with this person's token opens nothing
    other = client.get(f"/api/conversations/other-{pid}/consents/{cid}/receipt", headers={"Authorization": f"Bearer {TOKENS[pid]}"})
    assert other.status_code == 401
    assert receipt["pii_principal_id"] == services.pseudonyms.compute("demo-coach", pid) != pid


def test_bad_requests_get_4xx_with_a_reason(app_env):
    client, services = app_env
    pid = _person(services)
    r = client.post(f"/api/conversations/{pid}/consents", json={"notice_id": "nope"})
    assert r.status_code == 404 and r.json()["error"] == "unknown_notice"
    r = client.post(f"/api/conversations/{pid}/consents",
                    json={"notice_id": "demo-employer:recruitment:v1", "data_categories": ["interests"]})
    assert r.status_code == 400 and r.json()["error"] == "categories_not_in_notice"
    r = client.post(f"/api/conversations/{pid}/consents", json={"notice_id": "demo-coach:career_coaching:v1",
                                                                 "data_categories": ["passwords"]})
    assert r.status_code == 422
    assert client.post(f"/api/conversations/{pid}/consents/deadbeef/revoke").status_code == 404
    assert client.get("/api/conversations/x/consents").status_code == 422  # person id too short
    r = client.post(f"/api/conversations/{pid}/consent-preferences", json={"rule": "never"})
    assert r.status_code == 400 and r.json()["error"] == "bad_preference"


def test_organisation_sees_a_profile_only_under_a_valid_consent(app_env):
    client, services = app_env
    pid = _person(services)
    org, headers = _org(services, "employer")
    ref = _ref(services, org, pid)
    url = f"/api/org/people/{ref}/profile"

    denied = client.get(url, headers=headers)
    assert denied.status_code == 403 and denied.json()["error"] == "not_shared"
    assert client.get("/api/org/people", headers=headers).json() == []

    notice = _notice(client, org.recipient_id, "recruitment")
    assert "DEMO" not in notice["why"]["en"] and notice["controller"]["name"] == org.name
    cid = client.post(f"/api/conversations/{pid}/consents",
                      json={"notice_id": notice["id"], "data_categories": ["profile", "skills"]}).json()["id"]
    client.post(f"/api/conversations/{pid}/consents/{cid}/grant")

    ok = client.get(url, headers=headers)
    assert ok.status_code == 200, ok.text
    body = ok.json()
    assert set(body["data"]) == {"profile", "skills"} and body["consent_id"] == cid
    assert body["data"]["skills"][0]["uri"] == SKILL
    people = client.get("/api/org/people", headers=headers).json()
    assert [p["person_id"] for p in people] == [ref]
    assert body["data"]["profile"]["person_id"] == ref and pid not in ok.text
    plan = client.get(f"/api/org/people/{ref}/plan", headers=headers)  # the consent does not cover the plan
    assert plan.status_code == 403 and plan.json()["error"] == "not_shared"

    client.post(f"/api/conversations/{pid}/consents/{cid}/revoke")
    after = client.get(url, headers=headers)
    assert after.status_code == 403
    # one answer for every refusal: the organisation does not learn that the person withdrew
    assert after.json() == denied.json() == plan.json()

    # another organisation never sees it
    _, other = _org(services, "employer")
    assert client.get(url, headers=other).status_code == 403

    log = client.get(f"/api/conversations/{pid}/shares").json()
    assert [(e["outcome"], e["reason"]) for e in log if e["recipient_id"] == org.recipient_id] == [
        ("refused", "no_consent"), ("allowed", "consent_valid"), ("refused", "categories_not_covered"),
        ("refused", "consent_revoked")]
    assert services.sharing.violations(pid) == []


def test_api_keys_scopes_and_rate_limits(app_env):
    client, services = app_env
    org, headers = _org(services, "training_provider", scopes=[Scope.statistics_read], rate=3)
    assert client.get("/api/org/me").status_code == 401
    bad = client.get("/api/org/me", headers={"X-API-Key": "ok_000000000000_forged"})
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_key"
    me = client.get("/api/org/me", headers=headers)
    assert me.status_code == 200 and me.json()["organisation"]["id"] == org.id
    assert "key_hash" not in me.text
    denied = client.get("/api/org/people", headers=headers)
    assert denied.status_code == 403 and denied.json()["error"] == "missing_scope"
    client.get("/api/org/statistics", headers=headers)
    limited = client.get("/api/org/statistics", headers=headers)  # 4th request within the minute
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    # the key is stored hashed only
    key = headers["X-API-Key"]
    with services.database.session() as s:
        from sqlalchemy import select

        from tools.organisations.tables import ApiKeyRow

        stored = [tuple(r) for r in s.execute(select(ApiKeyRow))]
    assert key not in repr(stored) and key.split("_", 2)[2] not in repr(stored)
    services.organisations.revoke_key(key.split("_")[1])
    assert client.get("/api/org/me", headers=headers).json()["error"] == "revoked_key"


def test_traces_raise_the_validation_level_with_provenance(app_env):
    client, services = app_env
    pid = _person(services)
    org, headers = _org(services, "training_provider", scopes=[Scope.traces_write])
    statement = {
        "id": str(uuid.uuid4()),
        "actor": {"account": {"homePage": "https://lms.acme.example", "name": "learner-42"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": "https://lms.acme.example/course/first-aid",
                   "definition": {"name": {"en-US": "First aid"},
                                  "extensions": {"https://w3id.org/orient/xapi/esco-skill": SKILL}}},
        "result": {"success": True, "completion": True},
    }
    url = f"/api/org/people/{_ref(services, org, pid)}/traces"
    r = client.post(url, headers=headers, json={"kind": "xapi", "statement": statement})
    assert r.status_code == 403 and r.json()["error"] == "not_shared"
    notice = _notice(client, org.recipient_id, "skill_evidence")
    _grant(client, pid, notice["id"])

    r = client.post(url, headers=headers, json={"kind": "xapi", "statement": statement})
    assert r.status_code == 201, r.text
    assert r.json()["level"] == "evidenced" and r.json()["level_changed"] and not r.json()["skill_added"]
    assert client.post(url, headers=headers, json={"kind": "xapi", "statement": statement}).status_code == 409
    failed = dict(statement, id=str(uuid.uuid4()), verb={"id": "http://adlnet.gov/expapi/verbs/failed"})
    assert client.post(url, headers=headers, json={"kind": "xapi", "statement": failed}).status_code == 422

    cert = {"kind": "certificate", "skill_uri": SKILL2, "title": "Certificat SST", "issuer": org.name,
            "credential_id": "SST-2026-001", "url": "https://acme.example/cert/SST-2026-001"}
    r = client.post(url, headers=headers, json=cert)
    assert r.status_code == 201 and r.json()["level"] == "certified" and r.json()["skill_added"]

    profile = services.profiles.get(pid)
    skill = profile.skill(SKILL)
    assert skill.level.value == "evidenced" and skill.validated_by == org.name
    assert skill.evidence[-1].source.value == "organisation_trace"
    assert skill.evidence[-1].xapi_statement_id == statement["id"]
    new = profile.skill(SKILL2)
    assert new.level.value == "certified" and new.state.value == "proposed"  # the person confirms it
    assert new.evidence[0].document_ref == cert["url"]


def test_statistics_json_and_csv(app_env):
    client, services = app_env
    _, headers = _org(services, "statistics", scopes=[Scope.statistics_read])
    for _ in range(11):
        pid = _person(services)
        services.consents.give(pid, "demo-statistics:territory_statistics:v1")
        services.statistics.contribute_profile(services.profiles.get(pid))
    data = client.get("/api/org/statistics", headers=headers, params={"region": "Normandie"}).json()
    assert data["k"] == 10 and data["groups"][0]["contributors"] == 11
    assert data["groups"][0]["targets"] == [{"uri": OCC, "label": None, "count": 11}]
    r = client.get("/api/org/statistics", headers=headers, params={"format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {(x["dimension"], x["uri"], x["count"]) for x in rows} == {("skill", SKILL, "11"), ("target_occupation", OCC, "11")}
    assert client.get("/api/org/statistics", headers=headers, params={"period": "2026-13"}).status_code == 422


def test_privacy_endpoints(app_env):
    client, services = app_env
    pid = _person(services)
    org, headers = _org(services, "employer")
    notice = _notice(client, org.recipient_id, "recruitment")
    _grant(client, pid, notice["id"])
    ref = _ref(services, org, pid)
    assert client.get(f"/api/org/people/{ref}/profile", headers=headers).status_code == 200

    summary = client.get(f"/api/conversations/{pid}/privacy/summary", params={"lang": "fr"}).json()
    assert "Aide à domicile" in summary["text"] and summary["remaining"]["profiles"] == 1
    export = client.get(f"/api/conversations/{pid}/privacy/export")
    assert export.status_code == 200 and "attachment" in export.headers["content-disposition"]
    assert export.json()["stores"]["profiles"]["profile"]["person_id"] == pid

    report = client.delete(f"/api/conversations/{pid}/privacy").json()
    assert all(v == 0 for v in report["remaining"].values()) and report["removed"]["profiles"] == 1
    after = client.get(f"/api/org/people/{ref}/profile", headers=headers)
    assert after.status_code == 403
    assert client.get(f"/api/conversations/{pid}/consents").status_code == 401  # the token went with the rest


def test_preferences_and_recommendations_endpoints(app_env):
    client, services = app_env
    pid = _person(services)
    r = client.post(f"/api/conversations/{pid}/consent-preferences", json={"rule": "never", "recipient_kind": "employer"})
    assert r.status_code == 201
    prefs = client.get(f"/api/conversations/{pid}/consent-preferences").json()
    assert [(p["recipient_kind"], p["rule"]) for p in prefs] == [("employer", "never")]
    reco = client.get(f"/api/conversations/{pid}/recipients/recommended",
                      params={"persona": "jobseeker", "goal": "find a job", "lang": "en"}).json()
    assert reco and all(x["kind"] != "employer" for x in reco) and all(x["why"] for x in reco)
    assert client.delete(f"/api/conversations/{pid}/consent-preferences/{prefs[0]['id']}").status_code == 204
    assert client.delete(f"/api/conversations/{pid}/consent-preferences/{prefs[0]['id']}").status_code == 404


def test_hostile_inputs_get_4xx_never_5xx(app_env):
    client, services = app_env
    pid = _person(services)
    org, headers = _org(services, "training_provider", scopes=[Scope.profiles_read, Scope.traces_write])
    notice = _notice(client, org.recipient_id, "skill_evidence")
    _grant(client, pid, notice["id"])
    url = f"/api/org/people/{_ref(services, org, pid)}/traces"
    for statement in ({"verb": "completed"}, {"verb": {"id": 3}, "object": "x"},
                      {"verb": {"id": "http://adlnet.gov/expapi/verbs/completed"}, "object": ["x"], "result": "ok"},
                      {"verb": {"id": "http://adlnet.gov/expapi/verbs/completed"}, "object": {"id": "\u0000"}},
                      {"verb": {"id": "http://adlnet.gov/expapi/verbs/passed"}, "object": {"id": "https://x"}}):
        r = client.post(url, headers=headers, json={"kind": "xapi", "statement": statement})
        assert r.status_code == 422, (statement, r.text)
    r = client.post(url, headers=headers, content=b'{"kind": "certificate", "skill_uri": "\\ud800", "title": "t"}')
    assert r.status_code == 422
    for body in ({"notice_id": "a" * 200}, {"notice_id": "x\u0000"}, {"notice_id": ""}):
        assert client.post(f"/api/conversations/{pid}/consents", json=body).status_code == 422
    r = client.post("/api/consent/verify", content=b'{"receipt": {"x": "\\ud800", "proof": {"type": "Ed25519Signature"}}}')
    assert r.status_code == 422  # the JSON parser refuses a lone surrogate
    for proof in ({"type": "Ed25519Signature", "signature_value": "!!"}, {"type": "Ed25519Signature", "signature_value": "AA"},
                  {"type": "Ed25519Signature", "signature_value": 5}, "x", None):
        r = client.post("/api/consent/verify", json={"receipt": {"x": "\u00e9", "proof": proof}})
        assert r.status_code == 200 and r.json()["valid"] is False
    _, stats_headers = _org(services, "statistics", scopes=[Scope.statistics_read])
    assert client.get("/api/org/statistics", headers=stats_headers, params={"region": "a\x00b"}).status_code == 422
    assert client.get(f"/api/org/people/{_ref(services, org, pid)}/profile", headers=headers,
                      params={"purpose": "x\x00"}).status_code == 422


def test_public_key_lists_retired_keys_after_rotation(backend_settings, tmp_path):
    from tools.consent.signing import rotate_key

    settings = backend_settings.model_copy(update={"checkpoint_url": str(tmp_path / "checkpoints.sqlite3")})
    first = Services(settings)
    pid = _person(first)
    old = first.consents.latest_receipt(pid, first.consents.give(pid, "demo-coach:career_coaching:v1").id)
    rotate_key(settings.storage_dir / "keys")
    services = Services(settings)  # a restarted worker
    client = TestClient(create_app(settings, services))
    key = client.get("/api/consent/public-key").json()
    assert [k["key_id"] for k in key["retired"]] == [old["proof"]["verification_method"]]
    assert verify_receipt(old, key["retired"][0]["public_key_pem"])
    r = client.post("/api/consent/verify", json={"receipt": old}).json()
    assert r == {"valid": True, "key_id": old["proof"]["verification_method"]}
    first.database.dispose()
    services.database.dispose()
