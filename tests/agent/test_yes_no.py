"""The yes/no reader on real answers, English and French: slang and emojis are read as yes or no,
hedges, negations, contradictions and questions never as yes."""

from __future__ import annotations

import pytest

from agent.answers import is_no, is_yes
from agent.yes_no import Answer, read_yes_no

Y, N, Q, U = Answer.yes, Answer.no, Answer.question, Answer.unclear

ENGLISH: list[tuple[str, Answer]] = [
    # yes, the ways people say it
    ("yes", Y), ("Yes!", Y), ("ya", Y), ("yep", Y), ("yup", Y), ("yeah", Y), ("yeah sure", Y), ("yea", Y),
    ("yess", Y), ("yesss!!", Y), ("ok", Y), ("OK.", Y), ("okay", Y), ("k", Y), ("sure", Y), ("sure thing", Y),
    ("of course", Y), ("absolutely", Y), ("definitely", Y), ("alright", Y), ("fine", Y), ("go ahead", Y),
    ("go for it", Y), ("yes please", Y), ("yes, please share it", Y), ("I agree", Y), ("agreed", Y),
    ("sounds good", Y), ("why not", Y), ("why not?", Y), ("no problem", Y), ("no worries", Y),
    ("I don't mind", Y), ("fine by me", Y), ("👍", Y), ("✅", Y), ("yes 👍", Y), ("hell yeah", Y), ("yes I do", Y),
    ("yes, I'm sure", Y), ("Yes, go ahead and send it", Y), ("ok cool", Y), ("yeah, that's fine", Y), ("let's go", Y),
    # no
    ("no", N), ("No.", N), ("nope", N), ("nah", N), ("no thanks", N), ("no thank you", N), ("not really", N),
    ("never", N), ("no way", N), ("absolutely not", N), ("of course not", N), ("certainly not", N),
    ("I'd rather not", N), ("I don't want to", N), ("I do not agree", N), ("don't share it", N), ("please don't", N),
    ("not now", N), ("not at all", N), ("I don't think so", N), ("nooo", N), ("👎", N), ("no, but thanks", N),
    ("no one else", N), ("I refuse", N), ("no, keep it private", N), ("nah I'm good", N),
    # questions: answered, then the question is asked again
    ("who sees it?", Q), ("okay, but who sees my data?", Q), ("how long?", Q), ("how long do they keep it", Q),
    ("what will they see?", Q), ("why do they need it?", Q), ("can I withdraw later?", Q), ("who is this coach?", Q),
    ("is it a real person?", Q), ("I don't understand", Q), ("what does that mean?", Q), ("tell me more", Q),
    ("ok so who sees it", Q), ("I want to know who sees it", Q), ("yes, but what do they do with it?", Q),
    ("wait, who are they?", Q), ("no, who are they?", Q),
    # hedges, negations and contradictions: neither yes nor no
    ("sure... wait, no", U), ("yes I do not want that", U), ("not sure", U), ("I'm not sure", U), ("maybe", U),
    ("maybe later", U), ("perhaps", U), ("I guess", U), ("I don't know", U), ("dunno", U), ("idk", U), ("hmm", U),
    ("yes but only the coach", U), ("ok if it's anonymous", U), ("yes and no", U), ("yes or no", U),
    ("I think so", U), ("kind of", U), ("ok?", U), ("yes?", U), ("whatever", U), ("I don't care", U),
    ("yes... actually no", U), ("no, actually yes", U), ("it depends", U), ("", U), ("   ", U), ("👍👎", U),
]

