"""``orient bench occupations``: free text (e.g. a job description, an experience) -> ESCO occupation.

Input: any CSV; ``--text-cols a,b`` are joined into the query, ``--gold-col`` holds the ESCO
occupation as a URI or an ESCO code (read as a string: '2422.10' is not '2422.1'). With
``--title-col`` (or, without it, the first of two or more ``--text-cols``: "title,description"),
that column is the job's title and the other text columns its description: the product
reads them as a described experience (``SkillLinker.experience_scores``), and the report gives the
title alone and the description alone beside the two together. Reports recall@1/5/10 and MRR (×100)
over all ESCO occupations, and the time per text.

``--from-knowledge`` needs no file: a dev check built from the knowledge base itself, never from a
benchmark file: ``rome-fr``, each ROME appellation crosswalked to ESCO (title) with its ROME job's
definition (description), gold = its ESCO occupations; ``onet-en``, each O*NET occupation (title and
description) crosswalked to ESCO (exact and close matches). Any of the gold occupations counts.

    orient bench occupations --dataset FILE.csv --title-col title --text-cols description --gold-col conceptUri --out var/bench/occupations.json
    orient bench occupations --from-knowledge rome-fr --sample 500 --out var/bench/occupations-rome.json
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from benchmarks._datasets import read_csv_rows
from benchmarks._held_out import held_out_linker
from benchmarks._report import percentile, write_report
from benchmarks.titles import product_rank, rank_metrics, resolve_gold
from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("occupations", help="free text -> ESCO occupation: recall@5, recall@10")
    parser.add_argument("--dataset", type=Path, help="CSV file (or --from-knowledge)")
    parser.add_argument("--from-knowledge", choices=sorted(KNOWLEDGE_SETS), help="a dev check built from the knowledge base")
    parser.add_argument("--text-cols", default="", help="comma-separated columns joined into the text (the description with --title-col)")
    parser.add_argument("--title-col", default="", help="the job title's column: read as a described experience")
    parser.add_argument("--gold-col", default="", help="ESCO occupation URI or code ('|'-separated: any of them)")
    parser.add_argument("--lang", default="en", choices=["en", "fr"])
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path)
    parser.set_defaults(func=run)


def read_rows(path: Path, text_cols: list[str], gold_col: str, title_col: str = "") -> list[tuple[str, str, str]]:
    """(title, description, gold) per row; without a title column the title is empty and the
    description is the text columns joined."""
    rows = []
    for row in read_csv_rows(path, (*([title_col] if title_col else []), *text_cols, gold_col)):
        text = ". ".join(row[c].strip() for c in text_cols if row[c].strip())
        title = row[title_col].strip() if title_col else ""
        if text or title:
            rows.append((title, text, row[gold_col]))
    return rows


def rome_rows(kb) -> list[tuple[str, str, str]]:
    """(ROME appellation, its ROME job's definition, its ESCO occupations joined by '|')."""
    definitions = {a.code: r.definition for r in kb.rome.values() for a in r.appellations}
    titles = {a.code: a.label for r in kb.rome.values() for a in r.appellations}
    gold: dict[str, set[str]] = {}
    for uri, matches in kb.esco_to_rome.items():
        for m in matches:
            if m.appellation in titles:
                gold.setdefault(m.appellation, set()).add(uri)
    return [(titles[code], definitions[code], "|".join(sorted(uris))) for code, uris in sorted(gold.items()) if definitions[code]]


def onet_rows(kb) -> list[tuple[str, str, str]]:
    """(O*NET title, O*NET description, its ESCO occupations (exact and close matches) joined by '|')."""
    rows = []
    for code, onet in sorted(kb.onet.items()):
        uris = sorted({m.code for m in kb.onet_to_esco.get(code, []) if m.relation in ("exactMatch", "closeMatch") and m.code in kb.occupations})
        if uris and onet.description:
            rows.append((onet.title, onet.description, "|".join(uris)))
    return rows


KNOWLEDGE_SETS = {"rome-fr": (rome_rows, "fr"), "onet-en": (onet_rows, "en")}


def run_benchmark(linker, kb, rows: list[tuple[str, str, str]], lang: str, progress: bool = True) -> dict:
    """``rows``: (title, description, gold) as :func:`read_rows` gives them; with titles, the title
    alone and the description alone are measured too."""
    from tqdm import tqdm

    position = {uri: i for i, uri in enumerate(linker.occupation_uris)}
    linker.occupation_scores("warm up", lang)
    with_titles = any(title for title, _, _ in rows)
    ranks: dict[str, list[int]] = {"combined": [], "title": [], "description": []} if with_titles else {"combined": []}
    times, unresolved = [], 0
    for title, text, gold_value in tqdm(rows, desc="occupations", unit="text", disable=not progress):
        gold = [position[g] for g in (resolve_gold(kb, v) for v in gold_value.split("|")) if g in position]
        if not gold:
            unresolved += 1
            continue
        started = time.perf_counter()
        scores = linker.experience_scores(title, text, lang) if with_titles else linker.occupation_scores(text, lang)
        times.append((time.perf_counter() - started) * 1000)
        ranks["combined"].append(product_rank(scores, gold) if scores is not None else len(position))
        if with_titles:
            for part, scores in (("title", linker.experience_scores(title, "", lang)), ("description", linker.experience_scores("", text, lang))):
                ranks[part].append(product_rank(scores, gold) if scores is not None else len(position))
    metrics = rank_metrics(ranks["combined"])
    report = {"benchmark": "occupations", "lang": lang, "n": len(ranks["combined"]), "unresolved_gold": unresolved,
              "recall_at_1": metrics["r_at_1"], "recall_at_5": metrics["r_at_5"], "recall_at_10": metrics["r_at_10"], "mrr": metrics["mrr"],
              "p50_ms": round(percentile(times, 0.5), 1), "p95_ms": round(percentile(times, 0.95), 1)}
    for part in ("title", "description"):
        if part in ranks:
            alone = rank_metrics(ranks[part])
            report[f"{part}_alone"] = {"recall_at_1": alone["r_at_1"], "recall_at_5": alone["r_at_5"], "recall_at_10": alone["r_at_10"], "mrr": alone["mrr"]}
    return report


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services

    if args.from_knowledge:
        rows = None
    elif args.dataset is None or not args.gold_col or not (args.text_cols or args.title_col):
        print("orient bench occupations: give --dataset with --gold-col and --text-cols (and/or --title-col), or --from-knowledge", file=sys.stderr)
        return 2
    else:
        text_cols = [c.strip() for c in args.text_cols.split(",") if c.strip()]
        title_col = args.title_col.strip()
        if not title_col and len(text_cols) > 1:  # "title,description": the first column names the job
            title_col, text_cols = text_cols[0], text_cols[1:]
        rows = read_rows(args.dataset, text_cols, args.gold_col, title_col)
    services = Services(settings)
    lang = args.lang
    if rows is None:
        make_rows, lang = KNOWLEDGE_SETS[args.from_knowledge]
        rows = make_rows(services.knowledge_base)
    if args.sample and args.sample < len(rows):
        rows = random.Random(args.seed).sample(rows, args.sample)
    linker = services.linker
    if args.from_knowledge == "rome-fr":  # the product knows every ROME title: leave out the sampled ones it reads
        linker = held_out_linker(services.linker, [title for title, _, _ in rows])
    report = run_benchmark(linker, services.knowledge_base, rows, lang)
    report["dataset"] = f"knowledge base: {args.from_knowledge}" if args.from_knowledge else str(args.dataset)
    write_report(report, args.out)
    return 0
