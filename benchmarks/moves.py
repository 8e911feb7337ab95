"""``orient bench moves``: can a profile made of most of an occupation's essential skills find it again?

For a fixed-seed sample of ESCO occupations (those with at least one essential skill), the profile is
a random ``--share`` (default 80%) of the occupation's essential skills; ``rank_moves`` ranks all
occupations for it (no interests, no preferences, no pack), and we check whether the occupation is
in the top 10. Reports recall@1/5/10 (×100) and the ranking time per profile (p50/p95 ms, the
first call, which builds the per-knowledge-base matrices, reported apart).

    orient bench moves --out var/bench/moves.json
Targets: recall@10 ≥ 90, p50 ≤ 100 ms.
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
    parser = subparsers.add_parser("moves", help="career moves: recall@10 of an occupation from 80%% of its essential skills")
    parser.add_argument("--sample", type=int, default=500, help="occupations sampled (default 500; 0 = all)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--share", type=float, default=0.8, help="share of the essential skills in the profile (default 0.8)")
    parser.add_argument("--top-k", type=int, default=10)
    parser.add_argument("--out", type=Path, help="write the report as JSON here")
    parser.set_defaults(func=run)


def run_benchmark(kb, sample: int, seed: int, share: float, top_k: int) -> dict:
    from tools.career.moves import rank_moves

    occupations = sorted((o for o in kb.occupations.values() if o.essential_skills), key=lambda o: o.uri)
    rng = random.Random(seed)
    chosen = rng.sample(occupations, sample) if 0 < sample < len(occupations) else occupations
    started = time.perf_counter()
    rank_moves(kb, list(chosen[0].essential_skills[:1]), top_k=top_k)  # builds the matrices once
    warmup_ms = (time.perf_counter() - started) * 1000
    hits = {1: 0, 5: 0, 10: 0}
    reciprocal = 0.0
    times: list[float] = []
    for occ in chosen:
        essential = sorted(set(occ.essential_skills))
        k = max(1, round(share * len(essential)))
        profile = random.Random(f"{seed}:{occ.uri}").sample(essential, k)
        t0 = time.perf_counter()
        moves = rank_moves(kb, profile, top_k=top_k)
        times.append((time.perf_counter() - t0) * 1000)
        uris = [m.uri for m in moves]
        if occ.uri in uris:
            rank = uris.index(occ.uri) + 1
            reciprocal += 1.0 / rank
            for cut in hits:
                if rank <= cut:
                    hits[cut] += 1
    n = len(chosen)
    return {
        "benchmark": "moves",
        "n": n,
        "seed": seed,
        "share": share,
        "top_k": top_k,
        "recall_at_1": round(100 * hits[1] / n, 2),
        "recall_at_5": round(100 * hits[5] / n, 2),
        "recall_at_10": round(100 * hits[10] / n, 2),
        "mrr_at_10": round(100 * reciprocal / n, 2),
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "warmup_ms": round(warmup_ms, 1),
        "targets": {"recall_at_10": 90, "p50_ms": 100},
    }


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services

    kb = Services(settings).knowledge_base
    report = run_benchmark(kb, args.sample, args.seed, args.share, args.top_k)
    print(
        f"moves: n={report['n']} recall@1 {report['recall_at_1']:.1f}  recall@5 {report['recall_at_5']:.1f}  "
        f"recall@10 {report['recall_at_10']:.1f}  MRR@10 {report['mrr_at_10']:.1f}  "
        f"p50 {report['p50_ms']:.1f} ms  p95 {report['p95_ms']:.1f} ms  (first call {report['warmup_ms']:.0f} ms)"
    )
    save_report(report, args.out)
    return 0
