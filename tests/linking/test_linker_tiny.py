"""The linking engine on the tiny knowledge base (5 skills, 4 occupations) with the real model."""

import pytest

from knowledge_data import OCCUPATION, SKILL
from tools.linking import LinkedSkill, SkillLinker


@pytest.fixture(scope="module")
def tiny_linker(tiny_kb, embedder):
    return SkillLinker(tiny_kb, embedder, None)


def test_each_clause_yields_its_skill_with_evidence(tiny_linker):
    text = "I took payments at the till, and I trained new staff"
    skills = tiny_linker.link_skills(text, top_k=3)
    assert all(isinstance(s, LinkedSkill) for s in skills)
    by_uri = {s.uri: s for s in skills}
    assert SKILL["payments"] in by_uri and SKILL["train"] in by_uri
    for s in skills:
        assert text[s.evidence_start : s.evidence_end] == s.evidence
    assert "train" in by_uri[SKILL["train"]].evidence
    assert by_uri[SKILL["train"]].evidence != text  # a clause, not the whole text
    assert by_uri[SKILL["payments"]].skill_type == "skill/competence"
    assert [s.score for s in skills] == sorted((s.score for s in skills), reverse=True)


def test_exact_label_phrase_is_its_own_evidence(tiny_linker):
    text = "Five years building data pipelines in Python for a bank"
    top = tiny_linker.link_skills(text, top_k=1)[0]
    assert top.uri == SKILL["python"]
    assert top.evidence == "Python"
    assert (top.evidence_start, top.evidence_end) == (text.index("Python"), text.index("Python") + 6)


def test_french_text_gets_french_labels(tiny_linker):
    skills = tiny_linker.link_skills("J'ai tenu la caisse pendant deux ans", lang="fr", top_k=2)
    assert skills[0].uri == SKILL["till"]
    assert skills[0].label == "utiliser une caisse enregistreuse"


def test_empty_text_links_nothing(tiny_linker):
    assert tiny_linker.link_skills("   ", top_k=5) == []
    assert tiny_linker.infer_occupations("", top_k=5) == []


def test_occupations_come_with_rome_codes(tiny_linker):
    occupations = tiny_linker.infer_occupations("I was a cashier: I took payments at the till", top_k=2)
    assert occupations[0].uri == OCCUPATION["cashier"]
    assert occupations[0].code == "5230.1"
    assert occupations[0].rome_codes  # from the official ESCO-ROME crosswalk


def test_job_titles_ignore_seniority_and_gender_markers(tiny_linker):
    assert tiny_linker.link_titles("Senior Software Engineer (m/f/d)", top_k=1)[0].uri == OCCUPATION["developer"]
    assert tiny_linker.link_titles("caissière", lang="fr", top_k=1)[0].uri == OCCUPATION["cashier"]


def test_rank_all_skills_is_a_full_ranking(tiny_linker, tiny_kb):
    ranked = tiny_linker.rank_all_skills("serve customers in a shop")
    assert sorted(ranked) == sorted(tiny_kb.skills)
    assert ranked[0] == SKILL["customer"]


def test_a_long_text_is_scored_in_chunks_with_evidence_from_its_clauses(tiny_linker):
    filler = ". ".join(f"Day {i} was quiet at the shop" for i in range(60))
    text = f"{filler}. I trained new staff. {filler}. Then I took payments at the till"
    skills = {s.uri: s for s in tiny_linker.link_skills(text, top_k=5)}
    assert SKILL["train"] in skills and SKILL["payments"] in skills
    assert "trained new staff" in skills[SKILL["train"]].evidence
    assert "payments" in skills[SKILL["payments"]].evidence
