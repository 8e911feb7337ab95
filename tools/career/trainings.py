"""Training recommendations that cover a skills gap: a greedy weighted set cover over the catalog.

Each gap skill has a weight (essential > optional, truly missing > almost there). A course covers
the gap skills it is linked to (at import, see :mod:`tools.career.catalog_skill_links`). We pick,
k times, the course that covers the most still-uncovered weight (ties: better rating, shorter);
preferences filter by level and duration (relaxed, and said so, when nothing fits). When no course
is linked to any gap skill, courses whose text is closest to the gap (TF-IDF) are proposed as
related, and the explanation says so.
"""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from tools.career.catalog_index import course_index
from tools.career.catalog_records import CourseRecord
from tools.career.course_wording import duration_words, level_words
from tools.career.models import SkillRef, SkillsGap, TrainingRecommendation
from tools.career.packs.models import LoadedPacks
from tools.career.packs.signals import skill_demand
from tools.career.preferences import CareerPreferences, parse_preferences

GAP_WEIGHTS = {("essential", "missing"): 1.0, ("essential", "almost"): 0.6, ("optional", "missing"): 0.35,
               ("optional", "almost"): 0.2}
MIN_TEXT_SIMILARITY = 0.05


def _courses_of(catalog: Any) -> list[CourseRecord]:
    if isinstance(catalog, (list, tuple)):
        return list(catalog)
    return catalog.courses()


def _fits(course: CourseRecord, prefs: CareerPreferences) -> bool:
    if prefs.levels and course.level and course.level not in prefs.levels and course.level != "mixed":
        return False
    if prefs.max_training_weeks is not None and course.duration_weeks is not None:
        if course.duration_weeks > prefs.max_training_weeks:
            return False
    return True


def _schedule_bonus(course: CourseRecord, prefs: CareerPreferences) -> float:
    if not prefs.schedule or not course.schedule:
        return 0.0
    text = course.schedule.lower()
    words = {"evening": ("evening", "soir", "online", "self-paced"), "weekend": ("weekend", "week-end", "online"),
             "part_time": ("part", "online", "self-paced"), "full_time": ("full", "intensive")}
    return 0.05 if any(w in text for s in prefs.schedule for w in words.get(s, ())) else 0.0


def recommend_trainings(
    catalog: Any,
    gap: SkillsGap,
    preferences: object = None,
    k: int = 5,
    skill_uris: Iterable[str] | None = None,
    kb: Any = None,
    pack: object = None,
) -> list[TrainingRecommendation]:
    """Up to ``k`` courses that together cover the most of the gap (weighted set cover); skills a
    regional pack marks as in demand weigh more."""
    prefs = parse_preferences(preferences)
    lang = gap.lang if gap.lang in ("en", "fr") else "en"
    courses = _courses_of(catalog)
    if not courses or k <= 0:
        return []
    demand = skill_demand(LoadedPacks.of(pack))
    weights = {s.uri: GAP_WEIGHTS[(s.relation, s.status)] * (1.0 + 0.5 * demand.get(s.uri, 0.0)) for s in gap.skills}
    gap_labels = {s.uri: s.label for s in gap.skills}
    held = set(skill_uris or []) | {s.uri for s in gap.covered}
    held_labels = {s.uri: s.label for s in gap.covered}

    eligible = [c for c in courses if _fits(c, prefs)]
    relaxed = False
    if not any(set(c.skill_uris) & weights.keys() for c in eligible):
        eligible, relaxed = courses, bool(prefs.levels or prefs.max_training_weeks is not None)

    chosen: list[tuple[CourseRecord, list[str], float]] = []
    uncovered = dict(weights)
    total = sum(weights.values()) or 1.0
    candidates = [c for c in eligible if set(c.skill_uris) & weights.keys()]
    while len(chosen) < k and uncovered and candidates:
        best, best_key = None, None
        for course in candidates:
            gain = sum(uncovered.get(u, 0.0) for u in course.skill_uris)
            if gain <= 0:
                continue
            key = (round(gain, 6) + _schedule_bonus(course, prefs), course.rating or 0.0,
                   -(course.duration_weeks if course.duration_weeks is not None else 99.0))
            if best_key is None or key > best_key:
                best, best_key = course, key
        if best is None:
            break
        covered = [u for u in best.skill_uris if u in uncovered]
        gain = sum(uncovered.pop(u) for u in covered)
        chosen.append((best, covered, gain / total))
        candidates = [c for c in candidates if c.id != best.id]

    out = [_recommendation(c, covered, score, gap_labels, held, held_labels, lang, relaxed, kb, related=False)
           for c, covered, score in chosen]
    if len(out) < k:
        out.extend(_related_by_text(catalog, courses, eligible, gap, {c.id for c, _, _ in chosen}, k - len(out),
                                    held, held_labels, lang, kb))
    return out


