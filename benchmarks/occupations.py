"""``orient bench occupations``: free text (e.g. a job description, an experience) -> ESCO occupation.

Input: any CSV; ``--text-cols a,b`` are joined into the query, ``--gold-col`` holds the ESCO
occupation as a URI or an ESCO code (read as a string: '2422.10' is not '2422.1'). Reports
recall@1/5/10 and MRR (×100) over all ESCO occupations, and the time per text.

    orient bench occupations --dataset FILE.csv --text-cols title,description --gold-col conceptUri --out var/bench/occupations.json
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import numpy as np

from benchmarks._datasets import read_csv_rows
from benchmarks._report import percentile, write_report
from benchmarks.titles import product_rank, rank_metrics, resolve_gold
from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("occupations", help="free text -> ESCO occupation: recall@5, recall@10")
    parser.add_argument("--dataset", type=Path, required=True)
    parser.add_argument("--text-cols", required=True, help="comma-separated columns joined into the text")
    parser.add_argument("--gold-col", required=True, help="ESCO occupation URI or code")
    parser.add_argument("--lang", default="en", choices=["en", "fr"])
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path)
    parser.set_defaults(func=run)


def read_rows(path: Path, text_cols: list[str], gold_col: str) -> list[tuple[str, str]]:
    rows = []
    for row in read_csv_rows(path, (*text_cols, gold_col)):
        text = ". ".join(row[c].strip() for c in text_cols if row[c].strip())
        if text:
            rows.append((text, row[gold_col]))
    return rows


def run_benchmark(linker, kb, rows: list[tuple[str, str]], lang: str, progress: bool = True) -> dict:
    from tqdm import tqdm

    position = {uri: i for i, uri in enumerate(linker.occupation_uris)}
    linker.occupation_scores("warm up", lang)
    ranks, times, unresolved = [], [], 0
    for text, gold_value in tqdm(rows, desc="occupations", unit="text", disable=not progress):
        gold = resolve_gold(kb, gold_value)
        if gold is None or gold not in position:
            unresolved += 1
            continue
        started = time.perf_counter()
        scores = linker.occupation_scores(text, lang)
        times.append((time.perf_counter() - started) * 1000)
        if scores is None:
            ranks.append(len(position))
            continue
        ranks.append(product_rank(scores, [position[gold]]))
    metrics = rank_metrics(ranks)
    return {"benchmark": "occupations", "lang": lang, "n": len(ranks), "unresolved_gold": unresolved,
            "recall_at_1": metrics["r_at_1"], "recall_at_5": metrics["r_at_5"], "recall_at_10": metrics["r_at_10"], "mrr": metrics["mrr"],
            "p50_ms": round(percentile(times, 0.5), 1), "p95_ms": round(percentile(times, 0.95), 1)}


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services

    rows = read_rows(args.dataset, [c.strip() for c in args.text_cols.split(",") if c.strip()], args.gold_col)
    services = Services(settings)
    if args.sample and args.sample < len(rows):
        rows = random.Random(args.seed).sample(rows, args.sample)
    report = run_benchmark(services.linker, services.knowledge_base, rows, args.lang)
    report["dataset"] = str(args.dataset)
    write_report(report, args.out)
    return 0
