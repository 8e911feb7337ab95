"""Transversal skills a person implies: heard from cue phrases in English and French, with the clause
that says them, and not from the same words about someone else."""

import numpy as np
import pytest

from tools.linking.implied_skills import ImpliedSkills

LABELS = ["operate cash register", "manage time", "work in teams", "work independently", "cope with stress",
          "work efficiently", "work in outdoor conditions", "adjust to physical demands", "show empathy", "solve problems",
          "adapt to change", "demonstrate trustworthiness", "work in shifts", "demonstrate willingness to learn", "process payments",
          "assist customers", "perform cleaning duties", "wash the dishes", "lift heavy weights", "drive two-wheeled vehicles",
          "supervise children", "exercise sports"]


@pytest.fixture(scope="module")
def implied():
    return ImpliedSkills(LABELS)


def _said(implied, text, lang):
    return {LABELS[position]: text[start:end] for position, (start, end) in implied.said(text, lang)}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "waitress in a busy cafe, always rushed off my feet at lunch", {"cope with stress", "adjust to physical demands"}),
        ("en", "I did the till on my own on sundays", {"work independently", "process payments", "operate cash register"}),
        ("en", "she lives alone so I visit her", set()),
        ("en", "I carried out stock checks and honestly loved it", set()),
        ("en", "courier, about 120 drops a day in all weathers", {"manage time", "work in outdoor conditions"}),
        ("en", "for our group project we built a website", {"work in teams"}),
        ("en", "night shifts at the petrol station, angry customers sometimes", {"work in shifts", "cope with stress"}),
        ("en", "I learned on the job and taught myself excel", {"demonstrate willingness to learn"}),
        ("fr", "serveuse, c'était speed le midi et je gérais la caisse toute seule le soir",
         {"cope with stress", "work independently"}),
        ("fr", "j'aide ma voisine, je l'écoute, elle est très seule", {"show empathy"}),
        ("fr", "manutentionnaire, je porte des cartons lourds, faut être rapide", {"adjust to physical demands", "work efficiently",
                                                                            "lift heavy weights"}),
        ("fr", "jardinier dehors par tous les temps", {"work in outdoor conditions"}),
        ("fr", "équipe de nuit en usine, on tournait sur tous les postes", {"work in shifts", "work in teams", "adapt to change"}),
        ("fr", "jusqu'à 12 interventions par jour donc faut être organisée", {"manage time"}),
        ("fr", "je fais du théâtre le mercredi", set()),
        # the everyday names of a shop's tasks
        ("en", "helped in the corner shop, servin customers, doing the till", {"assist customers", "process payments",
                                                                             "operate cash register"}),
        ("fr", "je servais les clients et je faisais la caisse le soir", {"assist customers", "process payments",
                                                                          "operate cash register"}),
        ("fr", "equipier chez mcdo, caisse, drive, nettoyage", {"work in teams", "process payments", "operate cash register"}),
        ("en", "I tilled the soil and carried out checks", set()),
        # ... and of everyday work at home, in kitchens and on sites
        ("fr", "commis, épluchage, mise en place, plonge le soir", {"wash the dishes"}),
        ("fr", "je fais la toilette, les repas, un peu de ménage", {"perform cleaning duties"}),
        ("fr", "livreur à vélo pdt 1 an", {"drive two-wheeled vehicles"}),
        ("en", "warehouse, lifting heavy boxes all day", {"lift heavy weights", "adjust to physical demands"}),
        ("fr", "je porte des cartons toute la journée", {"lift heavy weights", "adjust to physical demands"}),
        ("fr", "je fais de la plongée sous-marine", set()),
        # a child minded, a sport played (a team sport in a team)
        ("fr", "je garde ma petite soeur le mercredi", {"supervise children"}),
        ("fr", "je fais du hand en club", {"exercise sports", "work in teams"}),
        ("en", "i babysat for the neighbours and i do judo", {"supervise children", "exercise sports"}),
        ("en", "treasurer for our sunday league football club", set()),
    ],
)
def test_cues_imply_skills(implied, lang, text, expected):
    assert set(_said(implied, text, lang)) == expected


def test_the_evidence_is_the_clause_that_says_it(implied):
    said = _said(implied, "cashier 3 yrs, it was hectic at christmas, I also did the rota", "en")
    assert said == {"cope with stress": "it was hectic at christmas"}


def test_accents_and_apostrophes_do_not_matter(implied):
    assert "cope with stress" in _said(implied, "Je supportais la PRESSION du coup de feu", "fr")
    assert "work independently" in _said(implied, "j’étais souvent seule au magasin", "fr")


def test_a_label_the_knowledge_base_lacks_is_left_out():
    implied = ImpliedSkills(["cope with stress"])
    assert [p for p, _ in implied.said("hectic, on my own, in all weathers", "en")] == [0]


def test_an_implied_skill_is_lifted_to_a_share_of_the_best_never_lowered(implied):
    scores = np.array([2.0, 0.1, 1.9] + [0.0] * (len(LABELS) - 3), dtype=np.float32)
    assert implied.lift(scores, [(1, (0, 4)), (2, (0, 4))], 0.85) == {1}  # the second scored above by itself
    assert scores[1] == pytest.approx(0.85 * 2.0 + 0.001) and scores[2] == pytest.approx(1.9) and scores[0] == 2.0


@pytest.mark.parametrize(("lang", "text"), [("en", "driving the forklift and keeping the stock records"),
                                             ("en", "I loved physical education at school"),
                                             ("fr", "j'aimais la physique au lycée"), ("en", "a retiring colleague")])
def test_a_cue_is_a_whole_word(implied, lang, text):
    assert "adjust to physical demands" not in _said(implied, text, lang)


def test_coaching_a_team_is_not_working_in_one(implied):
    assert "work in teams" not in _said(implied, "I coach the under-12 football team on saturdays", "en")
    assert "work in teams" not in _said(implied, "j'entraîne l'équipe des moins de 12 ans", "fr")
    assert "work in teams" in _said(implied, "I was part of a team of six", "en")


def test_nights_worked_are_shifts_a_night_out_is_not(implied):
    assert "work in shifts" in _said(implied, "warehouse picker 3 yrs, nights, scanning n packing", "en")
    assert "work in shifts" not in _said(implied, "I DJ on saturday nights", "en")
    assert "work efficiently" in _said(implied, "scanning n packing, hitting targets", "en")
