"""The policy acting on dialogue acts, end to end through the graph on the real stores and
knowledge base: the messages of issue 18 and the hotel receptionist of issue 19."""

from __future__ import annotations

import pytest

from agent.reply import Expecting
from tools.profile import SkillState

pytestmark = pytest.mark.integration

CASHIER = "I worked 2 years as a cashier in a supermarket. I took payments, closed the till at night and helped customers find products."
HOTEL = ("I was a hotel receptionist for 4 years in a 3-star hotel: check-ins and check-outs, reservations, phone calls. "
         "I speak English, Spanish and some German.")


def start(chat, lang="en"):
    chat.hints = {"persona": "jobseeker"}
    return chat.run("hi", lang, "yes" if lang == "en" else "oui")


def skills_states(chat):
    return {s.label: s.state for s in chat.profile().skills}


def test_hotel_receptionist_reaches_the_profile(new_chat):
    chat = new_chat()
    start(chat)
    reply = chat.say(HOTEL)
    assert reply.expecting == Expecting.experience_detail and reply.language == "en"
    experience = chat.profile().experiences[0]
    assert "reservations" in experience.description and "Spanish" in experience.description
    assert experience.period.duration_months == 48
    assert "What do (or did) you actually do there" not in reply.text  # it was said already


def test_free_text_removal_answers_in_one_line_then_keeps_the_rest(new_chat):
    chat = new_chat()
    start(chat)
    chat.say(CASHIER)
    first = chat.say("i also trained the new cashiers")
    assert first.expecting == Expecting.skill_confirmation
    labels = [c.title for c in first.cards if c.kind == "skill"]
    assert len(labels) >= 4
    reply = chat.say("remove 2 and 3 lol")
    assert reply.expecting == Expecting.skill_confirmation
    assert reply.text.startswith("Removed:") and labels[1] in reply.text and len(reply.text) < 300
    assert labels[3] not in reply.text  # the list is not printed again
    assert [c.title for c in reply.cards] == [labels[0], *labels[3:]]
    reply = chat.say("yes")
    assert reply.expecting == Expecting.experience
    states = skills_states(chat)
    assert states[labels[1]] == states[labels[2]] == SkillState.rejected
    assert all(states[label] == SkillState.confirmed for label in [labels[0], *labels[3:]])


def test_never_did_x_removes_only_x_and_keeps_the_others(new_chat):
    chat = new_chat()
    start(chat)
    chat.say(CASHIER)
    first = chat.say("that's all")
    labels = [c.title for c in first.cards if c.kind == "skill"]
    target = labels[-1]
    word = max(target.split(), key=len)
    reply = chat.say(f"mostly right but i never did any {word}, take that out")
    assert reply.expecting == Expecting.experience
    states = skills_states(chat)
    assert states[target] == SkillState.rejected
    assert sum(1 for label in labels if states.get(label) == SkillState.confirmed) >= len(labels) - 2


def test_c_bon_confirms_every_skill_in_french(new_chat):
    chat = new_chat()
    start(chat, "fr")
    chat.say("j'ai été caissière 2 ans, j'encaissais les clients et je rangeais les rayons")
    first = chat.say("c'est tout")
    assert first.expecting == Expecting.skill_confirmation
    reply = chat.say("c bon")
    assert reply.expecting == Expecting.experience and reply.language == "fr"
    confirmed = [s for s in chat.profile().skills if s.state == SkillState.confirmed]
    assert len(confirmed) == len([c for c in first.cards if c.kind == "skill"])


def test_i_just_said_and_a_duration_are_not_linked_as_skills(new_chat):
    chat = new_chat()
    start(chat)
    reply = chat.say("seasonal fruit picker on a farm")
    assert reply.expecting == Expecting.experience_detail
    reply = chat.say("3 years, every June")
    experience = chat.profile().experiences[0]
    assert experience.period.duration_months == 36 and experience.details == []
    assert reply.expecting in (Expecting.skill_confirmation, Expecting.experience)
    assert not any("June" in (c.data.get("evidence") or "") for c in reply.cards)

    chat2 = chat.__class__(chat.graph, chat.context, chat.id + "-b", hints={"persona": "jobseeker"})
    chat2.run("hi", "en", "yes", CASHIER)
    reply = chat2.say("i just said.")
    assert reply.expecting == Expecting.skill_confirmation and chat2.profile().experiences[0].details == []


def test_request_inside_an_experience_is_handled_in_addition(new_chat):
    chat = new_chat()
    start(chat)
    reply = chat.say("I was a waiter in a pizzeria for 2 years. Can we continue in French?")
    assert reply.language == "fr" and reply.expecting == Expecting.experience_detail
    assert "pizzeria" in chat.profile().experiences[0].description


def _to_plan(chat):
    start(chat)
    chat.run(CASHIER, "that's all", "all", "no, that's all", "working with people", "full time")
    reply = chat.say("1")
    assert reply.phase == "plan"
    return reply


def test_change_of_target_at_the_plan_and_go_back_once(new_chat):
    chat = new_chat()
    _to_plan(chat)
    reply = chat.say("euh en fait non plutot cuisinier")
    assert reply.phase == "plan" and any(w in chat.profile().target.label.lower() for w in ("cook", "chef"))
    reply = chat.say("revenir en arrière")
    assert reply.expecting == Expecting.target_choice


def test_question_about_a_course_is_answered_in_one_short_turn(new_chat):
    chat = new_chat()
    plan = _to_plan(chat)
    courses = [c.title for c in plan.cards if c.kind == "course"]
    reply = chat.say("why this training?")
    assert reply.phase == "plan" and reply.expecting == plan.expecting
    if courses:
        assert courses[0] in reply.text
    assert len(reply.text) < len(plan.text) and not reply.cards  # no wall of text again


def test_what_about_another_job_at_the_moves_then_pick_it(new_chat):
    chat = new_chat()
    start(chat)
    reply = chat.run(CASHIER, "that's all", "all", "no, that's all", "working with people", "full time")
    assert reply.expecting == Expecting.target_choice
    offered = list(chat.state["moves"])
    reply = chat.say("what about care work, like a carer?")
    assert reply.expecting == Expecting.target_choice and chat.state["moves"] == offered
    pick = reply.quick_replies[0]
    assert pick.label.startswith("Pick ") and pick.value.lower() in reply.text.lower()
    reply = chat.say(pick.value)
    assert reply.phase == "plan" and chat.profile().target.label == pick.value


def test_suggested_skills_are_never_shown_as_confirmed(new_chat):
    chat = new_chat()
    start(chat)
    chat.run(CASHIER, "that's all")
    chat.say("hmm")
    reply = chat.say("dunno, maybe")  # unclear twice: left as suggestions, never confirmed for the person
    assert reply.expecting == Expecting.experience
    reply = chat.say("what do you know about me?")
    assert "Suggested, not confirmed yet:" in reply.text
    confirmed_line = next(line for line in reply.text.splitlines() if "Confirmed skills" in line)
    suggested = [s.label for s in chat.profile().skills if s.state == SkillState.proposed]
    assert suggested and not any(label in confirmed_line for label in suggested)
