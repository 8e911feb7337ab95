"""What the rankers read from the packs in force: regional demand per occupation and per skill."""

from __future__ import annotations

from typing import Any

import numpy as np

from tools.career.packs.models import LoadedPacks
from tools.career.rome_facts import RomeFacts
from tools.career.skill_space import SkillSpace


def occupation_demand(kb: Any, packs: LoadedPacks) -> tuple[np.ndarray, dict[int, str]]:
    """Per occupation (SkillSpace order): the highest regional demand weight, and the region name."""
    space = SkillSpace.for_kb(kb)
    facts = RomeFacts.for_kb(kb)
    demand = np.zeros(len(space.occ_uris), np.float32)
    region_of: dict[int, str] = {}
    for pack in packs.regional:
        region = pack.manifest.region or pack.name
        for item in pack.occupations:
            indices: list[int] = []
            if item.esco and item.esco in space.occ_pos:
                indices.append(space.occ_pos[item.esco])
            if item.rome:
                indices.extend(facts.by_rome.get(item.rome, []))
            if item.isco:
                for i, uri in enumerate(space.occ_uris):
                    occ = kb.occupations[uri]
                    code = str(getattr(occ, "isco_group", "") or getattr(occ, "code", "") or "")
                    if code.startswith(item.isco):
                        indices.append(i)
            for i in indices:
                if item.weight > demand[i]:
                    demand[i] = item.weight
                    region_of[i] = region
        # In-demand skills lift the occupations that ask for them (half as much as a named occupation).
        skills = {item.esco: item.weight for item in pack.demand_skills if item.esco in space.skill_pos}
        if skills:
            vector = np.zeros(len(space.skill_uris), np.float32)
            for uri, weight in skills.items():
                vector[space.skill_pos[uri]] = weight
            asked = np.asarray(space.essential @ vector).ravel()
            counts = np.maximum(np.asarray(space.essential.sum(axis=1)).ravel(), 1.0)
            from_skills = 0.5 * np.minimum(1.0, 3.0 * asked / counts)
            for index in np.flatnonzero(from_skills > demand):
                demand[index] = from_skills[index]
                region_of[int(index)] = region
    return demand, region_of


def skill_demand(packs: LoadedPacks) -> dict[str, float]:
    out: dict[str, float] = {}
    for pack in packs.regional:
        for item in pack.demand_skills:
            out[item.esco] = max(out.get(item.esco, 0.0), item.weight)
    return out
