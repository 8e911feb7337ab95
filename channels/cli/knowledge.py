"""``orient knowledge build|info``: build the knowledge base from the reference data, or describe it."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from channels.settings import Settings


def register(subparsers) -> None:
    parser = subparsers.add_parser("knowledge", help="build or describe the knowledge base (ESCO, ROME, O*NET, crosswalks)")
    actions = parser.add_subparsers(dest="knowledge_command", required=True)
    build = actions.add_parser("build", help="import the reference data, embed labels, index them (reuses what is unchanged)")
    build.add_argument("--force", action="store_true", help="rebuild even when the inputs are unchanged")
    build.add_argument("--quiet", action="store_true", help="no progress bars")
    build.add_argument("--json", action="store_true", help="print the build report as JSON")
    build.add_argument("--data-dir", dest="build_data_dir", metavar="DIR", help="reference data folder (same as orient --data-dir)")
    build.set_defaults(func=run)
    info = actions.add_parser("info", help="counts, build time and input hashes of the built knowledge base")
    info.add_argument("--json", action="store_true", help="print as JSON")
    info.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.knowledge_command == "build":
        return _build(args, settings)
    return _info(args, settings)


def _build(args: argparse.Namespace, settings: Settings) -> int:
    if getattr(args, "build_data_dir", None):
        settings = settings.model_copy(update={"data_dir": Path(args.build_data_dir)})
    from channels.services import Services
    from knowledge.build import build_knowledge
    from knowledge.embeddings import LazyEmbedder, minilm_name, minilm_normaliser
    from knowledge.errors import KnowledgeSourceError

    started = time.perf_counter()
    services = Services(settings)
    # the model loads only when something must be encoded: a cached rebuild never loads it
    embedder = LazyEmbedder(minilm_name(), lambda: services.embedder, normaliser=minilm_normaliser())
    try:
        report = build_knowledge(
            settings.data_dir,
            settings.knowledge_dir,
            embedder,
            progress=not args.quiet,
            force=args.force,
        )
    except KnowledgeSourceError as error:
        print(f"error: cannot build the knowledge base: {error.path}: {error.problem}", file=sys.stderr)
        return 2
    if args.json:
        print(report.model_dump_json(indent=2))
        return 0
    state = "unchanged inputs: reused the existing knowledge base" if report.reused else "built"
    print(f"knowledge base {state} at {report.knowledge_dir} in {time.perf_counter() - started:.1f} s")
    if not report.reused:
        print(f"  texts encoded: {report.texts_encoded}, reused from cache: {report.texts_cached}")
        print("  steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in report.timings_s.items()))
    print("  " + ", ".join(f"{k}: {v}" for k, v in report.counts.items()))
    return 0


def _info(args: argparse.Namespace, settings: Settings) -> int:
    from knowledge.build import current_build

    meta = current_build(settings.knowledge_dir)
    if meta is None:
        print(f"no knowledge base at {settings.knowledge_dir}: run `orient knowledge build`", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(meta, indent=2, ensure_ascii=False))
        return 0
    print(f"knowledge base at {settings.knowledge_dir}")
    print(f"  built at {meta['built_at']} from {meta['data_dir']}")
    print(f"  embedder {meta['embedder']} ({meta['dimension']} dimensions), inputs hash {meta['inputs_hash'][:16]}")
    print("  build steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in meta.get("timings_s", {}).items()))
    for key, value in meta.get("counts", {}).items():
        print(f"  {key}: {value}")
    print("  input files (sha256):")
    for path, digest in sorted(meta.get("input_sha256", {}).items()):
        print(f"    {digest[:16]}  {path}")
    return 0
