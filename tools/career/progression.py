"""Two kinds of move a counsellor always puts on the table besides the best skill match:

- a **step up in the same field**: an occupation of the person's own job family (a ROME code it
  shares with a job they hold or held), or a usual move from it (ROME mobility) that uses their
  skills, at a higher skill level (ISCO; supervising roles half a level up): a warehouse worker
  (ISCO 9333) → warehouse manager (ISCO 1324), both in ROME N1303;
- an **interest-led change**: an occupation that fits what the person enjoys best (RIASEC and
  centres d'intérêt) and lists at least one skill they hold, even if the gap is wider.

Both come from the ontologies only (ISCO codes on ESCO occupations, ROME codes and mobility links
through the official crosswalk), never from a list of named jobs.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from knowledge.kb_cache import cached_for_kb
from tools.career.rome_facts import RomeFacts
from tools.career.skill_space import SkillSpace

# ISCO-08 major group → skill level (ILO: 1 elementary … 4 professional; managers span 3–4).
ISCO_SKILL_LEVEL = {"1": 3.5, "2": 4.0, "3": 3.0, "4": 2.0, "5": 2.0, "6": 2.0, "7": 2.0, "8": 2.0, "9": 1.0}
# Supervising the work one did is a step up within a skill level: ISCO-08's supervisor unit groups
# (mining, manufacturing, construction, office, cleaning and housekeeping, shop supervisors), and
# ESCO occupations whose English label says they lead (e.g. "checkout supervisor", ISCO 5222).
SUPERVISOR_UNIT_GROUPS = {"3121", "3122", "3123", "3341", "5151", "5222"}
SUPERVISOR_WORDS = re.compile(r"\b(supervisor|manager|head|chief|foreman|forewoman|forewomen|team leader|overseer)\b")
SUPERVISOR_STEP = 0.5
INTEREST_LED_MIN_AFFINITY = 0.9  # "fits what you enjoy best": within 10% of the best interest fit


def skill_level(isco_code: str | None, label: str = "") -> float | None:
    """The ISCO skill level of an ESCO occupation ("9333.8" → 1.0), half a level more for a role
    that supervises ("5222.1.1", "checkout supervisor" → 2.5); None when the code is unknown."""
    code = (isco_code or "").strip()
    level = ISCO_SKILL_LEVEL.get(code[:1]) if code else None
    if level is None:
        return None
    if code[:1] != "1" and (code[:4] in SUPERVISOR_UNIT_GROUPS or SUPERVISOR_WORDS.search(label.lower())):
        level += SUPERVISOR_STEP
    return level


def occupation_levels(kb: Any, space: SkillSpace) -> np.ndarray:
    """Per occupation (SkillSpace order), its skill level (:func:`skill_level`); NaN when unknown.
    Read-only, computed once per knowledge base and space (it was 14 ms of each moves turn)."""
    cached_space, levels = cached_for_kb(kb, "occupation_levels", lambda: (space, _levels(kb, space)))
    return levels if cached_space is space else _levels(kb, space)


def _levels(kb: Any, space: SkillSpace) -> np.ndarray:
    levels = np.full(len(space.occ_uris), np.nan, np.float32)
    for i, uri in enumerate(space.occ_uris):
        occupation = kb.occupations[uri]
        level = skill_level(getattr(occupation, "code", None), occupation.labels.get("en", ""))
        if level is not None:
            levels[i] = level
    levels.flags.writeable = False
    return levels


def step_ups(kb: Any, space: SkillSpace, facts: RomeFacts, current: list[int], carries: np.ndarray) -> np.ndarray:
    """Per occupation, True when it is a step up from one of the ``current`` jobs: at a strictly
    higher skill level than that job, and of its job family (a ROME code it shares with it) or a
    usual move from it (ROME mobility) that lists one of the person's skills (``carries``). Each job
    is its own base: a warehouse worker who also keeps a club's budget still steps up to warehouse manager."""
    out = np.zeros(len(space.occ_uris), bool)
    if not current:
        return out
    levels = occupation_levels(kb, space)
    for job in current:
        base = float(levels[job])
        if np.isnan(base):
            continue
        family = set(facts.rome_codes[job])
        for code in family | set(facts.mobility_targets([job])):
            for i in facts.by_rome.get(code, []):
                if levels[i] > base and (code in family or carries[i]):
                    out[i] = True
    out[current] = False
    return out


def carries_skills(space: SkillSpace, held: np.ndarray) -> np.ndarray:
    """Per occupation, True when it lists (as essential or optional) at least one skill the person holds."""
    return np.asarray(space.any @ (held > 0).astype(np.float32)).ravel() > 0


def best_of(values: np.ndarray, eligible: np.ndarray, exclude: set[int]) -> int | None:
    """The index with the highest value among ``eligible`` ones not in ``exclude`` (value > 0)."""
    order = np.argsort(-values, kind="stable")
    for i in order:
        i = int(i)
        if values[i] <= 0:
            return None
        if eligible[i] and i not in exclude:
            return i
    return None
