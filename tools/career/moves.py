"""Rank career moves for a profile: ESCO occupations (with ROME codes), plus sectors and study
programmes for high-school pupils and roles of the employer's job architecture for employees.

The ranking combines (see :mod:`tools.career.occupation_scores` for the skill part):
- skill match (essential coverage, optional coverage, share of the profile used; IDF weights;
  partial credit through the skill hierarchy);
- interests: RIASEC letters of the occupation's ROME code(s) and ROME centres d'intérêt;
- ROME mobility links from the occupations the profile matches best (or the given current ones);
- regional demand when a regional pack is loaded;
- preferences (sectors to avoid, staying with the employer).

The visible list then keeps room for a step up in the person's own field and for a change toward
what they enjoy most (:mod:`tools.career.progression`), when the ranking left none in it.
"""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from tools.career.employer_moves import rank_roles
from tools.career.interests import InterestProfile, parse_interests
from tools.career.labels import label, refs
from tools.career.models import CareerMove
from tools.career.move_explanations import why_texts
from tools.career.occupation_scores import SkillScores, skill_scores
from tools.career.packs.models import LoadedPacks
from tools.career.packs.signals import occupation_demand
from tools.career.preferences import CareerPreferences, parse_preferences
from tools.career.progression import INTEREST_LED_MIN_AFFINITY, best_of, carries_skills, step_ups
from tools.career.rome_facts import RomeFacts, mobility_of
from tools.career.sector_moves import interleave, rank_programmes, rank_sectors
from tools.career.skill_space import SkillSpace

INTEREST_WEIGHT = {"high_school": 0.5}
DEFAULT_INTEREST_WEIGHT = 0.25
PUPIL_INTEREST_ONLY = 0.1
DIVERSITY = 0.35
DEMAND_BOOST = 0.25
MOBILITY_BONUS = 0.05
EXPLICIT_MOBILITY_BONUS = 0.15
SAME_ROME_WEIGHT = 0.5
CURRENT_FROM_TOP = 3


def interest_affinity(facts: RomeFacts, interests: InterestProfile) -> np.ndarray:
    """Per occupation, in [0, 1]: RIASEC fit of its ROME code (major letter, then minor) plus the
    centres d'intérêt it shares with the person, relative to the best-fitting occupation."""
    n = len(facts.major)
    raw = np.zeros(n, np.float32)
    if interests.is_empty:
        return raw
    for letter, weight in interests.riasec.items():
        raw += weight * (facts.major == letter)
        raw += 0.5 * weight * (facts.minor == letter)
    if interests.centres:
        wanted = set(interests.centres)
        shared = np.fromiter((len(c & wanted) for c in facts.occ_centres), np.float32, count=n)
        raw += 0.6 * shared
    peak = float(raw.max())
    return raw / peak if peak > 0 else raw


def _current_indices(space: SkillSpace, scores: SkillScores, current: Iterable[str] | None) -> list[int]:
    explicit = [space.occ_pos[u] for u in (current or []) if u in space.occ_pos]
    if explicit:
        return explicit
    if not scores.held.any():
        return []
    top = np.argsort(-scores.total)[:CURRENT_FROM_TOP]
    return [int(i) for i in top if scores.total[i] >= 0.2]


