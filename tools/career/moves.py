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

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from tools.career.employer_moves import rank_roles
from tools.career.interests import RIASEC_NAMES, InterestProfile, InterestsGiven, parse_interests
from tools.career.labels import label, refs
from tools.career.models import CareerMove, MoveReason, SkillRef
from tools.career.move_explanations import why_texts
from tools.career.occupation_scores import SkillScores, skill_scores
from tools.career.packs.models import LoadedPacks, PacksGiven
from tools.career.packs.signals import occupation_demand
from tools.career.preferences import CareerPreferences, PreferencesGiven, parse_preferences
from tools.career.progression import INTEREST_LED_MIN_AFFINITY, best_of, carries_skills, occupation_levels, step_ups
from tools.career.rome_facts import RomeFacts, mobility_of
from tools.career.sector_moves import interleave, rank_programmes, rank_sectors, rank_tracks
from tools.career.skill_space import SkillSpace
from tools.career.work_contexts import WorkContexts, clash_text

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

INTEREST_WEIGHT = {"high_school": 0.5}
DEFAULT_INTEREST_WEIGHT = 0.25
PUPIL_INTEREST_ONLY = 0.1
DIVERSITY = 0.35
DEMAND_BOOST = 0.25
MOBILITY_BONUS = 0.05
EXPLICIT_MOBILITY_BONUS = 0.15
SAME_ROME_WEIGHT = 0.5
CURRENT_FROM_TOP = 3
# Among the close steps (same family, step up, usual move): how much each kind of closeness adds.
CLOSE_SKILL_WEIGHT = 0.5
CLOSE_FAMILY_BONUS = 0.1
CLOSE_STEP_BONUS = 0.08
CLOSE_MOBILITY_BONUS = 0.05
MAX_SAME_FAMILY = 2  # occupations of the job's own ROME family among the close steps
# a bigger change the person already showed they can do: at least this many of its essential skills
# come from what they did outside their jobs (coaching a team at weekends, caring for a parent)
OTHER_EXPERIENCE_MIN_SKILLS = 3
OTHER_EXPERIENCE_LEVELS_ABOVE = 1.0  # ISCO skill levels (tools.career.progression.skill_level)
TRAINING_FLOOR = 0.6  # someone who wants little training: a move they have none of the skills for keeps 60%


_ARMED_FORCES_WANTED = re.compile(r"\b(arm(y|ee|ée|ees|ées)|military|militaire|soldi?ers?|soldats?|defen[cs]e|défense|navy|marine|"
                                  r"air force|forces armées|gendarm\w*|legion|légion)\b", re.IGNORECASE)


def _armed_forces(kb: KnowledgeBase, space: SkillSpace) -> np.ndarray:
    """Per occupation of ``space``: an armed forces occupation (ISCO major group 0)."""
    return np.fromiter((kb.occupations[u].isco_group.startswith("0") if u in kb.occupations else False for u in space.occ_uris),
                       bool, count=len(space.occ_uris))


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
    """The jobs the person held, the latest first (given oldest first), else those their skills match best."""
    explicit = [space.occ_pos[u] for u in (current or []) if u in space.occ_pos]
    if explicit:
        return list(reversed(explicit))
    if not scores.held.any():
        return []
    top = np.argsort(-scores.total)[:CURRENT_FROM_TOP]
    return [int(i) for i in top if scores.total[i] >= 0.2]


