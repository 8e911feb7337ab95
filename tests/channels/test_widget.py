"""The embeddable widget: tokens only with consent, rules decide which kind shows where, every
display checks consent at that moment (revocation hides it at once)."""

from __future__ import annotations

from pathlib import Path

import httpx
from channel_consents import grant, revoke
from channel_driver import run_to_end
from channel_user import TARGET_WITH_COURSES, ScriptedUser

from channels.widget import tokens
from channels.widget.rules import load_rules

TRAINING_NOTICE = "demo-training-provider:training_offers:v1"


def test_bundled_rules_parse():
    rules = load_rules(None)
    org, place = rules.placement("demo-training-provider", "course-catalogue")
    assert place.kinds == ["course"] and org.purpose == "training_offers"
    assert rules.placement("demo-training-provider", "nowhere") is None


def test_tokens_are_bound_to_an_organisation(tmp_path: Path):
    secret = tokens.load_secret(tmp_path)
    assert tokens.load_secret(tmp_path) == secret
    token = tokens.issue(secret, "web-abc", "demo-employer")
    assert tokens.read(secret, token, "demo-employer") == "web-abc"
    for bad, org in [(token, "demo-training-provider"), (token[:-2] + "xx", "demo-employer"), ("garbage", "demo-employer")]:
        try:
            tokens.read(secret, bad, org)
        except tokens.BadToken:
            continue
        raise AssertionError(f"accepted {bad!r} for {org}")


def test_widget_shows_recommendations_only_under_consent(client: httpx.Client):
    person, _ = run_to_end(client, ScriptedUser(target=TARGET_WITH_COURSES))
    refused = client.post(f"/api/conversations/{person}/widget-token", json={"organisation": "demo-training-provider"})
    assert refused.status_code == 403 and refused.json()["error"] == "no_consent"
    consent_id = grant(client, person, TRAINING_NOTICE)
    issued = client.post(f"/api/conversations/{person}/widget-token", json={"organisation": "demo-training-provider"})
    assert issued.status_code == 200, issued.text
    token = issued.json()["token"]
    assert 'data-organisation="demo-training-provider"' in issued.json()["snippet"]

    courses = client.get("/api/widget/recommendations",
                         params={"organisation": "demo-training-provider", "placement": "course-catalogue", "token": token})
    assert courses.status_code == 200, courses.text
    items = courses.json()["items"]
    assert items and {i["kind"] for i in items} == {"course"} and len(items) <= 3
    home = client.get("/api/widget/recommendations",
                      params={"organisation": "demo-training-provider", "placement": "home", "token": token}).json()
    assert "move" in {i["kind"] for i in home["items"]}

    frame = client.get("/widget/frame", params={"organisation": "demo-training-provider", "placement": "course-catalogue",
                                                "token": token, "lang": "fr"})
    assert frame.status_code == 200 and "Formation" in frame.text and items[0]["title"].split()[0] in frame.text
    assert "frame-ancestors" in frame.headers["content-security-policy"]

    other_org = client.get("/api/widget/recommendations",
                           params={"organisation": "demo-employer", "placement": "careers-page", "token": token})
    assert other_org.status_code == 403 and other_org.json()["error"] == "bad_token"
    unknown = client.get("/api/widget/recommendations",
                         params={"organisation": "demo-training-provider", "placement": "nope", "token": token})
    assert unknown.status_code == 404

    revoke(client, person, consent_id)
    after = client.get("/api/widget/recommendations",
                       params={"organisation": "demo-training-provider", "placement": "course-catalogue", "token": token})
    assert after.status_code == 403
    hidden = client.get("/widget/frame", params={"organisation": "demo-training-provider", "placement": "course-catalogue",
                                                 "token": token})
    assert hidden.status_code == 403 and "consent" in hidden.text
