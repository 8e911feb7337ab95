"""Trainings and jobs found by meaning through the catalog's Chroma index (embedded and server), with
the real embedding model: relevant items only, each saying which gap skills it covers, its language
and place; an honest none otherwise."""

from __future__ import annotations

import pytest
from career_kb import o, s

from knowledge.index import open_client
from tools.career.gap import compute_gap
from tools.career.jobs import match_jobs
from tools.career.trainings import recommend_trainings
from tools.catalog.index import CatalogRetrieval
from tools.catalog.records import CourseRecord, JobRecord
from tools.catalog.skill_links import SkillResolver, with_subjects


def course(cid, title, text=(), language=None, source="t", extra=None):
    return CourseRecord(id=cid, source=source, title=title, skills_text=list(text), language=language,
                        extra=extra or {})


COURSES = [
    course("till", "Cash handling and customer service at the checkout", ["cash register", "customer service"]),
    course("caisse", "Employé de commerce : tenir une caisse et accueillir les clients", ["caisse enregistreuse"],
           language="fr", extra={"location": "69003 Lyon"}),
    course("caisse-paris", "Tenir une caisse enregistreuse", ["caisse"], language="fr", extra={"location": "75011 Paris"}),
    course("azure", "Microsoft Azure fundamentals", ["cloud computing"]),
    course("suicide", "Suicide prevention", ["mental health"], source="coursera-sample"),
    course("neuro", "Medical neuroscience (advanced)", ["neuroscience"]),
]


@pytest.fixture(scope="module")
def courses(career_kb, embedder):
    """The catalog as an import leaves it: each course linked to the skills it is about."""
    return with_subjects(SkillResolver(career_kb, embedder=embedder), [c.model_copy(deep=True) for c in COURSES])


@pytest.fixture(params=["embedded", "server"])
def retrieval(request, tmp_path, embedder):
    if request.param == "server":
        client = open_client(None, request.getfixturevalue("career_chroma_server"))
    else:
        client = open_client(tmp_path / "knowledge")
    return CatalogRetrieval(client, embedder, "minilm")


def test_courses_for_the_gap_and_the_target_or_none(career_kb, retrieval, courses):
    gap = compute_gap(career_kb, [], o("cashier"), "en")
    recs = recommend_trainings(courses, gap, None, k=5, kb=career_kb, retrieval=retrieval, lang="en")
    assert [r.id for r in recs] == ["till"]  # it covers the whole gap; unrelated courses are no filler
    till = recs[0]
    assert {x.uri for x in till.covers} == {s("cash"), s("service")} and till.relevance >= 0.4
    assert till.language == "en" and not till.other_language
    # in French, near Lyon: the French course given in Lyon first (not the one in Paris), then what it leaves
    gap_fr = compute_gap(career_kb, [], o("cashier"), "fr")
    recs = recommend_trainings(courses, gap_fr, "près de Lyon", k=5, kb=career_kb, retrieval=retrieval, lang="fr")
    ids = [r.id for r in recs]
    assert ids[0] == "caisse" and "caisse-paris" not in ids and not {"azure", "suicide", "neuro"} & set(ids)
    french = recs[0]
    assert s("cash") in {x.uri for x in french.covers} and french.language == "fr" and not french.other_language
    assert french.location == "69003 Lyon" and "69003 Lyon" in french.why["fr"]
    if len(recs) > 1:  # the English course for the rest, marked as such
        assert recs[1].id == "till" and recs[1].other_language and "En anglais." in recs[1].explanation
    # a target the catalog has nothing for: none, not the nearest unrelated course
    video = compute_gap(career_kb, [], o("editor"), "en")
    assert recommend_trainings(courses, video, None, k=5, kb=career_kb, retrieval=retrieval) == []
    # the index is written once per catalog content
    key = retrieval.courses(courses).content_key()
    assert key and retrieval.courses(courses).content_key() == key


