"""``orient bench gap``: how much of a skills gap do the top-5 recommended trainings cover?

For a fixed-seed sample of ESCO occupations as targets, the profile is a random ``--share``
(default 50%) of the target's essential skills; we compute the gap, ask ``recommend_trainings``
for 5 courses over the loaded catalog (the shared sample and any imported or pack courses), and
measure the share of gap skills that the chosen courses cover through their ESCO links:
- ``essential_covered``: share of the missing essential skills covered, averaged over targets;
- ``all_covered``: share of all listed gap skills (essential + optional) covered;
- ``targets_with_cover``: share of targets where at least one gap skill is covered.
Metrics ×100, plus the time per recommendation (p50 ms).

    orient bench gap --out var/bench/gap.json
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from benchmarks._report import save_report
from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gap", help="share of gap skills covered by the top-5 trainings over the loaded catalog")
    parser.add_argument("--sample", type=int, default=300, help="target occupations sampled (default 300; 0 = all)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--share", type=float, default=0.5, help="share of the target's essential skills the profile holds")
    parser.add_argument("--k", type=int, default=5, help="trainings recommended per gap (default 5)")
    parser.add_argument("--out", type=Path, help="write the report as JSON here")
    parser.set_defaults(func=run)


def run_benchmark(kb, catalog, sample: int, seed: int, share: float, k: int) -> dict:
    from tools.career.gap import compute_gap
    from tools.career.trainings import recommend_trainings

    occupations = sorted((o for o in kb.occupations.values() if len(set(o.essential_skills)) >= 2), key=lambda o: o.uri)
    rng = random.Random(seed)
    chosen = rng.sample(occupations, sample) if 0 < sample < len(occupations) else occupations
    essential_shares, all_shares, times = [], [], []
    with_cover = 0
    linked_trainings = 0
    total_trainings = 0
    for occ in chosen:
        essential = sorted(set(occ.essential_skills))
        profile = random.Random(f"{seed}:{occ.uri}").sample(essential, max(1, int(share * len(essential))))
        gap = compute_gap(kb, profile, occ.uri, "en")
        t0 = time.perf_counter()
        trainings = recommend_trainings(catalog, gap, None, k=k, skill_uris=profile, kb=kb)
        times.append((time.perf_counter() - t0) * 1000)
        covered = {s.uri for t in trainings for s in t.new_skills}
        total_trainings += len(trainings)
        linked_trainings += sum(1 for t in trainings if t.new_skills)
        ess = [s.uri for s in gap.skills if s.relation == "essential"]
        everything = [s.uri for s in gap.skills]
        if ess:
            essential_shares.append(len(covered & set(ess)) / len(ess))
        if everything:
            all_shares.append(len(covered & set(everything)) / len(everything))
        if covered:
            with_cover += 1
    n = len(chosen)
    return {
        "benchmark": "gap",
        "n": n,
        "seed": seed,
        "share": share,
        "k": k,
        "courses_in_catalog": len(catalog.courses()),
        "essential_covered": round(100 * statistics.mean(essential_shares), 2) if essential_shares else 0.0,
        "all_covered": round(100 * statistics.mean(all_shares), 2) if all_shares else 0.0,
        "targets_with_cover": round(100 * with_cover / n, 2) if n else 0.0,
        "trainings_per_gap": round(total_trainings / n, 2) if n else 0.0,
        "trainings_linked_to_gap": round(100 * linked_trainings / total_trainings, 2) if total_trainings else 0.0,
        "p50_ms": round(statistics.median(times), 2) if times else 0.0,
    }


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services

    services = Services(settings)
    report = run_benchmark(services.knowledge_base, services.catalog, args.sample, args.seed, args.share, args.k)
    print(
        f"gap: n={report['n']} over {report['courses_in_catalog']} courses: essential gap covered {report['essential_covered']:.1f}%, "
        f"all gap skills {report['all_covered']:.1f}%, targets with some cover {report['targets_with_cover']:.1f}%, "
        f"p50 {report['p50_ms']:.1f} ms"
    )
    save_report(report, args.out)
    return 0
