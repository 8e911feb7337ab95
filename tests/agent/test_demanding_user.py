"""A hurried person on a phone, typing as people do: regressions found by playing the product as
a demanding user (issue 18): a number typed at the terminal's skill list, keep-only by description,
a new experience told at a later step."""

from __future__ import annotations

import pytest

from agent.acts.classifier import ensure_classifier
from agent.acts.models import ReadContext
from agent.acts.new_experience import second_activity
from agent.acts.reader import ActReader
from agent.acts.skill_edits import read_skill_edits
from agent.answers import only_likes
from agent.reply import AgentReply, Expecting, QuickReply
from channels.cli.chat import message_for, render
from tools.profile import SkillState

CASHIER = "I worked 2 years as a cashier in a supermarket. I took payments, closed the till at night and helped customers find products."


@pytest.fixture(scope="module")
def act_reader(embedder, tmp_path_factory):
    classifier, _ = ensure_classifier(embedder, tmp_path_factory.mktemp("acts-storage"))
    return ActReader(classifier)


def start(chat):
    chat.hints = {"persona": "jobseeker"}
    return chat.run("hi", "en", "yes")


def start_fr(chat):
    chat.hints = {"persona": "jobseeker"}
    return chat.run("salut", "fr", "oui")


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


@pytest.mark.parametrize("message, expecting, expected", [
    ("oh and i also did 2 years as a waitress", "skill_confirmation", ["new_experience"]),
    ("in fact i like helping ppl. oh and i also did 2 years as a waitress", "interests", ["answer", "new_experience"]),
    ("i like helping people and i also worked at mcdonalds for a summer", "interests", ["answer", "new_experience"]),
    ("jaime aider les gens, et jai aussi bossé 6 mois chez mcdo", "interests", ["answer", "new_experience"]),
    ("g aussi gardé des enfants le mercredi pendant 2 ans", "preferences", ["new_experience"]),
    # not a new experience: a skill added, a correction of the current one, a plain answer
    ("i also trained the new cashiers", "skill_confirmation", ["add_skill"]),
    ("actually it was 3 years", "skill_confirmation", ["correct_fact:duration"]),
    ("i worked in a team", "interests", ["answer"]),
    ("i was good at maths", "interests", ["answer"]),
])
def test_a_new_experience_told_later_is_its_own_act(message, expecting, expected, act_reader):
    context = ReadContext(expecting=expecting, phase={"skill_confirmation": "skills"}.get(expecting, expecting),
                          proposals=["assist customers", "process payments"] if expecting == "skill_confirmation" else [],
                          experiences=["Cashier"])
    assert sorted(a.signature() for a in act_reader.read(message, context)) == expected


@pytest.mark.integration
def test_a_new_experience_at_the_skill_list_comes_right_after_it_with_its_own_skills(new_chat):
    """Told at the skill list, another job is not read as a correction of the list, and it does not
    end up in the profile without skills: once the list is answered, it is the next experience."""
    chat = new_chat()
    start(chat)
    chat.say(CASHIER)
    chat.say("thats all")
    reply = chat.say("oh and i also did 2 years as a waitress")
    assert reply.expecting == Expecting.skill_confirmation and "right after this list" in reply.text
    experiences = chat.profile().experiences
    assert len(experiences) == 1 and experiences[0].period.duration_months == 24  # not read as "the cashier job lasted 2 years"
    reply = chat.say("all good")
    assert reply.expecting == Expecting.experience_detail and "other experience" in reply.text
    experiences = chat.profile().experiences
    assert len(experiences) == 2 and "waitress" in experiences[1].description and experiences[1].period.duration_months == 24
    reply = chat.say("took orders, served food and cleared tables")
    assert reply.expecting == Expecting.skill_confirmation and experiences[1].title in reply.text


