"""``orient catalog import|list|remove|defaults``: training and job catalogs."""

from __future__ import annotations

import argparse
import json
import sys

from channels.settings import Settings


def register(subparsers) -> None:
    parser = subparsers.add_parser("catalog", help="import and list training and job catalogs")
    actions = parser.add_subparsers(dest="catalog_command", required=True)
    imp = actions.add_parser("import", help="import courses or job offers (CSV, JSON, JSON Lines, schema.org JSON-LD, Parquet)")
    imp.add_argument("file", help="the catalog file")
    imp.add_argument("--kind", choices=["courses", "jobs"], help="what the file holds (guessed when left out)")
    imp.add_argument("--source", help="catalog name (default: from the file name); a new import replaces it")
    imp.add_argument("--url-template", help="link for rows without a URL, e.g. 'https://example.org/search?q={title}'")
    imp.add_argument("--lang", default="en", help="language of the free-text skills (default en)")
    imp.add_argument("--no-linker", action="store_true", help="link skills by exact ESCO label only (no embedding model)")
    imp.add_argument("--quiet", action="store_true", help="no progress bar")
    imp.add_argument("--json", action="store_true", help="print the import report as JSON")
    imp.set_defaults(func=run)
    lst = actions.add_parser("list", help="the imported catalogs")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=run)
    rm = actions.add_parser("remove", help="remove one imported catalog")
    rm.add_argument("source")
    rm.set_defaults(func=run)
    dflt = actions.add_parser("defaults", help="import the shared sample catalogs (done automatically on first use)")
    dflt.set_defaults(func=run)


def _store(settings: Settings, use_linker: bool = True):
    from channels.services import Services
    from tools.catalog.store import CatalogStore

    services = Services(settings)
    if not use_linker:
        return CatalogStore(services.database, kb=services.knowledge_base)
    return CatalogStore(services.database, kb=services.knowledge_base, linker=lambda: services.linker,
                        embedder=lambda: services.embedder)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from tools.catalog.records import CatalogImportError

    command = args.catalog_command
    if command == "import":
        store = _store(settings, use_linker=not args.no_linker)
        try:
            report = store.import_file(args.file, kind=args.kind, source=args.source, url_template=args.url_template,
                                       progress=not args.quiet, lang=args.lang)
        except CatalogImportError as error:
            print(f"error: {error}", file=sys.stderr)
            for bad in error.bad_rows[:50]:
                print(f"  {bad.file}:{bad.line}: {bad.reason}", file=sys.stderr)
            return 2
        if args.json:
            print(report.model_dump_json(indent=2))
            return 0
        print(report.summary())
        print(f"  distinct ESCO skills linked: {report.linked_skills}; free-text skills left unlinked: {len(report.unlinked_skills)}")
        for bad in report.bad_rows[:50]:
            print(f"  skipped {bad.file}:{bad.line}: {bad.reason}")
        if len(report.bad_rows) > 50:
            print(f"  ... and {len(report.bad_rows) - 50} more bad rows")
        return 0
    if command == "list":
        sources = _store(settings, use_linker=False).sources()
        if args.json:
            print(json.dumps(sources, indent=2))
        else:
            for s in sources:
                print(f"{s['name']:32} {s['kind']:8} {s['rows_ok']:6} rows  ({s['rows_bad']} bad)  {s['file']}  {s['imported_at']}")
            if not sources:
                print("no catalog imported yet (the shared samples are imported on first use, or run `orient catalog defaults`)")
        return 0
    if command == "remove":
        if _store(settings, use_linker=False).delete_source(args.source):
            print(f"removed {args.source}")
            return 0
        print(f"error: no catalog named {args.source!r}", file=sys.stderr)
        return 2
    from channels.services import Services

    store = Services(settings).catalog  # imports the defaults on first use
    for s in store.sources():
        print(f"{s['name']:32} {s['kind']:8} {s['rows_ok']:6} rows")
    return 0
