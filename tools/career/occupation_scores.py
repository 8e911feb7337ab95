"""Skill-match scores of every ESCO occupation for a profile, vectorised over the whole ontology.

skill score = 0.5 × essential coverage + 0.1 × optional coverage + 0.4 × profile share, where
- essential/optional coverage = IDF-weighted share of the occupation's essential/optional skills
  the person holds (partial credit through the hierarchy), so large occupations don't dominate;
- profile share = IDF-weighted share of the person's skills the occupation uses, so an occupation
  that uses everything the person does ranks above one that only shares a few common skills;
  damped for very broad occupations (× sqrt(80 / number of skills) above 80 skills: "specialised
  seller" lists 340 skills and would otherwise "use" any sales profile entirely).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tools.career.skill_space import SkillSpace

ESSENTIAL_WEIGHT = 0.5
OPTIONAL_WEIGHT = 0.1
PROFILE_SHARE_WEIGHT = 0.4
BROAD_OCCUPATION_SKILLS = 80
MATCH_PRIOR = 0.5


@dataclass
class SkillScores:
    held: np.ndarray
    credit: np.ndarray
    essential: np.ndarray
    optional: np.ndarray
    profile_share: np.ndarray
    total: np.ndarray


def skill_scores(space: SkillSpace, skill_uris: list[str]) -> SkillScores:
    held = space.held_vector(skill_uris)
    credit = space.credit(held)
    weighted_credit = space.weight * credit
    weighted_held = space.weight * held
    essential = np.asarray(space.essential @ weighted_credit).ravel() / np.maximum(space.essential_weight_sum, 1e-6)
    optional = np.asarray(space.optional @ weighted_credit).ravel() / np.maximum(space.optional_weight_sum, 1e-6)
    held_total = float(weighted_held.sum())
    if held_total > 0:
        share = np.asarray(space.any @ weighted_held).ravel() / held_total
        share = share * np.minimum(1.0, np.sqrt(BROAD_OCCUPATION_SKILLS / np.maximum(space.breadth, 1.0)))
    else:
        share = np.zeros(len(space.occ_uris), np.float32)
    total = ESSENTIAL_WEIGHT * essential + OPTIONAL_WEIGHT * optional + PROFILE_SHARE_WEIGHT * share
    # Evidence: an occupation reached through one or two of the person's skills is less sure than one
    # that uses many of them ((n + ½) / (n + 1½): none (partial credit only) → ×0.33, 1 → ×0.6, 3 → ×0.78).
    matched = np.asarray(space.any @ held).ravel()
    total = total * (matched + MATCH_PRIOR) / (matched + MATCH_PRIOR + 1.0)
    return SkillScores(held, credit, essential, optional, share, total.astype(np.float32))
