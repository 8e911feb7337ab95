import threading
from datetime import timedelta

import pytest

from tools.profile.models import Evidence, Experience, Profile, ProfileSkill, Target
from tools.profile.store import ProfileConflict, ProfileStore

SKILL = "http://data.europa.eu/esco/skill/11111111-2222-3333-4444-555555555555"


def _profile(person_id: str, region: str | None = None) -> Profile:
    profile = Profile(person_id=person_id, language="fr", region=region)
    exp = profile.add_experience(Experience(title="Serveur", kind="paid", organisation="Café de la Gare"))
    profile.upsert_skill(ProfileSkill(uri=SKILL, label="servir des boissons", evidence=[Evidence(text="je servais", experience_id=exp.id)]))
    return profile


def test_save_get_round_trip(store: ProfileStore):
    assert store.get("nobody") is None
    saved = store.save(_profile("p1"))
    assert saved.version == 1
    loaded = store.get("p1")
    assert loaded is not None
    assert loaded.version == 1
    assert loaded.experiences[0].organisation == "Café de la Gare"
    assert loaded.skills[0].evidence[0].text == "je servais"
    assert loaded.updated_at.tzinfo is not None


def test_optimistic_concurrency(store: ProfileStore):
    store.save(_profile("p1"))
    worker_a = store.get("p1")
    worker_b = store.get("p1")
    worker_a.target = Target(uri="http://data.europa.eu/esco/occupation/x", label="barista")
    store.save(worker_a)
    worker_b.region = "Bretagne"
    with pytest.raises(ProfileConflict) as info:
        store.save(worker_b)
    assert info.value.expected == 1 and info.value.found == 2
    # creating a profile that another worker created meanwhile also conflicts
    with pytest.raises(ProfileConflict):
        store.save(_profile("p1"))
    assert store.get("p1").target.label == "barista"


def test_update_retries_until_applied(store: ProfileStore):
    store.save(_profile("p1"))
    errors: list[Exception] = []

    def add(n: int):
        try:
            for i in range(3):
                store.update("p1", lambda p, n=n, i=i: p.preferences.__setattr__("text", p.preferences.text + f"[{n}.{i}]"), retries=50)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    text = store.get("p1").preferences.text
    assert sorted(text.strip("[]").split("][")) == sorted(f"{n}.{i}" for n in range(3) for i in range(3))
    assert store.get("p1").version == 10


def test_list_count_delete(store: ProfileStore):
    for i in range(5):
        store.save(_profile(f"p{i}", region="Bretagne" if i % 2 else "Occitanie"))
    assert store.count() == 5
    assert store.count(region="Bretagne") == 2
    assert store.count("p1") == 1 and store.count("nobody") == 0
    listing = store.list(region="Occitanie")
    assert sorted(item.person_id for item in listing) == ["p0", "p2", "p4"]
    assert len(store.list(limit=2)) == 2
    newest = store.list()[0]
    assert [item.person_id for item in store.list(updated_since=newest.updated_at)] == [newest.person_id]
    assert len(store.list(updated_since=newest.updated_at - timedelta(hours=1))) == 5
    assert sorted(p.person_id for p in store.iter_profiles(batch=2)) == [f"p{i}" for i in range(5)]
    assert store.delete("p0") is True
    assert store.delete("p0") is False
    assert store.erase("p1") == 1
    assert store.get("p1") is None and store.count() == 3
    assert store.export_person("p2")["profile"]["person_id"] == "p2"


def test_two_workers_with_their_own_engines(database):
    """Two API workers = two engines on the same database: neither overwrites the other silently."""
    from tools.storage.database import Database

    other = Database(database.engine.url.render_as_string(hide_password=False))
    try:
        worker_a, worker_b = ProfileStore(database), ProfileStore(other)
        worker_a.save(_profile("shared"))
        read_a, read_b = worker_a.get("shared"), worker_b.get("shared")
        read_a.region = "A"
        worker_a.save(read_a)
        read_b.region = "B"
        with pytest.raises(ProfileConflict):
            worker_b.save(read_b)
        worker_b.update("shared", lambda p: setattr(p, "language", "en"))
        final = worker_a.get("shared")
        assert (final.region, final.language, final.version) == ("A", "en", 3)
    finally:
        other.dispose()