@pytest.mark.integration
def test_a_new_experience_with_the_answer_at_interests_is_talked_about_then_the_answer_read(new_chat):
    """Told with the answer at the interests step, the other job is talked about first (its own
    question and skills, never an experience without skills), then the interests answer is read."""
    chat = new_chat()
    start(chat)
    chat.say(CASHIER)
    chat.say("thats all")
    chat.say("all good")
    reply = chat.say("thats all")
    assert reply.expecting == Expecting.interests
    reply = chat.say("i like helping people and i also worked at mcdonalds for a summer")
    assert reply.expecting == Expecting.experience_detail and "Before we go on" in reply.text and "Job at Mcdonalds" in reply.text
    reply = chat.say("took orders, made burgers and cleaned the kitchen")
    assert reply.expecting == Expecting.skill_confirmation and "Job at Mcdonalds" in reply.text
    reply = chat.say("all good")
    assert reply.expecting == Expecting.preferences and "pick up where we were" in reply.text  # the interests answer was read too
    profile = chat.profile()
    mcdonalds = profile.experiences[1]
    assert mcdonalds.description == "i also worked at mcdonalds for a summer"
    assert [s for s in profile.skills if mcdonalds.id in s.experience_ids and s.state == SkillState.confirmed]
    assert "helping people" in profile.interests.text and "mcdonalds" not in profile.interests.text


@pytest.mark.integration
def test_a_job_remembered_at_the_preferences_gets_its_skills_then_the_question_comes_back(new_chat):
    """"ah j'ai oublié, j'ai aussi fait serveuse": no preference read from the words leading into it,
    the job asked about with its skills (none from "fait": *rapporter des faits*), then the same question."""
    chat = new_chat()
    start_fr(chat)
    chat.say("vendeuse chez zara 2 ans, conseil clientes, caisse, mise en rayon")
    chat.say("c'est tout")
    chat.say("ok")
    chat.say("c'est tout")
    reply = chat.say("aider les gens, la mode")
    assert reply.expecting == Expecting.preferences
    assert chat.profile().experiences[0].title == "Vendeuse"
    reply = chat.say("ah j'ai oublié, j'ai aussi fait serveuse 1 an dans une brasserie")
    assert reply.expecting == Expecting.experience_detail and "« Serveuse »" in reply.text
    reply = chat.say("je prenais les commandes, je servais en salle et j'encaissais")
    assert reply.expecting == Expecting.skill_confirmation and "faits" not in reply.text
    reply = chat.say("oui")
    assert reply.expecting == Expecting.preferences and "Reprenons où nous en étions" in reply.text
    profile = chat.profile()
    assert [e.title for e in profile.experiences] == ["Vendeuse", "Serveuse"] and profile.experiences[1].period.duration_months == 12
    assert not profile.preferences.text


@pytest.mark.integration
def test_starting_again_during_an_experience_told_later_leaves_nothing_pending(new_chat):
    chat = new_chat()
    start(chat)
    chat.say(CASHIER)
    chat.say("thats all")
    chat.say("all good")
    chat.say("thats all")
    reply = chat.say("oh and i also did 2 years as a waitress")
    assert reply.expecting == Expecting.experience_detail
    reply = chat.say("start again")
    assert reply.expecting == Expecting.experience
    reply = chat.say("I babysat my neighbours' kids on saturdays")
    assert reply.expecting == Expecting.experience_detail
    reply = chat.say("thats all")
    assert reply.expecting == Expecting.skill_confirmation
    reply = chat.say("all good")
    assert reply.expecting == Expecting.experience  # another one? (not the interests step it was at before)


@pytest.mark.integration
def test_a_job_remembered_after_the_end_is_heard_and_the_wrap_up_said_again(new_chat):
    """After the wrap-up, "oh and i also worked as a waitress" was answered "We've finished for now"
    and never recorded: it is talked about like any experience, then the wrap-up counts its skills."""
    chat = new_chat()
    start(chat)
    chat.say(CASHIER)
    for answer in ("thats all", "all good", "thats all", "helping people", "no preference", "1", "continue"):
        reply = chat.say(answer)
    while reply.expecting != Expecting.end:
        reply = chat.say("no")
    before = len(chat.profile().confirmed_skills())
    reply = chat.say("oh and i also worked as a waitress for 2 years")
    assert reply.expecting == Expecting.experience_detail and "Waitress" in reply.text
    reply = chat.say("took orders and served food")
    assert reply.expecting == Expecting.skill_confirmation
    reply = chat.say("all good")
    after = len(chat.profile().confirmed_skills())
    assert reply.expecting == Expecting.end and after > before and f"{after} confirmed skill" in reply.text


