"""The sharing step as a choice, on the real agent (knowledge base, consent ledger, share log):
who could help and why, only the recipients that fit, questions answered from the notice, hedges
and contradictions never taken as consent, no loop, "no one else" and "don't ask me again",
nothing done for the person from a counsellor's guided session, withdrawal of exactly the
recipient named."""

from __future__ import annotations

import pytest

from agent.reply import Expecting
from tools.consent.models import ConsentStatus

CASHIER = "I worked 2 years as a cashier in a supermarket. I took payments, closed the till at night and helped customers find products."
CASHIER_DETAIL = "I also trained the new cashiers and did the stock rotation on the fresh shelves."
BABYSITTING = "je fais du baby-sitting depuis 2 ans pour des voisins, je garde deux enfants le mercredi"

pytestmark = pytest.mark.integration


def to_sharing(chat, persona="jobseeker"):
    chat.hints = {"persona": persona}
    reply = chat.run("hi, I'm looking for a job", "en", "yes", CASHIER, CASHIER_DETAIL, "all", "no, that's all",
                     "I like working with people, and sport", "full time, close to Lyon, a short training is fine")
    chat.say(reply.quick_replies[0].value)
    return chat.say("continue")


def pupil_to_sharing(chat):
    chat.hints = {"persona": "high_school"}
    reply = chat.run("salut", "fr", "ouais", BABYSITTING, "je les fais manger et je les aide pour les devoirs",
                     "tout garder", "non, c'est tout", "créer des choses, la vidéo", "études courtes près de Lyon")
    chat.say(reply.quick_replies[0].value)
    return chat.say("continuer")


def granted(agent_context, chat) -> set[str]:
    return {c.recipient_kind.value for c in agent_context.consents.list(chat.id, ConsentStatus.granted)}


def asked_kinds(chat, reply, answer="no") -> list[str]:
    kinds = []
    while reply.expecting == Expecting.share_consent:
        kinds.append(reply.expecting_context["recipient_kind"])
        reply = chat.say(answer)
    return kinds


def test_one_message_says_who_could_help_then_only_the_recipients_that_fit(new_chat, agent_context):
    chat = new_chat()
    reply = to_sharing(chat)
    assert reply.text.startswith("Your plan is ready. Some people could help you with it: a coach")
    assert "nothing is shared unless you say yes" in reply.text
    assert reply.expecting == Expecting.share_consent and reply.expecting_context["recipient_kind"] == "coach"
    labels = [q.label for q in reply.quick_replies]
    assert labels[:3] == ["Yes", "No", "No one else"]
    # the notice in plain words: who, what, for how long, how to withdraw; the demo marked once
    assert "for 6 months" in reply.text and "you can withdraw at any time" in reply.text
    assert "DEMO:" not in reply.text and reply.text.count("(demo)") == 2  # the notice's name and the question's
    kinds = ["coach", *asked_kinds(chat, chat.say("no"))]
    assert kinds[:2] == ["coach", "counsellor"] and "employer" in kinds
    assert "statistics" not in kinds  # it does not help this person with this plan
    assert granted(agent_context, chat) == set()


def test_a_pupil_is_asked_about_a_counsellor_in_tu(new_chat, agent_context):
    chat = new_chat()
    reply = pupil_to_sharing(chat)
    assert reply.text.startswith("Ton plan est prêt.") and "Veux-tu partager avec Conseiller d'orientation (démo) ?" in reply.text
    kinds = asked_kinds(chat, reply, "non")
    assert kinds[0] == "counsellor" and set(kinds) <= {"counsellor", "training_provider"}
    assert "DÉMO" not in reply.text and "Demo" not in reply.text


QUESTIONS = [
    ("okay, but who sees my data?", ["Only Demo Career Coach (demo) receives it", "They would see your profile"]),
    ("how long?", ["They can see it for 6 months", "1 year at most"]),
    ("why do they need it?", ["Why: The coach reads your skills profile"]),
    ("can I withdraw later?", ["withdraw my consent for Demo Career Coach (demo)"]),
]


def test_a_question_is_answered_from_the_notice_then_asked_again(new_chat, agent_context):
    for question, expected in QUESTIONS:  # one conversation each (the conversation ids are per test)
        chat = new_chat()
        to_sharing(chat)
        reply = chat.say(question)
        for words in expected:
            assert words in reply.text, question
        assert reply.text.endswith("So, do you want to share with Demo Career Coach (demo)? Yes or no.")
        assert reply.expecting == Expecting.share_consent and reply.expecting_context["recipient_kind"] == "coach"
        assert agent_context.consents.list(chat.id) == []
        chat.say("ya")
        assert granted(agent_context, chat) == {"coach"}
        assert agent_context.sharing.shared_recipient_kinds(chat.id) == {"coach"}


def test_french_question_at_the_consent_step(new_chat, agent_context):
    chat = new_chat()
    reply = pupil_to_sharing(chat)
    reply = chat.say("ok mais qui va voir mes données exactement ?")
    assert "Seul Conseiller d'orientation (démo) le reçoit, personne d'autre." in reply.text
    assert "Ils verraient ton profil" in reply.text
    assert "Alors, veux-tu partager avec Conseiller d'orientation (démo) ? Oui ou non." in reply.text
    assert reply.expecting == Expecting.share_consent and agent_context.consents.list(chat.id) == []


