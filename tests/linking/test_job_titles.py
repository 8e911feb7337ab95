"""Job titles: cleaning a title, and finding the title a person names about themselves."""

from __future__ import annotations

import pytest

from tools.linking.job_titles import clean_title, named_roles


@pytest.mark.parametrize(
    ("text", "lang", "roles"),
    [
        ("I've been a warehouse worker for 6 years: picking orders", "en", ["warehouse worker"]),
        ("I was a cashier at Lidl and trained new staff", "en", ["cashier"]),
        ("I worked as cashier, then I was a shift supervisor.", "en", ["cashier", "shift supervisor"]),
        ("I'm a nurse assistant.", "en", ["nurse assistant"]),
        ("I am proud of my team", "en", []),
        ("I've been working in a shop", "en", []),
        ("I keep the football club's accounts", "en", []),
        ("je suis vendeuse depuis 2019", "fr", ["vendeuse"]),
        ("J'ai été serveuse pendant 3 ans dans une brasserie", "fr", ["serveuse"]),
        ("j'ai travaillé comme aide-soignante à l'hôpital", "fr", ["aide-soignante"]),
        ("J'ai travaillé 5 ans comme aide-soignante en maison de retraite", "fr", ["aide-soignante"]),
        ("jai bossé 2 ans comme serveuse dans un resto", "fr", ["serveuse"]),
        ("j ai été vendeuse dans une boulangerie", "fr", ["vendeuse"]),
        ("j'ai été employée en restauration rapide", "fr", ["employée en restauration rapide"]),
        ("je suis en terminale", "fr", []),
        ("je suis très motivée", "fr", []),
        # a career told as a progression: every step is a job held, the latest last
        ("I started as a kitchen porter, then I became a commis chef and finally a line cook.", "en",
         ["kitchen porter", "commis chef", "line cook"]),
        ("I was promoted to team leader in 2020", "en", ["team leader"]),
        ("I have worked for 4 years as a care assistant in a nursing home", "en", ["care assistant"]),
        ("worked two summers as a lifeguard at the town pool", "en", ["lifeguard"]),
        ("then we went to the park", "en", []),
        # "as a" alone names the job a hurried person did, up to how long or who; not a kid or a team
        ("i set up the classroom every morning as a teaching assistant 2 yrs, also helped kids", "en", ["teaching assistant"]),
        ("as a cashier I took payments", "en", ["cashier"]),
        ("I started cooking as a kid", "en", []),
        ("we worked as a team", "en", []),
        ("as a result I learned a lot", "en", []),
        ("j'ai commencé comme plongeur puis je suis passé commis de cuisine", "fr", ["plongeur", "commis de cuisine"]),
        ("je suis devenue cheffe de rang en 2019", "fr", ["cheffe de rang"]),
        ("je suis passée au magasin", "fr", []),
        ("Je suis bénévole aux Restos du coeur", "fr", []),
        ("I'm a volunteer at the food bank", "en", []),
        # "faire" with a job noun and no determiner names the job; with a determiner it is a task
        ("g aussi fait caissiere chez carrefour l'été dernier", "fr", ["caissiere"]),
        ("ah et avant j'ai fait serveuse 2 ans dans une brasserie", "fr", ["serveuse"]),
        ("j'ai fait la vaisselle et le ménage", "fr", []),
        ("j'ai fait mes études à Lyon", "fr", []),
        ("j'ai fait 2 ans de droit", "fr", []),
        ("j'ai fait attention aux enfants", "fr", []),
    ],
)
def test_named_roles(text, lang, roles):
    assert named_roles(text, lang) == roles


def test_clean_title_drops_noise_keeps_the_domain():
    assert clean_title("Senior Data Analyst (m/f/d) - Berlin") == "Data Analyst - Berlin"
    assert clean_title("Executive - Warehouse and Logistic") == "Executive - Warehouse and Logistic"
    assert clean_title("Production Operator (Plastic / Facility)") == "Production Operator (Plastic / Facility)"
    assert clean_title("Engineer (Senior, Temporary)") == "Engineer"
