"""``orient profile``: export, import and list people's skills profiles.

    orient profile export PERSON_ID --format pdf --out profile.pdf     # json | jsonld | html | pdf
    orient profile import PERSON_ID other-service.jsonld               # merge a profile (JSON-LD or JSON)
    orient profile import PERSON_ID cv.pdf                             # show the experiences a CV suggests
    orient profile import PERSON_ID cv.docx --add                      # ... and add them to the profile
    orient profile list [--region R]

A profile import checks every skill against the ESCO skills of the built knowledge base (refusing
unknown URIs); ``--no-check`` skips that when no knowledge base is built.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from channels.settings import Settings

CV_SUFFIXES = {".pdf", ".docx", ".txt", ".text", ".md"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("profile", help="export, import and list skills profiles")
    actions = parser.add_subparsers(dest="profile_action", required=True)

    export = actions.add_parser("export", help="write a person's profile as JSON, JSON-LD, HTML or a one-page PDF")
    export.add_argument("person_id")
    export.add_argument("--format", "-f", choices=["json", "jsonld", "html", "pdf"], default="json")
    export.add_argument("--out", "-o", help="output file (default: standard output; required for pdf)")
    export.add_argument("--lang", choices=["en", "fr"], help="language of the HTML/PDF page (default: the profile's)")

    imp = actions.add_parser("import", help="merge a profile file (JSON-LD/JSON) or read a CV (PDF, DOCX, text) into a profile")
    imp.add_argument("person_id")
    imp.add_argument("file")
    imp.add_argument("--add", action="store_true", help="CV only: add the experiences found to the profile")
    imp.add_argument("--no-check", action="store_true", help="do not check skill URIs against the knowledge base")

    listing = actions.add_parser("list", help="list stored profiles, most recently updated first")
    listing.add_argument("--region")
    listing.add_argument("--limit", type=int, default=50)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services

    services = Services(settings)
    if args.profile_action == "export":
        return _export(args, services)
    if args.profile_action == "import":
        return _import(args, settings, services)
    for item in services.profiles.list(region=args.region, limit=args.limit):
        print(f"{item.person_id}\tv{item.version}\t{item.language}\t{item.region or '-'}\t{item.updated_at:%Y-%m-%d %H:%M}")
    return 0


def _export(args: argparse.Namespace, services) -> int:
    from tools.profile.export import FORMATS, export_profile

    profile = services.profiles.get(args.person_id)
    if profile is None:
        print(f"error: no profile for {args.person_id!r}", file=sys.stderr)
        return 1
    if args.format == "pdf" and not args.out:
        print("error: a PDF needs --out FILE", file=sys.stderr)
        return 2
    data = export_profile(profile, args.format, args.lang)
    if args.out:
        out = Path(args.out)
        if out.suffix == "":
            out = out.with_suffix(FORMATS[args.format].suffix)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        print(f"wrote {out} ({len(data)} bytes, {args.format})")
    else:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.write("\n")
    return 0


def _import(args: argparse.Namespace, settings: Settings, services) -> int:
    from tools.profile.importers import CvReadError, ImportRejected, import_cv, import_file
    from tools.profile.store import ProfileConflict

    path = Path(args.file)
    if not path.is_file():
        print(f"error: file not found: {path}", file=sys.stderr)
        return 1
    store = services.profiles
    if path.suffix.lower() in CV_SUFFIXES:
        try:
            candidates = import_cv(store.get_or_new(args.person_id), path.read_bytes(), path.name)
        except CvReadError as exc:
            print(f"error: {path.name}: {exc}", file=sys.stderr)
            return 1
        if not candidates:
            print("no experiences found in the CV (none with a date range, or all already in the profile)")
            return 0
        for i, c in enumerate(candidates, 1):
            period = f"{c.period.start:%Y-%m} – {'ongoing' if c.status.value == 'ongoing' else (f'{c.period.end:%Y-%m}' if c.period.end else '?')}"
            print(f"{i}. [{c.kind.value}] {c.title}" + (f", {c.organisation}" if c.organisation else "") + f"  ({period})")
        if not args.add:
            print("these are suggestions: pass --add to add them to the profile, or confirm them in the chat")
            return 0
        store.update(args.person_id, lambda p: [p.add_experience(c.to_experience()) for c in candidates])
        print(f"added {len(candidates)} experience(s) to {args.person_id}")
        return 0

    known = label = None
    if not args.no_check:
        from knowledge.base import KnowledgeBase
        from knowledge.errors import KnowledgeBaseMissing

        try:
            kb = KnowledgeBase.load(settings.knowledge_dir)
        except KnowledgeBaseMissing as exc:
            print(f"error: {exc} (or pass --no-check to import without checking skill URIs)", file=sys.stderr)
            return 1
        known, label = kb.skills, kb.label
    records = []

    def merge(profile):
        records.clear()
        records.append(import_file(profile, path, known_skills=known, label=label))

    try:
        store.update(args.person_id, merge)
    except ImportRejected as exc:
        print(f"error: {path.name}: {exc}", file=sys.stderr)
        return 1
    except ProfileConflict as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    r = records[0]
    print(
        f"imported {path.name} from {r.provider}: {r.skills_added} skill(s) added, {r.skills_merged} merged, "
        f"{r.experiences_added} experience(s) added"
    )
    return 0
