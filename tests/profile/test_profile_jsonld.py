import json

import pytest
from profile_samples import full_profile, skill_uri
from pyld import jsonld

from tools.profile.importers import ImportRejected, import_document, merge_profile
from tools.profile.jsonld import (
    CONTEXT_URL,
    ORIENT,
    JsonLdProfileError,
    code_from_uri,
    jsonld_document,
    onet_uri,
    read_jsonld,
    rome_uri,
)
from tools.profile.models import Evidence, Experience, Profile, ProfileSkill, SkillState, ValidationLevel


def test_round_trip_is_lossless():
    profile = full_profile()
    text = json.dumps(jsonld_document(profile), ensure_ascii=False)
    back = read_jsonld(json.loads(text))
    assert back.provider == "orient"
    original = profile.model_dump(mode="json", exclude={"version"})
    again = back.model_dump(mode="json", exclude={"version", "provider"})
    assert again == original


def test_expanded_document_uses_esco_rome_and_vocabulary_iris():
    doc = jsonld_document(full_profile())
    expanded = jsonld.expand(doc)[0]
    assert expanded["@type"] == [f"{ORIENT}Profile"]
    skills = expanded[f"{ORIENT}skill"]
    first = skills[0]
    assert first["@type"] == [f"{ORIENT}Skill"]
    assert first[f"{ORIENT}escoSkill"] == [{"@id": skill_uri(0)}]
    assert {"@id": "https://candidat.francetravail.fr/metierscope/fiche-metier/G1803"} in first[f"{ORIENT}rome"]
    assert {"@id": "https://www.onetonline.org/link/summary/35-3031.00"} in first[f"{ORIENT}onet"]
    target = expanded[f"{ORIENT}target"][0]
    assert target["@id"] == "http://data.europa.eu/esco/occupation/aaaa-bbbb"
    assert target["@type"] == ["https://schema.org/Occupation"]
    experiences = expanded[f"{ORIENT}experience"]
    assert {e["https://schema.org/name"][0]["@value"] for e in experiences} >= {"Serveuse", "Animatrice bénévole"}


def test_code_uris():
    assert rome_uri("M1805") == "https://candidat.francetravail.fr/metierscope/fiche-metier/M1805"
    assert rome_uri("123456") == "https://w3id.org/orient/rome/123456"
    assert onet_uri("15-1252.00") == "https://www.onetonline.org/link/summary/15-1252.00"
    for code in ("M1805", "123456", "15-1252.00"):
        assert code_from_uri(rome_uri(code) if "-" not in code else onet_uri(code)) == code


OTHER = "https://other.example/"


def _foreign_document(level: str = "declared") -> dict:
    """The same vocabulary written differently: other prefixes, a flat @graph, IRIs for nodes."""
    return {
        "@context": {"o": "https://w3id.org/orient/vocab#", "s": "https://schema.org/"},
        "@graph": [
            {
                "@id": f"{OTHER}profiles/77",
                "@type": "o:Profile",
                "s:provider": "Other Service",
                "s:inLanguage": "en",
                "o:experience": [{"@id": f"{OTHER}exp/1"}, {"@id": f"{OTHER}exp/2"}],
                "o:skill": [{"@id": "_:s1"}, {"@id": "_:s2"}],
            },
            {"@id": f"{OTHER}exp/1", "@type": "o:Experience", "s:name": "Serveuse", "o:organisation": "Café de Flore", "s:startDate": "2020-01"},
            {"@id": f"{OTHER}exp/2", "@type": "o:Experience", "s:name": "Barista", "o:experienceKind": "paid", "s:startDate": "2023"},
            {
                "@id": "_:s1",
                "@type": "o:Skill",
                "o:escoSkill": {"@id": skill_uri(1)},
                "s:name": "operate cash register",
                "o:validationLevel": level,
                "o:state": "confirmed",
                "o:evidence": {
                    "@type": "o:Evidence",
                    "s:text": "Till training certificate",
                    "o:source": "organisation_trace",
                    "o:documentRef": "certificate-42.pdf",
                    "o:fromExperience": {"@id": f"{OTHER}exp/1"},
                },
            },
            {
                "@id": "_:s2",
                "@type": "o:Skill",
                "o:escoSkill": {"@id": skill_uri(30)},
                "s:name": "prepare coffee",
                "o:validationLevel": "inferred",
                "o:state": "confirmed",
                "o:evidence": {"@type": "o:Evidence", "s:text": "I made espresso", "o:fromExperience": {"@id": f"{OTHER}exp/2"}},
            },
        ],
    }


