"""``orient knowledge build|info|train-encoder``: build the knowledge base from the reference data,
describe it, or fine-tune the sentence encoder on pairs drawn from it (optional)."""

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
    train = actions.add_parser(
        "train-encoder",
        help="optional: fine-tune all-MiniLM-L6-v2 on ESCO pairs (alt labels, descriptions, French labels, "
             "occupation description sentences with their essential skills) "
             "and save it under <storage>/models; the next build re-embeds the labels with it",
    )
    train.add_argument("--max-pairs", type=int, default=40_000, help="training pairs, shared across kinds (default 40000)")
    train.add_argument("--epochs", type=int, default=1)
    train.add_argument("--seed", type=int, default=13)
    train.add_argument("--batch-size", type=int, default=64, help="pairs per step (in-batch negatives)")
    train.add_argument("--lr", type=float, default=3e-5, help="peak learning rate (linear warm-up and decay)")
    train.add_argument("--kinds", help="comma-separated pair kinds among " + ",".join(_pair_kinds()) + " (default: all but skill_window)")
    train.add_argument("--name", default="esco-minilm", help="model folder under <storage>/models (default esco-minilm)")
    train.add_argument("--knowledge-dir", dest="source_knowledge_dir", metavar="DIR",
                       help="knowledge base to draw pairs from (default: <storage>/knowledge)")
    train.add_argument("--threads", type=int, help="torch threads (default: $ORIENT_TORCH_THREADS)")
    train.add_argument("--quiet", action="store_true", help="no progress bar")
    train.add_argument("--json", action="store_true", help="print the model card as JSON")
    train.set_defaults(func=run)


def _pair_kinds() -> tuple[str, ...]:
    from knowledge.finetune import PAIR_KINDS

    return PAIR_KINDS


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.knowledge_command == "build":
        return _build(args, settings)
    if args.knowledge_command == "train-encoder":
        return _train_encoder(args, settings)
    return _info(args, settings)


def _train_encoder(args: argparse.Namespace, settings: Settings) -> int:
    from knowledge.base import KnowledgeBase
    from knowledge.errors import KnowledgeBaseMissing
    from knowledge.finetune import DEFAULT_KINDS, TrainingConfig, default_model_dir, train_encoder

    source = Path(args.source_knowledge_dir) if args.source_knowledge_dir else settings.knowledge_dir
    try:
        kb = KnowledgeBase.load(source)
    except KnowledgeBaseMissing as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip()) if args.kinds else DEFAULT_KINDS
    config = TrainingConfig(
        max_pairs=args.max_pairs, epochs=args.epochs, seed=args.seed, batch_size=args.batch_size,
        learning_rate=args.lr, kinds=kinds, threads=args.threads or settings.torch_threads,
    )
    out_dir = default_model_dir(settings.storage_dir, args.name)
    log = (lambda _m: None) if args.json else print
    try:
        report = train_encoder(kb, out_dir, config, name=args.name, progress=not args.quiet, log=log)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.card, indent=2, ensure_ascii=False))
        return 0
    print(f"encoder saved to {report.model_dir} ({report.embedder_name}): {report.pairs} pairs, {report.steps} steps, "
          f"{report.seconds:.0f} s, loss {report.card['loss_first_20']:.3f} -> {report.final_loss:.3f}")
    if args.name == "esco-minilm" and settings.encoder.strip().lower() == "auto":
        print("it is used from now on with this storage dir (ORIENT_ENCODER=auto); the next `orient knowledge build` "
              "re-embeds every label with it (minutes). ORIENT_ENCODER=stock keeps the stock model.")
    else:
        print(f"use it with ORIENT_ENCODER={report.model_dir}, then `orient knowledge build`.")
    return 0


def _build(args: argparse.Namespace, settings: Settings) -> int:
    if getattr(args, "build_data_dir", None):
        settings = settings.model_copy(update={"data_dir": Path(args.build_data_dir)})
    from channels.services import Services
    from knowledge.build import build_knowledge
    from knowledge.embeddings import LazyEmbedder, minilm_normaliser
    from knowledge.errors import KnowledgeSourceError

    started = time.perf_counter()
    services = Services(settings)
    # the model loads only when something must be encoded: a cached rebuild never loads it
    embedder = LazyEmbedder(services.embedder_name, lambda: services.embedder,
                            normaliser=minilm_normaliser(services.encoder_dir))
    try:
        report = build_knowledge(
            settings.data_dir,
            settings.knowledge_dir,
            embedder,
            progress=not args.quiet,
            force=args.force,
            cache_dir=settings.machine_cache,
        )
    except KnowledgeSourceError as error:
        print(f"error: cannot build the knowledge base: {error.path}: {error.problem}", file=sys.stderr)
        return 2
    from agent.acts.classifier import ensure_classifier

    step = time.perf_counter()
    _, trained = ensure_classifier(embedder, settings.storage_dir, services.embedder_name)
    if args.json:
        print(report.model_dump_json(indent=2))
        return 0
    if trained:
        print(f"dialogue-act classifier trained in {time.perf_counter() - step:.1f} s")
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
