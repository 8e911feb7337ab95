"""Every sentence a person reads, rendered in French: the agent's message catalogue (with values
that start with a vowel, to catch "ce organisme"), the "tu" register for pupils, the vocabulary
sent as codes (data categories, statuses, validation levels, course durations and levels), the
Telegram texts and cards, the consent receipt page and the web page's strings. None may hold an
English word of our vocabulary or a missed elision."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from agent.language_leaks import elision_errors, english_words
from agent.messages import MESSAGES, TUTOIEMENT, categories_text, in_register, label_of, say
from agent.reply import AgentReply, Card, QuickReply
from channels.telegram.rendering import card_text, render
from channels.telegram.texts import TEXTS
from tools.catalog.course_wording import duration_words, level_words
from tools.consent import receipt_page
from tools.consent.models import ConsentStatus, DataCategory
from tools.profile.models import ValidationLevel

ROOT = Path(__file__).resolve().parents[2]
NOT_FRENCH_ON_PURPOSE = {"qr_english"}  # the button that picks English says "English"
SAMPLES = {
    "name": "Orient Emploi", "names": "Orient Emploi et Accompagnement Emploi", "kind_label": "organisme de formation",
    "kinds": "les organismes de formation", "experience": "Aide aux devoirs", "label": "Assistante de vie",
    "target": "Employé de libre-service", "text": "animer un atelier", "added": "accueillir des clients",
    "removed": "encaisser des paiements", "count": 3, "n": 2, "covered": "3/9", "missing": "gestion des stocks",
    "retention": 180, "duration": 90, "why": "Pour vous aider dans votre recherche.", "categories": "votre profil",
    "demo": "", "skills": 4, "steps": "regardez les formations.", "summary": "• Langue : français", "items": "aucun",
    "location": "Lyon", "reason": "aucun accord valide.", "level": "déclarée", "status": "donné", "d": 3,
}


def _values(template: str) -> dict[str, object]:
    fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    return {f: SAMPLES.get(f, "Atelier") for f in fields}


def _clean(text: str) -> list[str]:
    return english_words(text) + elision_errors(text)


@pytest.mark.parametrize("key", sorted(k for k in MESSAGES if k not in NOT_FRENCH_ON_PURPOSE))
def test_every_message_reads_as_french(key):
    template = MESSAGES[key].get("fr")
    assert template, f"{key} has no French"
    text = say(key, "fr", **_values(template)) if "{" in template else template
    assert not _clean(text), (key, _clean(text), text)


def test_english_words_are_whole_words():
    # a receipt number's letters are not words ("...bb1be76..." holds "be" between digits)
    assert english_words("Numéro du reçu 06f449b097414f4997bb1be76b298f1b") == []
    assert english_words("Voici the plan, l'accord de your profil") == ["the", "your"]


def test_elision_before_a_filled_in_word():
    assert say("share_ask", "fr", kind_label="organisme de formation").startswith(
        "Voulez-vous partager votre profil avec cet organisme de formation")
    assert say("share_ask", "fr", kind_label="coach").startswith("Voulez-vous partager votre profil avec ce coach")


@pytest.mark.parametrize("key", sorted(TUTOIEMENT))
def test_pupils_are_spoken_to_with_tu(key):
    tu = TUTOIEMENT[key]
    assert not re.search(r"\b(vous|votre|vos)\b", tu, re.IGNORECASE), (key, tu)
    vous = say(key, "fr", **_values(MESSAGES[key]["fr"])) if "{" in MESSAGES[key]["fr"] else MESSAGES[key]["fr"]
    said = in_register(vous, "fr", "high_school")
    assert said != vous or vous == tu, key
    assert not re.search(r"\b(vous|votre|vos)\b", said, re.IGNORECASE), (key, said)
    assert in_register(vous, "fr", "jobseeker") == vous and in_register(vous, "en", "high_school") == vous


def test_a_whole_pupil_turn_changes_register_and_keeps_its_values():
    turn = say("skills_confirmed", "fr", count=2) + "\n\n" + say("skills_intro", "fr", experience="Garde d'enfants")
    said = in_register(turn, "fr", "high_school")
    assert "ton profil" in said and "tu m'as dit sur « Garde d'enfants »" in said


def test_vocabulary_sent_as_codes_reads_as_words():
    for category in DataCategory:
        assert label_of("category_", category.value, "fr") != category.value
    for status in ConsentStatus:
        assert label_of("status_", status.value, "fr") != status.value
    for level in ValidationLevel:
        assert label_of("level_", level.value, "fr") not in (level.value, f"[{level.value}]")
    assert categories_text(["profile", "interests", "plan"], "fr").startswith("votre profil, vos centres d'intérêt et ")
    assert duration_words(" 1 - 3 Months", "fr") == "1 à 3 mois" and duration_words(" Less Than 2 Hours", "fr") == "moins de 2 heures"
    assert level_words("Intermediate ", "fr") == "intermédiaire" and level_words("Mixed ", "fr") == "tous niveaux"


@pytest.mark.parametrize("key", sorted(TEXTS["fr"]))
def test_the_telegram_bot_speaks_french(key):
    template = TEXTS["fr"][key]
    text = template.format(**_values(template)) if "{" in template else template
    assert not _clean(re.sub(r"/\w+", "", text)), (key, _clean(text))


def test_every_telegram_card_reads_as_french():
    cards = [
        Card(kind="course", title="Formation", data={"provider": "AFPA", "duration": duration_words("1 - 3 Months", "fr"),
                                                     "url": "https://example.org/c"}),
        Card(kind="job", title="Vendeur", data={"location": "Lyon"}),
        Card(kind="move", title="Vendeur", data={"why": {"fr": "Proche de vos compétences.", "en": "Close to your skills."}}),
        Card(kind="notice", title="Orient Emploi", data={"why": "Pour vous aider.", "data_categories": ["profile", "interests"]}),
        Card(kind="skill", title="accueillir des clients"),
        Card(kind="gap", title="Écart de compétences"),
    ]
    for card in cards:
        assert not _clean(card_text(card, "fr")), (card.kind, card_text(card, "fr"))
    reply = AgentReply(conversation_id="x", text="Bonjour", language="fr", expecting="free", cards=cards,
                       quick_replies=[QuickReply(label="Oui", value="oui")])
    assert all(not _clean(m.text) for m in render(reply, "t"))


def test_the_receipt_page_reads_as_french():
    receipt = {"recipient": {"name": "Orient Emploi", "demo": True}, "consent_status": "granted",
               "pii_categories": [c.value for c in DataCategory], "receipt_timestamp": "2026-01-01T10:00:00+00:00",
               "validity": {"valid_until": "2026-04-01T10:00:00+00:00"}, "notice": {"notice_text": "Pour vous aider."},
               "purposes": [{"retention": {"retention_days": 180}}], "proof": {"verification_method": "abc"}}
    title, rows, withdraw, verify = receipt_page.rows(receipt, "fr")
    for text in [title, withdraw, *[f"{k} {v}" for k, v in rows]]:
        assert not _clean(text.replace("Orient Emploi", "")), text
    assert "vérifier" in verify


def test_the_web_page_strings_read_as_french():
    source = (ROOT / "channels/web/static/i18n.js").read_text()
    french = source[source.index("fr: {"):]
    strings = re.findall(r'\b(\w+): "((?:[^"\\]|\\.)*)"', french)
    assert len(strings) > 60
    for key, value in strings:
        if key in ("orient", "export_json", "export_jsonld"):
            continue  # a name, and format names (JSON, JSON-LD)
        assert not _clean(value), (key, _clean(value))


def test_the_printed_profile_says_interests_in_words_not_codes():
    from tools.profile.models import Profile
    from tools.profile.printable import summary_view, to_html

    for lang, words in (("fr", "Vous aimez travailler de vos mains"), ("en", "You enjoy working with your hands")):
        profile = Profile(person_id="p", language=lang)
        profile.interests.riasec = ["R"]
        profile.interests.text = "Travailler de mes mains" if lang == "fr" else "Working with my hands"
        view = summary_view(profile)
        assert view.interests.startswith(words) and not re.search(r"\bR\b", view.interests)
        assert words in to_html(profile)


@pytest.mark.parametrize("text,lang,title", [
    ("je garde ma petite soeur le mercredi apres les cours", "fr", "Garde d'enfants"),
    ("Je fais la cuisine pour ma famille tous les dimanches", "fr", "Cuisine pour la famille"),
    ("babysiting my neighbours' kids on saturdays", "en", "Babysitting"),
    ("I worked 2 years as a cashier in a supermarket.", "en", "Cashier"),
    ("Le week-end, j'entraîne l'équipe de football des moins de 12 ans", "fr", "Entraînement sportif"),
    ("I repaired bikes for my neighbours", "en", "Repaired bikes for my neighbours"),
    ("ca fait 7 ans que je suis coiffeuse dans un salon, coupes femmes et hommes", "fr", "Coiffeuse"),
    ("I was a hotel receptionist for 4 years in a 3-star hotel", "en", "Hotel receptionist"),
    ("I started as a kitchen porter washing dishes, then I became a commis chef and finally a line cook.", "en", "Line cook"),
    ("j ai été vendeuse dans une boulangerie pendant trois ans", "fr", "Vendeuse"),
    ("je suis en terminale et je fais du montage video", "fr", "Création de vidéos"),
    ("je fais du foot depuis 5 ans et je suis capitaine", "fr", "Sport"),
    # a word inside another is not the activity: "chantiers" is no singing, painting the walls no art
    ("manœuvre sur des chantiers pendant 2 ans", "fr", "Manœuvre sur des chantiers"),
    ("je chante dans une chorale", "fr", "Musique"),
    ("we tiled the bathroom and painted the walls", "en", "Tiled the bathroom"),
    # a name stops before how long, a second activity or a small word
    ("I fixed cars for 3 years in my uncle's garage", "en", "Fixed cars"),
    ("I have worked for 4 years as a care assistant in a nursing home: I help residents wash", "en", "Care assistant"),
    ("for two years I made deliveries on my bike", "en", "Delivery"),
    ("worked 3 months in a call centre answering customers", "en", "Call centre answering customers"),
    ("I repaired phones, tablets and laptops for friends", "en", "Repaired phones, tablets and laptops"),
    ("j'ai distribué des flyers il y a deux ans", "fr", "Distribué des flyers"),
    ("aide a domicile 3 ans chez des personnes agees, toilette repas courses", "fr", "Aide a domicile"),
    ("babysitting 2 years for my neighbours", "en", "Babysitting"),
    ("I organised the school's charity run with my class last spring", "en", "Organised the school's charity run"),
    ("I paint portraits of my friends", "en", "Art and drawing"),
    # told later: the "also" is about the telling; a job told by its employer only; "faire" a job
    ("i also did 2 years as a waitress", "en", "Waitress"),
    ("i also worked at mcdonalds for a summer", "en", "Job at Mcdonalds"),
    ("jai aussi bossé 6 mois chez mcdo", "fr", "Job chez mcdo"),
    ("je travaille chez des personnes agees", "fr", "Des personnes agees"),
    ("g aussi fait caissiere chez carrefour l'été dernier", "fr", "Caissiere"),
    ("ah et avant j'ai fait serveuse 2 ans dans une brasserie", "fr", "Serveuse"),
    ("g fait du baby sitting pdt 4 ans", "fr", "Garde d'enfants"),
    # caring for a relative or volunteering is what the experience is, whatever else it involves
    ("i look after my mum at home since 2 yrs, meds, cooking, taking her to appointments", "en", "Caring for a relative"),
    ("je m'occupe de ma mère depuis 2 ans, ses médicaments, les repas", "fr", "Aide à un proche"),
    # a relative helped as people name them; helping in a parent's shop or bar is working there
    ("i help my nan with her shopping every week", "en", "Caring for a relative"),
    ("j'aide ma mamie pour ses courses", "fr", "Aide à un proche"),
    ("I helped my dad in his shop on saturdays", "en", "Helped my dad"),
    ("volunteer at the food bank, cooking meals on saturdays", "en", "Volunteering"),
    # a pupil's SMS forms: the club coached, "jsuis" no part of a name
    ("jsuis en 1ere stmg, je fais du hand en club depuis 6 ans et jentraine les moins de 11 ans le mercredi", "fr",
     "Entraînement sportif"),
    ("chui vendeuse chez zara", "fr", "Vendeuse"),
    # a placement is named by where it was, without its article or length ("A", "Un stage" before)
    ("I did a 2 week internship at a law firm", "en", "Internship at a law firm"),
    ("g aussi fait un stage de 2 semaines dans une pharmacie, ranger les commandes", "fr", "Stage dans une pharmacie"),
    # a channel about cooking is a channel
    ("jai une chaine youtube de cuisine, je fais le montage", "fr", "Création de vidéos"),
    # a job's name among the first words is the name, not its domain ("Vente" resolved to a sales director)
    ("vendeuse chez zara 2 ans, conseil clientes, caisse, mise en rayon", "fr", "Vendeuse"),
    ("Caissière chez Lidl depuis 2 ans", "fr", "Caissière"),
    ("commis de cuisine ds un resto", "fr", "Commis de cuisine"),
])
def test_experience_titles_are_short_clean_names(text, lang, title):
    from agent.experience_titles import experience_title

    assert experience_title(text, lang) == title


@pytest.mark.parametrize("title, job", [
    ("Vente", "vendeur"), ("Sales", "shop assistant"), ("Livraison", "livreur"), ("Cashier", "cashier"),
    ("Livreur uber eats", "Livreur uber eats"), ("Barman", "Barman"),  # the person's own words
    ("Création de vidéos", "monteur vidéo"), ("Sports coaching", "sports coach"),  # what the activity's work is
    ("Aide à un proche", None), ("Job d'été", None), ("Cooking for the family", None), ("Sport", None), ("Bénévolat", None),
    ("Art and drawing", None),
    (None, None),
])
def test_an_experience_is_read_by_the_job_its_name_stands_for(title, job):
    """"Vente" is a shop assistant's job (not a sales director's), a YouTube channel's editing a video
    editor's; a relative cared for is no job."""
    from agent.experience_titles import job_read_by

    assert job_read_by(title) == job
