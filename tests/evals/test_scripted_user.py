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
