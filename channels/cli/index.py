"""``orient index publish|status``: the label index on a Chroma server (ORIENT_CHROMA_URL).

    orient knowledge build                                   # builds the embedded index, as always
    ORIENT_CHROMA_URL=http://10.0.0.5:8000 orient index publish
    ORIENT_CHROMA_URL=http://10.0.0.5:8000 orient index status
"""

from __future__ import annotations

import argparse
import sys

from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("index", help="publish the label index to a Chroma server (client-server mode)")
    parser.add_argument("--chroma-url", help="Chroma server URL (default: $ORIENT_CHROMA_URL)")
    actions = parser.add_subparsers(dest="index_action", required=True)
    publish = actions.add_parser("publish", help="copy the built index to the server (skipped when already there)")
    publish.add_argument("--force", action="store_true", help="rewrite even when the server holds this build")
    publish.add_argument("--quiet", action="store_true", help="no progress bar")
    actions.add_parser("status", help="which build the server holds; exit 1 when it is not this one")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from knowledge.build import current_build
    from knowledge.index import COLLECTIONS, open_client
    from knowledge.index_server import publish_index, server_versions

    chroma_url = args.chroma_url or settings.chroma_url
    if not chroma_url:
        print("error: no Chroma server: set ORIENT_CHROMA_URL or pass --chroma-url", file=sys.stderr)
        return 2
    build = current_build(settings.knowledge_dir)
    if build is None:
        print(f"error: no knowledge base at {settings.knowledge_dir}: run `orient knowledge build`", file=sys.stderr)
        return 2
    version = str(build["vectors_key"])
    if args.index_action == "status":
        versions = server_versions(open_client(chroma_url=chroma_url))
        for name, found in versions.items():
            state = "current" if found == version else ("missing" if found is None else f"other build {found}")
            print(f"{name}: {state}")
        return 0 if all(found == version for found in versions.values()) else 1
    from tqdm import tqdm

    from knowledge.vectors import open_matrix

    total = sum(len(open_matrix(settings.knowledge_dir, n)) for n in COLLECTIONS)
    with tqdm(total=total, desc="publish labels to Chroma", unit="label", disable=args.quiet) as bar:
        report = publish_index(settings.knowledge_dir, chroma_url, version, force=args.force, on_batch=bar.update)
    for name, count in report.published.items():
        print(f"published {name}: {count} labels")
    for name in report.unchanged:
        print(f"{name}: already at this build")
    return 0