def rank_moves(
    kb: Any,
    skill_uris: Iterable[str],
    persona: str | None = None,
    interests: object = None,
    preferences: object = None,
    pack: object = None,
    top_k: int = 10,
    lang: str = "en",
    current_occupations: Iterable[str] | None = None,
) -> list[CareerMove]:
    """The ``top_k`` best moves for a person, best first, each with its reasons in en and fr."""
    skill_uris = list(dict.fromkeys(skill_uris))
    space = SkillSpace.for_kb(kb)
    facts = RomeFacts.for_kb(kb)
    packs = LoadedPacks.of(pack)
    prefs = parse_preferences(preferences)
    profile = parse_interests(interests, facts.centre_riasec)
    scores = skill_scores(space, skill_uris)
    has_skills = bool(scores.held.any())

    affinity = interest_affinity(facts, profile)
    w_int = INTEREST_WEIGHT.get(persona or "", DEFAULT_INTEREST_WEIGHT) if not profile.is_empty else 0.0
    if has_skills:
        base = scores.total * (1.0 - w_int + w_int * affinity)
        if persona == "high_school":  # a pupil has few skills yet: what they like opens doors too
            base = base + PUPIL_INTEREST_ONLY * affinity
    else:
        base = 0.3 * affinity

    current = _current_indices(space, scores, current_occupations)
    explicit = bool(current) and any(u in space.occ_pos for u in (current_occupations or []))
    mobility = np.zeros(len(space.occ_uris), np.float32)
    mobility_source: dict[int, int] = {}
    targets = facts.mobility_targets(current)
    if explicit:  # the person's own job family (same ROME code) is a move too
        for i in current:
            for code in facts.rome_codes[i]:
                targets[code] = max(targets.get(code, 0.0), SAME_ROME_WEIGHT)
    for code, weight in targets.items():
        for i in facts.by_rome.get(code, []):
            if weight > mobility[i]:
                mobility[i] = weight
    if explicit:  # no "move" to the job the person already holds
        for i in current:
            mobility[i] = 0.0
    if current and mobility.any():
        for i in np.flatnonzero(mobility):
            mobility_source[int(i)] = _mobility_source(facts, current, int(i))

    demand, region_of = occupation_demand(kb, packs)
    if explicit:
        # The jobs the person held are known: ROME's mobility list from them is strong evidence.
        mobility_term = EXPLICIT_MOBILITY_BONUS * mobility * np.minimum(1.0, 0.4 + scores.total / 0.2)
        if w_int:
            mobility_term = mobility_term * (0.4 + 0.6 * affinity)  # moves the person would not enjoy count less
    else:
        mobility_term = MOBILITY_BONUS * mobility * np.minimum(1.0, scores.total / 0.2)
    final = base * (1.0 + DEMAND_BOOST * demand) + mobility_term
    final = _apply_preferences(final, facts, prefs)
    if explicit and persona == "employee":  # an employee holds that job: it is no move (a jobseeker may want it back)
        final[current] = 0.0

    n_occ = max(top_k, 1) if persona != "high_school" else max(top_k, 1) * 2
    candidates = [i for i in _diversified(space, scores.held, final, _top(final, 3 * n_occ), n_occ) if final[i] > 0]

    def moves_of(indices: list[int], kinds: dict[int, str]) -> list[CareerMove]:
        return [
            _occupation_move(kb, space, facts, scores, profile, i, float(final[i]), set(skill_uris), lang,
                             mobility_source.get(i), region_of.get(i) if demand[i] > 0 else None,
                             kinds.get(i), current)
            for i in indices
        ]

    if persona == "high_school":
        occupation_moves = moves_of(candidates, {})
        sectors = rank_sectors(kb, facts, final, profile, lang, limit=3)
        programmes = rank_programmes(kb, facts, final, profile, prefs, packs, sectors, lang, limit=3)
        return interleave(occupation_moves, sectors, programmes, top_k)

    roles = []
    if packs.employer and (persona == "employee" or prefs.stay_with_employer):
        roles = rank_roles(kb, space, scores, packs, skill_uris, final, lang, limit=max(1, top_k // 2))
    visible = max(top_k - len(roles), 0)
    carries = carries_skills(space, scores.held)
    step_up = step_ups(kb, space, facts, current, carries) if explicit else np.zeros(len(final), bool)
    interest_led = None
    if w_int and affinity.any():
        interest_led = carries & (affinity >= INTEREST_LED_MIN_AFFINITY * float(affinity.max()))
    chosen, kinds = _keep_room(candidates, visible, final, scores.total, step_up & (scores.total > 0), interest_led)
    return (roles + moves_of(chosen, kinds))[:top_k]


def _keep_room(
    ranked: list[int], k: int, final: np.ndarray, skills: np.ndarray, step_up: np.ndarray, interest_led: np.ndarray | None
) -> tuple[list[int], dict[int, str]]:
    """The first ``k`` of ``ranked``, where the last places go, if the list holds none, to the best
    step up in the person's field and to the best of the moves that fit their interests best and
    use some of their skills. Returns the indices and the kind of each place kept that way."""
    shown = ranked[:k]
    kinds: dict[int, str] = {}
    if k < 3:
        return shown, kinds
    wanted: list[tuple[str, np.ndarray]] = []
    if step_up.any():
        wanted.append(("step_up", step_up))
    if interest_led is not None and interest_led.any():
        wanted.append(("interest_led", interest_led))
    reserved: list[int] = []
    for kind, eligible in wanted:
        present = [i for i in shown if eligible[i]]
        if present:
            kinds.setdefault(present[0], kind)
            continue
        pick = best_of(final + 1e-6 * skills, eligible, set(shown) | set(reserved))
        if pick is not None:
            reserved.append(pick)
            kinds[pick] = kind
    keep = [i for i in shown if i not in reserved][: k - len(reserved)]
    return keep + reserved, kinds


def _top(values: np.ndarray, k: int) -> list[int]:
    k = min(k, len(values))
    if k <= 0:
        return []
    part = np.argpartition(-values, k - 1)[:k]
    return [int(i) for i in part[np.argsort(-values[part], kind="stable")]]


def _diversified(space: SkillSpace, held: np.ndarray, final: np.ndarray, pool: list[int], k: int) -> list[int]:
    """Greedy re-ranking so the list builds on different parts of the person's experience: a move
    whose carried-over skills are already carried by a move above it counts less (×(1 − 0.35·share))."""
    held_idx = set(np.flatnonzero(held).tolist())
    if len(pool) <= 1 or not held_idx:
        return pool[:k]
    matrix = space.any
    carried = {i: set(matrix.indices[matrix.indptr[i]:matrix.indptr[i + 1]].tolist()) & held_idx for i in pool}
    chosen: list[int] = []
    covered: set[int] = set()
    remaining = list(pool)
    while remaining and len(chosen) < k:
        def adjusted(i: int) -> float:
            mine = carried[i]
            overlap = len(mine & covered) / len(mine) if mine else 0.0
            return float(final[i]) * (1.0 - DIVERSITY * overlap)
        best = max(remaining, key=adjusted)
        chosen.append(best)
        covered |= carried[best]
        remaining.remove(best)
    return chosen


def _apply_preferences(final: np.ndarray, facts: RomeFacts, prefs: CareerPreferences) -> np.ndarray:
    if not prefs.avoid_sectors:
        return final
    avoid = {s.lower() for s in prefs.avoid_sectors}
    out = final.copy()
    for i, domain in enumerate(facts.domain):
        if domain and (domain.lower() in avoid or facts.domain_labels.get(domain, "").lower() in avoid):
            out[i] = 0.0
    return out


def _mobility_source(facts: RomeFacts, current: list[int], target: int) -> int:
    target_codes = set(facts.rome_codes[target])
    for i in current:
        if i == target:
            continue
        for code in facts.rome_codes[i]:
            record = facts.rome.get(code)
            if record is not None and target_codes & set(mobility_of(record)):
                return i
    return current[0]


def _family_source(facts: RomeFacts, current: list[int], target: int) -> int:
    """The current job that shares a ROME code with ``target`` (else the one it is a usual move from)."""
    target_codes = set(facts.rome_codes[target])
    for i in current:
        if target_codes & set(facts.rome_codes[i]):
            return i
    return _mobility_source(facts, current, target)


def _occupation_move(
    kb: Any,
    space: SkillSpace,
    facts: RomeFacts,
    scores: SkillScores,
    interests: InterestProfile,
    i: int,
    score: float,
    held: set[str],
    lang: str,
    mobility_from: int | None,
    region: str | None,
    kind: str | None = None,
    current: list[int] | None = None,
) -> CareerMove:
    uri = space.occ_uris[i]
    occ = kb.occupations[uri]
    weight = space.weight
    pos = space.skill_pos

    def by_weight(uris: Iterable[str]) -> list[str]:
        return sorted(uris, key=lambda u: -float(weight[pos[u]]) if u in pos else 0.0)

    essential = list(dict.fromkeys(occ.essential_skills))
    optional = [u for u in dict.fromkeys(occ.optional_skills) if u not in set(essential)]
    carried_uris = [u for u in essential if u in held] + [u for u in optional if u in held]
    missing_uris = by_weight([u for u in essential if u not in held])
    n_held = sum(1 for u in essential if u in held)
    carried = {lg: refs(kb, carried_uris, lg) for lg in ("en", "fr")}
    missing = {lg: refs(kb, missing_uris, lg) for lg in ("en", "fr")}
    letters = "".join(x for x in (facts.major[i], facts.minor[i]) if x and interests.riasec.get(x, 0) > 0)
    mobility_names = None
    if mobility_from is not None and mobility_from != i:
        mobility_names = {lg: label(kb, space.occ_uris[mobility_from], lg) for lg in ("en", "fr")}
    step_from = None
    if kind == "step_up" and current:
        source = _family_source(facts, current, i)
        step_from = {lg: label(kb, space.occ_uris[source], lg) for lg in ("en", "fr")}
        mobility_names = None  # the step up says it
    reasons = ["skills"] if carried_uris else []
    if kind:
        reasons.append(kind)
    if letters:
        reasons.append(f"interests:{letters}")
    if mobility_names:
        reasons.append("rome_mobility")
    if region:
        reasons.append("regional_demand")
    domain = facts.domain[i]
    return CareerMove(
        kind="occupation",
        uri=uri,
        label=label(kb, uri, lang),
        code=getattr(occ, "code", None),
        rome_codes=list(facts.rome_codes[i]),
        score=round(score, 4),
        skill_score=round(float(scores.total[i]), 4),
        essential_coverage=round(float(scores.essential[i]), 4),
        carried_skills=carried[lang],
        missing_essential=missing[lang],
        why=why_texts(
            carried=carried, missing=missing, n_essential=len(essential), n_essential_held=n_held,
            interest_letters=letters, mobility_from=mobility_names, region=region,
            step_up_from=step_from, interest_led=kind == "interest_led",
        ),
        reasons=reasons,
        sector=facts.domain_labels.get(domain) if domain else None,
        riasec=(facts.major[i] + facts.minor[i]) or None,
        target_uri=uri,
    )
