"""The agent's calls into ``tools/`` and ``knowledge/``, in one place: profile read/write, skill
linking, labels in the person's language, career moves, gap, trainings and jobs.

Nodes call these functions with ``runtime.context``; the tool signatures they depend on are
those of the cross-team contract (``tools.linking``, ``tools.career``, ``tools.profile``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from agent.context import AgentContext
from agent.ports import SkillLinking, Vocabulary
from agent.state import AgentState, SkillProposal, TargetChoice
from tools.profile import (
    Evidence,
    EvidenceSource,
    Experience,
    Persona,
    Profile,
    ProfileSkill,
    SkillState,
    SkillTranslations,
    ValidationLevel,
)

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase
    from tools.career.access_routes import AccessRoute
    from tools.career.advice_answers import OccupationOverview
    from tools.career.models import (
        CareerMove,
        HeldOccupation,
        JobMatch,
        LearningObjective,
        SkillsGap,
        TrainingRecommendation,
    )
    from tools.career.packs.models import PacksGiven
    from tools.linking.models import LinkedSkill

PERSONA_TO_PROFILE = {"high_school": Persona.pupil, "jobseeker": Persona.jobseeker, "employee": Persona.employee}


# -- profile ---------------------------------------------------------------------------------------
def load_profile(ctx: AgentContext, state: AgentState) -> Profile:
    return ctx.profiles.get_or_new(state["conversation_id"], language=state.get("language") or "en")


def change_profile(ctx: AgentContext, state: AgentState, change: Callable[[Profile], object]) -> Profile:
    """Apply ``change`` to the stored profile and save it (retried on a concurrent write)."""

    def apply(profile: Profile) -> None:
        profile.language = state.get("language") or profile.language
        persona = state.get("persona")
        if persona in PERSONA_TO_PROFILE:
            profile.persona = PERSONA_TO_PROFILE[persona]
        change(profile)
        profile.touch()

    return ctx.profiles.update(state["conversation_id"], apply, language=state.get("language") or "en")


def change_experience(ctx: AgentContext, state: AgentState, experience_id: str,
                      change: Callable[[Experience], object]) -> Profile:
    """Apply ``change`` to one experience of the stored profile (when it is still there) and save."""

    def apply(profile: Profile) -> None:
        experience = profile.experience(experience_id)
        if experience is not None:
            change(experience)

    return change_profile(ctx, state, apply)


def current_experience(profile: Profile, experience_id: str | None) -> Experience | None:
    if experience_id:
        found = profile.experience(experience_id)
        if found is not None:
            return found
    return profile.experiences[-1] if profile.experiences else None


# -- knowledge -------------------------------------------------------------------------------------
def skill_label(ctx: AgentContext, uri: str, lang: str, fallback: str = "") -> str:
    return vocabulary_label(ctx.kb, uri, lang, fallback)


def vocabulary_label(kb: Vocabulary | None, uri: str, lang: str, fallback: str = "") -> str:
    """The label of an ESCO concept in ``lang``, else ``fallback``, else the end of its URI."""
    if kb is not None:
        label = kb.label(uri, lang)
        if label:
            return label
    return fallback or uri.rsplit("/", 1)[-1]


def skill_type(ctx: AgentContext, uri: str) -> str | None:
    skill = ctx.kb.skills.get(uri) if ctx.kb is not None else None
    return skill.skill_type if skill is not None else None


def translations(ctx: AgentContext, uri: str) -> SkillTranslations:
    """ROME / O*NET codes of a skill (``tools.translation``): official crosswalk, else a marked
    semantic fallback (``method``)."""
    from tools.translation import translate

    out = SkillTranslations()
    for system in ("rome", "onet"):
        result = translate(ctx.kb, uri, to=system, top_k=3)
        codes = [m.code for m in result.matches][:3]
        if codes:
            setattr(out, system, codes)
            if not result.official:
                out.method = "semantic"
    return out


# -- linking ---------------------------------------------------------------------------------------
def propose_skills(ctx: AgentContext, statements: list[tuple[int, str]], lang: str, exclude: set[str],
                   top_k: int, job: str | None = None) -> list[SkillProposal]:
    """Skills the linker finds in what the person said, without those in ``exclude``. Each statement
    (the experience, then each detail they added, with its offset in the text the evidence spans
    count from) is linked on its own and the statements take turns, so a detail ("I also made the
    weekly spreadsheet reports") is never crowded out by a long first answer; inside a statement, the
    best skill of each part of the story (evidence span) comes first, then the second best of each,
    and so on. ``job``: the title of the job the statements are about, so that a detail told apart
    ("I also did the stock count") is read as part of that job (the job whose work an activity's name
    stands for: ``agent.experience_titles.job_read_by``)."""
    from agent.experience_titles import job_read_by

    job = job_read_by(job)
    per_statement = [(offset, _ranked_in_statement(ctx.linker, text, lang, exclude, top_k, job))
                     for offset, text in statements if text.strip()]
    out: list[SkillProposal] = []
    for rank in range(max((len(items) for _, items in per_statement), default=0)):
        for offset, items in per_statement:
            if rank >= len(items) or any(p["uri"] == items[rank].uri for p in out):
                continue
            out.append(_proposal(ctx, items[rank], lang, offset))
            if len(out) >= top_k:
                return out
    return out


def _proposal(ctx: AgentContext, item: LinkedSkill, lang: str, offset: int) -> SkillProposal:
    """A linked skill as the state keeps it, its evidence span moved by ``offset``."""
    return {
        "uri": item.uri,
        "label": skill_label(ctx, item.uri, lang, fallback=item.label),
        "score": round(float(item.score), 4),
        "skill_type": item.skill_type,
        "evidence": item.evidence or "",
        "start": offset + item.evidence_start,
        "end": offset + item.evidence_end,
    }


def _ranked_in_statement(linker: SkillLinking, text: str, lang: str, exclude: set[str], top_k: int,
                         job: str | None = None) -> list[LinkedSkill]:
    """The linker's skills for one statement, interleaved over its evidence spans."""
    # what a person types in the chat is their own words, with or without "I" ("5 years in a warehouse")
    linked = linker.link_skills(text, lang=lang, top_k=4 * top_k + len(exclude), person=True, job=job)
    groups: list[tuple[int, int, list[LinkedSkill]]] = []  # evidence spans mostly overlapping: one part of the story
    for item in linked:
        if item.uri in exclude:
            continue
        start, end = int(item.evidence_start or 0), int(item.evidence_end or 0)
        for g_start, g_end, items in groups:  # mostly the same words as the group's first evidence
            overlap = min(end, g_end) - max(start, g_start)
            if overlap > 0 and overlap >= 0.5 * min(end - start, g_end - g_start):
                items.append(item)
                break
        else:
            groups.append((start, end, [item]))
    ranked: list[LinkedSkill] = []
    for rank in range(max((len(items) for _, _, items in groups), default=0)):
        ranked += [items[rank] for _, _, items in groups if rank < len(items)]
    return ranked


NAMED_ROLE_MIN_SCORE = 0.85  # a title the person names must match an ESCO title closely to be trusted


def current_occupations(ctx: AgentContext, profile: Profile, lang: str) -> list[str]:
    """The ESCO occupations of the person's jobs, for mobility and step-up moves (see :func:`held_occupations`)."""
    return [h.uri for h in held_occupations(ctx, profile, lang)]


def held_occupations(ctx: AgentContext, profile: Profile, lang: str) -> list[HeldOccupation]:
    """The occupations the person held (``tools.career.models.HeldOccupation``): the job title they
    name when it matches an ESCO title closely, else the occupation their description suggests once
    they confirmed skills of it. The gap credits their essential skills; the moves start from them."""
    from agent.experience_titles import LEISURE_NAMES
    from tools.career.held_occupations import held_occupations as find

    if ctx.linker is None or ctx.kb is None:
        return []
    return find(ctx.kb, ctx.linker, profile.experiences, profile.skill_uris(), lang, not_job_titles=LEISURE_NAMES)


def link_one_skill(ctx: AgentContext, text: str, lang: str) -> SkillProposal | None:
    """The ESCO skill a person names in their own words ("add: first aid"), or None."""
    found = propose_skills(ctx, [(0, text)], lang, exclude=set(), top_k=1)
    return found[0] if found else None


# below this title score the words name no job ("whatever" 0.29, "idk" 0.31, "you choose" 0.45; job names,
# misspelt or in short, score 0.6-1.4: "electrishun" 0.61, "dev web" 0.90, "nurse" 1.26)
MIN_TARGET_SCORE = 0.55


def link_occupation(ctx: AgentContext, text: str, lang: str) -> TargetChoice | None:
    """The ESCO occupation a job title names, or None (nothing close enough to be named by it)."""
    from tools.career.occupation_names import resolve_occupation

    found = resolve_occupation(ctx.kb, ctx.linker, text, lang)
    if found is None or found[1] < MIN_TARGET_SCORE:
        return None
    uri, score = found
    occupation = ctx.kb.occupations.get(uri) if ctx.kb is not None else None
    return {
        "uri": uri,
        "label": occupation_label(ctx, uri, lang),
        "code": occupation.code if occupation is not None else None,
        "rome_codes": list(occupation.rome_codes or []) if occupation is not None else [],
        "score": float(score),
    }


def occupation_label(ctx: AgentContext, uri: str, lang: str, fallback: str = "") -> str:
    return skill_label(ctx, uri, lang, fallback)


def add_proposal(profile: Profile, proposal: SkillProposal, experience_id: str | None, level: ValidationLevel,
                 state: SkillState, ctx: AgentContext, validated_by: str | None = None) -> None:
    """Record a proposed skill's answer in the profile, with its evidence span."""
    evidence = []
    if proposal.get("evidence"):
        start, end = proposal.get("start"), proposal.get("end")
        evidence.append(
            Evidence(
                text=proposal["evidence"],
                source=EvidenceSource.chat,
                experience_id=experience_id,
                start=start if isinstance(start, int) and start >= 0 else None,
                end=end if isinstance(end, int) and end >= 0 else None,
            )
        )
    skill = ProfileSkill(
        uri=proposal["uri"],
        label=proposal["label"],
        skill_type=proposal.get("skill_type"),
        translations=translations(ctx, proposal["uri"]),
        evidence=evidence,
        level=level,
        source=EvidenceSource.counsellor if level == ValidationLevel.validated_by_counsellor else EvidenceSource.chat,
        state=state,
        experience_ids=[experience_id] if experience_id else [],
        score=proposal.get("score"),
        validated_by=validated_by,
    )
    existing = profile.skill(skill.uri)
    if existing is not None and state == SkillState.rejected:
        existing.state = SkillState.rejected
        return
    merged = profile.upsert_skill(skill)
    if state == SkillState.confirmed:
        merged.state = SkillState.confirmed


# -- career ----------------------------------------------------------------------------------------
class CareerTools:
    """Career moves, gap, trainings and jobs over one knowledge base and catalog (``tools.career``)."""

    def __init__(self, kb: KnowledgeBase, catalog: Any, pack: PacksGiven = None, retrieval: Any | None = None):
        self.kb = kb
        self.catalog = catalog  # tools.catalog.store.CatalogStore: courses and jobs
        self.pack = pack  # the knowledge packs in force (a PackRegistry, read at each call), or None
        self.retrieval = retrieval  # tools.catalog.index.CatalogRetrieval (the Chroma index), or None

    def moves(self, skill_uris: list[str], persona: str | None, interests: str, preferences: str, lang: str,
              top_k: int, current_occupations: list[str] | None = None) -> list[CareerMove]:
        from tools.career.moves import rank_moves

        return rank_moves(self.kb, skill_uris, persona, interests, preferences, pack=self.pack, top_k=top_k, lang=lang,
                          current_occupations=current_occupations or None)

    def gap(self, skill_uris: list[str], target_uri: str, lang: str, held: list[HeldOccupation] | None = None) -> SkillsGap:
        from tools.career.gap import compute_gap

        # ROME / O*NET translations of the gap skills cost 80 ms each the first time: not in a chat turn
        return compute_gap(self.kb, skill_uris, target_uri, lang, pack=self.pack, held_occupations=held or [],
                           max_translated=0)

    def trainings(self, gap: SkillsGap, preferences: str, k: int, lang: str,
                  skill_uris: list[str] | None = None) -> list[TrainingRecommendation]:
        from tools.career.trainings import recommend_trainings

        return recommend_trainings(self.catalog, gap, preferences, k=k, skill_uris=skill_uris, kb=self.kb,
                                   pack=self.pack, retrieval=self.retrieval, lang=lang)

    def learning_objectives(self, gap: SkillsGap) -> list[LearningObjective]:
        from tools.career.trainings import learning_objectives

        return learning_objectives(gap)

    def jobs(self, skill_uris: list[str], target_uri: str | None, preferences: str, k: int, lang: str) -> list[JobMatch]:
        from tools.career.jobs import match_jobs

        return match_jobs(self.catalog, skill_uris, kb=self.kb, target_uri=target_uri, preferences=preferences, k=k,
                          lang=lang, retrieval=self.retrieval)

    def access(self, target_uri: str, lang: str) -> AccessRoute | None:
        """How to get into the target: qualifications from ROME's accès au métier and ESCO (or None)."""
        from tools.career.access_routes import access_route

        return access_route(self.kb, target_uri, lang)

    def warm_up(self, languages: tuple[str, ...]) -> None:
        """Every ranker once, on the first occupation of the knowledge base and in each language (a
        pupil's moves too), so that what they build on first use (skill space, ROME facts, work
        contexts, skill equivalences, the catalogs' matrices and Chroma index) is there before the
        first person asks: the first moves and plan after a start took 1-2.5 s more."""
        uri = next(iter(self.kb.occupations), None)
        if uri is None:
            return
        skills = list(self.kb.occupations[uri].essential_skills)[:5]
        for lang in languages:
            self.moves(skills, None, "", "", lang, 3, [uri])
            self.moves(skills, "high_school", "", "", lang, 3)
            gap = self.gap(skills, uri, lang)
            self.trainings(gap, "", 3, lang, skill_uris=skills)
            self.jobs(skills, uri, "", 3, lang)
            self.access(uri, lang)

    def explore(self, linker: SkillLinking, text: str, lang: str, skill_uris: list[str] | None = None,
                held: list[HeldOccupation] | None = None) -> OccupationOverview | None:
        """What exists for an occupation the person names ("what about care work, like a carer?")."""
        from tools.career.advice_answers import explore_occupation

        return explore_occupation(self.kb, linker, text, lang, skill_uris or [], held or [], pack=self.pack)
