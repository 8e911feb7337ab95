from career_kb import o, s

from tools.career.gap import compute_gap
from tools.career.jobs import match_jobs
from tools.career.trainings import learning_objectives, recommend_trainings
from tools.catalog.records import CourseRecord, JobRecord


def course(cid, title, skills, level="beginner", weeks=4.0, rating=4.5, text=()):
    return CourseRecord(id=cid, source="t", title=title, skill_uris=skills, level=level, duration_weeks=weeks,
                        duration=f"{weeks} weeks", rating=rating, url=f"https://example.org/{cid}", skills_text=list(text))


CATALOG = [
    course("all-in-one", "Data analysis with SQL", [s("analysis"), s("sql")]),
    course("stats", "Statistics", [s("statistics")]),
    course("stats-long", "Statistics, the long way", [s("statistics"), s("analysis")], level="advanced", weeks=30),
    course("bi", "Business intelligence", [s("bi")]),
    course("sheets", "Spreadsheets", [s("spreadsheets")]),
    course("video", "Video editing", [s("video")]),
]


def test_greedy_set_cover_picks_complementary_courses(career_kb):
    gap = compute_gap(career_kb, [s("spreadsheets")], o("analyst"), "en")
    recs = recommend_trainings(CATALOG, gap, None, k=5, skill_uris=[s("spreadsheets")])
    ids = [r.id for r in recs]
    # all-in-one and stats-long cover two essential skills each: the shorter wins; then what is left
    # (statistics), then the optional business intelligence
    assert ids[:3] == ["all-in-one", "stats", "bi"]
    covered = [u.uri for r in recs for u in r.new_skills]
    assert len(covered) == len(set(covered))  # no gap skill counted twice
    assert {s("analysis"), s("sql"), s("statistics"), s("bi")} <= set(covered)
    assert "sheets" not in ids and "video" not in ids  # nothing new for the gap
    assert recs[0].explanation.startswith("For data analyst: covers 2 skill(s) of your gap")
    assert [x.uri for x in recs[0].covers] == [s("analysis"), s("sql")] == recs[0].covers_by_link
    assert recs[0].url == "https://example.org/all-in-one"
    assert recs[0].score > recs[-1].score


def test_level_and_duration_preferences_filter(career_kb):
    gap = compute_gap(career_kb, [s("spreadsheets")], o("analyst"), "fr")
    recs = recommend_trainings(CATALOG, gap, "a short training, beginner level", k=3)
    assert "stats-long" not in [r.id for r in recs]
    # in French: the courses not known to be in English first, then the English one for what is left
    assert [r.id for r in recs] == ["stats", "bi", "all-in-one"]
    english = recs[-1]
    assert english.explanation.startswith("Pour analyste de données : couvre 2 compétence(s)")
    assert english.language == "en" and english.other_language and "En anglais." in english.explanation
    strict = recommend_trainings(CATALOG, gap, "advanced level only", k=3)
    assert [r.id for r in strict] == ["stats-long"] + [r.id for r in strict][1:]


def test_existing_skills_are_shown(career_kb):
    gap = compute_gap(career_kb, [s("analysis")], o("analyst"), "en")
    recs = recommend_trainings(CATALOG, gap, None, k=3, skill_uris=[s("analysis")])
    first = next(r for r in recs if r.id == "all-in-one")
    assert [x.uri for x in first.existing_skills] == [s("analysis")]
    assert "Builds on what you know" in first.explanation


def test_no_course_covering_the_gap_is_an_honest_none(career_kb):
    # without a vector index, a course the catalog links to no gap skill is never proposed as filler
    gap = compute_gap(career_kb, [], o("childcare"), "en")
    catalog = CATALOG + [course("kids", "Caring for young children", [], text=["children", "first aid"])]
    assert recommend_trainings(catalog, gap, None, k=2) == []
    objectives = learning_objectives(gap)
    assert [x.skill.uri for x in objectives] == [x.uri for x in gap.skills][:6]
    assert objectives[0].text["en"].startswith("Learn") and objectives[0].text["fr"].startswith("Acquérir")


