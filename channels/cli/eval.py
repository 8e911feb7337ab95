"""``orient eval``: run conversation eval cases (YAML, ../shared/evals/README.md) through the real
agent, in process, with a scripted user; write transcripts and a summary.

    orient eval --cases ../shared/evals/cases --out var/evals

Writes ``<case>.json`` and ``<case>.md`` per case and ``summary.json`` (cases, passed, pass_rate,
p50/p95 ms per turn, per-case results), prints the summary table, exits 1 if a case failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("eval", help="run conversation eval cases through the agent")
    parser.add_argument("--cases", default="../shared/evals/cases", help="folder of YAML cases")
    parser.add_argument("--out", default="var/evals", help="folder for transcripts and summary.json")
    parser.add_argument("--keep-data", action="store_true",
                        help="keep the eval people's data in the stores (default: erased after each case)")
    parser.add_argument("--no-warm-up", action="store_true", help="skip the warm-up conversation before timing")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from tqdm import tqdm

    from channels.services import Services
    from evals.cases import CaseError, load_cases
    from evals.report import summary_table, write_results
    from evals.runner import EvalEnvironment, EvalRunner

    try:
        cases = load_cases(Path(args.cases))
    except CaseError as exc:
        print(f"orient eval: {exc}", file=sys.stderr)
        return 2
    # the eval cases share with the demo recipients: demo mode on, explicitly
    services = Services(settings.model_copy(update={"demo": True}))
    print(f"loading the agent (knowledge base, linker, catalogs) for {len(cases)} case(s)...", file=sys.stderr)
    env = EvalEnvironment(agent=services.agent, kb=services.knowledge_base, catalog=services.catalog,
                          profiles=services.profiles, sharing=services.sharing, privacy=services.privacy)
    runner = EvalRunner(env)
    if not args.no_warm_up:
        services.warm_up()  # what a server loads before serving
        runner.warm_up()
    results = []
    for case in tqdm(cases, desc="eval cases", unit="case", file=sys.stderr):
        result = runner.run_case(case)
        results.append(result)
        if not args.keep_data:
            services.agent.erase(result.person_id)
    summary = write_results(results, Path(args.out))
    print(summary_table(summary))
    print(f"transcripts and summary.json in {args.out}")
    return 0 if summary["passed"] == summary["cases"] else 1
