"""``orient bench crosslingual``: does a French experience link to the skills its English
translation links to?

Input: a CSV with columns ``en`` and ``fr``, the same experience written in both languages (the
default, ``benchmarks/data/experiences_en_fr.csv``, is 30 everyday experiences written for this
benchmark: jobs, volunteering, family care, sport, music). For each pair the English text's top
``k`` skills are the reference; reports the share of the French top ``k`` found there
(``agreement_at_k``) and in the English top 20 (``within_en_top20``), ×100, and the French linking
time per text. There is no French skill benchmark with human gold labels: this measures how much
worse French is than English, not absolute quality.

    orient bench crosslingual --out var/bench/crosslingual.json
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchmarks._datasets import read_csv_rows
from benchmarks._report import percentile, write_report
from channels.settings import Settings

DEFAULT_PAIRS = Path(__file__).parent / "data" / "experiences_en_fr.csv"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("crosslingual", help="French vs English skill linking agreement on parallel texts")
    parser.add_argument("--dataset", type=Path, default=DEFAULT_PAIRS, help="CSV with columns en, fr")
    parser.add_argument("--k", type=int, default=8, help="skills compared per text (default 8, what the chat shows)")
    parser.add_argument("--out", type=Path, help="write the report as JSON here")
    parser.set_defaults(func=run)


def read_pairs(path: Path) -> list[tuple[str, str]]:
    return [(row["en"].strip(), row["fr"].strip()) for row in read_csv_rows(path, ("en", "fr")) if row["en"].strip() and row["fr"].strip()]


def run_benchmark(linker, pairs: list[tuple[str, str]], k: int = 8) -> dict:
    linker.link_skills("échauffement", lang="fr", top_k=1)
    agreement, within, times, rows = [], [], [], []
    for en, fr in pairs:
        reference = [s.uri for s in linker.link_skills(en, lang="en", top_k=k)]
        wide = set(linker.rank_all_skills(en, lang="en")[:20])
        started = time.perf_counter()
        found = linker.link_skills(fr, lang="fr", top_k=k)
        times.append((time.perf_counter() - started) * 1000)
        uris = [s.uri for s in found]
        agreement.append(len(set(uris) & set(reference)) / k)
        within.append(len(set(uris) & wide) / k)
        rows.append({"fr": fr, "agreement": round(agreement[-1], 3), "fr_skills": [s.label for s in found]})
    n = len(pairs)
    return {
        "benchmark": "crosslingual",
        "n": n,
        "k": k,
        "agreement_at_k": round(100 * sum(agreement) / n, 1) if n else 0.0,
        "within_en_top20": round(100 * sum(within) / n, 1) if n else 0.0,
        "p50_ms": round(percentile(times, 0.5), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "texts": rows,
    }


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services

    pairs = read_pairs(args.dataset)  # a bad file stops here, before the knowledge base loads
    report = run_benchmark(Services(settings).linker, pairs, args.k)
    write_report(report, args.out)
    return 0
