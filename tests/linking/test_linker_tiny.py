"""The linking engine on the tiny knowledge base (5 skills, 4 occupations) with the real model."""

import numpy as np
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


def test_a_persons_chat_is_read_in_the_labels_words_with_evidence_in_theirs(tiny_linker):
    text = "i was on the till 2 yrs, takin payments n coachin new staff lol"
    analysis = tiny_linker.analyse(text)
    assert analysis.rewritten.told_by_a_person and "lol" not in analysis.text
    assert analysis.config.ranked_as_shown == tiny_linker.config.person.ranked_as_shown
    skills = {s.uri: s for s in tiny_linker.link_skills(text, top_k=3)}
    assert SKILL["payments"] in skills
    assert text[skills[SKILL["payments"]].evidence_start : skills[SKILL["payments"]].evidence_end] == skills[SKILL["payments"]].evidence
    assert "payments" in skills[SKILL["payments"]].evidence  # the person's own words, as typed


def test_a_job_ad_keeps_the_settings_its_benchmarks_were_tuned_on(tiny_linker):
    analysis = tiny_linker.analyse("Take payments at the till and coach new staff")
    assert not analysis.rewritten.told_by_a_person
    assert analysis.config is tiny_linker.config


def test_knowledge_and_managing_skills_sink_unless_the_person_says_so(tiny_kb, embedder, tiny_linker):
    from dataclasses import replace

    config = tiny_linker.config
    lenient = SkillLinker(tiny_kb, embedder, None, replace(config, person=replace(config.person, knowledge_penalty=0.0, managing_penalty=0.0)))
    position = {s.uri: i for i, s in enumerate(tiny_linker.skill_records)}
    python, train = position[SKILL["python"]], position[SKILL["train"]]
    told = "I wrote scripts in Python and worked with the staff trainers"
    strict, plain = tiny_linker.analyse(told).scores, lenient.analyse(told).scores
    assert strict[python] == pytest.approx(plain[python] - config.person.knowledge_penalty, abs=1e-5)  # nothing says they know it
    assert strict[train] == pytest.approx(plain[train] - config.person.managing_penalty, abs=1e-5)  # nor that they trained anyone
    knowing = "I learned Python and I trained new staff"
    strict, plain = tiny_linker.analyse(knowing).scores, lenient.analyse(knowing).scores
    assert strict[python] == pytest.approx(plain[python]) and strict[train] == pytest.approx(plain[train])


def test_skills_only_professionals_hold_sink_for_a_person_naming_a_service_job(tiny_kb, embedder, tiny_linker):
    from dataclasses import replace

    config = tiny_linker.config
    lenient = SkillLinker(tiny_kb, embedder, None, replace(config, person=replace(config.person, expert_penalty=0.0)))
    python = {s.uri: i for i, s in enumerate(tiny_linker.skill_records)}[SKILL["python"]]  # only the developer (ISCO 2512) lists it
    named = "I worked as a cashier, I took payments at the till and wrote some Python"
    assert tiny_linker.analyse(named).scores[python] == pytest.approx(lenient.analyse(named).scores[python] - config.person.expert_penalty, abs=1e-5)
    unnamed = "I took payments at the till and wrote some Python"  # no job named: nothing to compare with
    assert tiny_linker.analyse(unnamed).scores[python] == pytest.approx(lenient.analyse(unnamed).scores[python])


def test_a_person_is_shown_fewer_skills_those_near_the_best(tiny_linker):
    text = "i took payments at the till n coached new staff, also wrote some python"
    shown = tiny_linker.link_skills(text, top_k=5)
    person = tiny_linker.config.person
    assert person.shown_at_least <= len(shown) <= 5
    assert all(s.score >= person.min_share_of_best * shown[0].score for s in shown[person.shown_at_least :])
    everything = tiny_linker.analyse(text).scores
    # knowledge items are not shown (the text is not about knowing): every other skill near the best is
    knowledge = np.array([s.skill_type == "knowledge" for s in tiny_linker.skill_records])
    near = (everything >= person.min_share_of_best * shown[0].score) & ~knowledge
    assert sum(near) <= max(len(shown), person.shown_at_least)


def test_a_person_naming_their_job_gets_that_occupations_skills_first(tiny_kb, embedder, tiny_linker):
    from dataclasses import replace

    config = tiny_linker.config
    without = SkillLinker(tiny_kb, embedder, None, replace(config, person=replace(config.person, occupation_pool=0.0)))
    position = {s.uri: i for i, s in enumerate(tiny_linker.skill_records)}
    told = "I worked as a cashier for two years, I took the money from people"
    pooled, plain = tiny_linker.analyse(told), without.analyse(told)
    occupations = pooled.occupation_scores
    assert tiny_linker.occupation_records[int(occupations.argmax())].uri == OCCUPATION["cashier"]
    lift = pooled.scores - plain.scores
    cashier_skills = [position[SKILL[k]] for k in ("payments", "till", "customer")]
    assert min(lift[cashier_skills]) > lift[position[SKILL["python"]]] >= 0  # the cashier's own skills, not the developer's
    assert max(lift) <= config.person.occupation_pool + 1e-6