FRENCH: list[tuple[str, Answer]] = [
    # oui
    ("oui", Y), ("Oui !", Y), ("ouais", Y), ("ouai", Y), ("ouiii", Y), ("oui d'accord", Y), ("d'accord", Y),
    ("daccord", Y), ("dac", Y), ("d'acc", Y), ("ok", Y), ("oké", Y), ("vas-y", Y), ("vas y", Y), ("allez-y", Y),
    ("carrément", Y), ("carrement", Y), ("bien sûr", Y), ("bien sur que oui", Y), ("évidemment", Y),
    ("absolument", Y), ("tout à fait", Y), ("volontiers", Y), ("avec plaisir", Y), ("pourquoi pas", Y),
    ("pas de souci", Y), ("pas de problème", Y), ("aucun problème", Y), ("ça me va", Y), ("ça marche", Y),
    ("c'est bon", Y), ("c bon", Y), ("je veux bien", Y), ("j'accepte", Y), ("je suis d'accord", Y),
    ("oui oui", Y), ("oui bien sûr", Y), ("oui, vas-y", Y), ("ok pour moi", Y), ("parfait", Y), ("grave", Y),
    ("👍", Y), ("oui 👍", Y), ("bah oui", Y), ("oui merci", Y), ("oui, partage-le", Y), ("ça me dérange pas", Y),
    ("si", Y), ("OUI", Y),
    # non
    ("non", N), ("Non.", N), ("nan", N), ("non merci", N), ("nan merci", N), ("pas du tout", N), ("jamais", N),
    ("surtout pas", N), ("pas question", N), ("hors de question", N), ("bien sûr que non", N), ("Bien sûr que non", N),
    ("absolument pas", N), ("certainement pas", N), ("pas vraiment", N), ("je ne veux pas", N), ("je veux pas", N),
    ("je préfère pas", N), ("je préfère que non", N), ("pas d'accord", N), ("je ne suis pas d'accord", N),
    ("non je refuse", N), ("pas maintenant", N), ("pas pour l'instant", N), ("plus tard", N), ("nooon", N),
    ("👎", N), ("je pense pas", N), ("non, personne d'autre", N), ("non, c'est tout", N),
    # questions
    ("ok mais qui va voir mes données exactement ?", Q), ("qui va voir mes données ?", Q), ("c'est qui ?", Q),
    ("combien de temps ?", Q), ("ils gardent ça combien de temps", Q), ("pourquoi ?", Q),
    ("c'est pour quoi faire ?", Q), ("je peux retirer mon accord plus tard ?", Q), ("je comprends pas", Q),
    ("c'est quoi ce coach ?", Q), ("ils voient quoi exactement", Q), ("explique-moi", Q),
    ("est-ce que c'est anonyme", Q), ("oui mais ils voient quoi ?", Q), ("qui ça ?", Q), ("où vont mes données ?", Q),
    ("pouvez-vous m'expliquer", Q),
    # hésitations, négations, contradictions
    ("oui mais non, en fait je préfère pas", U), ("oui mais non", U), ("je sais pas", U), ("je ne sais pas", U),
    ("chais pas", U), ("jsp", U), ("peut-être", U), ("peut etre", U), ("ptet", U), ("bof", U), ("mouais", U),
    ("euh", U), ("pas sûr", U), ("je suis pas sûr", U), ("oui si c'est anonyme", U), ("oui mais seulement le coach", U),
    ("je pense que oui", U), ("je crois", U), ("oui ou non", U), ("oui ?", U), ("on verra", U), ("ça dépend", U),
    ("oui... enfin non", U), ("non finalement oui", U), ("je m'en fiche", U), ("peu importe", U),
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english_answers(text, expected):
    assert read_yes_no(text).answer == expected, text


@pytest.mark.parametrize(("text", "expected"), FRENCH)
def test_french_answers(text, expected):
    assert read_yes_no(text).answer == expected, text


def test_each_language_has_at_least_80_real_answers():
    assert len({t for t, _ in ENGLISH}) >= 80
    assert len({t for t, _ in FRENCH}) >= 80
    for table in (ENGLISH, FRENCH):
        assert {answer for _, answer in table} == {Y, N, Q, U}


@pytest.mark.parametrize("text", [
    "Bien sûr que non", "oui mais non, en fait je préfère pas", "okay, but who sees my data?", "sure... wait, no",
    "yes I do not want that", "not sure", "who sees it?", "je sais pas", "peut-être",
    "ok mais qui va voir mes données exactement ?", "oui si tu veux mais pas l'employeur",
])
def test_what_is_not_a_yes_never_grants(text):
    assert not is_yes(text)


def test_the_question_is_cut_from_the_persons_words():
    assert read_yes_no("okay, but who sees my data?").question == "who sees my data?"
    assert read_yes_no("ok mais qui va voir mes données exactement ?").question == "qui va voir mes données exactement ?"
    assert read_yes_no("how long?").question == "how long?"
    assert read_yes_no("je comprends pas").question == "je comprends pas"
    assert read_yes_no("yes").question is None


def test_a_long_message_with_a_yes_buried_in_it_is_not_a_yes():
    text = "yes my brother told me last week that his friend had found a job at the hospital through the coach"
    assert read_yes_no(text).answer == U


def test_answers_shorthands_delegate_to_the_reader():
    assert is_yes("ya") and not is_no("ya")
    assert is_no("nope") and not is_yes("nope")
    assert not is_yes("not sure") and not is_no("not sure")
    reading = read_yes_no("who sees it?")
    assert reading.is_question and not reading.is_yes and str(reading.answer) == "question"


@pytest.mark.parametrize(
    "text",
    ["g aussi gardé des enfants le mercredi", "I kept the books for my uncle's shop", "je garde ma petite soeur le soir"],
)
def test_a_statement_with_a_polar_verb_is_not_an_answer(text: str) -> None:
    assert read_yes_no(text).answer == Answer.unclear
