"""The ``expect`` checks of an eval case, run on what the conversation left in the real stores:
the profile (last one before any erase), the moves and courses the agent offered, the share log,
every agent message's language, and what is left about the person after an erase."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agent.language import detect_language
from agent.language_leaks import english_words
from evals.cases import EvalCase


@dataclass
class CheckResult:
    name: str
    passed: bool
    detail: str = ""


@dataclass
class Observed:
    """What the runner saw during one case."""

    person_id: str
    replies: list[dict[str, Any]] = field(default_factory=list)  # every AgentReply (JSON)
    finished: bool = False
    profile: Any | None = None  # tools.profile.Profile, last before any erase
    shared_kinds: set[str] = field(default_factory=set)
    violations: list[Any] = field(default_factory=list)
    remaining: dict[str, int] = field(default_factory=dict)  # store -> items left after the conversation


def _skill_uris(kb: Any, names: list[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for name in names:
        if name.startswith("http"):
            out[name] = {name}
        else:
            out[name] = {s.uri for s in kb.skills_by_label(name)} | ({kb.skill_by_label(name).uri} if kb.skill_by_label(name) else set())
    return out


def _occupation_uris(kb: Any, names: list[str]) -> dict[str, set[str]]:
    return {n: ({n} if n.startswith("http") else {o.uri for o in kb.occupations_by_label(n)}) for n in names}


def _offered_moves(seen: Observed) -> set[str]:
    return {c["data"].get("uri") for r in seen.replies for c in r.get("cards", []) if c.get("kind") == "move"}


def skills_precision(case: EvalCase, profile: Any, kb: Any) -> tuple[float, int, int]:
    """Share of the confirmed skills that are in ``skills_acceptable`` ∪ ``skills_include_any``."""
    if profile is None:
        return 0.0, 0, 0
    names = [*case.expect.skills_acceptable, *case.expect.skills_include_any]
    wanted = set().union(*_skill_uris(kb, names).values()) if names else set()
    wanted_labels = {n.lower() for n in names}
    confirmed = profile.confirmed_skills()
    right = sum(1 for s in confirmed if s.uri in wanted or s.label.lower() in wanted_labels
                or (kb.label(s.uri, "en") or "").lower() in wanted_labels)
    return (right / len(confirmed) if confirmed else 0.0), right, len(confirmed)


def trainings_cover_gap(seen: Observed, profile: Any, kb: Any, catalog: Any) -> tuple[bool, str]:
    """Every proposed course covers a skill of the computed gap, or is linked to the target
    occupation, by the catalog's skill links."""
    ids = list(dict.fromkeys(c["data"].get("id") for r in seen.replies for c in r.get("cards", [])
                             if c.get("kind") == "course" and c["data"].get("id")))
    if not ids:
        return False, "no training proposed"
    gap = profile.gap if profile is not None else None
    if gap is None or profile.target is None:
        return False, "no gap computed"
    gap_uris = {s.uri for s in gap.skills if s.status != "covered"}
    occupation = kb.occupations.get(profile.target.uri)
    target_skills = set(occupation.essential_skills) | set(occupation.optional_skills) if occupation is not None else set()
    off = []
    for course_id in ids:
        course = catalog.course(course_id)
        if course is None:
            off.append(f"{course_id} (not in the catalog)")
            continue
        skills = set(course.skill_uris) | {link.uri for link in course.skill_links if getattr(link, "uri", None)}
        if skills & gap_uris or skills & target_skills:
            continue
        off.append(str(course.title))
    return not off, (f"{len(ids) - len(off)}/{len(ids)} course(s) cover the gap" + (f"; not: {off[:5]}" if off else ""))


def _data_names(reply: dict[str, Any]) -> list[str]:
    """Names in a turn that are data, not the agent's words: card titles (courses, jobs, recipients,
    skills), providers, employers, places; a catalog's English course title is not a leak."""
    names = []
    for card in reply.get("cards", []):
        names.append(str(card.get("title") or ""))
        data = card.get("data") or {}
        names += [str(data.get(k) or "") for k in ("provider", "employer", "location", "name")]
    return [n for n in names if n]


