"""Advice a person can act on, over the hand-made knowledge base: the gap credits the jobs held and
the skill hierarchy; working conditions the person does not want leave moves out or rank them lower,
visibly; how to get there from ROME's accès au métier; reasons as data."""

from __future__ import annotations

import numpy as np
import pytest
from career_kb import build_career_kb, o, s

from knowledge.models import Occupation, Skill
from tools.career.access_routes import access_route, qualifications_in
from tools.career.advice_answers import why_move
from tools.career.gap import compute_gap
from tools.career.gap_picture import picture_skills
from tools.career.models import HeldOccupation
from tools.career.moves import rank_moves
from tools.career.preferences import parse_preferences
from tools.linking.skill_equivalence import SkillVectors


@pytest.fixture
def kb():
    kb = build_career_kb()
    # a supervisor of checkouts: the cashier's two skills plus leading a team, in the cashier's family
    kb.occupations[o("checkout")] = Occupation(
        uri=o("checkout"), code="5222.1.1", isco_group="5222", labels={"en": "checkout supervisor", "fr": "responsable de caisses"},
        essential_skills=[s("cash"), s("service"), s("lead")], optional_skills=[s("budgets")], rome_codes=["D1505"])
    kb.rome["D1505"].esco_uris.append(o("checkout"))
    # "serve customers at the till", a narrower skill of "provide customer service"
    kb.skills[s("till")] = Skill(uri=s("till"), labels={"en": "serve customers at the till", "fr": "servir en caisse"},
                                 skill_type="skill/competence", broader=[s("service")])
    kb.rome["D1505"].access = ("Cet emploi est accessible avec un diplôme de niveau CAP/BEP à Bac (général ou professionnel) "
                               "dans la vente. Il est également accessible avec une expérience sans diplôme particulier.")
    kb.rome["N1103"].work_contexts = ["Travail de nuit", "Travail en horaires décalés"]
    kb.rome["N1301"].work_contexts = ["Travail en journée"]
    return kb


def test_the_job_held_is_credited_and_said_so(kb):
    cashier = HeldOccupation(uri=o("cashier"), label="cashier", how="title", experience_title="cashier")
    without = compute_gap(kb, [], o("checkout"), "en")
    assert without.essential_held == 0
    gap = compute_gap(kb, [], o("checkout"), "en", held_occupations=[cashier])
    assert gap.essential_held == 2 and gap.essential_total == 3 and gap.essential_coverage == pytest.approx(0.6667, 1e-3)
    credited = {c.uri: c.credit for c in gap.covered}
    assert credited[s("cash")].via == "occupation" and credited[s("cash")].source.uri == o("cashier")
    assert credited[s("cash")].text("en") == "credited from your job as cashier"
    assert [x.uri for x in gap.missing_essential] == [s("lead")]  # the few real gaps
    assert "(2 credited from your job as cashier)" in gap.summary["en"]
    assert "(dont 2 reconnues grâce à votre emploi de caissier)" in gap.summary["fr"]
    assert gap.held_occupations == [cashier]


def test_a_narrower_skill_shows_the_broader_one(kb):
    gap = compute_gap(kb, [s("till")], o("cashier"), "en")
    service = next(c for c in gap.covered if c.uri == s("service"))
    assert service.credit.via == "narrower" and service.credit.source.uri == s("till")
    assert service.credit.text("fr") == "démontrée par serve customers at the till"


def test_near_equivalent_skills_by_label_vectors():
    vectors = SkillVectors([s("a"), s("b"), s("c")], np.array([[1, 0], [0.9, 0.4359], [0, 1]], np.float32))
    found = vectors.equivalents([s("a"), s("c")], [s("b")])
    assert found == {s("a"): (s("b"), pytest.approx(0.9, abs=1e-3))}  # c is no rewording of b
    assert vectors.equivalents([s("a")], [s("b")], threshold=0.95) == {}


