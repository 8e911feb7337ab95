"""The consent lifecycle on SQLite and PostgreSQL: demo recipients, transitions, expiry, events, preferences."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tools.consent import (
    ConsentError,
    ConsentPreferences,
    ConsentService,
    ConsentStatus,
    Decision,
    InvalidTransition,
    RecipientKind,
    UnknownConsent,
)
from tools.consent.tables import AppendOnlyViolation, ConsentEventRow

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
COACH = "demo-coach:career_coaching:v1"
EMPLOYER = "demo-employer:recruitment:v1"


def test_fresh_install_has_one_demo_recipient_of_each_kind(consents: ConsentService):
    recipients = consents.recipients.list()
    assert sorted(r.kind.value for r in recipients) == sorted(k.value for k in RecipientKind)
    for r in recipients:
        assert r.demo and "demo" in r.name.lower()
        assert r.notices, r.id
        for n in r.notices:
            assert n.why["en"].startswith("DEMO") and n.why["fr"].startswith("DÉMO")
            assert n.data_categories and n.retention_days > 0 and n.consent_duration_days > 0
            assert "DEMO" in n.controller.name
    # seeding twice does not duplicate
    ConsentService(consents.database, consents.signer)
    assert len(consents.recipients.list()) == len(RecipientKind)


def test_lifecycle_pending_granted_revoked(consents: ConsentService):
    c = consents.request("p-life", COACH, ["profile"], duration_days=10, now=T0)
    assert c.status == ConsentStatus.pending
    assert not consents.is_valid("p-life", "demo-coach", "career_coaching", ["profile"], at=T0)
    c = consents.grant("p-life", c.id, now=T0 + timedelta(minutes=1))
    assert c.status == ConsentStatus.granted and c.expires_at == T0 + timedelta(days=10, minutes=1)
    assert consents.is_valid("p-life", "demo-coach", "career_coaching", ["profile"], at=T0 + timedelta(days=1))
    # not for more categories, another purpose, or another recipient
    assert not consents.is_valid("p-life", "demo-coach", "career_coaching", ["profile", "plan"], at=T0 + timedelta(days=1))
    assert not consents.is_valid("p-life", "demo-employer", "recruitment", ["profile"], at=T0 + timedelta(days=1))
    consents.revoke("p-life", c.id, now=T0 + timedelta(days=2))
    assert not consents.is_valid("p-life", "demo-coach", "career_coaching", ["profile"], at=T0 + timedelta(days=2))
    with pytest.raises(InvalidTransition):
        consents.grant("p-life", c.id, now=T0 + timedelta(days=3))
    with pytest.raises(InvalidTransition):
        consents.revoke("p-life", c.id, now=T0 + timedelta(days=3))
    events = consents.events("p-life")
    assert [e.event_type.value for e in events] == ["requested", "granted", "revoked"]
    assert all(e.receipt_id for e in events)


def test_refused_and_expired(consents: ConsentService):
    r = consents.request("p-exp", EMPLOYER, now=T0)
    consents.refuse("p-exp", r.id, now=T0)
    assert consents.get("p-exp", r.id).status == ConsentStatus.refused
    g = consents.give("p-exp", COACH, duration_days=1, now=T0)
    assert consents.is_valid("p-exp", "demo-coach", "career_coaching", ["plan"], at=T0 + timedelta(hours=23))
    assert not consents.is_valid("p-exp", "demo-coach", "career_coaching", ["plan"], at=T0 + timedelta(days=1))
    listed = {c.id: c.status for c in consents.list("p-exp", now=T0 + timedelta(days=2))}
    assert listed == {r.id: ConsentStatus.refused, g.id: ConsentStatus.expired}
    assert consents.events("p-exp", g.id)[-1].actor == "system:expiry"
    with pytest.raises(InvalidTransition):  # nothing left to revoke once lapsed
        consents.revoke("p-exp", g.id, now=T0 + timedelta(days=3))


def test_consents_are_scoped_to_their_person(consents: ConsentService):
    c = consents.give("p-owner", COACH, now=T0)
    with pytest.raises(UnknownConsent):
        consents.revoke("p-intruder", c.id, now=T0)
    with pytest.raises(UnknownConsent):
        consents.latest_receipt("p-intruder", c.id)


def test_bad_requests_are_refused_with_a_reason(consents: ConsentService):
    with pytest.raises(ConsentError) as e:
        consents.request("p-bad", "no-such-notice")
    assert e.value.code == "unknown_notice"
    with pytest.raises(ConsentError) as e:
        consents.request("p-bad", EMPLOYER, ["interests"])  # not in the employer's notice
    assert e.value.code == "categories_not_in_notice"
    with pytest.raises(ConsentError):
        consents.request("", COACH)


def test_event_log_is_append_only(consents: ConsentService):
    consents.give("p-append", COACH, now=T0)
    with pytest.raises(AppendOnlyViolation):
        with consents.database.session() as s:
            row = s.scalars(select(ConsentEventRow).where(ConsentEventRow.person_id == "p-append")).first()
            row.state = "refused"
    with pytest.raises(AppendOnlyViolation):
        with consents.database.session() as s:
            s.delete(s.scalars(select(ConsentEventRow).where(ConsentEventRow.person_id == "p-append")).first())
    assert [e.state.value for e in consents.events("p-append")] == ["pending", "granted"]


def test_preferences_never_always_ask(consents: ConsentService):
    prefs = ConsentPreferences(consents)
    employer = consents.give("p-pref", EMPLOYER, now=T0)
    # never with employers: the existing consent is withdrawn and proposals are refused
    prefs.set("p-pref", "never", recipient_kind="employer", now=T0 + timedelta(minutes=1))
    assert consents.get("p-pref", employer.id).status == ConsentStatus.revoked
    p = prefs.propose("p-pref", "demo-employer", "recruitment", now=T0 + timedelta(minutes=2))
    assert p.decision == Decision.refuse and p.reason == "preference_never"
    # always with my counsellor: a consent is granted on the rule's behalf, with a receipt naming the rule
    rule = prefs.set("p-pref", "always", recipient_kind="counsellor")
    p = prefs.propose("p-pref", "demo-counsellor", "career_guidance", ["profile"], now=T0 + timedelta(minutes=3))
    assert p.decision == Decision.share and p.reason == "preference_always" and p.consent_id
    assert consents.latest_receipt("p-pref", p.consent_id)["event"]["event_by"] == f"preference:{rule.id}"
    # ask each time for training providers, even with a standing consent
    consents.give("p-pref", "demo-training-provider:training_offers:v1", now=T0)
    prefs.set("p-pref", "ask", recipient_kind="training_provider")
    p = prefs.propose("p-pref", "demo-training-provider", "training_offers", now=T0 + timedelta(minutes=4))
    assert p.decision == Decision.ask
    # no rule, no consent: ask
    p = prefs.propose("p-pref", "demo-coach", "career_coaching", now=T0)
    assert p.decision == Decision.ask and p.reason == "no_consent"
    # a rule on one recipient beats the rule on its kind
    prefs.set("p-pref", "always", recipient_id="demo-employer")
    p = prefs.propose("p-pref", "demo-employer", "recruitment", now=T0 + timedelta(minutes=5))
    assert p.decision == Decision.share
    assert {x.rule.value for x in prefs.list("p-pref")} == {"never", "always", "ask"}


def test_recommendations_fit_the_persona_and_explain_why(consents: ConsentService):
    prefs = ConsentPreferences(consents)
    pupil = prefs.recommend(None, goal="choose my studies", persona="high_school", language="en", limit=5)
    assert pupil[0].kind in (RecipientKind.counsellor, RecipientKind.training_provider)
    assert pupil[-1].kind == RecipientKind.employer
    assert all(r.why for r in pupil)
    seeker = prefs.recommend(None, goal="find a job", persona="jobseeker", target="data analyst", language="fr")
    assert seeker[0].kind == RecipientKind.employer
    assert "objectif" in seeker[0].why and "démonstration" in seeker[0].why
    prefs.set("p-reco", "never", recipient_kind="employer")
    assert all(r.kind != RecipientKind.employer for r in prefs.recommend("p-reco", persona="jobseeker"))


def test_a_registered_recipient_is_recommended_before_the_demo_one(consents: ConsentService):
    from tools.organisations import OrganisationService

    org = OrganisationService(consents).create("Lycée Pro Test", "counsellor")
    reco = ConsentPreferences(consents).recommend(None, persona="high_school", limit=10)
    counsellors = [r.recipient_id for r in reco if r.kind == RecipientKind.counsellor]
    assert counsellors == [org.recipient_id, "demo-counsellor"]
    assert "demo" not in reco[0].why