def run_checks(case: EvalCase, seen: Observed, kb: Any, catalog: Any) -> list[CheckResult]:
    expect = case.expect
    results: list[CheckResult] = []
    if case.problems:
        results.append(CheckResult("schema", False, "; ".join(case.problems)))
    profile = seen.profile
    confirmed = {s.uri for s in profile.confirmed_skills()} if profile is not None else set()
    confirmed_labels = {s.label.lower() for s in profile.confirmed_skills()} if profile is not None else set()

    if expect.finished is not None:
        results.append(CheckResult("finished", seen.finished == expect.finished,
                                   f"finished={seen.finished} within max_turns={expect.max_turns}"))
    if expect.skills_include_any:
        wanted = _skill_uris(kb, expect.skills_include_any)
        hits = [n for n, uris in wanted.items() if uris & confirmed or n.lower() in confirmed_labels]
        results.append(CheckResult("skills_include_any", len(hits) >= expect.skills_min_hits,
                                   f"{len(hits)} hit(s) (need {expect.skills_min_hits}): {hits}"))
    if expect.skills_exclude:
        unwanted = _skill_uris(kb, expect.skills_exclude)
        present = [n for n, uris in unwanted.items() if uris & confirmed or n.lower() in confirmed_labels]
        results.append(CheckResult("skills_exclude", not present, f"present: {present}"))
    if expect.skills_exclude_matching:
        present = sorted({label for label in confirmed_labels for bad in expect.skills_exclude_matching if bad.lower() in label})
        results.append(CheckResult("skills_exclude_matching", not present, f"confirmed labels matching: {present}"))
    if expect.skills_precision_min is not None:
        precision, right, total = skills_precision(case, profile, kb)
        results.append(CheckResult("skills_precision_min", total > 0 and precision >= expect.skills_precision_min,
                                   f"{right}/{total} confirmed skills acceptable = {precision:.2f} "
                                   f"(need {expect.skills_precision_min:.2f})"))
    if expect.occupations_exclude:
        unwanted = _occupation_uris(kb, expect.occupations_exclude)
        offered = _offered_moves(seen)
        offered_titles = {c.get("title", "").lower() for r in seen.replies for c in r.get("cards", []) if c.get("kind") == "move"}
        present = [n for n, uris in unwanted.items() if uris & offered or n.lower() in offered_titles]
        results.append(CheckResult("occupations_exclude", not present, f"offered {len(offered)} move(s); excluded present: {present}"))
    if expect.trainings_cover_gap is not None:
        ok, detail = trainings_cover_gap(seen, profile, kb, catalog)
        results.append(CheckResult("trainings_cover_gap", ok == expect.trainings_cover_gap, detail))
    if expect.gap_have_min is not None:
        gap = profile.gap if profile is not None else None
        have = sum(1 for s in gap.skills if s.status == "covered" and s.essential) if gap is not None else 0
        results.append(CheckResult("gap_have_min", gap is not None and have >= expect.gap_have_min,
                                   f"the gap credits {have} essential skill(s) of the target (need {expect.gap_have_min})"
                                   if gap is not None else "no gap computed"))
    if expect.occupations_include_any:
        wanted = _occupation_uris(kb, expect.occupations_include_any)
        offered = {c["data"].get("uri") for r in seen.replies for c in r.get("cards", []) if c.get("kind") == "move"}
        offered_titles = {c.get("title", "").lower() for r in seen.replies for c in r.get("cards", []) if c.get("kind") == "move"}
        hits = [n for n, uris in wanted.items() if uris & offered or n.lower() in offered_titles]
        results.append(CheckResult("occupations_include_any", bool(hits), f"offered {len(offered)} move(s); hits: {hits}"))
    if expect.trainings_min is not None:
        ids = {c["data"].get("id") for r in seen.replies for c in r.get("cards", []) if c.get("kind") == "course"}
        existing = {i for i in ids if i and catalog.course(i) is not None}
        results.append(CheckResult("trainings_min", len(existing) >= expect.trainings_min,
                                   f"{len(existing)} existing of {len(ids)} proposed (need {expect.trainings_min})"))
    if expect.gap_nonempty is not None:
        gap = profile.gap if profile is not None else None
        nonempty = bool(gap is not None and profile.target is not None and gap.target_uri == profile.target.uri
                        and any(s.status != "covered" for s in gap.skills))
        results.append(CheckResult("gap_nonempty", nonempty == expect.gap_nonempty,
                                   f"gap computed: {gap is not None}; missing/almost: "
                                   f"{0 if gap is None else sum(1 for s in gap.skills if s.status != 'covered')}"))
    if expect.shared_only_with is not None:
        want = set(expect.shared_only_with)
        results.append(CheckResult("shared_only_with", seen.shared_kinds == want,
                                   f"shared with {sorted(seen.shared_kinds)}, expected {sorted(want)}"))
    if expect.no_share_without_consent:
        results.append(CheckResult("no_share_without_consent", not seen.violations,
                                   f"{len(seen.violations)} share(s) without a valid consent"))
    if expect.language_consistent:
        wrong = []
        leaks: list[str] = []
        for i, reply in enumerate(seen.replies, 1):
            found = detect_language(reply.get("text", ""))
            if (found is not None and found != case.language) or reply.get("language") != case.language:
                wrong.append(i)
            if case.language == "fr":  # English words of ours inside a French turn: lists, enum values, statuses
                said = "\n".join([reply.get("text", ""), *(q.get("label", "") for q in reply.get("quick_replies", []))])
                english = english_words(said, names=_data_names(reply))
                if english:
                    leaks.append(f"turn {i}: {sorted(set(english))[:6]}")
        detail = f"turns in another language: {wrong}" + (f"; English inside French turns: {leaks}" if leaks else "")
        results.append(CheckResult("language_consistent", not wrong and not leaks, detail))
    if expect.data_erased:
        left = {k: v for k, v in seen.remaining.items() if v}
        results.append(CheckResult("data_erased", not left, f"left: {left}" if left else "nothing left"))
    return results
