"""The ``orient`` command line. Each module of this package adds one subcommand.

A module registers itself with ``register(subparsers)`` and sets ``func(args, settings)`` on its
parser; settings are read once here and passed down.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys

from channels.settings import Settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="orient", description="Orient career-guidance agent")
    parser.add_argument("--data-dir", help="reference data folder (default: $ORIENT_DATA_DIR or ../shared/data)")
    parser.add_argument("--storage-dir", help="where Orient writes its stores (default: $ORIENT_STORAGE_DIR or ./var)")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(sub)
    return parser


def settings_from_args(args: argparse.Namespace) -> Settings:
    overrides = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = args.data_dir
    if getattr(args, "storage_dir", None):
        overrides["storage_dir"] = args.storage_dir
    return Settings(**overrides)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = settings_from_args(args)
    try:
        return int(args.func(args, settings) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
