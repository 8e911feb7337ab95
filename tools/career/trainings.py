"""Training recommendations that fit a skills gap, or an honest "none" with what to learn instead.

1. **Relevance.** A course must be about the target and its gap: its cosine similarity to "target:
   gap skills" reaches :data:`MIN_RELEVANCE` through the Chroma index of the catalog
   (:class:`tools.catalog.index.CatalogRetrieval`), or, when no vector index is given,
   its TF-IDF similarity reaches :data:`MIN_TEXT_RELEVANCE`.
   Without an index, a course the catalog links to a gap skill counts as relevant.
2. **Coverage.** Each kept course says which gap skills it covers: those the catalog links it to at
   import (:mod:`tools.catalog.skill_links`: its listed skills, and the skills it is about by
   meaning), the one source every check reads too. A course covering no gap skill is never
   proposed, however close its title.
   A course given at a place (LHÉO offers) elsewhere than where the person wants to be is left out.
   A course a little less close (:data:`RELEVANCE_FLOOR`) is relevant when it is very close to one
   skill of the target or its gap (:data:`STRONG_SKILL_MATCH`), and a course squarely on one of
   them (:data:`SQUARE_SKILL_MATCH`: "Wine tasting" for a waiter's "advise on wine") from :data:`SQUARE_FLOOR`.
   A relevant course that covers no gap skill but deepens skills of the target itself (linked by
   the catalog) is kept too, after the
   courses that close the gap, and says so: a hairdresser staying in her trade, or a pupil whose
   target job's core skills are all there already, still gets a course about that job.
3. **Choice.** A greedy weighted set cover (essential > optional, missing > almost there), each
   course's gain times its relevance; courses in the person's language first, then others for what
   is left (each saying its language); preferences filter by level and duration (relaxed, and said so, when nothing fits).
4. **None.** When nothing passes, no filler: :func:`learning_objectives` gives the gap as what to learn.
Bundled sample catalogs are demo data, and every item from them says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from knowledge.errors import KnowledgeBaseMissing
from knowledge.kb_cache import cached_for_kb
from knowledge.vectors import PROFILE_MATRIX, PROFILE_SKILLS, LabelMatrix, occupation_profile_text
from tools.career.models import LearningObjective, SkillRef, SkillsGap, TrainingRecommendation
from tools.career.packs.models import LoadedPacks, PacksGiven
from tools.career.packs.signals import skill_demand
from tools.career.preferences import CareerPreferences, PreferencesGiven, parse_preferences
from tools.catalog.course_wording import duration_words, level_words
from tools.catalog.index import course_index
from tools.catalog.records import DEMO_SOURCES, CourseRecord
from tools.linking.text_normalisation import fold, guess_language

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

GAP_WEIGHTS = {("essential", "missing"): 1.0, ("essential", "almost"): 0.6, ("optional", "missing"): 0.35,
               ("optional", "almost"): 0.2}
MIN_RELEVANCE = 0.4  # cosine of a course to "target: gap skills" (all-MiniLM-L6-v2)
STRONG_SKILL_MATCH = 0.54  # a course this close to one skill of the target is relevant from RELEVANCE_FLOOR
RELEVANCE_FLOOR = 0.35
SQUARE_SKILL_MATCH = 0.6  # a course squarely on one skill ("Wine tasting" for "advise on wine") from SQUARE_FLOOR
SQUARE_FLOOR = 0.25
MAX_DEEPENING = 2  # courses that only deepen skills the person has for the target
MIN_TEXT_RELEVANCE = 0.08  # TF-IDF cosine, without a vector index
QUERY_SKILLS = 12  # gap skills matched one by one
QUERY_TEXT_SKILLS = 8  # gap skills named in the relevance query (its encoding costs by the word)
DEEPEN_WEIGHT = 0.1  # per target skill a course deepens (the person has it), far below a gap skill
CANDIDATES = 200


def _courses_of(catalog: Any) -> list[CourseRecord]:
    if isinstance(catalog, (list, tuple)):
        return list(catalog)
    courses: list[CourseRecord] = catalog.courses()
    return courses


def course_place(course: CourseRecord) -> str | None:
    place = (course.extra or {}).get("location")
    return str(place) if place else None


def _in_place(course: CourseRecord, prefs: CareerPreferences) -> bool:
    """False when the course is given somewhere else than where the person wants to be (online courses have no place)."""
    place = course_place(course)
    return not (prefs.location and place and fold(prefs.location) not in fold(place))


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


def course_language(course: CourseRecord) -> str | None:
    """The course's language: as the catalog gives it, else guessed from its title and description."""
    if course.language:
        return course.language.strip().lower()[:2] or None
    return guess_language(f"{course.title} {course.description[:200]}")


