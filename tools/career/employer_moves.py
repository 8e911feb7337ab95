"""Moves inside an employer's job architecture (employer packs), ranked before the open market."""

from __future__ import annotations

from typing import Any

import numpy as np

from tools.career.labels import refs
from tools.career.models import CareerMove
from tools.career.move_explanations import why_texts
from tools.career.occupation_scores import SkillScores
from tools.career.packs.models import LoadedPacks, Pack, Role
from tools.career.skill_space import SkillSpace

NEXT_ROLE_BONUS = 0.1


def role_skills(kb: Any, pack: Pack, role: Role) -> list[str]:
    """The ESCO skills a role asks for: its own list (own ids mapped to ESCO), else its occupation's essentials."""
    uris = [u for u in pack.resolve_skills(role.skills) if u in kb.skills]
    if not uris and role.esco_occupation and role.esco_occupation in kb.occupations:
        uris = list(kb.occupations[role.esco_occupation].essential_skills)
    return uris


def rank_roles(
    kb: Any,
    space: SkillSpace,
    scores: SkillScores,
    packs: LoadedPacks,
    skill_uris: list[str],
    final: np.ndarray,
    lang: str,
    limit: int = 5,
) -> list[CareerMove]:
    held = set(skill_uris)
    weight = space.weight
    pos = space.skill_pos
    held_weight = sum(float(weight[pos[u]]) for u in held if u in pos) or 1.0
    rows = []
    for pack in packs.employer:
        role_data = []
        for role in pack.roles:
            uris = role_skills(kb, pack, role)
            idx = [pos[u] for u in uris if u in pos]
            total = float(weight[idx].sum()) if idx else 0.0
            covered = float((weight[idx] * scores.credit[idx]).sum()) if idx else 0.0
            coverage = covered / total if total else 0.0
            share = sum(float(weight[pos[u]]) for u in uris if u in held and u in pos) / held_weight
            occ_score = float(final[space.occ_pos[role.esco_occupation]]) if role.esco_occupation in space.occ_pos else 0.0
            role_data.append((role, uris, 0.55 * coverage + 0.25 * share + 0.2 * occ_score))
        # The role the person fits best is taken as where they are; its next roles get a bonus.
        current = max(role_data, key=lambda x: x[2])[0] if role_data else None
        for role, uris, score in role_data:
            bonus = NEXT_ROLE_BONUS if current is not None and role.id in current.next_roles else 0.0
            rows.append((score + bonus, pack, role, uris, current if bonus else None))
    rows.sort(key=lambda x: -x[0])
    moves = []
    for score, pack, role, uris, came_from in rows[:limit]:
        carried_uris = [u for u in uris if u in held]
        missing_uris = [u for u in uris if u not in held]
        carried = {lg: refs(kb, carried_uris, lg) for lg in ("en", "fr")}
        missing = {lg: refs(kb, missing_uris, lg) for lg in ("en", "fr")}
        origin = {lg: (came_from.titles.get(lg) or came_from.title) for lg in ("en", "fr")} if came_from else None
        why = why_texts(
            carried=carried, missing=missing, n_essential=len(uris), n_essential_held=len(carried_uris),
            employer=pack.name,
        )
        if origin:
            why = {
                "en": why["en"] + f" A usual next step from {origin['en']} in this job architecture.",
                "fr": why["fr"] + f" Une évolution prévue depuis {origin['fr']} dans cette organisation.",
            }
        occ = kb.occupations.get(role.esco_occupation) if role.esco_occupation else None
        moves.append(
            CareerMove(
                kind="employer_role",
                uri=f"pack:{pack.id}:role:{role.id}",
                label=role.titles.get(lang) or role.title,
                code=getattr(occ, "code", None) if occ else None,
                rome_codes=list(getattr(occ, "rome_codes", []) or []) if occ else [],
                score=round(score, 4),
                skill_score=round(score, 4),
                carried_skills=carried[lang],
                missing_essential=missing[lang],
                why=why,
                reasons=["employer_job_architecture", "skills"] + (["next_role"] if origin else []),
                sector=role.family,
                # The gap is computed against the role itself (its own skill list), see gap.compute_gap.
                target_uri=f"pack:{pack.id}:role:{role.id}",
                examples=[] if occ is None or not role.esco_occupation else [refs(kb, [role.esco_occupation], lang)[0]],
                source=pack.id,
            )
        )
    return moves


def find_role(packs: LoadedPacks, uri: str) -> tuple[Pack, Role] | None:
    """``pack:<pack id>:role:<role id>`` → (pack, role)."""
    parts = uri.split(":")
    if len(parts) != 4 or parts[0] != "pack" or parts[2] != "role":
        return None
    for pack in packs.employer:
        if pack.id == parts[1]:
            for role in pack.roles:
                if role.id == parts[3]:
                    return pack, role
    return None

