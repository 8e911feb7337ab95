from datetime import date

import pytest
from pydantic import ValidationError

from tools.profile.models import (
    Evidence,
    EvidenceSource,
    Experience,
    Interests,
    Period,
    Profile,
    ProfileSkill,
    SkillState,
    ValidationLevel,
)

SKILL = "http://data.europa.eu/esco/skill/0f7b3ee8-9f1a-4b7a-9d2b-1c1a2f1f1f1f"


def test_validation_levels_are_ordered_and_only_raised():
    order = list(ValidationLevel)
    assert [lvl.rank for lvl in order] == [0, 1, 2, 3, 4]
    assert ValidationLevel.declared.raised("evidenced") is ValidationLevel.evidenced
    assert ValidationLevel.certified.raised(ValidationLevel.inferred) is ValidationLevel.certified
    assert ValidationLevel.evidenced.at_least("validated_by_counsellor")
    assert not ValidationLevel.inferred.at_least("evidenced")


def test_skill_raise_level_never_lowers():
    skill = ProfileSkill(uri=SKILL, label="cook", level="evidenced")
    assert skill.raise_level("declared") is False
    assert skill.level is ValidationLevel.evidenced
    assert skill.raise_level("certified", by="org-1") is True
    assert skill.level is ValidationLevel.certified and skill.validated_by == "org-1"


def test_skill_rejects_non_esco_uri():
    with pytest.raises(ValidationError, match="not an ESCO skill URI"):
        ProfileSkill(uri="http://example.org/skill/1", label="x")


def test_upsert_merges_same_uri_without_duplicate_evidence():
    profile = Profile(person_id="p1")
    exp = profile.add_experience(Experience(title="Volunteer cook", kind="volunteering"))
    ev = Evidence(text="I cooked for 50 people", experience_id=exp.id)
    profile.upsert_skill(ProfileSkill(uri=SKILL, label="cook", evidence=[ev]))
    profile.upsert_skill(
        ProfileSkill(
            uri=SKILL,
            label="cook",
            level="evidenced",
            evidence=[ev.model_copy(), Evidence(text="food hygiene certificate", source=EvidenceSource.organisation_trace, document_ref="cert.pdf")],
        )
    )
    assert len(profile.skills) == 1
    skill = profile.skills[0]
    assert len(skill.evidence) == 2
    assert skill.level is ValidationLevel.evidenced
    assert skill.experience_ids == [exp.id]


def test_skill_uris_follow_the_persons_answers():
    profile = Profile(person_id="p1")
    profile.upsert_skill(ProfileSkill(uri=SKILL, label="a"))
    other = SKILL[:-1] + "2"
    profile.upsert_skill(ProfileSkill(uri=other, label="b"))
    profile.set_skill_state(SKILL, "confirmed")
    profile.set_skill_state(other, SkillState.rejected)
    assert profile.skill_uris() == [SKILL]
    assert profile.skill_uris(confirmed_only=False) == [SKILL]
    with pytest.raises(KeyError):
        profile.set_skill_state(SKILL[:-1] + "9", "confirmed")


def test_remove_experience_drops_skills_only_backed_by_it():
    profile = Profile(person_id="p1")
    a = profile.add_experience(Experience(title="A"))
    b = profile.add_experience(Experience(title="B"))
    s1 = SKILL
    s2 = SKILL[:-1] + "2"
    profile.upsert_skill(ProfileSkill(uri=s1, label="one", evidence=[Evidence(text="x", experience_id=a.id)]))
    profile.upsert_skill(
        ProfileSkill(uri=s2, label="two", evidence=[Evidence(text="y", experience_id=a.id), Evidence(text="z", experience_id=b.id)])
    )
    profile.remove_experience(a.id)
    assert [s.uri for s in profile.skills] == [s2]
    assert profile.skills[0].experience_ids == [b.id]
    assert [e.title for e in profile.experiences] == ["B"]


def test_period_months_and_order():
    assert Period(start=date(2019, 1, 1), end=date(2021, 7, 1)).months() == 30
    assert Period(duration_months=6).months() == 6
    assert Period(start=date(2024, 1, 1)).months(today=date(2024, 4, 1)) == 3
    with pytest.raises(ValidationError, match="before its start"):
        Period(start=date(2022, 1, 1), end=date(2021, 1, 1))


def test_interests_accept_letters_and_reject_others():
    assert Interests(riasec="s, a, S").riasec == ["S", "A"]
    assert Interests(riasec=["social", "Artistic"]).riasec == ["S", "A"]
    with pytest.raises(ValidationError, match="RIASEC"):
        Interests(riasec=["X"])


def test_profile_json_round_trip():
    profile = Profile(person_id="p1", language="fr", persona="jobseeker")
    exp = profile.add_experience(Experience(title="Aide à domicile", kind="family_care", status="ongoing"))
    profile.upsert_skill(ProfileSkill(uri=SKILL, label="s'occuper", evidence=[Evidence(text="je m'occupe de ma mère", experience_id=exp.id)]))
    again = Profile.model_validate_json(profile.model_dump_json())
    assert again == profile