def test_one_picture_for_card_panel_and_pdf(kb):
    gap = compute_gap(kb, [s("cash")], o("checkout"), "en",
                      held_occupations=[HeldOccupation(uri=o("cashier"), label="cashier")])
    rows = picture_skills(gap)
    by_status = {st: [r["uri"] for r in rows if r["status"] == st] for st in ("covered", "almost", "missing")}
    assert sum(len(g.covered) for g in gap.groups) == len(by_status["covered"]) == len(gap.covered)
    assert len(rows) == sum(g.total for g in gap.groups) and all(r["group"] for r in rows)
    service = next(r for r in rows if r["uri"] == s("service"))
    assert service["credited"] == "credited from your job as cashier" and service["essential"]
    assert next(r for r in rows if r["uri"] == s("cash"))["credited"] is None  # held: nothing to explain


def test_preferences_about_hours_and_stability():
    prefs = parse_preferences("Something stable, days only, no night shifts")
    assert prefs.no_nights and prefs.days_only and prefs.stability and not prefs.no_weekends
    prefs = parse_preferences("pas de nuit ni de week-end, pas trop de formation")
    assert prefs.no_nights and prefs.no_weekends and prefs.little_training
    prefs = parse_preferences("training in the evening or at weekends is fine")
    assert not prefs.no_nights and not prefs.no_weekends and "evening" in prefs.schedule


def test_unwanted_conditions_rank_lower_visibly_and_named_ones_leave(kb):
    kb.occupations[o("night")] = Occupation(uri=o("night"), code="9333.9", isco_group="9333",
                                            labels={"en": "night warehouse operative", "fr": "magasinier de nuit"},
                                            essential_skills=[s("forklift"), s("wms"), s("inventory")], rome_codes=["N1301"])
    profile = [s("forklift"), s("wms"), s("inventory"), s("lead")]
    plain = rank_moves(kb, profile, "jobseeker", None, None, top_k=6)
    assert o("night") in [m.uri for m in plain]
    days = rank_moves(kb, profile, "jobseeker", None, "days only, no nights", top_k=6)
    assert o("night") not in [m.uri for m in days]  # its very name is night work
    worker = next(m for m in days if m.uri == o("warehouse"))
    assert worker.conditions == ["night", "shifts"] and "conditions" in worker.reasons
    assert worker.why["en"].endswith(
        "May involve night work; may involve shifts or staggered hours (ROME), against what you said you want.")
    assert "Peut comporter du travail de nuit ; peut comporter des horaires postés" in worker.why["fr"]
    assert worker.score < next(m for m in plain if m.uri == o("warehouse")).score
    reason = next(d for d in worker.details if d.kind == "conditions")
    assert reason.conditions == ["night", "shifts"] and why_move(worker.model_dump(mode="json"), "en")


def test_own_job_then_step_up_for_a_cashier(kb):
    moves = rank_moves(kb, [s("cash"), s("service")], "jobseeker", None, None, top_k=3, current_occupations=[o("cashier")])
    assert moves[0].uri == o("cashier") and moves[0].step == "own_job"
    assert moves[0].details[1].kind == "own_job" and moves[0].why["en"].startswith("Your own job, with another employer.")
    step = next(m for m in moves if m.uri == o("checkout"))
    assert step.step == "close" and "step_up" in step.reasons
    assert any(d.kind == "step_up" and d.source and d.source.uri == o("cashier") for d in step.details)


def test_access_routes_from_rome(kb):
    route = access_route(kb, o("checkout"), "en")
    assert [q.name for q in route.qualifications] == ["CAP/BEP", "Bac"] and route.without_diploma
    # said with their European level to someone who does not know the French names
    assert route.summary("en").startswith("To become checkout supervisor: CAP/BEP (vocational certificate, EQF 3), Bac (upper-secondary, EQF 4).")
    assert route.summary("fr").startswith("Pour devenir") and "EQF" not in route.summary("fr")
    assert "sans diplôme" not in route.summary("en") and "Accessible aussi sans diplôme" in route.summary("fr")
    assert route.tracks("fr")[0].startswith("CAP : 2 ans")
    assert access_route(kb, "http://example.org/nothing") is None
    names = [(q.name, q.level) for q in qualifications_in(
        "Cet emploi est accessible avec un Diplôme d'Etat d'Accompagnant Educatif et Social (DEAES). "
        "Un BPJEPS ou un diplôme de niveau Bac+2 (BTS) est apprécié. Un CACES peut être requis.")]
    assert names == [("DEAES", 3), ("BPJEPS", 4), ("Bac+2", 5), ("BTS", 5), ("CACES", None)]
