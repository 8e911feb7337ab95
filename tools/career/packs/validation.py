"""Checks of a pack against itself and the knowledge base (every problem is reported at once)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from tools.career.packs.models import Pack

ESCO_SKILL = "http://data.europa.eu/esco/skill/"
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"


def _duplicates(ids: list[str]) -> list[str]:
    return [i for i, n in Counter(ids).items() if n > 1]


def check_pack(pack: Pack, kb: Any | None = None) -> list[tuple[str, str, str]]:
    """(file, place, message) for each problem; empty when the pack is sound."""
    files = pack.manifest.files
    problems: list[tuple[str, str, str]] = []
    skills = getattr(kb, "skills", None) if kb is not None else None
    occupations = getattr(kb, "occupations", None) if kb is not None else None
    rome = (getattr(kb, "rome", None) or None) if kb is not None else None  # None: no ROME data to check against

    def skill_ok(uri: str) -> bool:
        return uri in skills if skills is not None else uri.startswith(ESCO_SKILL)

    def occupation_ok(uri: str) -> bool:
        return uri in occupations if occupations is not None else uri.startswith(ESCO_OCCUPATION)

    kind = pack.kind
    if kind == "employer" and not pack.roles:
        problems.append((files.roles or "manifest", "", "an employer pack needs a job architecture (roles)"))
    if kind == "university" and not (pack.programmes or pack.courses):
        problems.append((files.programmes or "manifest", "", "a university pack needs programmes or courses"))
    if kind == "regional" and not (pack.occupations or pack.demand_skills):
        problems.append((files.occupations or "manifest", "", "a regional pack needs in-demand occupations or skills"))

    own_ids = [s.id for s in pack.skills]
    for dup in _duplicates(own_ids):
        problems.append((files.skills or "skills", dup, "duplicate skill id"))
    for n, skill in enumerate(pack.skills, start=1):
        if not skill.esco:
            problems.append((files.skills or "skills", f"item {n} ({skill.id})", "map the skill to at least one ESCO skill"))
        for uri in skill.esco:
            if not skill_ok(uri):
                problems.append((files.skills or "skills", f"item {n} ({skill.id})", f"unknown ESCO skill {uri}"))
    own = set(own_ids)

    role_ids = [r.id for r in pack.roles]
    for dup in _duplicates(role_ids):
        problems.append((files.roles or "roles", dup, "duplicate role id"))
    for n, role in enumerate(pack.roles, start=1):
        where = f"item {n} ({role.id})"
        if role.esco_occupation and not occupation_ok(role.esco_occupation):
            problems.append((files.roles or "roles", where, f"unknown ESCO occupation {role.esco_occupation}"))
        for ref in role.skills:
            if ref not in own and not skill_ok(ref):
                problems.append((files.roles or "roles", where, f"skill {ref!r} is neither a pack skill id nor an ESCO skill"))
        for nxt in role.next_roles:
            if nxt not in role_ids:
                problems.append((files.roles or "roles", where, f"next role {nxt!r} is not a role of this pack"))
        if not role.skills and not role.esco_occupation:
            problems.append((files.roles or "roles", where, "give the role's skills or its ESCO occupation"))

    for dup in _duplicates([c.id for c in pack.courses]):
        problems.append((files.courses or "courses", dup, "duplicate course id"))
    for n, course in enumerate(pack.courses, start=1):
        if course.url and not course.url.startswith(("http://", "https://")):
            problems.append((files.courses or "courses", f"item {n} ({course.id})", "url must start with http:// or https://"))

    for dup in _duplicates([p.id for p in pack.programmes]):
        problems.append((files.programmes or "programmes", dup, "duplicate programme id"))
    for n, prog in enumerate(pack.programmes, start=1):
        where = f"item {n} ({prog.id})"
        for uri in prog.occupations:
            if not occupation_ok(uri):
                problems.append((files.programmes or "programmes", where, f"unknown ESCO occupation {uri}"))
        for uri in prog.skills:
            if not skill_ok(uri):
                problems.append((files.programmes or "programmes", where, f"unknown ESCO skill {uri}"))
        if rome is not None:
            domains = {getattr(r, "domain", "") for r in rome.values()}
            for code in prog.sectors:
                if domains and code not in domains:
                    problems.append((files.programmes or "programmes", where, f"unknown ROME domain {code}"))
        if not (prog.occupations or prog.sectors):
            problems.append((files.programmes or "programmes", where, "say which occupations or sectors it leads to"))

    for n, item in enumerate(pack.occupations, start=1):
        where = f"item {n}"
        if item.esco and not occupation_ok(item.esco):
            problems.append((files.occupations or "occupations", where, f"unknown ESCO occupation {item.esco}"))
        if item.rome and rome is not None and item.rome not in rome:
            problems.append((files.occupations or "occupations", where, f"unknown ROME code {item.rome}"))
    for n, demand in enumerate(pack.demand_skills, start=1):
        if not skill_ok(demand.esco or ""):
            problems.append((files.demand_skills or "demand_skills", f"item {n}", f"unknown ESCO skill {demand.esco}"))
    return problems
