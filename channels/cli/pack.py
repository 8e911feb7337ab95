"""``orient pack load|check|list|remove``: knowledge packs (employer, university, regional)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from channels.settings import Settings


def register(subparsers) -> None:
    parser = subparsers.add_parser("pack", help="load, check and list knowledge packs (employer, university, region)")
    actions = parser.add_subparsers(dest="pack_command", required=True)
    load = actions.add_parser("load", help="validate a pack (folder, .zip or one JSON/YAML document) and put it in force")
    load.add_argument("path")
    load.add_argument("--owner", help="organisation id that owns the pack")
    load.set_defaults(func=run)
    check = actions.add_parser("check", help="validate a pack without loading it")
    check.add_argument("path")
    check.set_defaults(func=run)
    lst = actions.add_parser("list", help="the packs in force")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=run)
    rm = actions.add_parser("remove", help="remove a pack and its learning content")
    rm.add_argument("pack_id")
    rm.set_defaults(func=run)


def _read(path: Path):
    from tools.career.packs.loader import read_pack_archive, read_pack_dir, read_pack_document

    if path.is_dir():
        return read_pack_dir(path)
    data = path.read_bytes()
    if data[:2] == b"PK":
        return read_pack_archive(data, path.name)
    return read_pack_document(data, path.name)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services
    from tools.career.packs.loader import PackError

    services = Services(settings)
    command = args.pack_command
    if command in ("load", "check"):
        path = Path(args.path)
        if not path.exists():
            print(f"error: {path} does not exist", file=sys.stderr)
            return 2
        registry = services.packs
        try:
            pack = registry.validate(_read(path))
            if command == "check":
                print(f"{pack.id}: a valid {pack.kind} pack ({pack.name})")
                return 0
            summary = registry.store(pack, owner=args.owner)
        except PackError as error:
            print(f"error: {error}", file=sys.stderr)
            print("nothing was changed: the packs in force are as before", file=sys.stderr)
            return 2
        counts = ", ".join(f"{v} {k}" for k, v in summary.counts.items())
        print(f"loaded {summary.kind} pack {summary.id} ({summary.name}), revision {summary.revision}: {counts}")
        if summary.example:
            print("  (an example pack: invented data for demonstration)")
        return 0
    if command == "list":
        packs = services.packs.list()
        if args.json:
            print(json.dumps([p.model_dump() for p in packs], indent=2))
        else:
            for p in packs:
                flag = " [example]" if p.example else ""
                print(f"{p.id:28} {p.kind:10} rev {p.revision:<3} {p.name}{flag}")
            if not packs:
                print("no pack loaded (try: orient pack load examples/packs/employer-example)")
        return 0
    if services.packs.remove(args.pack_id):
        print(f"removed {args.pack_id}")
        return 0
    print(f"error: no pack {args.pack_id!r}", file=sys.stderr)
    return 2
