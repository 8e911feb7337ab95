"""``orient bench moves``: do the moves find ROME's usual moves the ranker was not told about?

ROME lists, for each job family (code), the families people usually move to (*mobilité*). The
ranker uses those links. To measure what it finds by itself, the links of a fixed random fifth
(``--hidden``) of the ROME codes are hidden from it (it keeps using the others). For each hidden
code, a person who held one of its ESCO occupations (the first by URI) asks for moves, with that
occupation's essential skills, the code's RIASEC letters and centres d'intérêt as interests, and
the occupation as the job they held (context); ``rank_moves`` proposes ``--top-k`` (10) moves.
A hidden link is found when one of the moves belongs to its target ROME family.

Reports recall@10 of the hidden links (×100: ``recall_at_10`` micro over links, ``recall_code_mean``
averaged over codes, ``codes_with_hit`` share of codes with at least one link found), and the
ranking time per person (p50/p95 ms; the first call, which builds the matrices, apart).

    orient bench moves --out var/bench/moves.json
Target: p50 ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import copy
import random
import statistics
import time
from pathlib import Path

from benchmarks._report import percentile, save_report
from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("moves", help="career moves: recall@10 of ROME mobility links hidden from the ranker")
    parser.add_argument("--hidden", type=float, default=0.2, help="share of ROME codes whose links are hidden (default 0.2)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--sample", type=int, default=0, help="hidden codes evaluated (default 0 = all of them)")
    parser.add_argument("--top-k", type=int, default=10)
    parser.add_argument("--out", type=Path, help="write the report as JSON here")
    parser.set_defaults(func=run)


class HiddenMobility:
    """The knowledge base as the ranker sees it: the same, but the hidden codes have no mobility links."""

    def __init__(self, kb, hidden: set[str]):
        self._kb = kb
        self.rome = {code: (_without_links(record) if code in hidden else record) for code, record in kb.rome.items()}

    def __getattr__(self, name):
        return getattr(self._kb, name)


def _without_links(record):
    out = copy.copy(record)
    out.mobility = []
    return out


def run_benchmark(kb, hidden_share: float = 0.2, seed: int = 42, top_k: int = 10, sample: int = 0) -> dict:
    from tools.career.interests import InterestProfile
    from tools.career.moves import rank_moves
    from tools.career.rome_facts import RomeFacts, centres_of, mobility_of, riasec_letters

    facts = RomeFacts.for_kb(kb)
    with_people = sorted(code for code, members in facts.by_rome.items()
                         if members and code in kb.rome and mobility_of(kb.rome[code]))
    rng = random.Random(seed)
    hidden = set(rng.sample(with_people, max(1, round(hidden_share * len(with_people)))))
    view = HiddenMobility(kb, hidden)
    view_facts = RomeFacts.for_kb(view)
    space = view_facts.space
    codes = sorted(hidden)
    if 0 < sample < len(codes):
        codes = random.Random(seed + 1).sample(codes, sample)

    first = space.occ_uris[facts.by_rome[codes[0]][0]]
    started = time.perf_counter()
    rank_moves(view, list(kb.occupations[first].essential_skills), "jobseeker", top_k=top_k,
               current_occupations=[first])  # builds the matrices once
    warmup_ms = (time.perf_counter() - started) * 1000

    found_links = total_links = 0
    per_code, times = [], []
    with_hit = 0
    for code in codes:
        record = kb.rome[code]
        person = min(space.occ_uris[i] for i in facts.by_rome[code])
        major, minor = riasec_letters(record)
        letters = {x: w for x, w in ((major, 1.0), (minor, 0.7)) if x}
        interests = InterestProfile(text=code, riasec=letters, centres=centres_of(record))
        targets = {t for t in mobility_of(record) if t != code and t in facts.by_rome}
        if not targets:
            continue
        t0 = time.perf_counter()
        moves = rank_moves(view, list(kb.occupations[person].essential_skills), "jobseeker", interests, None,
                           top_k=top_k, current_occupations=[person])
        times.append((time.perf_counter() - t0) * 1000)
        reached = {c for m in moves for c in m.rome_codes}
        hit = len(targets & reached)
        found_links += hit
        total_links += len(targets)
        per_code.append(hit / len(targets))
        with_hit += hit > 0
    n = len(per_code)
    return {
        "benchmark": "moves",
        "hidden_codes": len(hidden),
        "n": n,
        "links": total_links,
        "seed": seed,
        "top_k": top_k,
        "recall_at_10": round(100 * found_links / total_links, 2) if total_links else 0.0,
        "recall_code_mean": round(100 * statistics.mean(per_code), 2) if per_code else 0.0,
        "codes_with_hit": round(100 * with_hit / n, 2) if n else 0.0,
        "p50_ms": round(statistics.median(times), 2) if times else 0.0,
        "p95_ms": round(percentile(times, 0.95), 2) if times else 0.0,
        "warmup_ms": round(warmup_ms, 1),
        "targets": {"p50_ms": 100},
    }


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services

    kb = Services(settings).knowledge_base
    report = run_benchmark(kb, args.hidden, args.seed, args.top_k, args.sample)
    print(
        f"moves: {report['hidden_codes']} ROME codes' mobility hidden, {report['n']} evaluated ({report['links']} links): "
        f"recall@{report['top_k']} {report['recall_at_10']:.1f} (per code {report['recall_code_mean']:.1f}, "
        f"codes with a hit {report['codes_with_hit']:.1f}%)  p50 {report['p50_ms']:.1f} ms  p95 {report['p95_ms']:.1f} ms  "
        f"(first call {report['warmup_ms']:.0f} ms)"
    )
    save_report(report, args.out)
    return 0
