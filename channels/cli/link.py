"""``orient link TEXT [--lang fr] [--json]``: the ESCO skills (with evidence) and occupations a text suggests."""

from __future__ import annotations

import argparse
import json

from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("link", help="link free text about an experience to ESCO skills and occupations")
    parser.add_argument("text", help='e.g. "I was a cashier for two years and trained new staff"')
    parser.add_argument("--lang", default="en", choices=["en", "fr"])
    parser.add_argument("--top-k", type=int, default=10, help="skills to show (default 10)")
    parser.add_argument("--occupations", type=int, default=5, help="occupations to show (default 5)")
    parser.add_argument("--title", action="store_true", help="read the text as a job title (occupations only)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services

    text = args.text.strip()
    if not text:
        print("nothing to link: give a text" if args.lang == "en" else "rien à analyser : donnez un texte")
        return 2
    linker = Services(settings).linker
    if args.title:
        skills = []
        occupations = linker.link_titles(text, lang=args.lang, top_k=args.occupations)
    else:
        result = linker.link(text, lang=args.lang, top_k=args.top_k, top_occupations=args.occupations)
        skills, occupations = result.skills, result.occupations
    if args.json:
        print(json.dumps({"skills": [s.model_dump() for s in skills], "occupations": [o.model_dump() for o in occupations]}, ensure_ascii=False, indent=2))
        return 0
    fr = args.lang == "fr"
    if not skills and not occupations:  # no word the labels could match (emoji, digits only...)
        print("aucune compétence ni aucun métier trouvé dans ce texte" if fr else "no skill or occupation found in this text")
        return 0
    if skills:
        print("Compétences (ESCO)" if fr else "Skills (ESCO)")
        for s in skills:
            print(f"  {s.score:5.2f}  {s.label}  [{s.skill_type or '-'}]")
            print(f"         {'preuve' if fr else 'evidence'}: \"{s.evidence}\" ({s.evidence_start}-{s.evidence_end})")
    if occupations:
        print("Métiers (ESCO → ROME)" if fr else "Occupations (ESCO → ROME)")
    for o in occupations:
        rome = ", ".join(o.rome_codes) or "-"
        print(f"  {o.score:5.2f}  {o.label}  (ESCO {o.code or '-'}; ROME {rome})")
    return 0
