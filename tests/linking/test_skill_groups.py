"""The skills hierarchy as context: the groups the best candidates fall in lift their other skills."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from tools.linking.ontology_rerank import SkillGroupContext


@dataclass
class Node:
    uri: str
    broader: list[str] = field(default_factory=list)
    level: int | None = None


# root "S" (level 0) > "S5 digital" (level 1) > "S5.1 programming" (level 2) > "S5.1.1 software design" (3)
#                   > "S6 building" (level 1) > "S6.1 architecture" (level 2)
GROUPS = {g.uri: g for g in [
    Node("S", [], 0), Node("S5", ["S"], 1), Node("S5.1", ["S5"], 2), Node("S5.1.1", ["S5.1"], 3),
    Node("S6", ["S"], 1), Node("S6.1", ["S6"], 2),
]}
SKILLS = [
    Node("software architecture", ["S5.1.1"]),
    Node("ICT infrastructure", ["S5.1"]),
    Node("define software architecture", ["software architecture"]),  # under a broader skill
    Node("architectural design", ["S6.1"]),
    Node("building codes", ["S6.1"]),
    Node("no group"),
]


def test_members_of_the_candidates_groups_rise_and_the_broad_roots_do_not_count():
    context = SkillGroupContext.from_hierarchy(SKILLS, GROUPS)
    assert context.normalised.shape == (6, 3)  # S5.1, S5.1.1, S6.1: levels 0 and 1 left out
    scores = np.array([0.9, 0.8, 0.1, 0.5, 0.2, 0.3], dtype=np.float32)
    prior = context.skill_prior(scores, top=3)  # votes: the two ICT skills (the third is the floor)
    assert prior.max() == 1.0 and prior.dtype == np.float32
    assert prior[2] > prior[3]  # "define software architecture" (through its broader skill) over buildings
    assert prior[4] == 0.0 and prior[5] == 0.0  # no vote for its group / no group at all
    everything = SkillGroupContext.from_hierarchy(SKILLS, GROUPS, min_level=0)
    assert everything.skill_prior(scores, top=3)[4] > 0.0  # with the root kept, every skill shares it


def test_no_groups_or_no_candidates_give_no_prior():
    flat = SkillGroupContext.from_hierarchy([Node("a"), Node("b")], {})
    assert np.array_equal(flat.skill_prior(np.array([0.5, 0.2], np.float32)), [0.0, 0.0])
    assert len(SkillGroupContext.from_hierarchy(SKILLS, GROUPS).skill_prior(np.zeros(0, np.float32))) == 0
