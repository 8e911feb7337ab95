"""Exact label matches in a text, and which of them name a job on their own."""

from tools.linking.phrases import PhraseMatcher, head_words, naming_a_job
from tools.linking.text_windows import tokenize

OCCUPATIONS = ["army general", "general", "general practitioner", "chef", "head chef", "cashier",
               "factory worker", "warehouse worker", "social worker", "sales manager", "office manager", "hotel manager"]
FRENCH = ["général", "directeur général", "directeur commercial", "directeur d'hôtel", "directeur artistique", "caissier"]


def _named(text: str, labels: list[str], lang: str = "en") -> list[str]:
    matcher = PhraseMatcher(labels, list(range(len(labels))), [True] * len(labels))
    tokens = tokenize(text)
    hits = naming_a_job(matcher.find(tokens), text, tokens, head_words(labels, lang), lang)
    return sorted(labels[h.concept] for h in hits)


def test_head_words_are_the_last_words_in_english_and_the_first_in_french():
    assert head_words(OCCUPATIONS, "en") == {"worker", "manager"}  # 3 labels each; "general" ends only 1
    assert head_words(FRENCH, "fr") == {"directeur"}


def test_a_label_inside_a_longer_label_names_no_job_of_its_own():
    assert _named("I worked as a general practitioner", OCCUPATIONS) == ["general practitioner"]
    assert _named("I was a head chef in Lyon", OCCUPATIONS) == ["head chef"]
    assert _named("J'étais directeur général d'une PME", FRENCH, "fr") == ["directeur général"]


def test_a_one_word_label_qualifying_a_head_noun_names_no_job():
    assert _named("I was a general worker in a factory", OCCUPATIONS) == []
    assert _named("Cashier manager at Tesco", OCCUPATIONS) == []  # English: the head noun follows
    assert _named("J'ai été caissier directeur", FRENCH, "fr") == ["caissier"]  # French: it comes first
    assert _named("J'ai été directeur caissier", FRENCH, "fr") == []


def test_a_label_said_on_its_own_still_names_its_job():
    assert _named("I was a general in the army", OCCUPATIONS) == ["general"]
    assert _named("I was a cashier two years", OCCUPATIONS) == ["cashier"]
    assert _named("Cashier, manager later", OCCUPATIONS) == ["cashier"]  # two jobs, not one name
    assert _named("I was a chef. Worker of the month!", OCCUPATIONS) == ["chef"]
