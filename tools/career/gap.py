"""The skills gap between a profile and a chosen target (ESCO occupation, employer role, sector or programme).

Missing essential skills come first, then optional ones, each most specific first (IDF weight);
a missing skill the person is close to (a skill of theirs in the same group, its parent/child, or
a related one) is marked "almost there" with the skills that make it close. Each gap skill carries
its ROME / O*NET translation when the translation tool is available, and the whole gap is grouped
by skill group for a picture (see :mod:`tools.career.gap_picture`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from tools.career.employer_moves import find_role, role_skills
from tools.career.labels import label, refs
from tools.career.models import (
    CoveredSkill,
    GapGroup,
    GapSkill,
    HeldOccupation,
    SkillCredit,
    SkillRef,
    SkillsGap,
    SkillTranslation,
    de,
)
from tools.career.packs.models import LoadedPacks, PacksGiven
from tools.career.rome_facts import RomeFacts
from tools.career.skill_groups import GroupResolver
from tools.career.skill_space import SkillSpace
from tools.career.skill_translations import translate_skill
from tools.linking.skill_equivalence import SkillVectors

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

MAX_CLOSE = 3


class UnknownTarget(ValueError):
    """The target is neither an ESCO occupation, a ROME code, nor a known pack role/programme."""

    def __init__(self, target: str):
        super().__init__(f"unknown career target: {target!r}")
        self.target = target

    def message(self, lang: str = "en") -> str:
        return (
            "I don't know this career target; pick one of the proposed moves."
            if lang == "en"
            else "Je ne connais pas cette cible ; choisissez une des pistes proposées."
        )


def _resolve_target(
    kb: Any, target: str, skill_uris: list[str], packs: LoadedPacks, lang: str
) -> tuple[str, str | None, list[str], list[str], str | None]:
    """target → (uri, occupation uri or None, essential uris, optional uris, role title for employer roles)."""
    if target in kb.occupations:
        occ = kb.occupations[target]
        return target, target, list(occ.essential_skills), list(occ.optional_skills), None
    if target.startswith("pack:"):
        found = find_role(packs, target)
        if found is not None:
            pack, role = found
            essential = role_skills(kb, pack, role)
            optional: list[str] = []
            if role.esco_occupation in kb.occupations:
                occ = kb.occupations[role.esco_occupation]
                optional = [u for u in list(occ.essential_skills) + list(occ.optional_skills) if u not in set(essential)]
            return target, role.esco_occupation, essential, optional, role.titles.get(lang) or role.title
        for pack in packs.university:
            for prog in pack.programmes:
                if target == f"pack:{pack.id}:programme:{prog.id}" and prog.occupations:
                    occ_uri = next((u for u in prog.occupations if u in kb.occupations), None)
                    if occ_uri:
                        return _resolve_target(kb, occ_uri, skill_uris, packs, lang)
    facts = RomeFacts.for_kb(kb)
    code = target.split(":", 1)[1] if target.startswith("rome-domain:") else target
    members = facts.by_domain.get(code) if target.startswith("rome-domain:") else facts.by_rome.get(code)
    if members:
        space = SkillSpace.for_kb(kb)
        held = set(skill_uris)
        best = max(members, key=lambda i: len(held & set(kb.occupations[space.occ_uris[i]].essential_skills)))
        return _resolve_target(kb, space.occ_uris[best], skill_uris, packs, lang)
    raise UnknownTarget(target)


def _skill_ancestors(kb: Any, uri: str, depth: int = 2) -> list[str]:
    """The broader *skills* (not skill groups) of ``uri``, up to ``depth`` levels, nearest first."""
    out: list[str] = []
    frontier = [uri]
    for _ in range(depth):
        nxt: list[str] = []
        for u in frontier:
            skill = kb.skills.get(u)
            for b in getattr(skill, "broader", None) or []:
                if b in kb.skills and b not in out and b != uri:
                    out.append(b)
                    nxt.append(b)
        frontier = nxt
    return out


def credit_skills(
    kb: Any,
    skill_uris: Iterable[str],
    target_skills: Iterable[str],
    held_occupations: Iterable[HeldOccupation] = (),
    lang: str = "en",
    equivalence: bool = True,
) -> dict[str, SkillCredit]:
    """For each target skill the person has, how it is counted (see :class:`SkillCredit`): held,
    an essential skill of a job they held, shown by a narrower skill they have, or a near-equivalent."""
    held = list(dict.fromkeys(skill_uris))
    targets = list(dict.fromkeys(target_skills))
    out: dict[str, SkillCredit] = {u: SkillCredit(via="held") for u in targets if u in set(held)}
    from_job: dict[str, HeldOccupation] = {}
    for job in held_occupations:
        occupation = kb.occupations.get(job.uri)
        for u in getattr(occupation, "essential_skills", []) or []:
            from_job.setdefault(u, job)
    have = held + [u for u in from_job if u not in set(held)]
    for u in targets:
        if u not in out and u in from_job:
            job = from_job[u]
            out[u] = SkillCredit(via="occupation", source=SkillRef(uri=job.uri, label=job.label))
    shown_by: dict[str, str] = {}
    for h in have:
        for a in _skill_ancestors(kb, h):
            shown_by.setdefault(a, h)
    for u in targets:
        if u not in out and u in shown_by:
            out[u] = SkillCredit(via="narrower", source=SkillRef(uri=shown_by[u], label=label(kb, shown_by[u], lang)))
    if equivalence:
        vectors = SkillVectors.for_kb(kb)
        if vectors is not None:
            rest = [u for u in targets if u not in out]
            for u, (h, sim) in vectors.equivalents(rest, have).items():
                out[u] = SkillCredit(via="equivalent", source=SkillRef(uri=h, label=label(kb, h, lang)), similarity=sim)
    return out


def compute_gap(
    kb: KnowledgeBase,
    skill_uris: Iterable[str],
    target_uri: str,
    lang: str = "en",
    pack: PacksGiven = None,
    translate: Callable[[Any, str], list[SkillTranslation]] | None = None,
    max_optional: int | None = 25,
    max_translated: int = 8,
    held_occupations: Iterable[HeldOccupation] = (),
    equivalence: bool = True,
) -> SkillsGap:
    """The gap from ``skill_uris`` (and the ``held_occupations``) to ``target_uri``; the
    ``max_translated`` first gap skills (the essential ones first) carry their ROME / O*NET translations.

    A target skill counts as the person's when they hold it, when it is an essential skill of an
    occupation they held, when they hold a narrower skill of it, or a near-equivalent one
    (:func:`credit_skills`); a missing skill close to one of theirs is "almost there"."""
    skill_uris = list(dict.fromkeys(skill_uris))
    jobs = list(held_occupations or [])
    packs = LoadedPacks.of(pack)
    space = SkillSpace.for_kb(kb)
    resolver = GroupResolver.for_kb(kb)
    uri, occ_uri, essential, optional, role_title = _resolve_target(kb, target_uri, skill_uris, packs, lang)
    essential = [u for u in dict.fromkeys(essential)]
    ess_set = set(essential)
    optional = [u for u in dict.fromkeys(optional) if u not in ess_set]
    credits = credit_skills(kb, skill_uris, essential + optional, jobs, lang, equivalence)
    have = list(skill_uris) + [u for job in jobs for u in getattr(kb.occupations.get(job.uri), "essential_skills", [])]
    weight = space.weight
    pos = space.skill_pos
    translator = translate or translate_skill

    def specificity(u: str) -> float:
        return -float(weight[pos[u]]) if u in pos else 0.0

    gap_skills: list[GapSkill] = []
    covered = [CoveredSkill(uri=u, label=label(kb, u, lang), relation="essential" if u in ess_set else "optional",
                            credit=credits[u])
               for u in essential + optional if u in credits]
    optional_missing = sorted((u for u in optional if u not in credits), key=specificity)
    if max_optional is not None:
        optional_missing = optional_missing[:max_optional]
    for relation, uris in (("essential", sorted((u for u in essential if u not in credits), key=specificity)),
                           ("optional", optional_missing)):
        for u in uris:
            close = space.closeness(have, u)[:MAX_CLOSE]
            group = resolver.group_of(u)
            skill = kb.skills.get(u)
            gap_skills.append(
                GapSkill(
                    uri=u,
                    label=label(kb, u, lang),
                    relation=relation,
                    status="almost" if close else "missing",
                    close_to=refs(kb, close, lang),
                    skill_type=getattr(skill, "skill_type", None) if skill is not None else None,
                    group_uri=group,
                    group_label=label(kb, group, lang) if group else None,
                    translations=translator(kb, u) if len(gap_skills) < max_translated else [],
                )
            )

    groups: dict[str, GapGroup] = {}
    other = {"en": "other skills", "fr": "autres compétences"}.get(lang, "other skills")

    def group_for(u: str) -> GapGroup:
        g = resolver.group_of(u) or "other"
        if g not in groups:
            groups[g] = GapGroup(uri=g, label=label(kb, g, lang) if g != "other" else other)
        return groups[g]

    for c in covered:
        group_for(c.uri).covered.append(SkillRef(uri=c.uri, label=c.label))
    for s in gap_skills:
        target_list = group_for(s.uri).almost if s.status == "almost" else group_for(s.uri).missing
        target_list.append(SkillRef(uri=s.uri, label=s.label))
    ordered_groups = sorted(groups.values(), key=lambda g: (-g.total, g.label))

    n_ess = len(essential)
    n_ess_held = sum(1 for u in essential if u in credits)
    n_from_job = sum(1 for u in essential if u in credits and credits[u].via == "occupation")
    n_almost = sum(1 for s in gap_skills if s.relation == "essential" and s.status == "almost")
    occ = kb.occupations.get(occ_uri) if occ_uri else None
    names = {lg: role_title or label(kb, occ_uri or uri, lg) for lg in ("en", "fr")}
    credited_jobs = [j for j in jobs if any(c.credit.via == "occupation" and c.credit.source
                                            and c.credit.source.uri == j.uri for c in covered)]
    job_names = {lg: ", ".join(label(kb, j.uri, lg) for j in credited_jobs) for lg in ("en", "fr")}
    summary = {
        "en": f"You have {n_ess_held} of the {n_ess} essential skills for {names['en']}"
        + (f" ({n_from_job} credited from your job as {job_names['en']})" if n_from_job else "")
        + (f"; {n_almost} more are almost there." if n_almost else "."),
        "fr": f"Vous avez {n_ess_held} des {n_ess} compétences essentielles pour {names['fr']}"
        + (f" (dont {n_from_job} reconnues grâce à votre emploi {de(job_names['fr'])})" if n_from_job else "")
        + (f" ; {n_almost} autres sont presque acquises." if n_almost else "."),
    }
    return SkillsGap(
        target_uri=uri,
        target_label=role_title or label(kb, occ_uri or uri, lang),
        target_code=getattr(occ, "code", None) if occ is not None else None,
        target_rome_codes=list(getattr(occ, "rome_codes", []) or []) if occ is not None else [],
        lang=lang,
        essential_coverage=round(n_ess_held / n_ess, 4) if n_ess else 0.0,
        essential_total=n_ess,
        essential_held=n_ess_held,
        covered=covered,
        held_occupations=credited_jobs,
        skills=gap_skills,
        groups=ordered_groups,
        summary=summary,
    )
