"""``orient bench <name>``: benchmarks as commands. Every module of the top-level ``benchmarks``
package is discovered and adds its own sub-command with ``register(bench_subparsers)``. A dataset
that cannot be read (missing, not UTF-8 CSV, a column short) ends the command with one line on
standard error naming the file and what is wrong, and exit status 2."""

from __future__ import annotations

import argparse
import functools
import importlib
import pkgutil
import sys

import benchmarks
from benchmarks._datasets import DatasetError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("bench", help="run a benchmark (skills, titles, occupations, ...) and write JSON")
    bench = parser.add_subparsers(dest="benchmark", required=True)
    for info in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"benchmarks.{info.name}")
        module.register(bench)
    for command in bench.choices.values():
        command.set_defaults(func=_reporting_dataset_errors(command.get_default("func")))


def _reporting_dataset_errors(run):
    @functools.wraps(run)
    def reporting(args: argparse.Namespace, settings) -> int:
        try:
            return run(args, settings)
        except DatasetError as error:
            print(f"orient bench {args.benchmark}: {error}", file=sys.stderr)
            return 2

    return reporting
