"""``orient translate URI_OR_CODE --to rome|onet|esco [--json]``: official crosswalks, or a semantic
fallback marked as such."""

from __future__ import annotations

import argparse
import json

from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("translate", help="translate an ESCO/ROME/O*NET concept into another system")
    parser.add_argument("concept", help="ESCO occupation or skill URI, ESCO occupation code, ROME code or O*NET-SOC code")
    parser.add_argument("--to", default="rome", choices=["rome", "onet", "esco"])
    parser.add_argument("--top-k", type=int, default=5, help="semantic fallback matches (default 5)")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services
    from tools.translation import UnknownConcept, translate

    kb = Services(settings).knowledge_base
    try:
        result = translate(kb, args.concept, to=args.to, top_k=args.top_k)
    except UnknownConcept as error:
        print(error)
        return 2
    if args.json:
        print(json.dumps(result.model_dump(), ensure_ascii=False, indent=2))
        return 0
    print(f"{result.source_system.upper()} {result.source_kind} {result.source_id}: {result.source_label}")
    if not result.matches:
        print(f"  no {args.to.upper()} match")
    for m in result.matches:
        how = f"official crosswalk, {m.relation}" if m.source == "official_crosswalk" else f"{m.source.replace('_', ' ')}, score {m.score}"
        extra = f" (in ROME {', '.join(m.rome_codes[:5])})" if m.rome_codes else ""
        print(f"  -> {m.code}  {m.label}  [{m.kind}; {how}]{extra}")
    return 0
