import time

from career_kb import o, s

from tools.career.moves import rank_moves
from tools.career.packs.models import LoadedPacks, Pack


def _pack(data: dict) -> Pack:
    return Pack.model_validate(data)


def test_profile_finds_its_occupation_with_reasons(career_kb):
    moves = rank_moves(career_kb, [s("forklift"), s("wms"), s("inventory")], "jobseeker", None, None)
    assert moves[0].uri == o("warehouse")
    top = moves[0]
    assert top.kind == "occupation" and top.rome_codes == ["N1103"] and top.code == "9333.1"
    assert {x.uri for x in top.carried_skills} == {s("forklift"), s("wms"), s("inventory")}
    assert top.missing_essential == []
    assert "3 of its 3 essential skills" in top.why["en"]
    assert "3 de ses 3 compétences essentielles" in top.why["fr"]
    assert [m.score for m in moves] == sorted((m.score for m in moves), reverse=True)


def test_missing_essential_and_labels_in_french(career_kb):
    moves = rank_moves(career_kb, [s("spreadsheets"), s("statistics")], None, None, None, lang="fr")
    analyst = next(m for m in moves if m.uri == o("analyst"))
    assert analyst.label == "analyste de données"
    assert {x.label for x in analyst.missing_essential} == {"analyser des données", "SQL"}
    assert analyst.why["fr"].startswith("Vos compétences utiles ici")


def test_interests_reorder_moves(career_kb):
    profile = [s("communication"), s("spreadsheets"), s("service")]
    plain = {m.uri: m.score for m in rank_moves(career_kb, profile, "jobseeker", None, None)}
    numbers = rank_moves(career_kb, profile, "jobseeker", "numbers, computers, solving problems", None)
    with_interests = {m.uri: m.score for m in numbers}
    # the analyst (I/C) gains on the cashier (C/S) and on the child care worker (S/A)
    assert with_interests[o("analyst")] / with_interests[o("cashier")] > plain[o("analyst")] / plain[o("cashier")]
    assert with_interests[o("analyst")] / with_interests[o("childcare")] > plain[o("analyst")] / plain[o("childcare")]
    # a pupil's interests weigh more than a jobseeker's
    pupil = {m.uri: m.score for m in rank_moves(career_kb, profile, "high_school", "numbers, computers, solving problems", None, top_k=20)}
    assert pupil[o("analyst")] / pupil[o("cashier")] > with_interests[o("analyst")] / with_interests[o("cashier")]
    analyst = next(m for m in numbers if m.uri == o("analyst"))
    assert any(r.startswith("interests:") for r in analyst.reasons)
    assert "Fits your interests" in analyst.why["en"]


def test_rome_mobility_is_a_reason(career_kb):
    moves = rank_moves(career_kb, [s("forklift"), s("wms"), s("inventory")], "jobseeker", None, None)
    manager = next(m for m in moves if m.uri == o("manager"))
    assert "rome_mobility" in manager.reasons
    assert "warehouse worker" in manager.why["en"]


def test_partial_credit_through_the_hierarchy(career_kb):
    # "statistics" is in the same group as data analyst's other skills: partial credit, not zero
    with_sibling = rank_moves(career_kb, [s("statistics")], None, None, None)
    analyst = next(m for m in with_sibling if m.uri == o("analyst"))
    assert analyst.essential_coverage > 0.25  # one of four exactly, plus siblings' partial credit


def test_regional_demand_boosts(career_kb):
    profile = [s("service"), s("childcare")]
    region = _pack({"manifest": {"id": "r1", "kind": "regional", "name": "Region", "region": "Testland"},
                    "occupations": [{"esco": o("cashier"), "weight": 1.0}]})
    before = {m.uri: m.score for m in rank_moves(career_kb, profile, None, None, None)}
    after_moves = rank_moves(career_kb, profile, None, None, None, pack=region)
    after = {m.uri: m.score for m in after_moves}
    assert after[o("cashier")] > before[o("cashier")]
    assert after[o("childcare")] == before[o("childcare")]
    cashier = next(m for m in after_moves if m.uri == o("cashier"))
    assert "regional_demand" in cashier.reasons and "Testland" in cashier.why["en"]


def test_employee_sees_employer_roles_first(career_kb):
    employer = _pack({
        "manifest": {"id": "acme", "kind": "employer", "name": "ACME"},
        "skills": [{"id": "wh", "label": "Warehouse systems", "esco": [s("wms")]}],
        "roles": [
            {"id": "op", "title": "Operative", "skills": ["wh", s("forklift")], "next_roles": ["an"]},
            {"id": "an", "title": "Stock analyst", "titles": {"fr": "Analyste stocks"}, "skills": ["wh", s("spreadsheets"), s("analysis")],
             "esco_occupation": o("analyst")},
        ],
    })
    moves = rank_moves(career_kb, [s("forklift"), s("wms")], "employee", None, None, pack=LoadedPacks(packs=[employer]), top_k=6)
    assert [m.kind for m in moves[:2]] == ["employer_role", "employer_role"]
    analyst = next(m for m in moves if m.uri == "pack:acme:role:an")
    assert analyst.target_uri == "pack:acme:role:an"
    assert analyst.examples[0].uri == o("analyst")
    assert "next_role" in analyst.reasons
    assert moves[2].kind == "occupation"
    # a jobseeker with the same pack sees the open market only
    assert all(m.kind == "occupation" for m in rank_moves(career_kb, [s("forklift")], "jobseeker", None, None, pack=employer))