def test_jobs_stay_on_the_target_and_show_their_place(career_kb, retrieval):
    jobs = [
        JobRecord(id="j1", source="vacancies-sample", title="Cashier - Westlake, OH", skill_uris=[s("cash"), s("service")]),
        JobRecord(id="j2", source="t", title="Caissier", location="Lyon", skill_uris=[s("cash")]),
        JobRecord(id="j3", source="t", title="RN - Cath Lab", skill_uris=[s("service"), s("firstaid")]),
    ]
    found = match_jobs(jobs, [s("service")], kb=career_kb, target_uri=o("cashier"), k=5, lang="en", retrieval=retrieval)
    by_id = {j.id: j for j in found}
    assert "j3" not in by_id  # a nurse offer is not a cashier's job, whatever skills it shares
    assert by_id["j1"].location == "Westlake, OH" and by_id["j1"].country == "US" and by_id["j1"].demo
    assert "(Demo offer.)" in by_id["j1"].why["en"]
    # a French person near Lyon: the offer in Ohio is left out
    french = match_jobs(jobs, [s("service"), s("cash")], kb=career_kb, target_uri=o("cashier"), preferences="près de Lyon",
                        k=5, lang="fr", retrieval=retrieval)
    assert [j.id for j in french] == ["j2"] and french[0].place("fr") == "Lyon"


def test_the_targets_profile_sentence_is_read_from_the_build_not_encoded(tiny_kb, embedder, tmp_path):
    from knowledge.vectors import PROFILE_MATRIX, occupation_profile_text
    from knowledge_data import OCCUPATION, SKILL

    asked: list[str] = []

    class CountingModel:  # the real model, noting what it is asked to encode
        name, dimension = embedder.name, embedder.dimension

        def encode(self, texts, progress=False):
            asked.extend(texts)
            return embedder.encode(texts)

    cashier = OCCUPATION["cashier"]
    profile = occupation_profile_text(tiny_kb.label(cashier, "en"),
                                      [tiny_kb.label(u, "en") for u in tiny_kb.occupations[cashier].essential_skills])
    matrix = tiny_kb.vectors(PROFILE_MATRIX)
    row = next(i for i, (u, lg) in enumerate(zip(matrix.uris, matrix.langs)) if (u, lg) == (cashier, "en"))
    assert matrix.texts[row] == profile
    assert float(matrix.vectors[row] @ embedder.encode([profile])[0]) > 0.999

    till = CourseRecord(id="till", source="t", title="Cash handling at the checkout", skills_text=["cash register"],
                        skill_uris=[SKILL["till"]])
    retrieval = CatalogRetrieval(open_client(tmp_path / "knowledge"), CountingModel(), "minilm")
    gap = compute_gap(tiny_kb, [SKILL["customer"]], cashier, "en")
    recs = recommend_trainings([till], gap, None, k=3, kb=tiny_kb, retrieval=retrieval, lang="en")
    assert [r.id for r in recs] == ["till"]
    assert profile not in asked  # read from the knowledge base
    assert any(text.startswith(f"{tiny_kb.label(cashier, 'en')}: ") for text in asked)  # the gap's own query is encoded


def test_an_english_plan_searches_in_english_only_and_a_french_one_in_both(tiny_kb, embedder, tmp_path):
    """A catalog with a French course: an English speaker's query is not also said in French (that
    padded English plans with French courses and cost one more encoding); a French speaker's is said
    in French and in English (most catalogs are in English)."""
    from knowledge_data import OCCUPATION, SKILL

    asked: list[str] = []

    class CountingModel:
        name, dimension = embedder.name, embedder.dimension

        def encode(self, texts, progress=False):
            asked.extend(texts)
            return embedder.encode(texts)

    cashier = OCCUPATION["cashier"]
    courses = [CourseRecord(id="till", source="t", title="Cash handling at the checkout", skills_text=["cash register"],
                            skill_uris=[SKILL["till"]], language="en"),
               CourseRecord(id="caisse", source="t", title="Tenir une caisse enregistreuse", skills_text=["caisse"],
                            skill_uris=[SKILL["till"]], language="fr")]
    retrieval = CatalogRetrieval(open_client(tmp_path / "knowledge"), CountingModel(), "minilm")
    french_label = tiny_kb.label(cashier, "fr")
    english_label = tiny_kb.label(cashier, "en")
    assert french_label and french_label != english_label
    recommend_trainings(courses, compute_gap(tiny_kb, [SKILL["customer"]], cashier, "en"), None, k=3, kb=tiny_kb,
                        retrieval=retrieval, lang="en")
    assert not any(text.startswith(f"{french_label}: ") for text in asked)
    asked.clear()
    retrieval = CatalogRetrieval(open_client(tmp_path / "knowledge"), CountingModel(), "minilm")  # no query remembered
    recommend_trainings(courses, compute_gap(tiny_kb, [SKILL["customer"]], cashier, "fr"), None, k=3, kb=tiny_kb,
                        retrieval=retrieval, lang="fr")
    assert any(text.startswith(f"{french_label}: ") for text in asked)
    assert any(text.startswith(f"{english_label}: ") for text in asked)
