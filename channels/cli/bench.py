"""``orient bench <name>``: benchmarks as commands. Every module of the top-level ``benchmarks``
package is discovered and adds its own sub-command with ``register(bench_subparsers)``."""

from __future__ import annotations

import argparse
import importlib
import pkgutil

import benchmarks


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("bench", help="run a benchmark (skills, titles, occupations, ...) and write JSON")
    bench = parser.add_subparsers(dest="benchmark", required=True)
    for info in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"benchmarks.{info.name}")
        module.register(bench)