def test_high_school_sees_sectors_and_programmes(career_kb):
    university = _pack({
        "manifest": {"id": "uni", "kind": "university", "name": "Uni"},
        "programmes": [
            {"id": "cap", "title": "Early childhood certificate", "level": "cap", "duration_years": 2, "occupations": [o("childcare")]},
            {"id": "master", "title": "Master in film", "level": "master", "duration_years": 5, "occupations": [o("editor")]},
        ],
    })
    moves = rank_moves(career_kb, [s("childcare")], "high_school", "j'aime la création et m'occuper des enfants",
                       "je veux faire des études courtes", pack=university, top_k=8, lang="fr")
    kinds = [m.kind for m in moves]
    assert kinds[0] == "occupation"
    assert "sector" in kinds and "study_programme" in kinds
    sector = next(m for m in moves if m.kind == "sector")
    assert sector.target_uri in career_kb.occupations and sector.examples
    programmes = [m for m in moves if m.kind == "study_programme"]
    assert programmes[0].uri == "pack:uni:programme:cap"  # short studies wished
    assert {o("childcare"), o("editor")} <= {m.uri for m in moves if m.kind == "occupation"}


def test_no_skills_no_interests_is_empty_and_unknown_uris_are_ignored(career_kb):
    assert rank_moves(career_kb, [], None, None, None) == []
    moves = rank_moves(career_kb, ["http://example.org/not-a-skill", s("video")], None, None, None)
    assert moves[0].uri == o("editor")


def test_ranking_is_fast(career_kb):
    rank_moves(career_kb, [s("forklift")], None, None, None)
    started = time.perf_counter()
    for _ in range(20):
        rank_moves(career_kb, [s("forklift"), s("wms")], "jobseeker", "numbers", "evening")
    assert (time.perf_counter() - started) / 20 < 0.1


def test_in_demand_skills_lift_the_occupations_that_ask_for_them(career_kb):
    profile = [s("service"), s("childcare")]
    region = _pack({"manifest": {"id": "r2", "kind": "regional", "name": "Region", "region": "Testland"},
                    "demand_skills": [{"esco": s("firstaid"), "weight": 1.0}]})
    before = {m.uri: m.score for m in rank_moves(career_kb, profile, None, None, None)}
    after = {m.uri: m.score for m in rank_moves(career_kb, profile, None, None, None, pack=region)}
    assert after[o("childcare")] > before[o("childcare")]
    assert after[o("cashier")] == before[o("cashier")]


def test_known_current_job_drives_rome_mobility(career_kb):
    # a cashier (D1505) whose ROME mobility lists N1103: the warehouse worker gains, the cashier isn't a "move"
    profile = [s("service"), s("communication")]
    plain = {m.uri: m.score for m in rank_moves(career_kb, profile, "jobseeker", None, None)}
    moves = rank_moves(career_kb, profile, "jobseeker", None, None, current_occupations=[o("cashier")])
    known = {m.uri: m for m in moves}
    assert known[o("warehouse")].score > plain.get(o("warehouse"), 0.0)
    assert "rome_mobility" in known[o("warehouse")].reasons and "cashier" in known[o("warehouse")].why["en"]
    assert "rome_mobility" not in known[o("cashier")].reasons


def test_moves_build_on_different_parts_of_the_experience(career_kb):
    # warehouse skills dominate; the one child care skill still opens its own move near the top
    profile = [s("forklift"), s("wms"), s("inventory"), s("spreadsheets"), s("childcare")]
    moves = rank_moves(career_kb, profile, "jobseeker", None, None, top_k=2)
    assert [m.uri for m in moves] == [o("warehouse"), o("childcare")]  # not warehouse worker, then warehouse manager


def test_a_second_job_held_is_never_offered_as_a_bigger_change(career_kb):
    """A care worker who was also a cashier: the cashier job is one of theirs, not "a bigger change,
    with training" picked for their interests."""
    profile = [s("service"), s("communication"), s("childcare")]
    moves = rank_moves(career_kb, profile, "jobseeker", "working with people, helping", None, top_k=5,
                       current_occupations=[o("childcare"), o("cashier")])
    steps = {m.uri: m.step for m in moves}
    assert steps[o("childcare")] == "own_job"
    assert steps.get(o("cashier"), "own_job") == "own_job", [(m.label, m.step) for m in moves]