KNOWN = {skill_uri(i) for i in range(40)}


def test_foreign_document_merges_with_provenance():
    profile = full_profile()
    before_level = profile.skill(skill_uri(1)).level
    record = import_document(profile, _foreign_document(), source="other.jsonld", known_skills=KNOWN)

    assert record.provider == "Other Service" and record.kind == "jsonld" and record.source == "other.jsonld"
    assert (record.skills_added, record.skills_merged, record.experiences_added) == (1, 1, 1)
    assert profile.provenance[-1] == record
    # same ESCO URI: one skill, evidence from both providers, level not lowered by the import
    cash = [s for s in profile.skills if s.uri == skill_uri(1)]
    assert len(cash) == 1
    assert cash[0].level == before_level == ValidationLevel.evidenced
    providers = {e.provider for e in cash[0].evidence}
    assert providers == {"orient", "Other Service"}
    new_ev = next(e for e in cash[0].evidence if e.provider == "Other Service")
    assert new_ev.document_ref == "certificate-42.pdf"
    # the imported evidence points at the person's own "Serveuse" experience (no duplicate)
    serveuse = [e for e in profile.experiences if e.title == "Serveuse"]
    assert len(serveuse) == 1 and new_ev.experience_id == serveuse[0].id
    barista = next(e for e in profile.experiences if e.title == "Barista")
    assert barista.provider == "Other Service"
    coffee = profile.skill(skill_uri(30))
    assert coffee.experience_ids == [barista.id]
    assert coffee.label == "prepare coffee"


def test_import_raises_level_but_never_lowers_it():
    profile = full_profile()
    import_document(profile, _foreign_document(level="certified"), known_skills=KNOWN)
    assert profile.skill(skill_uri(1)).level == ValidationLevel.certified
    import_document(profile, _foreign_document(level="declared"), known_skills=KNOWN)
    assert profile.skill(skill_uri(1)).level == ValidationLevel.certified


def test_reimport_is_idempotent_except_provenance():
    profile = full_profile()
    import_document(profile, _foreign_document(), known_skills=KNOWN)
    snapshot = profile.model_dump(exclude={"provenance", "updated_at"})
    record = import_document(profile, _foreign_document(), known_skills=KNOWN)
    assert (record.skills_added, record.skills_merged, record.experiences_added) == (0, 0, 0)
    assert profile.model_dump(exclude={"provenance", "updated_at"}) == snapshot
    assert len(profile.provenance) == 2


def test_rejected_skill_stays_rejected():
    profile = full_profile()
    doc = jsonld_document(full_profile())
    for node in doc["skill"]:
        if node["escoSkill"] == skill_uri(9):
            node["state"] = "confirmed"
            node["validationLevel"] = "certified"
    import_document(profile, doc, known_skills=KNOWN)
    assert profile.skill(skill_uri(9)).state == SkillState.rejected


def test_unknown_uri_rejects_the_whole_import():
    profile = full_profile()
    before = profile.model_dump()
    with pytest.raises(ImportRejected, match="not ESCO skills known here") as info:
        import_document(profile, _foreign_document(), known_skills=KNOWN - {skill_uri(30)})
    assert info.value.unknown_uris == [skill_uri(30)]
    assert profile.model_dump() == before


