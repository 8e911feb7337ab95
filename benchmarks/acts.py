"""``orient bench acts``: the dialogue-act reader on the labelled set (evals/acts/*.yaml, at least
300 messages per language, each with the agent state it answers), per language and split: act
accuracy (the kinds of acts right) and exact match (kinds and what they point at: skill numbers,
fields, languages), and the read time per message.

    orient bench acts --out var/bench/acts.json          # offline: rules + the trained classifier
    orient bench acts --rules-only                         # without the classifier
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks._report import percentile, write_report
from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("acts", help="dialogue-act reading: act accuracy and exact match, dev/test, en/fr")
    parser.add_argument("--rules-only", action="store_true", help="read without the trained classifier")
    parser.add_argument("--errors", type=int, default=0, help="print this many misread test messages")
    parser.add_argument("--out", type=Path, default=Path("var/bench/acts.json"), help="write the report as JSON here")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from agent.acts.reader import ActReader
    from evals.acts_set import load_set, score_reader

    items = load_set()
    classifier = None
    if not args.rules_only:
        from agent.acts.classifier import ensure_classifier
        from channels.services import Services

        services = Services(settings)
        classifier, trained = ensure_classifier(services.embedder, settings.storage_dir, services.embedder_name)
        if trained:
            print("(the act classifier was trained first)")
    reader = ActReader(classifier)
    reader.read("warm up", items[0].context)
    scores, times = score_reader(reader, items)
    counts = {lang: sum(1 for i in items if i.lang == lang) for lang in sorted({i.lang for i in items})}
    report: dict = {"reader": "rules" if args.rules_only else "rules+classifier", "messages": counts}
    for key in sorted(scores):
        figures = scores[key].figures()
        report[f"{key} n"] = figures["n"]
        report[f"{key} act accuracy"] = figures["act_accuracy"]
        report[f"{key} exact match"] = figures["exact_match"]
    report["read ms p50"] = round(percentile(times, 0.5), 2)
    report["read ms p95"] = round(percentile(times, 0.95), 2)
    report["errors"] = [e for key in sorted(scores) if key.endswith("/test") and not key.startswith("all")
                        for e in scores[key].errors]
    report["dev errors"] = [e for key in sorted(scores) if key.endswith("/dev") and not key.startswith("all")
                            for e in scores[key].errors]
    write_report(report, args.out)
    for error in report["errors"][: args.errors]:
        print(f"  [{error['expecting']}] {error['message']!r}: expected {error['expected']}, got {error['got']}")
    return 0
