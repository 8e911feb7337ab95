"""``orient bench gap``: does the gap credit what a person has, and show only what differs?

From ESCO alone. For a fixed-seed sample of occupations with at least ``--min-essential`` (8)
essential skills:

1. **Said in other words.** The profile is the occupation's essential skills, each said with one of
   its alternative labels (a preferred label when it has none) and linked back through the linker,
   as a person's words would be. The gap to the occupation should be at most 20% of its essential
   skills: ``within_20`` is the share of occupations where it is (×100); ``coverage_mean`` the mean
   share of essential skills credited; ``linked_back`` the share of the reworded skills the linker
   found exactly (the rest are credited, or not, through the hierarchy and near-equivalents).
2. **Step up in the same job family.** For each occupation with a step up in its own ROME family
   (a higher-level occupation sharing a ROME code, see :mod:`tools.career.progression`), the person
   held the occupation (its title said) and has the reworded profile: the gap to the step up should
   show only the skills that differ. ``stepup_only_differing``: share of pairs where every missing
   essential skill is one the held occupation does not list as essential (×100);
   ``stepup_differing_shown``: mean share of those differing skills the gap shows as to learn or
   almost there.
Latency: compute_gap p50/p95 (ms) as a chat turn calls it (no ROME/O*NET translation of gap skills), after a first call that loads the per-knowledge-base structures.

    orient bench gap --out var/bench/gap.json
Targets: within_20 ≥ 90, stepup_only_differing ≥ 95, p50 ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from benchmarks._report import percentile, save_report
from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gap", help="gap credit: essential skills said in other words, step ups in a ROME family")
    parser.add_argument("--sample", type=int, default=200, help="occupations sampled (default 200; 0 = all)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--min-essential", type=int, default=8, help="occupations with at least this many essential skills")
    parser.add_argument("--out", type=Path, help="write the report as JSON here")
    parser.set_defaults(func=run)


def reworded(kb, skill_uri: str, rng: random.Random) -> str:
    """One of the skill's alternative English labels (its preferred label when it has none)."""
    skill = kb.skills.get(skill_uri)
    alts = list((getattr(skill, "alt_labels", None) or {}).get("en", []) if skill is not None else [])
    return rng.choice(alts) if alts else kb.label(skill_uri, "en")


def run_benchmark(kb, linker, sample: int, seed: int, min_essential: int = 8) -> dict:
    from tools.career.gap import compute_gap
    from tools.career.models import HeldOccupation
    from tools.career.progression import occupation_levels
    from tools.career.rome_facts import RomeFacts
    from tools.career.skill_space import SkillSpace

    occupations = sorted((o for o in kb.occupations.values() if len(set(o.essential_skills)) >= min_essential),
                         key=lambda o: o.uri)
    rng = random.Random(seed)
    chosen = rng.sample(occupations, sample) if 0 < sample < len(occupations) else occupations
    space, facts = SkillSpace.for_kb(kb), RomeFacts.for_kb(kb)
    levels = occupation_levels(kb, space)
    started = time.perf_counter()
    compute_gap(kb, list(chosen[0].essential_skills[:1]), chosen[0].uri, "en", max_translated=0)  # loads the structures once
    warmup_ms = (time.perf_counter() - started) * 1000

    coverages, linked_exact, times = [], [], []
    only_differing, differing_shown = [], []
    for occ in chosen:
        essential = sorted(set(occ.essential_skills))
        words = random.Random(f"{seed}:{occ.uri}")
        profile = []
        for uri in essential:
            found = linker.link_skills(reworded(kb, uri, words), lang="en", top_k=1)
            if found:
                profile.append(found[0].uri)
                linked_exact.append(found[0].uri == uri)
            else:
                linked_exact.append(False)
        t0 = time.perf_counter()
        gap = compute_gap(kb, profile, occ.uri, "en", max_translated=0)
        times.append((time.perf_counter() - t0) * 1000)
        coverages.append(gap.essential_coverage)

        i = space.occ_pos[occ.uri]
        family = set(facts.rome_codes[i])
        ups = [j for code in family for j in facts.by_rome.get(code, [])
               if j != i and levels[j] > levels[i]] if family and levels[i] == levels[i] else []
        if not ups:
            continue
        up = space.occ_uris[sorted(set(ups))[0]]
        held = [HeldOccupation(uri=occ.uri, label=kb.label(occ.uri, "en"))]
        t0 = time.perf_counter()
        step = compute_gap(kb, profile, up, "en", held_occupations=held, max_translated=0)
        times.append((time.perf_counter() - t0) * 1000)
        differing = set(kb.occupations[up].essential_skills) - set(essential)
        missing = {s.uri for s in step.missing_essential}
        only_differing.append(missing <= differing)
        if differing:
            differing_shown.append(len(missing & differing) / len(differing))
    n = len(chosen)
    within = sum(1 for c in coverages if c >= 0.8)
    return {
        "benchmark": "gap",
        "n": n,
        "seed": seed,
        "min_essential": min_essential,
        "within_20": round(100 * within / n, 2) if n else 0.0,
        "coverage_mean": round(100 * statistics.mean(coverages), 2) if coverages else 0.0,
        "linked_back": round(100 * sum(linked_exact) / len(linked_exact), 2) if linked_exact else 0.0,
        "stepup_pairs": len(only_differing),
        "stepup_only_differing": round(100 * sum(only_differing) / len(only_differing), 2) if only_differing else 0.0,
        "stepup_differing_shown": round(100 * statistics.mean(differing_shown), 2) if differing_shown else 0.0,
        "p50_ms": round(statistics.median(times), 2) if times else 0.0,
        "p95_ms": round(percentile(times, 0.95), 2) if times else 0.0,
        "warmup_ms": round(warmup_ms, 1),
        "targets": {"within_20": 90, "stepup_only_differing": 95, "p50_ms": 100},
    }


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services

    services = Services(settings)
    report = run_benchmark(services.knowledge_base, services.linker, args.sample, args.seed, args.min_essential)
    print(
        f"gap: n={report['n']} (>= {report['min_essential']} essential skills), said in other words: gap <= 20% for "
        f"{report['within_20']:.1f}% (mean coverage {report['coverage_mean']:.1f}%, linked back exactly "
        f"{report['linked_back']:.1f}%); step ups in the ROME family: {report['stepup_pairs']} pairs, only the "
        f"differing skills shown in {report['stepup_only_differing']:.1f}% (differing shown "
        f"{report['stepup_differing_shown']:.1f}%); p50 {report['p50_ms']:.1f} ms, p95 {report['p95_ms']:.1f} ms"
    )
    save_report(report, args.out)
    return 0