@pytest.mark.integration
def test_another_job_told_as_a_detail_is_the_next_experience(new_chat):
    """Asked what else they did as a bike courier, a hurried person tells another job: it is not
    filed under the courier job (its skills, its evidence, its "last summer"), it becomes the next
    experience, asked about once the courier's skills are answered."""
    chat = new_chat()
    start_fr(chat)
    chat.say("jsuis livreur a velo depuis 1 an pr uber eats, je parle anglais avec les clients touristes")
    reply = chat.say("g aussi fait caissiere chez carrefour l'été dernier")
    assert reply.expecting == Expecting.skill_confirmation
    assert "interagir verbalement en anglais" in reply.text and "caisse" not in reply.text.split("?")[0].lower()
    courier = chat.profile().experiences
    assert len(courier) == 1 and courier[0].details == []
    reply = chat.say("c bon")
    assert reply.expecting == Expecting.experience_detail and "l'autre expérience" in reply.text
    experiences = chat.profile().experiences
    assert len(experiences) == 2 and "caissiere" in experiences[1].description
    reply = chat.say("je scannais les articles et je rendais la monnaie")
    assert reply.expecting == Expecting.skill_confirmation and "utiliser une caisse" in reply.text


@pytest.mark.integration
def test_the_words_leading_into_another_job_are_no_detail(new_chat):
    """"ah et avant" before the other job says nothing of this one: not linked (it gave *effectuer un
    contrôle qualité avant assemblage*)."""
    chat = new_chat()
    chat.hints = {"persona": "jobseeker"}
    chat.run("bjr", "francais", "ok")
    chat.say("aide a domicile 3 ans chez des personnes agees, toilette repas courses")
    reply = chat.say("ah et avant j'ai fait serveuse 2 ans dans une brasserie")
    assert reply.expecting == Expecting.skill_confirmation and "avant" not in reply.text, reply.text
    first = chat.profile().experiences[0]
    assert first.details == [] and first.title == "Aide a domicile" and first.period.duration_months == 36


@pytest.mark.integration
def test_a_detail_of_the_same_job_stays_a_detail(new_chat):
    chat = new_chat()
    start(chat)
    chat.say(CASHIER)
    reply = chat.say("i also did the monthly stock count for 2 years")
    assert reply.expecting == Expecting.skill_confirmation
    experiences = chat.profile().experiences
    assert len(experiences) == 1 and experiences[0].details == ["i also did the monthly stock count for 2 years"]


@pytest.mark.integration
@pytest.mark.parametrize("ack", ["ok", "oui", "d'accord merci"])
def test_an_acknowledgement_is_no_experience(new_chat, ack):
    """"ok" to "anything else you've done?" tells nothing: asked again, no experience called "Ok"."""
    chat = new_chat()
    start_fr(chat)
    chat.say("caissière chez lidl 1 an, encaissement, mise en rayon")
    reply = chat.say(ack)  # nothing more about it: its skills come
    assert reply.expecting == Expecting.skill_confirmation, reply.text
    chat.say("c bon")
    reply = chat.say(ack)
    assert reply.expecting == Expecting.experience and "Allez-y" in reply.text
    assert len(chat.profile().experiences) == 1
    reply = chat.say("c'est tout")
    assert reply.expecting == Expecting.interests


