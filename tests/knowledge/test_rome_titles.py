"""ROME appellations as French job titles of the ESCO occupations the official crosswalk pairs them
with: both gender forms, in the occupations' label matrix (field 'rome'), and left out on demand
for a check that reads those very titles."""

from __future__ import annotations

from dataclasses import replace

import pytest

from knowledge.sources.rome import appellation_forms, esco_titles
from knowledge_data import OCCUPATION
from tools.linking import SkillLinker


@pytest.mark.parametrize(
    ("label", "forms"),
    [
        ("Chauffeur / Chauffeuse de machines agricoles", ["Chauffeur de machines agricoles", "Chauffeuse de machines agricoles"]),
        ("Secrétaire médical / Secrétaire médicale", ["Secrétaire médical", "Secrétaire médicale"]),
        ("Agent conducteur / Agente conductrice de chien de défense",
         ["Agent conducteur de chien de défense", "Agente conductrice de chien de défense"]),
        ("Chef / Cheffe d'équipe en plastique/caoutchouc", ["Chef d'équipe en plastique/caoutchouc", "Cheffe d'équipe en plastique/caoutchouc"]),
        ("Fleuriste", ["Fleuriste"]),
        ("Aide-soignant / Aide-soignante", ["Aide-soignant", "Aide-soignante"]),
    ],
)
def test_an_appellation_is_said_in_both_genders(label, forms):
    assert appellation_forms(label) == forms


def test_the_crosswalk_gives_each_occupation_its_rome_titles(tiny_kb):
    titles = esco_titles(tiny_kb.rome, tiny_kb.esco_to_rome)
    assert titles[OCCUPATION["cashier"]] == ["Caissier", "Caissière", "Hôte de caisse", "Hôtesse de caisse"]
    assert titles[OCCUPATION["developer"]] == ["Développeur informatique", "Développeuse informatique"]
    matrix = tiny_kb.vectors("occupations")
    rome_rows = [(u, lang, t) for u, lang, f, t in zip(matrix.uris, matrix.langs, matrix.fields, matrix.texts) if f == "rome"]
    assert (OCCUPATION["cashier"], "fr", "Hôtesse de caisse") in rome_rows and all(lang == "fr" for _, lang, _ in rome_rows)


def test_a_rome_title_names_its_occupation_unless_held_out(tiny_kb, embedder):
    tiny_linker = SkillLinker(tiny_kb, embedder)
    assert tiny_linker.link_titles("Hôtesse de caisse", lang="fr", top_k=1)[0].uri == OCCUPATION["cashier"]
    fr = tiny_linker._concepts("occupations", "fr").strings.texts
    assert "Hôtesse de caisse" in fr and "Hôte de caisse" not in fr  # ESCO's own alt label "hôte de caisse" says it already
    held = SkillLinker(tiny_kb, embedder, None, replace(tiny_linker.config, held_out_titles=frozenset({"Hôtesse de caisse", "Hôte de caisse"})))
    left = held._concepts("occupations", "fr").strings.texts
    assert "Hôtesse de caisse" not in left and "hôte de caisse" in left  # only the ROME titles are held out
