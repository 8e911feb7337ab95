"""Privacy rights through the real Services wiring (every registered store), on SQLite and PostgreSQL:
erase leaves nothing personal anywhere (property-based), export holds everything, the summary
is readable in English and French, consent receipts survive only anonymised and still verify."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from channels.services import PERSONAL_DATA_STORES, Services
from tools.consent import verify_receipt
from tools.organisations import CertificateTrace, Scope
from tools.profile.models import Experience, Profile, ProfileSkill, SkillState, Target
from tools.storage.database import Base

SKILLS = [
    "http://data.europa.eu/esco/skill/0c3b1f2a-0000-4000-8000-000000000001",
    "http://data.europa.eu/esco/skill/0c3b1f2a-0000-4000-8000-000000000002",
    "http://data.europa.eu/esco/skill/0c3b1f2a-0000-4000-8000-000000000003",
]
TARGET = "http://data.europa.eu/esco/occupation/0c3b1f2a-0000-4000-8000-0000000000aa"


@pytest.fixture
def services(backend_settings, tmp_path):
    # LangGraph checkpoints stay in a SQLite file: the Postgres saver is wired by the deployment (H8)
    s = Services(backend_settings.model_copy(update={"checkpoint_url": str(tmp_path / "checkpoints.sqlite3")}))
    yield s
    s.database.dispose()


def _person_data(services: Services, person: str, with_consents: bool, with_share: bool, with_stats: bool,
                 with_trace: bool, org) -> None:
    profile = Profile(person_id=person, language="fr", region="Bretagne",
                      experiences=[Experience(title=f"caissière chez {person}", description="j'ai formé des collègues")],
                      skills=[ProfileSkill(uri=u, label=f"skill {i}", state=SkillState.confirmed) for i, u in enumerate(SKILLS)],
                      target=Target(uri=TARGET, label="infirmière"))
    services.profiles.save(profile)
    services.transcripts.append(person, f"bonjour je suis {person}", {"text": "bienvenue"}, channel="web")
    consents = services.consents
    if with_consents:
        c = consents.give(person, "demo-coach:career_coaching:v1")
        if with_share:
            services.sharing.share(person, "demo-coach", "career_coaching", ["plan"], {"plan": {"target": "x"}})
        consents.revoke(person, c.id)
        consents.request(person, "demo-employer:recruitment:v1")
        services.consent_preferences.set(person, "never", recipient_kind="employer")
    if with_stats:
        consents.give(person, "demo-statistics:territory_statistics:v1")
        services.statistics.contribute_profile(profile)
    if with_trace:
        consents.give(person, f"{org.organisation.recipient_id}:skill_evidence:v1")
        services.traces.post(org, person, CertificateTrace(skill_uri=SKILLS[0], title="CACES", issuer="Org"))


def _rows_mentioning(services: Services, needle: str) -> dict[str, int]:
    found: dict[str, int] = {}
    with services.database.session() as s:
        for table in Base.metadata.sorted_tables:
            for row in s.execute(select(table)):
                if needle in repr(tuple(row)):
                    found[table.name] = found.get(table.name, 0) + 1
    return found


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(flags=st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans()), min_size=2, max_size=3))
def test_erase_leaves_nothing_personal_in_any_store(services: Services, flags):
    org = services.organisations.create(f"Org {uuid.uuid4().hex[:6]}", "training_provider")
    principal = services.organisations.authenticate(services.organisations.create_key(org.id, [Scope.traces_write]).key)
    people = [f"person-{uuid.uuid4().hex[:16]}" for _ in flags]
    for person, (c, sh, stt, tr) in zip(people, flags):
        _person_data(services, person, c, c and sh, stt, tr, principal)
    registry = services.privacy
    assert set(registry.names) >= {"profiles", "checkpoints", "transcripts", "consents", "sharing", "statistics", "traces"}
    before_others = {p: registry.remaining(p) for p in people[1:]}
    victim = people[0]
    assert sum(registry.remaining(victim).values()) > 0
    report = registry.erase_all(victim)
    assert report.complete, report.remaining
    assert all(v == 0 for v in registry.remaining(victim).values())
    assert _rows_mentioning(services, victim) == {}  # not even inside a JSON document of any table
    assert victim not in repr(registry.export_all(victim)["stores"])
    for p in people[1:]:  # nobody else lost anything
        assert registry.remaining(p) == before_others[p]
    # receipts of consents that were granted survive, anonymised and still verifiable
    kept = services.consents.anonymised_receipts(report.person_id_hash)
    assert (len(kept) > 0) == (flags[0][0] or flags[0][2] or flags[0][3])
    for receipt in kept:
        assert receipt["pii_principal_id"] == report.person_id_hash
        assert verify_receipt(receipt, services.consents.public_key_pem())


def test_export_and_summary(services: Services):
    person = f"person-{uuid.uuid4().hex[:12]}"
    org = services.organisations.create("Export Org", "training_provider")
    principal = services.organisations.authenticate(services.organisations.create_key(org.id).key)
    _person_data(services, person, True, True, True, True, principal)
    export = services.privacy.export_all(person)
    stores = export["stores"]
    assert stores["profiles"]["profile"]["person_id"] == person
    assert len(stores["consents"]["consents"]) == 4 and stores["consents"]["receipts"]
    assert [s["outcome"] for s in stores["sharing"]["shares"]].count("allowed") == 2  # coach + statistics
    assert stores["statistics"]["contributions"][0]["region"] == "Bretagne"
    assert stores["traces"]["traces"][0]["level"] == "certified"
    fr = services.privacy.summary(person, "fr")
    en = services.privacy.summary(person, "en")
    assert fr.startswith("Voici ce que je sais de vous") and "caissière" in fr and "infirmière" in fr
    assert en.startswith("Here is what I know about you") and "Confirmed skills (3)" in en
    assert "demo-statistics" in en  # active consents are listed
    nobody = services.privacy.summary("person-nobody", "en")
    assert nobody == "I don't know anything about you yet."


def test_personal_data_stores_are_all_registered(services: Services):
    names = services.privacy.names
    assert [n for n in PERSONAL_DATA_STORES if hasattr(Services, n)] == names
