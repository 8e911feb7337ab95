"""The English gloss of a French text, from parallel labels; offsets back to the person's words."""

from knowledge.models import Skill
from tools.linking.french_gloss import Lexicon
from tools.linking.spoken_text import Rewritten, Vocabulary, rewrite


def _skill(i: int, en: str, fr: str) -> Skill:
    return Skill(uri=f"s{i}", labels={"en": en, "fr": fr})


PARALLEL = [
    _skill(1, "serve customers", "servir les clients"),
    _skill(2, "assist customers", "aider les clients"),
    _skill(3, "serve drinks", "servir des boissons"),
    _skill(4, "clean floors", "nettoyer les sols"),
    _skill(5, "clean kitchen equipment", "nettoyer le matériel de cuisine"),
    _skill(6, "prepare vegetables", "préparer des légumes"),
    _skill(7, "cook vegetables", "cuire des légumes"),
    _skill(8, "prepare sandwiches", "préparer des sandwichs"),
    _skill(9, "kitchen hygiene", "hygiène en cuisine"),
]


def test_french_words_get_the_english_word_they_share_concepts_with():
    lexicon = Lexicon.from_concepts(PARALLEL)
    assert lexicon.word("servir") == "serve"
    assert lexicon.word("clients") == "customers"
    assert lexicon.word("légumes") == "vegetables" and lexicon.word("legumes") == "vegetables"
    assert lexicon.word("nettoyer") == "clean" and lexicon.word("cuisine") == "kitchen"
    assert lexicon.word("Doctolib") == "Doctolib"  # no counterpart: kept as written
    assert lexicon.word("je") == "I" and lexicon.word("des") == ""


def test_the_gloss_points_back_at_the_persons_words():
    lexicon = Lexicon.from_concepts(PARALLEL)
    vocabulary = Vocabulary.build([s.labels["fr"] for s in PARALLEL], [], "fr")
    original = "je servais les clients et g nettoyé la cuisine"
    gloss = lexicon.gloss(rewrite(original, "fr", vocabulary))
    assert " ".join(gloss.text.split()) == "I serve the customers and I have clean the kitchen"
    start = gloss.text.index("serve the customers")
    assert original[slice(*gloss.original_span(start, start + len("serve the customers")))] == "servais les clients"
    start = gloss.text.index("kitchen")
    assert original[slice(*gloss.original_span(start, start + len("kitchen")))] == "cuisine"


def test_a_gloss_of_an_unchanged_text_keeps_plain_offsets():
    lexicon = Lexicon.from_concepts(PARALLEL)
    gloss = lexicon.gloss(Rewritten.unchanged("l'hygiène en cuisine"))
    assert "kitchen" in gloss.text
    start = gloss.text.index("kitchen")
    assert gloss.original_span(start, start + 7) == (13, 20)  # "cuisine"
