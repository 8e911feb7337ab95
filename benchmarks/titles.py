"""``orient bench titles``: job title -> ESCO occupation, ranked over all ESCO occupations.

Input: any CSV with a title column and a gold column (ESCO occupation URI, or ESCO code read as a
string). Reports MRR, R@1, R@5, R@10 (×100) and the time per title (p50/p95 ms).

    orient bench titles --dataset ../shared/data/benchmarks-dev/titles.csv --title-col vacancyTitle --uri-col conceptUri --out var/bench/titles.json

``--rome-appellations`` measures French titles without a French data set: ROME appellations (job
titles in French) with their ESCO occupations from the official ESCO-ROME crosswalk as gold. The
product knows the appellations as French titles of their occupations, so the set is read in two
halves, each by a linker that leaves out that half's titles (``benchmarks._held_out``).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks._datasets import read_csv_rows
from benchmarks._held_out import held_out_linker
from benchmarks._report import percentile, write_report
from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("titles", help="job titles -> ESCO occupations: MRR, R@1/5/10")
    parser.add_argument("--dataset", type=Path, help="CSV with a title column and an ESCO URI/code column")
    parser.add_argument("--title-col", default="title")
    parser.add_argument("--uri-col", default="uri")
    parser.add_argument("--lang", default="en", choices=["en", "fr"])
    parser.add_argument("--rome-appellations", action="store_true", help="French sanity set: ROME appellations -> ESCO via the official crosswalk")
    parser.add_argument("--sample", type=int, default=0, help="a fixed random sample of N rows (0 = all)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path)
    parser.set_defaults(func=run)


def resolve_gold(kb, value: str) -> str | None:
    """An ESCO occupation URI from a URI or an ESCO code (a string: '2422.10' is not '2422.1')."""
    value = (value or "").strip()
    if value in kb.occupations:
        return value
    found = kb.occupation_by_code(value)
    return found.uri if found else None


def read_pairs(path: Path, title_col: str, gold_col: str) -> list[tuple[str, str]]:
    return [(row[title_col], row[gold_col]) for row in read_csv_rows(path, (title_col, gold_col)) if row[title_col].strip()]


def _merged(folds: list[dict]) -> dict:
    """One report from the reports of disjoint folds: rank figures weighted by their sizes."""
    n = sum(f["n"] for f in folds)
    merged = dict(folds[0])
    for key in ("mrr", "r_at_1", "r_at_5", "r_at_10"):
        if key in folds[0]:
            merged[key] = round(sum(f[key] * f["n"] for f in folds) / n, 2) if n else 0.0
    merged["n"] = n
    merged["unresolved_gold"] = sum(f["unresolved_gold"] for f in folds)
    merged["folds"] = [{k: f[k] for k in ("n", "mrr", "r_at_10") if k in f} for f in folds]
    return merged


def rome_appellation_pairs(kb) -> list[tuple[str, str]]:
    """(French ROME appellation, its ESCO URIs joined by '|') for the appellations the official
    crosswalk maps; any of an appellation's ESCO occupations counts as a hit."""
    appellations = {a.code: a.label for r in kb.rome.values() for a in r.appellations}
    gold: dict[str, set[str]] = {}
    for uri, matches in kb.esco_to_rome.items():
        for m in matches:
            title = appellations.get(m.appellation)
            if title and uri in kb.occupations:
                gold.setdefault(title, set()).add(uri)
    return [(title, "|".join(sorted(uris))) for title, uris in sorted(gold.items())]


def product_rank(scores: np.ndarray, gold: list[int]) -> int:
    """1-based rank of the best gold occupation in the order the product shows (scores descending,
    ties in index order, as ``np.argsort(-scores, kind="stable")``): a tie is not counted as a hit."""
    best = len(scores)
    for g in gold:
        s = scores[g]
        best = min(best, 1 + int(np.sum(scores > s)) + int(np.sum(scores[:g] == s)))
    return best


def rank_metrics(ranks: list[int]) -> dict:
    r = np.array(ranks, dtype=np.float64)
    if len(r) == 0:
        return {"mrr": 0.0, "r_at_1": 0.0, "r_at_5": 0.0, "r_at_10": 0.0}
    return {
        "mrr": round(100 * float(np.mean(1.0 / r)), 2),
        "r_at_1": round(100 * float(np.mean(r <= 1)), 2),
        "r_at_5": round(100 * float(np.mean(r <= 5)), 2),
        "r_at_10": round(100 * float(np.mean(r <= 10)), 2),
    }


def run_benchmark(linker, kb, pairs: list[tuple[str, str]], lang: str, progress: bool = True, batch: int = 64, timed: int = 200) -> dict:
    """Ranks are computed in batches (one model call per batch); the latency is measured apart on
    the first ``timed`` titles, one call each, as the product links a single title."""
    from tqdm import tqdm

    position = {uri: i for i, uri in enumerate(linker.occupation_uris)}
    items: list[tuple[str, list[int]]] = []
    unresolved = 0
    for title, gold_value in pairs:
        gold = [position[u] for u in (resolve_gold(kb, v) for v in gold_value.split("|")) if u in position]
        if gold:
            items.append((title, gold))
        else:
            unresolved += 1
    linker.title_scores("warm up", lang)
    times = []
    for title, _ in items[:timed]:
        started = time.perf_counter()
        linker.title_scores(title, lang)
        times.append((time.perf_counter() - started) * 1000)
    ranks = []
    with tqdm(total=len(items), desc="titles", unit="title", disable=not progress) as bar:
        for start in range(0, len(items), batch):
            chunk = items[start : start + batch]
            scores = linker.title_scores_batch([t for t, _ in chunk], lang)
            for row, (_, gold) in zip(scores, chunk):
                ranks.append(product_rank(row, gold))
            bar.update(len(chunk))
    return {"benchmark": "titles", "lang": lang, "n": len(ranks), "unresolved_gold": unresolved, **rank_metrics(ranks),
            "p50_ms": round(percentile(times, 0.5), 1), "p95_ms": round(percentile(times, 0.95), 1), "timed_titles": len(times)}


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services

    if args.rome_appellations:
        pairs = None  # made from the knowledge base below
    elif args.dataset:
        pairs = read_pairs(args.dataset, args.title_col, args.uri_col)  # a bad file stops here, before the knowledge base loads
    else:
        print("give --dataset CSV (with --title-col and --uri-col) or --rome-appellations", file=sys.stderr)
        return 2
    services = Services(settings)
    kb = services.knowledge_base
    if pairs is None:
        pairs, lang, source = rome_appellation_pairs(kb), "fr", "ROME appellations -> ESCO (official crosswalk)"
    else:
        lang, source = args.lang, str(args.dataset)
    if args.sample and args.sample < len(pairs):
        pairs = random.Random(args.seed).sample(pairs, args.sample)
    if args.rome_appellations:  # two folds, each read by a linker that does not know its titles
        halves = [run_benchmark(held_out_linker(services.linker, [t for t, _ in part]), kb, part, lang)
                  for part in (pairs[0::2], pairs[1::2])]
        report = _merged(halves)
    else:
        report = run_benchmark(services.linker, kb, pairs, lang)
    report["dataset"] = source
    if args.sample:
        report["sample"], report["seed"] = args.sample, args.seed
    write_report(report, args.out)
    return 0
