"""``orient bench <name>``: benchmarks as commands. Every module of the top-level ``benchmarks``
package is discovered and adds its own sub-command with ``register(bench_subparsers)``."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def benchmarks_package():
    """The top-level ``benchmarks`` package (importable from an installed project or a checkout)."""
    try:
        return importlib.import_module("benchmarks")
    except ModuleNotFoundError:
        # ``benchmarks/`` lives beside the packages in a checkout; make it importable from there.
        if (PROJECT_ROOT / "benchmarks" / "__init__.py").is_file():
            sys.path.insert(0, str(PROJECT_ROOT))
            return importlib.import_module("benchmarks")
        raise


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("bench", help="run a benchmark (skills, titles, occupations, ...) and write JSON")
    bench = parser.add_subparsers(dest="benchmark", required=True)
    package = benchmarks_package()
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        module.register(bench)