@pytest.mark.parametrize("message", ["ICT help desk agent", "ict help desk agent", "ICT helpdesk agent", "aide-soignante"])
def test_a_move_named_as_shown_is_chosen_whatever_its_words(act_reader, message):
    """"ICT help desk agent" at the move choice was read as a question about the moves (its "help"): the
    first move was described again instead of the one picked."""
    options = ["call centre agent", "ICT help desk agent", "customer service representative", "aide-soignant/aide-soignante"]
    acts = act_reader.read(message, ReadContext(expecting="target_choice", phase="moves", options=options))
    assert [a.kind.value for a in acts] == ["answer"] and acts[0].text == message
    # a request is still one when it names no option
    assert [a.kind.value for a in act_reader.read("help", ReadContext(expecting="target_choice", phase="moves", options=options))] == ["help"]


@pytest.mark.integration
@pytest.mark.parametrize("unsure, lang", [("idk", "en"), ("not sure what counts", "en"), ("jsp", "fr"), ("je sais pas", "fr")])
def test_not_knowing_what_to_tell_gets_examples_not_an_experience(new_chat, unsure, lang):
    """"idk" at the first question was recorded as an experience called "Idk" and linked."""
    chat = new_chat()
    start(chat) if lang == "en" else start_fr(chat)
    reply = chat.say(unsure)
    assert reply.expecting == Expecting.experience
    assert ("small things count" if lang == "en" else "petites choses comptent") in reply.text
    assert chat.profile() is None or chat.profile().experiences == []
    reply = chat.say("babysitting for my neighbours" if lang == "en" else "je garde les enfants des voisins")
    assert reply.expecting == Expecting.experience_detail
    reply = chat.say(unsure)  # nothing to add about it: its skills come
    assert reply.expecting == Expecting.skill_confirmation
    assert [e.details for e in chat.profile().experiences] == [[]]


@pytest.mark.integration
@pytest.mark.parametrize("lang, first, told, keep, titles, details", [
    # "avant j'étais serveuse dans une brasserie": no "aussi", still another job, not a detail of this one
    ("fr", "vendeuse chez zara 2 ans, conseil clientes, caisse, mise en rayon",
     "je faisais aussi les inventaires. avant j'étais serveuse dans une brasserie", "c bon",
     ["Vendeuse", "Serveuse"], ["je faisais aussi les inventaires"]),
    # another kind of activity told with "also": its own experience, not video editing credited to the bar job
    ("en", "barman 2 years in a busy pub, cocktails, cash, cleaning, closing up at night",
     "i also run a small youtube gaming channel, editing videos and thumbnails", "ok", ["Barman", "Video making"], []),
    ("fr", "je m'occupe de ma mère depuis 2 ans, ses médicaments, les repas, les rendez-vous, les papiers",
     "en plus je suis bénévole aux restos du coeur le samedi, je trie les dons", "c'est tout",  # nothing to change
     ["Aide à un proche", "Bénévolat"], []),
])
def test_another_experience_told_about_this_one_is_the_next(new_chat, lang, first, told, keep, titles, details):
    chat = new_chat()
    start(chat) if lang == "en" else start_fr(chat)
    chat.say(first)
    reply = chat.say(told)
    assert reply.expecting == Expecting.skill_confirmation
    assert [e.details for e in chat.profile().experiences] == [details]
    assert not any("video" in c.title for c in reply.cards if c.kind == "skill")
    reply = chat.say(keep)
    named = f'"{titles[1]}"' if lang == "en" else f"« {titles[1]} »"
    assert reply.expecting == Expecting.experience_detail and named in reply.text
    assert [e.title for e in chat.profile().experiences] == titles