def test_two_unclear_answers_share_nothing_and_move_on(new_chat, agent_context):
    for hedge in ("sure... wait, no", "yes I do not want that", "not sure", "okay if it's anonymous"):
        chat = new_chat()
        to_sharing(chat)
        reply = chat.say(hedge)
        assert reply.expecting_context["recipient_kind"] == "coach"
        assert reply.text == "I need a clear yes or no before sharing anything. Share with Demo Career Coach (demo)?"
        reply = chat.say(hedge)
        assert reply.text.startswith("I'll leave it there: nothing is shared with Demo Career Coach (demo).")
        assert reply.expecting_context["recipient_kind"] == "counsellor"
        assert granted(agent_context, chat) == set() and agent_context.sharing.shared_recipient_kinds(chat.id) == set()


def test_questions_without_end_do_not_loop(new_chat, agent_context):
    chat = new_chat()
    to_sharing(chat)
    kinds = []
    reply = None
    for _ in range(4):
        reply = chat.say("who sees it?")
        kinds.append(reply.expecting_context.get("recipient_kind"))
    assert kinds == ["coach", "coach", "coach", "counsellor"]
    assert "nothing is shared with Demo Career Coach (demo)" in reply.text
    assert granted(agent_context, chat) == set()


def test_no_one_else_stops_for_this_plan(new_chat, agent_context):
    chat = new_chat()
    to_sharing(chat)
    reply = chat.say("yes")
    reply = chat.say("no one else")
    assert "I won't ask about anyone else for this plan" in reply.text
    assert reply.expecting == Expecting.end
    assert agent_context.sharing.shared_recipient_kinds(chat.id) == {"coach"}


def test_dont_ask_me_again_holds_for_the_next_plan(new_chat, agent_context):
    chat = new_chat()
    to_sharing(chat)
    reply = chat.say("don't ask me again")
    assert "I won't ask you about sharing again, even for a new plan" in reply.text and chat.state["share_dont_ask"]
    chat.say("go back")  # the plan
    reply = chat.say("go back")  # the moves
    assert reply.expecting == Expecting.target_choice
    chat.say(reply.quick_replies[1].value)  # another target: a new plan
    reply = chat.say("continue")
    assert "I don't ask you about sharing any more" in reply.text
    assert reply.expecting != Expecting.share_consent
    assert granted(agent_context, chat) == set()


def test_an_ask_rule_lifts_dont_ask_me_again(new_chat):
    chat = new_chat()
    to_sharing(chat)
    chat.say("don't ask me again")
    chat.say("ask me before sharing with a coach")
    assert chat.state["share_dont_ask"] is False


def test_a_guided_session_never_acts_for_the_person(new_chat, agent_context):
    chat = new_chat()
    to_sharing(chat)
    chat.channel = "counsellor"
    reply = chat.say("yes")
    assert reply.text.startswith("Only the person can decide to share their profile")
    reply = chat.say("always share with everyone")
    assert "Only the person can set a sharing rule" in reply.text
    chat.say("yes")
    reply = chat.say("erase my data")
    assert "Only the person can erase their data" in reply.text
    chat.say("yes")
    assert agent_context.consents.list(chat.id) == []
    assert agent_context.sharing.preferences.list(chat.id) == []
    assert agent_context.profiles.get(chat.id) is not None and not chat.state.get("erase_now")
    chat.channel = "web"  # the person, in their own session: the question waited for them
    reply = chat.say("yes")
    assert granted(agent_context, chat) == {"coach"}
    assert reply.expecting_context["recipient_kind"] == "counsellor"


def test_withdrawal_touches_exactly_the_recipient_named(new_chat, agent_context):
    chat = new_chat()
    reply = to_sharing(chat)
    while reply.expecting == Expecting.share_consent:
        kind = reply.expecting_context["recipient_kind"]
        reply = chat.say("yes" if kind in ("coach", "employer") else "no")
    assert granted(agent_context, chat) == {"coach", "employer"}
    reply = chat.say("withdraw my consent for Demo Employer")
    assert "Demo Employer Ltd (demo)" in reply.text and "Coach" not in reply.text
    assert granted(agent_context, chat) == {"coach"}
    reply = chat.say("withdraw my consent for the training provider")
    assert "You have given no consent to Demo Training Institute (demo)" in reply.text
    assert granted(agent_context, chat) == {"coach"}
    chat.say("withdraw my consent")
    assert granted(agent_context, chat) == set()


def test_erase_confirmation_reads_slang_and_explains_on_a_question(new_chat, agent_context):
    chat = new_chat()
    chat.hints = {"persona": "jobseeker"}
    chat.run("hi, I'm looking for a job", "en", "yes", CASHIER)
    reply = chat.say("delete all my data")
    assert reply.expecting == Expecting.processing_consent
    reply = chat.say("what gets deleted?")
    assert reply.text.startswith("Erasing removes everything about you here")
    reply = chat.say("yep")
    assert reply.finished and chat.state["erase_now"] is True


def test_always_rule_question_is_explained_and_a_hedge_cancels(new_chat, agent_context):
    chat = new_chat()
    to_sharing(chat)
    chat.say("always share with my coach")
    reply = chat.say("what does that mean?")
    assert "I give your consent in your name, without asking you" in reply.text
    assert reply.expecting_context == {"about": "sharing_rule"}
    reply = chat.say("not sure")
    assert "keep asking" in reply.text
    assert agent_context.sharing.preferences.list(chat.id) == [] and granted(agent_context, chat) == set()


def test_a_question_at_the_processing_consent_is_answered_not_taken_as_a_refusal(new_chat, agent_context):
    chat = new_chat()
    chat.run("bonjour", "fr")
    reply = chat.say("qui voit mes données ?")
    assert reply.expecting == Expecting.processing_consent
    assert reply.text.startswith("Ce que vous me dites reste dans votre profil sur ce service")
    reply = chat.say("ouais")
    assert reply.expecting == Expecting.experience and chat.state["processing_consent"] is True