def _query(gap: SkillsGap) -> str:
    names = [s.label for s in gap.skills[:QUERY_TEXT_SKILLS]]
    return f"{gap.target_label}: " + ", ".join(names)


def _query_in(gap: SkillsGap, kb: Any, lang: str) -> tuple[str, list[str]]:
    """The relevance query and the gap skills' labels in ``lang`` (the catalog may be in either language)."""
    if lang == gap.lang or kb is None:
        return _query(gap), [s.label for s in gap.skills[:QUERY_SKILLS]]
    target = kb.label(gap.target_uri, lang) if gap.target_uri in getattr(kb, "occupations", {}) else gap.target_label
    labels = [kb.label(s.uri, lang) or s.label for s in gap.skills[:QUERY_SKILLS]]
    return f"{target}: " + ", ".join(labels[:QUERY_TEXT_SKILLS]), labels


def _target_skills(gap: SkillsGap, kb: Any) -> list[SkillRef]:
    """The target's own skills that are not in the gap (the person has them), essential first."""
    occupation = getattr(kb, "occupations", {}).get(gap.target_uri) if kb is not None else None
    if occupation is None:
        return []
    in_gap = {s.uri for s in gap.skills}
    uris = [u for u in list(occupation.essential_skills) + list(occupation.optional_skills) if u not in in_gap]
    labels = {s.uri: s.label for s in gap.covered}
    out = []
    for u in dict.fromkeys(uris):
        label = labels.get(u)
        if label is None:
            try:
                label = kb.label(u, gap.lang) or u
            except (KeyError, AttributeError):
                label = u
        out.append(SkillRef(uri=u, label=label))
    return out


def _target_query(gap: SkillsGap, kb: Any, lang: str) -> str | None:
    """The target said with its own essential skills (its profile sentence): what a course about the
    job is close to, even when the gap holds only optional skills (its core is there)."""
    occupation = getattr(kb, "occupations", {}).get(gap.target_uri) if kb is not None else None
    if occupation is None:
        return None
    try:
        target = kb.label(gap.target_uri, lang) or gap.target_label
        labels = [kb.label(u, lang) for u in list(occupation.essential_skills)[:PROFILE_SKILLS]]
    except (KeyError, AttributeError):
        return None
    return occupation_profile_text(target, labels)


def _profiles(kb: Any) -> tuple[LabelMatrix, dict[tuple[str, str], int]] | None:
    """The knowledge base's profile matrix and (occupation, language) → its row, read once per
    knowledge base (None without one)."""
    def build() -> tuple[LabelMatrix, dict[tuple[str, str], int]] | None:
        try:
            matrix = kb.vectors(PROFILE_MATRIX)
        except (KnowledgeBaseMissing, FileNotFoundError):
            return None
        return matrix, {(uri, lang): i for i, (uri, lang) in enumerate(zip(matrix.uris, matrix.langs))}

    return cached_for_kb(kb, "occupation_profiles", build) if hasattr(kb, "vectors") else None


def _query_vectors(retrieval: Any, kb: Any, queries: list[str], profiles: dict[str, tuple[str, str]]) -> np.ndarray:
    """Unit vectors of ``queries``; an occupation's profile sentence (``profiles``: text →
    (occupation, language)) is read from the knowledge base, where the build encoded it, when the
    build's sentence is the same text; the rest is encoded now."""
    found = _profiles(kb) if kb is not None and profiles else None
    known: dict[str, np.ndarray] = {}
    if found is not None:
        matrix, rows = found
        for text, key in profiles.items():
            row = rows.get(key)
            if row is not None and matrix.texts[row] == text:
                known[text] = np.asarray(matrix.vectors[row], dtype=np.float32)
    missing = [q for q in dict.fromkeys(queries) if q not in known]
    encoded = dict(zip(missing, retrieval.encode(missing))) if missing else {}
    return np.stack([known[q] if q in known else encoded[q] for q in queries])


def _subject_scores(course: CourseRecord, uris: set[str]) -> float:
    """How close the course is to the closest of ``uris`` it is about (its subject links), 0 when none."""
    return max((l.score for l in course.skill_links if l.method == "subject" and l.uri in uris), default=0.0)