def test_empty_catalog_or_empty_gap(career_kb):
    gap = compute_gap(career_kb, [], o("analyst"), "en")
    assert recommend_trainings([], gap, None) == []
    occ = career_kb.occupations[o("cashier")]
    full = compute_gap(career_kb, occ.essential_skills + occ.optional_skills, o("cashier"), "en")
    assert recommend_trainings(CATALOG, full, None) == []


JOBS = [
    JobRecord(id="j1", source="t", title="Warehouse operative", location="Lyon", skill_uris=[s("forklift"), s("wms"), s("inventory")],
              skill_weights=[0.9, 0.8, 0.7], url="https://example.org/j1"),
    JobRecord(id="j2", source="t", title="Forklift driver", location="Paris", skill_uris=[s("forklift")], skill_weights=[1.0]),
    JobRecord(id="j3", source="t", title="Data analyst", location="Lyon", skill_uris=[s("analysis"), s("sql"), s("spreadsheets")],
              skill_weights=[1.0, 1.0, 1.0]),
    JobRecord(id="j4", source="t", title="Catch-all", skill_uris=[s(x) for x in ("forklift", "cash", "video", "childcare", "bi",
              "lead", "budgets", "service", "firstaid", "statistics")], skill_weights=[1.0] * 10),
]


def test_jobs_ranked_by_match_with_matching_and_missing(career_kb):
    matches = match_jobs(JOBS, [s("forklift"), s("wms"), s("inventory")], kb=career_kb)
    assert matches[0].id == "j1" and matches[0].location == "Lyon" and matches[0].url == "https://example.org/j1"
    assert [x.label for x in matches[0].matching_skills] == ["operate forklift", "operate warehouse record systems",
                                                             "carry out inventory control accuracy"]
    assert matches[0].missing_skills == []
    assert {m.id for m in matches} == {"j1", "j2", "j4"}
    assert [m.id for m in matches].index("j2") < [m.id for m in matches].index("j4")  # catch-all offers don't win
    catch_all = next(m for m in matches if m.id == "j4")
    assert len(catch_all.missing_skills) == 8


def test_jobs_target_and_location(career_kb):
    held = [s("spreadsheets"), s("forklift")]
    plain = {m.id: m.score for m in match_jobs(JOBS, held, kb=career_kb)}
    toward = {m.id: m.score for m in match_jobs(JOBS, held, kb=career_kb, target_uri=o("analyst"))}
    assert toward["j3"] > plain["j3"]
    paris = {m.id: m.score for m in match_jobs(JOBS, held, kb=career_kb, preferences="close to Paris")}
    assert paris["j2"] > plain["j2"]
    assert match_jobs(JOBS, [], kb=career_kb) == []


def test_regional_skill_demand_weighs_in_the_cover(career_kb):
    from tools.career.packs.models import Pack

    gap = compute_gap(career_kb, [s("spreadsheets")], o("analyst"), "en")
    catalog = [course("sql", "SQL", [s("sql")]), course("stats", "Statistics", [s("statistics")])]
    plain = recommend_trainings(catalog, gap, None, k=1)
    region = Pack.model_validate({"manifest": {"id": "r3", "kind": "regional", "name": "R"},
                                  "demand_skills": [{"esco": s(plain[0].id == "sql" and "statistics" or "sql"), "weight": 1.0}]})
    boosted = recommend_trainings(catalog, gap, None, k=1, pack=region)
    assert boosted[0].id != plain[0].id


def test_a_course_on_the_target_that_deepens_what_the_person_has_is_kept_and_says_so(career_kb):
    # a cashier with all of the cashier's essential skills: the gap is optional only; a cashier
    # course linked to a skill she has is about her target and is kept, after what closes the gap
    gap = compute_gap(career_kb, [s("cash"), s("service")], o("cashier"), "en")
    assert gap.skills and all(x.relation == "optional" for x in gap.skills)
    catalog = [course("till", "Cashier till and cash handling", [s("cash")], text=["cashier"]),
               course("video", "Video editing", [s("video")])]
    recs = recommend_trainings(catalog, gap, None, k=3, kb=career_kb)
    assert [r.id for r in recs] == ["till"]
    till = recs[0]
    assert till.covers == [] and [x.uri for x in till.existing_skills] == [s("cash")]
    assert till.explanation.startswith("For cashier: strengthens skills you already use there")
    assert till.why["fr"].startswith("Pour cashier : renforce des compétences que vous y utilisez déjà")
