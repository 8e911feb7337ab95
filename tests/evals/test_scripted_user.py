"""The scripted user answers by ``expecting`` kind and sends interjections at the right turn."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.reply import AgentReply, Card, Expecting, QuickReply
from evals.cases import CaseError, EvalCase, load_case, load_cases
from evals.scripted_user import ScriptedUser

SHARED_CASES = Path(__file__).resolve().parents[2].parent / "shared" / "evals" / "cases"
OUR_CASES = Path(__file__).resolve().parents[2] / "evals" / "cases"


def reply(kind: Expecting, quick=(), cards=(), context=None) -> AgentReply:
    return AgentReply(conversation_id="c", text="?", language="en", expecting=kind,
                      quick_replies=[QuickReply(label=label, value=value) for label, value in quick],
                      cards=[Card(kind="skill", title=t) for t in cards], expecting_context=context or {})


def make(**user) -> EvalCase:
    return EvalCase.model_validate({"id": "t", "language": "en", "user": user})


def test_answers_by_kind():
    user = ScriptedUser(make(greeting="hi", experiences=["e1"], details=["d1"], interests="people",
                             preferences="Lyon", consent={"default": "no", "coach": "yes"}, free=["f1"]))
    assert user.answer(reply(Expecting.start)) == "hi"
    assert user.answer(reply(Expecting.language)) == "en"
    assert user.answer(reply(Expecting.processing_consent)) == "yes"
    assert user.answer(reply(Expecting.experience)) == "e1"
    assert user.answer(reply(Expecting.experience)) == "no, that's all"
    assert user.answer(reply(Expecting.experience_detail)) == "d1"
    assert user.answer(reply(Expecting.interests)) == "people"
    assert user.answer(reply(Expecting.preferences)) == "Lyon"
    assert user.answer(reply(Expecting.share_consent, context={"recipient_kind": "coach"})) == "yes"
    assert user.answer(reply(Expecting.share_consent, context={"recipient_kind": "employer"})) == "no"
    assert user.answer(reply(Expecting.free)) == "f1"
    assert user.answer(reply(Expecting.free)) == "no, that's all"


def test_skill_confirmation_through_quick_replies():
    quick = [("✅ Keep all", "all"), ("❌ None", "none"), ("✗ operate forklift", "remove: operate forklift"),
             ("✗ manage budgets", "remove: manage budgets")]
    cards = ["operate forklift", "manage budgets"]
    assert ScriptedUser(make(skill_confirmation="accept_all")).answer(reply(Expecting.skill_confirmation, quick, cards)) == "all"
    assert ScriptedUser(make(skill_confirmation="reject_all")).answer(reply(Expecting.skill_confirmation, quick, cards)) == "none"
    picky = ScriptedUser(make(skill_confirmation={"reject": ["forklift"]}))
    assert picky.answer(reply(Expecting.skill_confirmation, quick, cards)) == "remove: operate forklift"
    assert picky.answer(reply(Expecting.skill_confirmation, quick[:2] + quick[3:], cards[1:])) == "all"
    only = ScriptedUser(make(skill_confirmation={"accept": ["budget"]}))
    assert only.answer(reply(Expecting.skill_confirmation, quick, cards)) == "remove: operate forklift"


def test_target_choice():
    quick = [("Data analyst", "Data analyst"), ("Warehouse manager", "Warehouse manager"), ("Another job", "other")]
    assert ScriptedUser(make(target="first")).answer(reply(Expecting.target_choice, quick)) == "Data analyst"
    assert ScriptedUser(make(target="warehouse")).answer(reply(Expecting.target_choice, quick)) == "Warehouse manager"
    assert ScriptedUser(make(target="nurse")).answer(reply(Expecting.target_choice, quick)) == "nurse"


def test_interjections_after_on_and_nth():
    user = ScriptedUser(make(interjections=[{"after": 2, "text": "A"}, {"on": "interests", "text": "B"},
                                            {"on": "experience", "nth": 2, "text": "C"}]))
    assert user.interjection(1, reply(Expecting.interests)) is None  # B waits until A was sent
    assert user.interjection(2, reply(Expecting.experience)) == "A"
    assert user.interjection(3, reply(Expecting.interests)) == "B"
    assert user.interjection(4, reply(Expecting.experience)) is None
    assert user.interjection(5, reply(Expecting.experience)) == "C"
    assert user.leftovers() == []
    late = ScriptedUser(make(interjections=[{"after": 99, "text": "bye"}]))
    assert late.interjection(1, reply(Expecting.experience)) is None
    assert late.leftovers() == ["bye"]


def test_cases_load_from_any_folder(tmp_path):
    assert len(load_cases(SHARED_CASES)) >= 3
    assert len(load_cases(OUR_CASES)) >= 12
    (tmp_path / "bad.yaml").write_text("id: x\nuser:\n  interjections:\n    - text: no when\n")
    with pytest.raises(CaseError, match="bad.yaml"):
        load_case(tmp_path / "bad.yaml")
    with pytest.raises(CaseError):
        load_cases(tmp_path / "missing")


def test_yaml_booleans_are_read_as_words(tmp_path):
    (tmp_path / "c.yaml").write_text(
        "id: c\nuser:\n  processing_consent: yes\n  consent:\n    default: no\n    coach: yes\n"
        "  interjections:\n    - on: interests\n      text: hello\n"
    )
    case = load_case(tmp_path / "c.yaml")
    assert case.user.processing_consent == "yes"
    assert case.user.consent == {"default": "no", "coach": "yes"}
    assert case.user.interjections[0].on == "interests"


# -- free-text skill confirmation, unknown keys, conversation metrics (issue 18) --------------------
def test_skill_confirmation_said_in_free_text_then_as_then():
    quick = [("✅ Keep all", "all"), ("❌ None", "none"), ("✗ operate forklift", "remove: operate forklift")]
    first = ["operate forklift", "load cargo"]
    user = ScriptedUser(make(skill_confirmation={"say": ["no forklift lol", "c bon"], "then": "accept_all"}))
    assert user.answer(reply(Expecting.skill_confirmation, quick, first)) == "no forklift lol"
    # the same confirmation shown again (what is left of it): answered as `then`
    assert user.answer(reply(Expecting.skill_confirmation, quick, ["load cargo"])) == "all"
    # the next experience's confirmation: the next `say`
    assert user.answer(reply(Expecting.skill_confirmation, quick, ["stack pallets"])) == "c bon"
    assert user.answer(reply(Expecting.skill_confirmation, quick, ["check shipments"])) == "all"  # say used up
    rejecting = ScriptedUser(make(skill_confirmation={"say": ["hmm"], "then": {"reject": ["forklift"]}}))
    assert rejecting.answer(reply(Expecting.skill_confirmation, quick, first)) == "hmm"
    assert rejecting.answer(reply(Expecting.skill_confirmation, quick, first)) == "remove: operate forklift"


def test_unknown_keys_fail_the_case_clearly(tmp_path):
    (tmp_path / "odd.yaml").write_text(
        "id: odd\nlanguage: en\nuser:\n  experiences: ['x']\n  mood: grumpy\nexpect:\n  finished: true\n"
        "  skills_magic: 3\n", encoding="utf-8")
    case = load_case(tmp_path / "odd.yaml")
    assert any("unknown key 'mood' in user" in p for p in case.problems)
    assert any("unknown key 'skills_magic' in expect" in p for p in case.problems)
    from evals.checks import Observed, run_checks

    results = run_checks(case, Observed(person_id="p"), kb=None, catalog=None)
    assert results[0].name == "schema" and not results[0].passed and "skills_magic" in results[0].detail


def test_new_expect_keys_are_read():
    case = EvalCase.model_validate({"id": "t", "expect": {
        "skills_exclude_matching": ["forklift"], "skills_acceptable": ["load cargo"], "skills_precision_min": 0.6,
        "occupations_exclude": ["night auditor"], "trainings_cover_gap": True, "gap_have_min": 3,
        "language_consistent": True}})
    assert case.expect.skills_precision_min == 0.6 and case.expect.gap_have_min == 3 and not case.problems


def test_repeated_turns_and_turns_to_profile():
    from evals.report import repeated_turns, turns_to_confirmed_profile
    from evals.runner import CaseResult

    long = "Here is a long paragraph that the agent should not print twice in the same conversation, ever."
    transcript = [{"agent": {"text": t, "expecting": e}} for t, e in [
        (long, "skill_confirmation"), ("Removed: x. Keep the other 3?", "skill_confirmation"),
        (f"ok\n{long}", "skill_confirmation"), ("What do you enjoy?", "interests")]]
    result = CaseResult(id="c", passed=True, checks=[], turns=4, wall_s=0.1, turn_ms=[1, 1, 1, 1], transcript=transcript)
    assert repeated_turns(result) == [3]
    assert turns_to_confirmed_profile(result) == 4


def test_shared_and_our_cases_load_without_schema_problems():
    for folder in (SHARED_CASES, OUR_CASES):
        if folder.is_dir():
            for case in load_cases(folder):
                assert not case.problems, (case.id, case.problems)