def _relevance(catalog: Any, courses: list[CourseRecord], gap: SkillsGap, retrieval: Any, kb: Any,
               deepen: list[SkillRef] | None = None) -> dict[str, float]:
    """Course id → relevance, for the relevant courses. With the index, the query is said in the
    person's language and in English (the embedding model reads one language at a time; most
    catalogs are in English): a course's relevance is its best similarity. Courses in a third
    language are not searched for in it: an English speaker's plan is not padded with French or
    Spanish courses (and one query fewer to encode: the plan step's p50 about 35 ms lower)."""
    if retrieval is not None:
        index = retrieval.courses(courses)
        languages = [gap.lang, "en"]
        queries = [_query_in(gap, kb, lg)[0] for lg in dict.fromkeys(languages)]
        profiles = {q: (gap.target_uri, lg) for lg in dict.fromkeys(languages) if (q := _target_query(gap, kb, lg))}
        queries += list(profiles)
        near: dict[str, float] = {}
        vectors = _query_vectors(retrieval, kb, queries, profiles)
        for hits in retrieval.nearest_many(index, vectors, CANDIDATES, SQUARE_FLOOR):
            for course_id, sim in hits.items():
                near[course_id] = max(near.get(course_id, 0.0), sim)
        skills = {sk.uri for sk in gap.skills[:QUERY_SKILLS]} | {sk.uri for sk in (deepen or [])[:QUERY_SKILLS]}
        best_skill = {c.id: _subject_scores(c, skills) for c in courses if c.id in near}
        # relevant: close to the target and its gap, or a little less close yet very close to one of its skills
        # (a parenting course for a babysitter: broad as a whole, squarely on "relations with the parents")
        return {c: sim for c, sim in near.items()
                if sim >= MIN_RELEVANCE or best_skill.get(c, 0.0) >= SQUARE_SKILL_MATCH
                or (sim >= RELEVANCE_FLOOR and best_skill.get(c, 0.0) >= STRONG_SKILL_MATCH)}
    # Without vectors: words in common (TF-IDF), which miss a course in another language than the
    # gap's labels; a course the catalog links to a gap skill is relevant by that link.
    index = course_index(catalog, courses)
    sims = index.similar(_query(gap))
    gap_uris = {s.uri for s in gap.skills}
    relevance = {}
    for i, course in enumerate(courses):
        score = float(sims[i])
        if score >= MIN_TEXT_RELEVANCE or gap_uris & set(course.skill_uris):
            relevance[course.id] = max(score, MIN_TEXT_RELEVANCE)
    return relevance


def recommend_trainings(
    catalog: Any,
    gap: SkillsGap,
    preferences: PreferencesGiven = None,
    k: int = 5,
    skill_uris: Iterable[str] | None = None,
    kb: KnowledgeBase | None = None,
    pack: PacksGiven = None,
    retrieval: Any = None,
    lang: str | None = None,
) -> list[TrainingRecommendation]:
    """Up to ``k`` relevant courses that together cover the most of the gap; [] when none is good."""
    prefs = parse_preferences(preferences)
    lang = lang if lang in ("en", "fr") else (gap.lang if gap.lang in ("en", "fr") else "en")
    courses = _courses_of(catalog)
    if not courses or k <= 0 or not gap.skills:
        return []
    demand = skill_demand(LoadedPacks.of(pack))
    weights = {s.uri: GAP_WEIGHTS[(s.relation, s.status)] * (1.0 + 0.5 * demand.get(s.uri, 0.0)) for s in gap.skills}
    gap_labels = {s.uri: s.label for s in gap.skills}
    held = set(skill_uris or []) | {s.uri for s in gap.covered}
    held_labels = {s.uri: s.label for s in gap.covered}

    target_skills = _target_skills(gap, kb)
    deepen_labels = {x.uri: x.label for x in target_skills}
    relevance = _relevance(catalog, courses, gap, retrieval, kb, target_skills)
    covers: dict[str, list[str]] = {}
    deepens: dict[str, list[str]] = {}
    for course in courses:
        if course.id not in relevance:
            continue
        linked = [u for u in dict.fromkeys(course.skill_uris) if u in weights]
        deep = [u for u in dict.fromkeys(course.skill_uris) if u in deepen_labels]
        if linked or deep:
            covers[course.id] = linked
            deepens[course.id] = deep
    relevant = [c for c in courses if c.id in covers and _in_place(c, prefs)]
    eligible = [c for c in relevant if _fits(c, prefs)]
    relaxed = False
    if not eligible and relevant:
        eligible, relaxed = relevant, bool(prefs.levels or prefs.max_training_weeks is not None)

    # Courses in the person's language (or of unknown language) cover the gap first; courses in
    # another language then cover what is left, and say their language.
    chosen: list[tuple[CourseRecord, list[str], float]] = []
    uncovered = dict(weights)
    undeepened = {u: DEEPEN_WEIGHT for u in deepen_labels}
    mine = [c for c in eligible if course_language(c) in (None, lang)]
    others = [c for c in eligible if course_language(c) not in (None, lang)]
    for candidates in (mine, others):
        while len(chosen) < k and uncovered and candidates:
            best, best_key = None, None
            deepening = sum(1 for c, covered, _ in chosen if not covered)
            for course in candidates:
                if not any(u in uncovered for u in covers[course.id]) and deepening >= MAX_DEEPENING:
                    continue
                gain = (sum(uncovered.get(u, 0.0) for u in covers[course.id])
                        + min(3, sum(1 for u in deepens[course.id] if u in undeepened)) * DEEPEN_WEIGHT)
                if gain <= 0:
                    continue
                key = (round(gain * (0.5 + relevance[course.id]), 6) + _schedule_bonus(course, prefs),
                       course.rating or 0.0, -(course.duration_weeks if course.duration_weeks is not None else 99.0))
                if best_key is None or key > best_key:
                    best, best_key = course, key
            if best is None:
                break
            for u in covers[best.id]:
                uncovered.pop(u, None)
            for u in deepens[best.id]:
                undeepened.pop(u, None)
            chosen.append((best, covers[best.id], relevance[best.id]))
            candidates = [c for c in candidates if c.id != best.id]

    return [_recommendation(c, covered, score, gap_labels, held, held_labels, lang, relaxed, kb, gap.target_label,
                            [SkillRef(uri=u, label=deepen_labels[u]) for u in deepens[c.id]])
            for c, covered, score in chosen]


