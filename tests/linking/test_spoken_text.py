"""Chat forms, misspellings and conjugated verbs rewritten into the labels' words, offsets kept."""

import pytest

from tools.linking.spoken_text import Rewritten, Vocabulary, rewrite

EN = Vocabulary.build(
    ["vacuum surfaces", "mop floors", "stock shelves", "empty bins", "clean toilet facilities", "scan items", "handle customer complaints",
     "stacking shelves", "assist customers"],
    ["Scanning the customers' items at the till. Customers, customers and more customers. Scanning again, scanning."],
    "en",
)
FR = Vocabulary.build(
    ["servir les clients", "préparer des sandwichs", "gérer des conflits", "encaisser des paiements", "éplucher des légumes",
     "réparer des moteurs", "emmener des enfants", "faire la toilette", "mettre en place la vitrine", "travailler en équipe",
     "entraîner des sportifs", "aider des personnes", "ranger des produits", "commencer des travaux"],
    ["Les légumes de la cuisine. Des légumes et encore des légumes. Ma mère, sa mère."],
    "fr",
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i did refunds n stackin shelves tbh", "i did refunds and stacking shelves"),
        ("I vacuumed and mopped the floors, emptied the bins", "I vacuum and mop the floors, empty the bins"),
        ("scaning items for custmers w/ my mate", "scanning items for customers with my mate"),
        ("I handled complaints", "I handle complaints"),
    ],
)
def test_english_chat_forms_misspellings_and_past_tense(text, expected):
    assert " ".join(rewrite(text, "en", EN).text.split()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("g bosse ds un resto pdt 2 ans", "j'ai été dans un restaurant pendant 2 ans"),
        ("on bosse en équipe", "on travailler en équipe"),
        ("je servais les clients, j'encaissais", "je servir les clients, j'encaisser"),
        ("epluchage des legumes", "epluchage des légumes"),
        ("je gère les conflits, je les emmenais au parc", "je gérer les conflits, je les emmener au parc"),
        ("j'ai préparé les sandwichs et la mise en place", "j'ai préparer les sandwichs et la mise en place"),
        ("jrepare les moteurs, jfais tout", "je réparer les moteurs, je faire tout"),
        # "j'" without its apostrophe before a vowel; sports by the names people give them
        ("jentraine les moins de 11 ans, jaide ma mere", "j'entraîner les moins de 11 ans, j'aider ma mère"),
        ("je fais du hand et du foot", "je faire du handball et du football"),
        ("jeudi, jamais", "jeudi, jamais"),
        ("la place du marché", "la place du marché"),
        # "faire" before a bare noun says the job, not the verb of a label (*faire fonctionner une chaudière*)
        # (after its auxiliary it is "been": "fait" alone brought *rapporter des faits*)
        ("g aussi fait caissiere chez carrefour", "j'ai aussi été caissiere"),
        ("j'ai fait 2 ans de droit", "j'ai fait 2 ans de droit"),
        ("j'ai fait attention aux enfants", "j'ai faire attention aux enfants"),
        ("je faisais serveuse l'été", "je faisais serveuse l'été"),
        ("je fais la toilette", "je faire la toilette"),
        # "travailler" before where or as what says the job, not *travailler en équipe*
        ("j'ai travaillé 2 ans comme caissière", "j'ai été 2 ans comme caissière"),
        ("je travaille dans un supermarché", "je suis dans un supermarché"),
        ("je travaille en équipe", "je travailler en équipe"),
        ("je rangeais les rayons, je commençais à 6h", "je ranger les rayons, je commencer à 6h"),
        # "a" typed for "à", but not the verb after its subject or before a participle or a number
        ("livreur a vélo, aide a domicile", "livreur à vélo, aide à domicile"),
        ("il a servi, ma mère a eu, mon fils a six ans", "il a servir, ma mère a eu, mon fils a six ans"),
    ],
)
def test_french_sms_forms_accents_and_infinitives_after_a_subject_or_auxiliary(text, expected):
    assert " ".join(rewrite(text, "fr", FR).text.split()) == expected


def test_spans_of_the_rewritten_text_point_back_at_the_persons_words():
    original = "i was stackin shelves n scaning items lol, it was fine"
    rewritten = rewrite(original, "en", EN)
    start = rewritten.text.index("stacking shelves")
    span = rewritten.original_span(start, start + len("stacking shelves"))
    assert original[span[0] : span[1]] == "stackin shelves"
    start = rewritten.text.index("scanning")
    assert original[slice(*rewritten.original_span(start, start + len("scanning items")))] == "scaning items"
    assert rewritten.text.endswith(", it was fine") and "lol" not in rewritten.text


def test_no_vocabulary_or_an_unknown_language_changes_only_chat_forms():
    assert rewrite("I vacuumed n mopped", "en", None).text == "I vacuumed and mopped"
    assert rewrite("ich habe gekocht", "de", EN).text == "ich habe gekocht"
    same = Rewritten.unchanged("abc")
    assert same.text == "abc" and same.original_span(1, 3) == (1, 3)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("livreur a velo par tous les temps", "fr", "livreur à velo"),
        ("je conduisais de temps en temps le tracteur", "fr", "je conduisais le tracteur"),
        ("c'était le rush tout le temps", "fr", "c'était le rush"),
        ("I help people who come in for the first time", "en", "I help people who come in"),
        ("from time to time I drove the van", "en", "I drove the van"),
        ("I manage my time well", "en", "I manage my time well"),  # about time, not when: kept
    ],
)
def test_expressions_that_only_say_when_are_dropped(text, lang, expected):
    rewritten = rewrite(text, lang, FR if lang == "fr" else EN)
    assert " ".join(rewritten.text.split()) == expected
    last = expected.split()[-1]  # the words kept still point at the person's own
    start = rewritten.text.rindex(last)
    assert text[slice(*rewritten.original_span(start, start + len(last)))] == last


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # where someone worked, by a name the labels do not hold, is left out with its "chez" / "at"
        # (the encoder read "carrefour" as *carreleur*, "deliveroo" as *livres*)
        ("g aussi fait caissiere chez carrefour l'été dernier", "fr", "j'ai aussi été caissiere l'été dernier"),
        ("je servais les clients chez mcdo pr uber eats", "fr", "je servir les clients"),
        ("I scanned items at Lidl for 2 years", "en", "I scan items for 2 years"),
        # words of the labels, pronouns and a determiner are no names
        ("je servais chez moi et chez une amie", "fr", "je servir chez moi et chez une amie"),
        ("I stacked shelves at night for customers", "en", "I stack shelves at night for customers"),
    ],
)
def test_an_employers_name_is_left_out(text, lang, expected):
    vocabulary = FR if lang == "fr" else Vocabulary.build(["stack shelves", "scan items", "work at night", "serve customers"], [], "en",
                                                          known=["night", "customers", "for", "years"])
    assert " ".join(rewrite(text, lang, vocabulary).text.split()) == expected


def test_the_plural_of_a_known_word_is_no_misspelling():
    """"tills" is one edit from "tiles": corrected, "i trained new staff on the tills" gave *lay tiles*."""
    vocabulary = Vocabulary.build(["lay tiles", "cut tiles", "clean tiles", "operate till"], ["Work at the till."], "en")
    assert rewrite("I trained new staff on the tills", "en", vocabulary).text.endswith("on the tills")
    assert rewrite("I cleaned the tyles", "en", vocabulary).text.endswith("the tiles")
