"""Step ups in the person's field and interest-led changes keep a place in the list of moves."""

from __future__ import annotations

import numpy as np
import pytest
from career_kb import build_career_kb, o, s

from tools.career.moves import rank_moves
from tools.career.progression import carries_skills, skill_level, step_ups
from tools.career.rome_facts import RomeFacts
from tools.career.skill_space import SkillSpace


@pytest.fixture()
def family_kb():
    """The career KB where the warehouse manager also belongs to the warehouse worker's ROME family."""
    kb = build_career_kb()
    kb.occupations[o("manager")].rome_codes = ["N1301", "N1103"]
    kb.rome["N1103"].esco_uris.append(o("manager"))
    return kb


def test_isco_skill_levels():
    assert skill_level("9333.8") == 1.0
    assert skill_level("1324.3.4") > skill_level("4321.1") > skill_level("9333.8")
    assert skill_level("2511.3") == 4.0
    assert skill_level("") is None and skill_level(None) is None
    # supervising is half a level up within a major group; a manager is not counted twice
    assert skill_level("5222.1.1", "checkout supervisor") == 2.5
    assert skill_level("5230.1", "cashier") == 2.0
    assert skill_level("8322.1", "delivery team leader") == 2.5
    assert skill_level("1420.4", "shop manager") == 3.5


def test_step_up_is_same_family_and_higher_level(family_kb):
    space, facts = SkillSpace.for_kb(family_kb), RomeFacts.for_kb(family_kb)
    worker = space.occ_pos[o("warehouse")]
    nothing = np.zeros(len(space.occ_uris), bool)
    steps = step_ups(family_kb, space, facts, [worker], nothing)
    assert steps[space.occ_pos[o("manager")]]
    assert not steps[worker]  # not a move to the job one holds
    assert not steps[space.occ_pos[o("cashier")]]  # another family
    # from the manager's job, the worker's is no step up
    assert not step_ups(family_kb, space, facts, [space.occ_pos[o("manager")]], nothing)[worker]


def test_step_up_through_rome_mobility_needs_a_skill_the_person_holds(career_kb):
    # in this KB the manager (N1301) is no family of the worker (N1103), only a usual move from it
    space, facts = SkillSpace.for_kb(career_kb), RomeFacts.for_kb(career_kb)
    worker, manager = space.occ_pos[o("warehouse")], space.occ_pos[o("manager")]
    assert not step_ups(career_kb, space, facts, [worker], np.zeros(len(space.occ_uris), bool))[manager]
    carries = carries_skills(space, space.held_vector([s("wms")]))
    assert carries[manager] and not carries[space.occ_pos[o("editor")]]
    assert step_ups(career_kb, space, facts, [worker], carries)[manager]


def test_step_up_keeps_a_place_when_the_person_names_their_job(family_kb):
    profile = [s("forklift"), s("wms"), s("inventory"), s("service"), s("cash"), s("childcare"), s("firstaid"), s("video")]
    plain = rank_moves(family_kb, profile, "employee", None, None, top_k=3)
    assert o("manager") not in [m.uri for m in plain]  # by skills alone it is not among the first three
    moves = rank_moves(family_kb, profile, "employee", None, None, top_k=3, current_occupations=[o("warehouse")])
    manager = next(m for m in moves if m.uri == o("manager"))
    assert "step_up" in manager.reasons
    assert "A step up in your field, from warehouse worker." in manager.why["en"]
    assert "Une progression dans votre domaine, depuis magasinier." in manager.why["fr"]
    # the job held comes first, as the same job elsewhere, then the close steps
    assert len(moves) == 3 and moves[0].uri == o("warehouse") and moves[0].step == "own_job"
    assert manager.step == "close" and any(d.kind == "step_up" and d.source for d in manager.details)
    # staying with the employer: the job held there is no move
    staying = rank_moves(family_kb, profile, "employee", None, "stay with my employer", top_k=3,
                         current_occupations=[o("warehouse")])
    assert o("warehouse") not in [m.uri for m in staying] and o("manager") in [m.uri for m in staying]


def test_no_step_up_without_a_named_job(family_kb):
    profile = [s("forklift"), s("wms"), s("inventory"), s("spreadsheets"), s("service"), s("cash")]
    moves = rank_moves(family_kb, profile, "employee", None, None, top_k=3)
    assert all("step_up" not in m.reasons for m in moves)


def test_interest_led_move_keeps_a_place(career_kb):
    profile = [s("forklift"), s("wms"), s("inventory"), s("service"), s("cash"), s("childcare"), s("spreadsheets")]
    plain = rank_moves(career_kb, profile, "jobseeker", None, None, top_k=3)
    assert o("analyst") not in [m.uri for m in plain]
    moves = rank_moves(career_kb, profile, "jobseeker", "numbers, computers, solving problems", None, top_k=3)
    analyst = next(m for m in moves if m.uri == o("analyst"))
    assert "interest_led" in analyst.reasons
    assert "Close to what you enjoy most" in analyst.why["en"]
    assert "Proche de ce que vous aimez le plus" in analyst.why["fr"]


def test_interest_led_needs_a_skill_the_person_holds(career_kb):
    # nothing the person holds is listed by the video editor: interests alone do not bring it in
    profile = [s("forklift"), s("wms"), s("inventory"), s("service"), s("cash")]
    moves = rank_moves(career_kb, profile, "jobseeker", "making videos, art, creating things", None, top_k=3)
    assert o("editor") not in [m.uri for m in moves]