def _related_by_text(catalog: Any, courses: list[CourseRecord], eligible: list[CourseRecord], gap: SkillsGap,
                     taken: set[str], n: int, held: set[str], held_labels: dict[str, str], lang: str,
                     kb: Any) -> list[TrainingRecommendation]:
    """Courses whose text is closest to the gap's skills (when too few are linked to them)."""
    if not gap.skills:
        return []
    index = course_index(catalog, courses)
    query = " ".join([s.label for s in gap.skills[:15]] + [gap.target_label] * 2)
    sims = index.similar(query)
    allowed = {c.id for c in eligible}
    order = np.argsort(-sims)
    out = []
    for i in order[: 200]:
        course = courses[int(i)]
        if sims[i] < MIN_TEXT_SIMILARITY or len(out) >= n:
            break
        if course.id in taken or course.id not in allowed:
            continue
        out.append(_recommendation(course, [], float(sims[i]) * 0.5, {}, held, held_labels, lang, False, kb, related=True,
                                   target=gap.target_label))
    return out


def _recommendation(course: CourseRecord, covered: list[str], score: float, gap_labels: dict[str, str],
                    held: set[str], held_labels: dict[str, str], lang: str, relaxed: bool, kb: Any,
                    related: bool, target: str = "") -> TrainingRecommendation:
    new = [SkillRef(uri=u, label=gap_labels.get(u, u)) for u in covered]
    existing_uris = [u for u in course.skill_uris if u in held]
    existing = [SkillRef(uri=u, label=held_labels.get(u) or (kb.label(u, lang) if kb is not None else u)) for u in existing_uris]
    names = ", ".join(s.label for s in new[:4])
    if related:
        text = (f"Related to {target}: its content is close to the skills you are missing (no exact skill match in the catalog)."
                if lang == "en" else
                f"En lien avec {target} : son contenu est proche des compétences qui vous manquent (pas de correspondance exacte dans le catalogue).")
    else:
        text = (f"Covers {len(new)} skill(s) of your gap: {names}." if lang == "en"
                else f"Couvre {len(new)} compétence(s) de votre écart : {names}.")
        if existing:
            text += (f" Builds on what you know: {', '.join(s.label for s in existing[:2])}." if lang == "en"
                     else f" S'appuie sur vos acquis : {', '.join(s.label for s in existing[:2])}.")
    if course.duration:
        level = level_words(course.level, lang)
        text += f" ({duration_words(course.duration, lang)}{', ' + level if level else ''})"
    if relaxed:
        text += (" No course matched your level/duration wishes, so this one is the closest." if lang == "en"
                 else " Aucune formation ne respectait vos critères de niveau ou de durée : voici la plus proche.")
    return TrainingRecommendation(
        id=course.id,
        url=course.url,
        title=course.title,
        description=course.description or "",
        explanation=text,
        new_skills=new,
        existing_skills=existing,
        score=round(score, 4),
        provider=course.provider,
        level=course.level,
        duration=course.duration,
        source=course.source,
    )