def rank_moves(
    kb: KnowledgeBase,
    skill_uris: Iterable[str],
    persona: str | None = None,
    interests: InterestsGiven = None,
    preferences: PreferencesGiven = None,
    pack: PacksGiven = None,
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
    told = list(skill_uris)  # the skills the person confirmed, before the jobs' own are added
    # The essential skills of the jobs the person held count as theirs, as in the gap (tools.career.gap).
    for uri in current_occupations or []:
        if uri in kb.occupations:
            skill_uris += [u for u in kb.occupations[uri].essential_skills if u not in set(skill_uris)]
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
        for index in np.flatnonzero(mobility):
            mobility_source[int(index)] = _mobility_source(facts, current, int(index))

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
    final, clashes = WorkContexts.for_kb(kb).apply(final, prefs)
    if prefs.little_training or prefs.short_training:  # a wide gap means long training: it counts less
        final = final * (TRAINING_FLOOR + (1.0 - TRAINING_FLOOR) * np.asarray(scores.essential, np.float32))
    if explicit and persona == "employee" and prefs.stay_with_employer:  # the job they hold there is no move
        final[current] = 0.0

    n_occ = max(top_k, 1) if persona != "high_school" else max(top_k, 1) * 2
    candidates = [i for i in _diversified(space, scores.held, final, _top(final, 3 * n_occ), n_occ) if final[i] > 0]

    def moves_of(indices: list[int], kinds: dict[int, str]) -> list[CareerMove]:
        return [
            _occupation_move(kb, space, facts, scores, profile, i, float(final[i]), set(skill_uris), lang,
                             mobility_source.get(i), region_of.get(i) if demand[i] > 0 else None,
                             kinds.get(i), current, clashes.get(i, []))
            for i in indices
        ]

    if persona == "high_school":
        occupation_moves = moves_of(candidates, {})
        sectors = rank_sectors(kb, facts, final, profile, lang, limit=3)
        programmes = rank_programmes(kb, facts, final, profile, prefs, packs, sectors, lang, limit=3)
        tracks = rank_tracks(kb, facts, final, prefs, lang, limit=3)  # what to study after their class (ROME)
        return interleave(occupation_moves, sectors, programmes + tracks, top_k)

    roles = []
    if packs.employer and (persona == "employee" or prefs.stay_with_employer):
        roles = rank_roles(kb, space, scores, packs, skill_uris, final, lang, limit=max(1, top_k // 2))
    visible = max(top_k - len(roles), 0)
    carries = carries_skills(space, scores.held)
    step_up = step_ups(kb, space, facts, current, carries) if explicit else np.zeros(len(final), bool)
    # a change of field does not start above the level of the jobs held (no "BI manager" first); one
    # the person showed they can make outside their jobs may be one skill level above
    not_above = np.ones(len(final), bool)
    one_above = np.ones(len(final), bool)
    if explicit:
        levels = occupation_levels(kb, space)
        held_levels = levels[current]
        if not np.isnan(held_levels).all():
            not_above = ~(levels > float(np.nanmax(held_levels)))
            one_above = ~(levels > float(np.nanmax(held_levels)) + OTHER_EXPERIENCE_LEVELS_ABOVE)
    interest_led = None
    if w_int and affinity.any():
        interest_led = carries & (affinity >= INTEREST_LED_MIN_AFFINITY * float(affinity.max()))
        if not _ARMED_FORCES_WANTED.search(profile.text):
            # "working with my hands, cars" fits *warfare specialist* too: the armed forces are a choice
            # of their own, proposed as what the person enjoys only when they say so
            interest_led &= ~_armed_forces(kb, space)
        if (interest_led & not_above).any():
            interest_led = interest_led & not_above
    if explicit:
        elsewhere = carries & one_above & _shown_outside_jobs(kb, space, told, current_occupations or [])
        chosen, kinds = _close_steps_first(facts, current, candidates, visible, final, scores.total, step_up,
                                           mobility, interest_led, elsewhere)
    else:
        chosen, kinds = _keep_room(candidates, visible, final, scores.total, step_up & (scores.total > 0), interest_led)
    return (roles + moves_of(chosen, kinds))[:top_k]


def _shown_outside_jobs(kb: KnowledgeBase, space: SkillSpace, told: list[str], jobs: Iterable[str]) -> np.ndarray:
    """Per occupation, True when at least :data:`OTHER_EXPERIENCE_MIN_SKILLS` of its essential skills
    are skills the person confirmed that none of their jobs lists: what they showed elsewhere (the
    football team they coach, the parent they care for) makes it a change they can already make."""
    listed: set[str] = set()
    for uri in jobs:
        occupation = kb.occupations.get(uri)
        if occupation is not None:
            listed.update(occupation.essential_skills)
            listed.update(occupation.optional_skills)
    outside = [u for u in told if u not in listed]
    if not outside:
        return np.zeros(len(space.occ_uris), bool)
    held = (space.held_vector(outside) > 0).astype(np.float32)
    shown: np.ndarray = np.asarray(space.essential @ held).ravel() >= OTHER_EXPERIENCE_MIN_SKILLS
    return shown


def _close_steps_first(
    facts: RomeFacts, current: list[int], ranked: list[int], k: int, final: np.ndarray, skills: np.ndarray,
    step_up: np.ndarray, mobility: np.ndarray, interest_led: np.ndarray | None, elsewhere: np.ndarray | None = None,
) -> tuple[list[int], dict[int, str]]:
    """For a person whose jobs are known: their own job first (the same job elsewhere), then the
    close steps (a step up, the same ROME family, a usual ROME move from it), then bigger changes
    (the best of the rest; the first of them, when there is one, the best of the changes they showed
    they can make outside their jobs and of those that fit what they enjoy most)."""
    kinds: dict[int, str] = {}
    chosen: list[int] = []
    if k <= 0:
        return chosen, kinds
    for i in current:
        if final[i] > 0 and len(chosen) < 1:
            chosen.append(i)
            kinds[i] = "own_job"
    family = {code for i in current for code in facts.rome_codes[i]}
    n = len(final)
    same_family = np.zeros(n, bool)
    for code in family:
        same_family[facts.by_rome.get(code, [])] = True
    # a close step is judged first on the skills it shares with the person (and the jobs they held)
    close_score = (final + CLOSE_SKILL_WEIGHT * skills * (final > 0) + CLOSE_FAMILY_BONUS * same_family
                   + CLOSE_STEP_BONUS * step_up + CLOSE_MOBILITY_BONUS * mobility)
    eligible = (same_family | step_up | (mobility > 0)) & (final > 0) & (skills > 0)
    eligible[current] = False
    n_change = 0 if k < 3 else (2 if k >= 6 else 1)
    n_close = max(k - len(chosen) - n_change, 0)
    step = best_of(close_score, step_up & eligible, set(chosen)) if step_up.any() else None
    if step is not None and n_close:
        chosen.append(step)
        kinds[step] = "step_up"
        n_close -= 1
    n_family = 0
    for i in np.argsort(-close_score, kind="stable"):
        i = int(i)
        if n_close <= 0 or close_score[i] <= 0:
            break
        if eligible[i] and i not in chosen:
            kind = "step_up" if step_up[i] else ("same_family" if same_family[i] else "rome_mobility")
            if kind == "same_family" and n_family >= MAX_SAME_FAMILY:
                continue  # the same job under other names: a few, then other directions
            n_family += kind == "same_family"
            chosen.append(i)
            kinds[i] = kind
            n_close -= 1
    rest = [i for i in ranked if i not in chosen]
    enjoyed = interest_led if interest_led is not None else np.zeros(n, bool)
    shown = elsewhere if elsewhere is not None else np.zeros(n, bool)
    if (enjoyed.any() or shown.any()) and len(chosen) < k:
        pick = best_of(final + 1e-6 * skills, enjoyed | shown, set(chosen) | set(current))  # a job held is no change
        if pick is not None:
            chosen.append(pick)
            kinds.setdefault(pick, "other_experience" if shown[pick] else "interest_led")
    for i in rest:
        if len(chosen) >= k:
            break
        if i not in chosen:
            chosen.append(i)
            if i in current:  # another of the jobs they held, said as such
                kinds[i] = "own_job"
    return chosen[:k], kinds


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
        if domain and (domain.lower() in avoid
                       or any((facts.domain_label(domain, lg) or "").lower() in avoid for lg in ("en", "fr"))):
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
    clash: list[str] | None = None,
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
    family_from = None
    source = None
    if kind in ("step_up", "same_family") and current:
        src = _family_source(facts, current, i)
        source = src
        names = {lg: label(kb, space.occ_uris[src], lg) for lg in ("en", "fr")}
        if kind == "step_up":
            step_from = names
        else:
            family_from = names
        mobility_names = None  # the step says it
    elif kind == "rome_mobility" and mobility_from is not None:
        source = mobility_from
    reasons = ["skills"] if carried_uris else []
    if kind:
        reasons.append(kind)
    if letters:
        reasons.append(f"interests:{letters}")
    if mobility_names and "rome_mobility" not in reasons:
        reasons.append("rome_mobility")
    if region:
        reasons.append("regional_demand")
    if clash:
        reasons.append("conditions")
    why = why_texts(
        carried=carried, missing=missing, n_essential=len(essential), n_essential_held=n_held,
        interest_letters=letters, mobility_from=mobility_names, region=region,
        step_up_from=step_from, interest_led=kind == "interest_led",
    )
    prefix = {}
    if kind == "own_job":
        prefix = {"en": "Your own job, with another employer.", "fr": "Votre métier, chez un autre employeur."}
    elif kind == "other_experience":
        prefix = {"en": "You already use several of its core skills outside your jobs.",
                  "fr": "Vous utilisez déjà plusieurs de ses compétences clés en dehors de vos emplois."}
    elif family_from:
        prefix = {"en": f"Close to your job as {family_from['en']} (same ROME job family).",
                  "fr": f"Proche de votre métier de {family_from['fr']} (même famille de métiers ROME)."}
    for lg in ("en", "fr"):
        extra = clash_text(clash or [], lg)
        why[lg] = " ".join(t for t in (prefix.get(lg, ""), why[lg], extra) if t)
    source_ref = SkillRef(uri=space.occ_uris[source], label=label(kb, space.occ_uris[source], lang)) \
        if source is not None else None
    if kind == "own_job":
        source_ref = SkillRef(uri=uri, label=label(kb, uri, lang))
    details = _details(reasons, why, carried[lang], source_ref, clash or [], letters, missing, n_held, len(essential),
                       mobility_names, step_from, family_from, region, prefix)
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
        essential_held=n_held,
        essential_total=len(essential),
        carried_skills=carried[lang],
        missing_essential=missing[lang],
        why=why,
        reasons=reasons,
        sector=facts.domain_label(domain, lang),
        riasec=(facts.major[i] + facts.minor[i]) or None,
        target_uri=uri,
        step="own_job" if kind == "own_job" else ("close" if kind in ("step_up", "same_family", "rome_mobility") else "change"),
        details=details,
        conditions=list(clash or []),
    )


def _details(reasons: list[str], why: dict[str, str], carried: list[SkillRef], source: SkillRef | None,
             clash: list[str], letters: str, missing: dict[str, list[SkillRef]], n_held: int, n_essential: int,
             mobility_names: dict[str, str] | None, step_from: dict[str, str] | None,
             family_from: dict[str, str] | None, region: str | None, prefix: dict[str, str]) -> list[MoveReason]:
    """The move's reasons as typed data, one per kind, each with its own en/fr sentence."""
    out: list[MoveReason] = []
    for reason in reasons:
        kind = reason.split(":", 1)[0]
        if kind == "skills":
            out.append(MoveReason(kind="skills", skills=carried, text={
                "en": f"You have {n_held} of its {n_essential} essential skills; carried over: "
                      + ", ".join(s.label for s in carried[:6]) + ".",
                "fr": f"Vous avez {n_held} de ses {n_essential} compétences essentielles ; utiles ici : "
                      + ", ".join(s.label for s in carried[:6]) + "."}))
        elif kind == "own_job":
            out.append(MoveReason(kind="own_job", source=source, text=prefix))
        elif kind == "same_family" and family_from:
            out.append(MoveReason(kind="same_family", source=source, text=prefix))
        elif kind == "step_up" and step_from:
            out.append(MoveReason(kind="step_up", source=source, text={
                "en": f"A step up in your field, from {step_from['en']}.",
                "fr": f"Une progression dans votre domaine, depuis {step_from['fr']}."}))
        elif kind == "rome_mobility" and mobility_names:
            out.append(MoveReason(kind="rome_mobility", source=source, text={
                "en": f"A usual move from {mobility_names['en']} (ROME mobility).",
                "fr": f"Une mobilité courante depuis {mobility_names['fr']} (mobilité ROME)."}))
        elif kind == "interests":
            names = {lg: ", ".join(RIASEC_NAMES[lg][x] for x in letters) for lg in ("en", "fr")}
            out.append(MoveReason(kind="interests", text={
                "en": f"Fits your interests ({names['en']}).", "fr": f"Correspond à vos centres d'intérêt ({names['fr']})."}))
        elif kind == "other_experience":
            out.append(MoveReason(kind="other_experience", text=prefix))
        elif kind == "interest_led":
            out.append(MoveReason(kind="interest_led", text={
                "en": "Close to what you enjoy most: a bigger change, with training.",
                "fr": "Proche de ce que vous aimez le plus : un changement plus grand, avec une formation."}))
        elif kind == "regional_demand" and region:
            out.append(MoveReason(kind="regional_demand", text={
                "en": f"In demand in {region}.", "fr": f"Métier recherché sur le territoire ({region})."}))
        elif kind == "conditions":
            out.append(MoveReason(kind="conditions", conditions=clash,
                                  text={lg: clash_text(clash, lg) for lg in ("en", "fr")}))
    return out
