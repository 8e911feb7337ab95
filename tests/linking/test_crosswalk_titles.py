"""O*NET titles of ESCO occupations through the official crosswalk, as extra evidence for job titles
(tiny knowledge base: cashier <-> "Cashiers" exact match, software developer <-> "Software
Developers" close match; the other occupations have none)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from knowledge_data import OCCUPATION
from tools.linking import SkillLinker
from tools.linking.crosswalk_titles import CrosswalkTitles


def test_each_occupation_scores_its_best_crosswalk_title(tiny_kb, embedder, tmp_path: Path):
    records = list(tiny_kb.occupations.values())
    position = {r.uri: i for i, r in enumerate(records)}
    titles = CrosswalkTitles.build(tiny_kb, records, embedder, tmp_path)
    assert len(titles.vectors) == 2 and sorted(titles.owner_of_pair) == sorted([position[OCCUPATION["cashier"]], position[OCCUPATION["developer"]]])
    scores = titles.scores(embedder.encode(["software developers", "cashiers"]))
    assert scores.shape == (2, len(records))
    assert np.argmax(scores[0]) == position[OCCUPATION["developer"]] and scores[0, position[OCCUPATION["developer"]]] > 0.95
    assert np.argmax(scores[1]) == position[OCCUPATION["cashier"]]
    no_match = [i for i in range(len(records)) if i not in titles.owner_of_pair]
    assert no_match and np.all(scores[:, no_match] == 0.0)
    assert len(list(tmp_path.glob("*.npy"))) == 1  # encoded once, cached by content
    again = CrosswalkTitles.build(tiny_kb, records, embedder, tmp_path)
    assert np.allclose(again.vectors, titles.vectors)


def test_a_job_title_gets_its_crosswalk_score_in_english_only(tiny_kb, embedder):
    with_crosswalk = SkillLinker(tiny_kb, embedder, None)
    without = SkillLinker(tiny_kb, embedder, None, dataclasses.replace(with_crosswalk.config, titles_crosswalk=0.0))
    developer = with_crosswalk.occupation_uris.index(OCCUPATION["developer"])
    lifted = with_crosswalk.title_scores("Software Developers") - without.title_scores("Software Developers")
    assert lifted[developer] > 0.09  # 0.1 x a cosine near 1
    cashier = with_crosswalk.occupation_uris.index(OCCUPATION["cashier"])
    others = [i for i in range(len(lifted)) if i not in (developer, cashier)]  # no O*NET title: not lifted
    assert np.allclose(lifted[others], 0.0) and lifted[cashier] < lifted[developer]
    assert np.allclose(with_crosswalk.title_scores("développeur", "fr"), without.title_scores("développeur", "fr"))
    # the windows of a longer text read as titles are left as they were (skills unchanged)
    text = "I was a software developer for three years"
    assert np.allclose(with_crosswalk.occupation_scores(text), without.occupation_scores(text))