def learning_objectives(gap: SkillsGap, limit: int = 6) -> list[LearningObjective]:
    """The gap as what to learn (essential skills first), for when no course fits."""
    out = []
    for s in gap.skills[:limit]:
        ref = SkillRef(uri=s.uri, label=s.label)
        close = f" (close to {s.close_to[0].label})" if s.close_to else ""
        close_fr = f" (proche de {s.close_to[0].label})" if s.close_to else ""
        out.append(LearningObjective(skill=ref, essential=s.relation == "essential", text={
            "en": f"Learn to {s.label}{close}" if s.skill_type == "skill/competence" else f"Learn about {s.label}{close}",
            "fr": f"Acquérir : {s.label}{close_fr}",
        }))
    return out


def _recommendation(course: CourseRecord, covered: list[str], relevance: float, gap_labels: dict[str, str],
                    held: set[str], held_labels: dict[str, str], lang: str, relaxed: bool, kb: Any,
                    target: str, deepened: list[SkillRef] | None = None) -> TrainingRecommendation:
    new = [SkillRef(uri=u, label=gap_labels.get(u, u)) for u in covered]
    linked = [u for u in covered if u in set(course.skill_uris)]
    existing_uris = [u for u in course.skill_uris if u in held]
    existing = [SkillRef(uri=u, label=held_labels.get(u) or (kb.label(u, lang) if kb is not None else u))
                for u in existing_uris]
    existing += [x for x in deepened or [] if x.uri not in set(existing_uris)]
    language = course_language(course)
    other = language is not None and language != lang
    demo = course.source in DEMO_SOURCES
    why: dict[str, str] = {}
    for lg in ("en", "fr"):
        names = ", ".join(s.label for s in new[:4])
        known = ", ".join(s.label for s in existing[:2])
        if lg == "en":
            if new:
                text = f"For {target}: covers {len(new)} skill(s) of your gap: {names}."
                if existing:
                    text += f" Builds on what you know: {known}."
            else:
                text = f"For {target}: strengthens skills you already use there: {known}."
        else:
            if new:
                text = f"Pour {target} : couvre {len(new)} compétence(s) de votre écart : {names}."
                if existing:
                    text += f" S'appuie sur vos acquis : {known}."
            else:
                text = f"Pour {target} : renforce des compétences que vous y utilisez déjà : {known}."
        if course.duration:
            level = level_words(course.level, lg)
            text += f" ({duration_words(course.duration, lg)}{', ' + level if level else ''})"
        if course_place(course):
            text += f" {'In' if lg == 'en' else 'À'} {course_place(course)}."
        if other:
            names_of = {"en": {"en": "English", "fr": "French"}, "fr": {"en": "anglais", "fr": "français"}}[lg]
            lang_name = names_of.get(language or "", language or "")
            text += f" In {lang_name}." if lg == "en" else f" En {lang_name}."
        if relaxed:
            text += (" No course matched your level/duration wishes, so this one is the closest." if lg == "en"
                     else " Aucune formation ne respectait vos critères de niveau ou de durée : voici la plus proche.")
        if demo:
            text += " (Demo catalog.)" if lg == "en" else " (Catalogue de démonstration.)"
        why[lg] = text
    return TrainingRecommendation(
        id=course.id,
        url=course.url,
        title=course.title,
        description=course.description or "",
        explanation=why[lang],
        new_skills=new,
        existing_skills=existing,
        score=round(relevance, 4),
        provider=course.provider,
        level=course.level,
        duration=course.duration,
        source=course.source,
        covers=new,
        covers_by_link=linked,
        relevance=round(relevance, 4),
        language=language,
        other_language=other,
        demo=demo,
        location=course_place(course),
        why=why,
    )
