"""``orient bench skills``: skill extraction from job-ad sentences, ranked over all ESCO skills.

Input: a CSV with columns ``sentence`` and ``label`` (others ignored), one row per annotated span,
in the format of the Decorte et al. 2022 skill-extraction benchmark. Rows are grouped by
sentence; gold = every ESCO preferred label annotated on the sentence (``LABEL NOT PRESENT`` and
``UNDERSPECIFIED`` dropped; sentences left with no gold dropped). The query is the sentence only.
Reports RP@5 (hits in the top 5 / min(5, |gold|)) and MRR of the first gold skill, ×100, what a
person is shown (``link_skills`` with its threshold: skills per statement, their precision and
recall of the gold, ×100), and the linking time per sentence (p50/p95 ms, after a warm-up call). The figures are also given on each
half of a fixed split (the sentences in odd and even positions of the file), so that a small set
shows how much of a figure is noise.

    orient bench skills --dataset ../shared/data/benchmarks-dev/house_validation_annotations.csv --out var/bench/skills-house.json
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchmarks._datasets import read_csv_rows
from benchmarks._report import percentile, write_report
from channels.settings import Settings

IGNORED_LABELS = {"LABEL NOT PRESENT", "UNDERSPECIFIED"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("skills", help="skill linking: RP@5 and MRR over all ESCO skills")
    parser.add_argument("--dataset", type=Path, required=True, help="CSV with columns sentence, label")
    parser.add_argument("--lang", default="en", choices=["en", "fr"])
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences (0 = all)")
    parser.add_argument("--person", action="store_true",
                        help="the sentences are people's own words, linked as the chat links them (person_skills_dev_*)")
    parser.add_argument("--out", type=Path, help="write the report as JSON here")
    parser.set_defaults(func=run)


def read_gold(path: Path) -> list[tuple[str, set[str]]]:
    """(sentence, gold labels) in file order; raises DatasetError naming a missing column."""
    grouped: dict[str, set[str]] = {}
    for row in read_csv_rows(path, ("sentence", "label")):
        sentence = row["sentence"].strip()
        if not sentence:
            continue
        labels = grouped.setdefault(sentence, set())
        label = row["label"].strip()
        if label and label not in IGNORED_LABELS:
            labels.add(label)
    return [(s, g) for s, g in grouped.items() if g]


def gold_uris(kb, labels: set[str]) -> tuple[set[str], set[str]]:
    """ESCO URIs of gold preferred labels (exact preferred label first, else any label); unknown labels."""
    by_pref: dict[str, str] = {}
    for s in kb.skills.values():
        by_pref.setdefault(s.labels.get("en", ""), s.uri)
    uris, unknown = set(), set()
    for label in labels:
        uri = by_pref.get(label)
        if uri is None:
            found = kb.skill_by_label(label) if hasattr(kb, "skill_by_label") else None
            uri = found.uri if found else None
        (uris.add(uri) if uri else unknown.add(label))
    return uris, unknown


def rp_at_k(ranked: list[str], gold: set[str], k: int = 5) -> float:
    return sum(1 for u in ranked[:k] if u in gold) / min(k, len(gold))


def reciprocal_rank(ranked: list[str], gold: set[str]) -> float:
    for i, u in enumerate(ranked):
        if u in gold:
            return 1.0 / (i + 1)
    return 0.0


def run_benchmark(linker, kb, items: list[tuple[str, set[str]]], lang: str = "en", limit: int = 0, progress: bool = True,
                  shown_k: int = 10, person: bool | None = None) -> dict:
    """``items``: (sentence, gold labels) as :func:`read_gold` gives them. With ``shown_k``, also
    what a person is shown (``link_skills``, its calibrated threshold, at most ``shown_k``): how
    many skills a statement, their precision and their recall of the gold. ``person``: True for
    people's own words, linked as the chat links them (None: the linker tells from the text)."""
    from tqdm import tqdm

    if limit:
        items = items[:limit]
    linker.rank_all_skills("warm up", lang)
    rps, rrs, times, unknown_labels = [], [], [], set()
    shown_counts: list[int] = []
    shown_precision: list[float] = []
    shown_recall: list[float] = []
    for sentence, labels in tqdm(items, desc="skills", unit="sentence", disable=not progress):
        gold, unknown = gold_uris(kb, labels)
        unknown_labels |= unknown
        if not gold:
            continue
        started = time.perf_counter()
        ranked = linker.rank_all_skills(sentence, lang, person)
        times.append((time.perf_counter() - started) * 1000)
        rps.append(rp_at_k(ranked, gold))
        rrs.append(reciprocal_rank(ranked, gold))
        if shown_k:
            shown = [s.uri for s in linker.link_skills(sentence, lang=lang, top_k=shown_k, person=person)]
            hits = sum(1 for u in shown if u in gold)
            shown_counts.append(len(shown))
            shown_precision.append(hits / len(shown) if shown else 0.0)
            shown_recall.append(hits / len(gold))
    n = len(rps)
    return {
        "benchmark": "skills",
        "lang": lang,
        "n": n,
        "person": bool(person),
        "rp_at_5": round(100 * sum(rps) / n, 2) if n else 0.0,
        "mrr": round(100 * sum(rrs) / n, 2) if n else 0.0,
        "halves": {name: _mean_figures(rps[first::2], rrs[first::2]) for name, first in (("odd_positions", 0), ("even_positions", 1))},
        "shown_per_statement": round(sum(shown_counts) / len(shown_counts), 2) if shown_counts else 0.0,
        "shown_precision": round(100 * sum(shown_precision) / len(shown_precision), 2) if shown_precision else 0.0,
        "shown_recall": round(100 * sum(shown_recall) / len(shown_recall), 2) if shown_recall else 0.0,
        "p50_ms": round(percentile(times, 0.5), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "unknown_gold_labels": sorted(unknown_labels),
    }


def _mean_figures(rps: list[float], rrs: list[float]) -> dict:
    """RP@5 and MRR (×100) of one half of the sentences."""
    n = len(rps)
    return {"n": n, "rp_at_5": round(100 * sum(rps) / n, 2) if n else 0.0, "mrr": round(100 * sum(rrs) / n, 2) if n else 0.0}


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services

    items = read_gold(args.dataset)  # a bad file stops here, before the knowledge base loads
    services = Services(settings)
    report = run_benchmark(services.linker, services.knowledge_base, items, args.lang, args.limit,
                           person=True if args.person else None)
    report["dataset"] = str(args.dataset)
    write_report(report, args.out)
    return 0
