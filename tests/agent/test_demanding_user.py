"""A hurried person on a phone, typing as people do: regressions found by playing the product as
a demanding user (issue 18): a number typed at the terminal's skill list, keep-only by description,
a new experience told at a later step."""

from __future__ import annotations

import pytest

from agent.acts.skill_edits import read_skill_edits
from agent.reply import AgentReply, Expecting, QuickReply
from channels.cli.chat import message_for, render
from tools.profile import SkillState

CASHIER = "I worked 2 years as a cashier in a supermarket. I took payments, closed the till at night and helped customers find products."


def start(chat):
    chat.hints = {"persona": "jobseeker"}
    return chat.run("hi", "en", "yes")


def test_terminal_number_at_a_skill_list_is_the_skill_not_a_button():
    at_skills = AgentReply(conversation_id="c", text="1. a\n2. b", language="en", expecting=Expecting.skill_confirmation,
                           quick_replies=[QuickReply(label="✅ Keep all", value="all"),
                                          QuickReply(label="❌ None of these", value="none")])
    assert message_for(at_skills, "2") == "2"  # skill number 2, as typed in the web chat
    assert message_for(at_skills, "b") == "none" and message_for(at_skills, "A") == "all"
    assert "a) ✅ Keep all" in render(at_skills) and "2) ❌" not in render(at_skills)
    at_language = AgentReply(conversation_id="c", text="Which language?", language="en", expecting=Expecting.language,
                             quick_replies=[QuickReply(label="English", value="en"), QuickReply(label="Français", value="fr")])
    assert message_for(at_language, "2") == "fr" and "2) Français" in render(at_language)


@pytest.mark.integration
def test_terminal_number_at_the_skill_list_keeps_that_skill(new_chat):
    chat = new_chat(channel="cli")
    start(chat)
    chat.say(CASHIER)
    reply = chat.say("thats all")
    assert reply.expecting == Expecting.skill_confirmation
    labels = [c.title for c in reply.cards if c.kind == "skill"]
    reply = chat.say(message_for(reply, "2"))
    states = {s.label: s.state for s in chat.profile().skills}
    assert states.get(labels[1]) == SkillState.confirmed  # not "None of these"


CASHIER_LIST = ["accueillir les clients", "ensure customer orientation", "utiliser une caisse",
                "apply sustainable tillage techniques", "orienter les clients", "advise customers on smart homes technology",
                "encaisser les paiements", "service clients"]


@pytest.mark.parametrize("message, expected", [
    # the till is the cash register, not tillage; customers are the clients of the French labels
    ("only the till and customers ones", ["keep_skills:1,2,3,5,6,7,8"]),
    ("juste la caisse et les clients", ["keep_skills:1,2,3,5,6,7,8"]),
    ("only the cash register ones", ["keep_skills:3,7"]),
    ("the tillage one is wrong", ["remove_skills:4"]),
])
def test_keep_only_by_description(message, expected):
    assert sorted(a.signature() for a in read_skill_edits(message, CASHIER_LIST)) == expected
