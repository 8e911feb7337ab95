"""Imports checked against a real (tiny) knowledge base built from fixture data."""

import json
from pathlib import Path

import pytest

from channels.cli import main
from channels.services import Services
from channels.settings import Settings
from knowledge_data import SKILL as S
from tools.profile.export import to_jsonld
from tools.profile.importers import ImportRejected, import_document
from tools.profile.models import Evidence, Experience, Profile, ProfileSkill


def _english_profile(extra_uri: str | None = None) -> Profile:
    p = Profile(person_id="elsewhere", language="en")
    exp = p.add_experience(Experience(title="Cashier", organisation="Tesco"))
    for uri, label in ((S["till"], "operate cash register"), (S["customer"], "provide customer service")):
        p.upsert_skill(ProfileSkill(uri=uri, label=label, state="confirmed", level="inferred", evidence=[Evidence(text="I worked the till", experience_id=exp.id)]))
    if extra_uri:
        p.upsert_skill(ProfileSkill(uri=extra_uri, label="made up", state="confirmed"))
    return p


def test_import_relabels_in_the_persons_language(tiny_kb):
    mine = Profile(person_id="me", language="fr")
    mine.add_experience(Experience(title="Caissière"))
    record = import_document(mine, to_jsonld(_english_profile(), provider="UK Service"), known_skills=tiny_kb.skills, label=tiny_kb.label)
    assert record.skills_added == 2
    assert {s.label for s in mine.skills} == {"utiliser une caisse enregistreuse", "fournir un service client"}
    assert all(e.provider == "UK Service" for s in mine.skills for e in s.evidence)


def test_import_refuses_uris_not_in_esco(tiny_kb):
    unknown = "http://data.europa.eu/esco/skill/99999999-0000-0000-0000-000000000000"
    mine = Profile(person_id="me", language="fr")
    with pytest.raises(ImportRejected) as info:
        import_document(mine, to_jsonld(_english_profile(unknown)), known_skills=tiny_kb.skills, label=tiny_kb.label)
    assert info.value.unknown_uris == [unknown]
    assert mine.skills == []


def test_cli_import_checks_against_the_built_knowledge_base(tiny_knowledge_dir: Path, tmp_path: Path, capsys):
    storage = tmp_path / "var"
    storage.mkdir()
    (storage / "knowledge").symlink_to(tiny_knowledge_dir, target_is_directory=True)
    good, bad = tmp_path / "good.jsonld", tmp_path / "bad.jsonld"
    good.write_text(json.dumps(to_jsonld(_english_profile())), encoding="utf-8")
    bad.write_text(json.dumps(to_jsonld(_english_profile("http://data.europa.eu/esco/skill/99999999-0000-0000-0000-000000000000"))), encoding="utf-8")

    assert main(["--storage-dir", str(storage), "profile", "import", "p1", str(bad)]) == 1
    assert "not ESCO skills known here" in capsys.readouterr().err
    assert main(["--storage-dir", str(storage), "profile", "import", "p1", str(good)]) == 0
    assert "2 skill(s) added" in capsys.readouterr().out
    services = Services(Settings(storage_dir=storage))
    try:
        assert len(services.profiles.get("p1").skills) == 2
    finally:
        services.database.dispose()