def test_new_skills_are_relabelled_in_the_persons_language():
    profile = full_profile(language="fr")
    labels = {skill_uri(30): "préparer du café"}
    import_document(profile, _foreign_document(), known_skills=KNOWN, label=lambda uri, lang: labels.get(uri, uri) if lang == "fr" else uri)
    assert profile.skill(skill_uri(30)).label == "préparer du café"


def test_import_into_an_empty_profile_keeps_everything_and_its_provenance():
    source = full_profile()
    source.provenance = []
    empty = Profile(person_id="someone-else")
    import_document(empty, jsonld_document(source, provider="Orient Rennes"), known_skills=KNOWN)
    assert empty.language == "fr"
    assert [s.uri for s in empty.skills] == [s.uri for s in source.skills]
    assert empty.target.uri == source.target.uri
    assert empty.provenance[-1].provider == "Orient Rennes"
    # provenance travels: exporting again and importing elsewhere keeps the whole chain
    third = Profile(person_id="third")
    import_document(third, jsonld_document(empty, provider="Orient Lyon"), known_skills=KNOWN)
    assert [r.provider for r in third.provenance] == ["Orient Rennes", "Orient Lyon"]


@pytest.mark.parametrize(
    "document, message",
    [
        ({"@context": {"s": "https://schema.org/"}, "@type": "s:Person", "s:name": "x"}, "no Profile node"),
        ({"@context": CONTEXT_URL.replace("v1", "v9"), "@type": "Profile"}, "remote JSON-LD context"),
        ({"@context": "https://evil.example/context.jsonld", "@type": "Profile"}, "remote JSON-LD context"),
        ({"@context": {"@vocab": 5}, "@type": "Profile"}, "not valid JSON-LD"),
        (
            {"@context": {"o": "https://w3id.org/orient/vocab#"}, "@type": "o:Profile", "o:skill": {"@type": "o:Skill", "o:escoSkill": {"@id": "http://example.org/s/1"}}},
            "not an ESCO skill URI",
        ),
    ],
)
def test_unreadable_documents_get_clear_errors(document, message):
    with pytest.raises(ImportRejected, match=message):
        import_document(Profile(person_id="p"), document)


def test_our_context_url_is_resolved_locally():
    doc = jsonld_document(full_profile())
    doc["@context"] = CONTEXT_URL
    back = read_jsonld(doc)
    assert len(back.skills) == 6


def test_read_jsonld_rejects_two_profiles():
    doc = {"@context": {"o": ORIENT}, "@graph": [{"@id": "urn:a", "@type": "o:Profile"}, {"@id": "urn:b", "@type": "o:Profile"}]}
    with pytest.raises(JsonLdProfileError, match="2 profiles"):
        read_jsonld(doc)


def test_json_export_imports_back():
    source = full_profile()
    target = Profile(person_id="p2", language="fr")
    target.add_experience(Experience(title="Serveuse", organisation="Café de Flore"))
    target.upsert_skill(ProfileSkill(uri=skill_uri(0), label="servir", level="declared", evidence=[Evidence(text="bar")]))
    record = import_document(target, source.model_dump(mode="json"), known_skills=KNOWN)
    assert record.kind == "json"
    assert len([e for e in target.experiences if e.title == "Serveuse"]) == 1
    assert target.skill(skill_uri(0)).level == ValidationLevel.certified
    assert len(target.skill(skill_uri(0)).evidence) == 2


def test_merge_profile_directly():
    a, b = Profile(person_id="a"), full_profile()
    record = merge_profile(a, b, provider="test", known_skills=None)
    assert record.skills_added == 6 and record.experiences_added == 3


def test_every_context_term_is_documented():
    from pathlib import Path

    import tools.profile.jsonld as module
    from tools.profile.jsonld import CONTEXT

    doc = (Path(module.__file__).parent / "VOCABULARY.md").read_text(encoding="utf-8")
    missing = [term for term in CONTEXT if f"`{term}`" not in doc]
    assert missing == []