@pytest.mark.integration
@pytest.mark.parametrize("lang, told, first, titles", [
    ("en", "i help my nan with her shopping every week and i play football on sundays", "i help my nan with her shopping every week",
     ["Caring for a relative", "Sport"]),
    ("fr", "je suis caissière chez lidl depuis 2 ans et je fais du foot le dimanche", "je suis caissière chez lidl depuis 2 ans",
     ["Caissière", "Sport"]),
])
def test_two_activities_told_at_once_are_two_experiences(new_chat, lang, told, first, titles):
    """A first message with two activities of different kinds was one experience titled by the second ("Sport"),
    whose skills were *play with children* and *assist children with homework* for helping a grandmother shop."""
    chat = new_chat()
    start(chat) if lang == "en" else start_fr(chat)
    reply = chat.say(told)
    assert reply.expecting == Expecting.experience_detail
    assert [(e.title, e.description) for e in chat.profile().experiences] == [(titles[0], first)]
    chat.say("c'est tout" if lang == "fr" else "that's all")
    reply = chat.say("c bon" if lang == "fr" else "ok")
    named = f'"{titles[1]}"' if lang == "en" else f"« {titles[1]} »"
    assert reply.expecting == Expecting.experience_detail and named in reply.text, reply.text
    assert [e.title for e in chat.profile().experiences] == titles


@pytest.mark.parametrize("told", [
    "I worked in a sports shop and I sold football boots",  # more of the same job
    "I coach football and I play too",  # the same kind
    "je suis animatrice au centre aéré, je fais des jeux et je joue au foot avec eux",  # with the same people
    "I play football",
    "Le week-end, j'entraîne l'équipe de football des moins de 12 ans de mon club.",  # when, then what
])
def test_one_activity_stays_one_experience(told):
    assert second_activity(told) is None


@pytest.mark.integration
@pytest.mark.parametrize("lang, first, likes", [
    ("fr", "j'ai été serveuse 2 ans dans une brasserie", "j'aime bien la cuisine et être dehors"),
    ("en", "i was a cashier at tesco for a year", "i like drawing n being outside"),
])
def test_what_they_like_told_instead_of_another_experience_is_their_interests(new_chat, lang, first, likes):
    """"j'aime la cuisine et être dehors" to "anything else you've done?" was recorded as an experience « Cuisine »."""
    chat = new_chat()
    start(chat) if lang == "en" else start_fr(chat)
    chat.say(first)
    chat.say("c'est tout" if lang == "fr" else "that's all")
    reply = chat.say("c bon" if lang == "fr" else "ok")
    assert reply.expecting == Expecting.experience
    reply = chat.say(likes)
    assert reply.expecting == Expecting.preferences, reply.text
    profile = chat.profile()
    assert len(profile.experiences) == 1 and profile.interests.text == likes and profile.interests.riasec
    # a liking said with where or how long is something they did
    assert not only_likes("I love working with kids at the after-school club")


@pytest.mark.integration
def test_not_knowing_at_a_skill_list_removes_nothing_and_ye_keeps_it(new_chat):
    """"idk" at a skill list was read as removing a skill called "know"; "ye" was not understood."""
    chat = new_chat()
    start(chat)
    chat.say("i babysit my little cousins sometimes")
    reply = chat.say("idk")  # nothing more to tell: the skills come
    assert reply.expecting == Expecting.skill_confirmation
    shown = len([c for c in reply.cards if c.kind == "skill"])
    reply = chat.say("idk")
    assert reply.expecting == Expecting.skill_confirmation and "sound like something you did" in reply.text
    assert "know" not in reply.text.replace("sound like", "")
    reply = chat.say("ye")
    assert reply.expecting == Expecting.experience
    assert len([s for s in chat.profile().skills if s.state == SkillState.confirmed]) == shown


@pytest.mark.integration
def test_ok_to_what_they_enjoy_is_asked_again(new_chat):
    """"ok" at the interests question was saved as what the person enjoys."""
    chat = new_chat()
    start_fr(chat)
    for said in ("je garde ma petite soeur le mercredi", "c tout", "ok"):  # an experience, nothing more, its skills kept
        chat.say(said)
    assert chat.say("non").expecting == Expecting.interests
    assert chat.say("ok").expecting == Expecting.interests
    reply = chat.say("le sport, aider les gens")
    assert reply.expecting == Expecting.preferences and chat.profile().interests.text == "le sport, aider les gens"
