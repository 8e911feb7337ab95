"""``orient org``: organisation accounts, their API keys, and consent recipients.

    orient org create --name "Acme Training" --kind training_provider [--contact dpo@acme.example]
                      [--notices notices.yaml] [--scopes profiles:read,traces:write] [--rate 120]
    orient org list
    orient org key ORG_ID [--scopes ...] [--rate N] [--name NAME]   # a new key, printed once
    orient org revoke-key KEY_ID
    orient org recipients                                           # recipients and their notices

``--notices`` is a YAML or JSON list of privacy notices (fields of ``tools.consent.Notice`` without
``id``/``recipient_id``, which are filled in); without it the organisation gets the standard notices
of its kind. The API key is shown once: only its hash is stored.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from channels.settings import Settings

KINDS = ["coach", "counsellor", "training_provider", "employer", "statistics"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("org", help="organisation accounts, API keys and consent recipients")
    actions = parser.add_subparsers(dest="org_action", required=True)
    create = actions.add_parser("create", help="create an organisation (a consent recipient) and its first API key")
    create.add_argument("--name", required=True)
    create.add_argument("--kind", required=True, choices=KINDS)
    create.add_argument("--contact", default="", help="privacy contact shown in the notices")
    create.add_argument("--recipient", help="link to an existing recipient id instead of creating one")
    create.add_argument("--notices", type=Path, help="YAML/JSON list of privacy notices")
    for p in (create, key := actions.add_parser("key", help="create another API key for an organisation")):
        p.add_argument("--scopes", help="comma-separated (default: the read scopes profiles:read,statistics:read; "
                            "write scopes traces:write,catalogs:write only when named)")
        p.add_argument("--rate", type=int, default=120, help="requests per minute (default 120)")
    key.add_argument("organisation_id")
    key.add_argument("--name", default="")
    revoke = actions.add_parser("revoke-key", help="revoke an API key (by its key id)")
    revoke.add_argument("key_id")
    actions.add_parser("list", help="list organisations")
    actions.add_parser("recipients", help="list consent recipients and their notices")
    parser.set_defaults(func=run)


def _scopes(text: str | None):
    from tools.organisations import Scope

    if not text:
        return None
    try:
        return [Scope(s.strip()) for s in text.split(",") if s.strip()]
    except ValueError as exc:
        raise SystemExit(f"orient org: {exc}; scopes are {', '.join(s.value for s in Scope)}") from None


def _notices(path: Path | None, recipient_id: str):
    if path is None:
        return None
    from pydantic import ValidationError

    from tools.consent import Notice

    try:
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SystemExit(f"orient org: cannot read {path}: {exc}") from None
    if not isinstance(items, list) or not items:
        raise SystemExit(f"orient org: {path} must hold a non-empty list of notices")
    out = []
    for i, item in enumerate(items):
        try:
            purpose = item["purpose"]
            out.append(Notice.model_validate({**item, "id": f"{recipient_id}:{purpose}:v{item.get('version', '1')}",
                                              "recipient_id": recipient_id}))
        except (KeyError, TypeError, ValidationError) as exc:
            raise SystemExit(f"orient org: {path}: notice #{i + 1} is invalid: {exc}") from None
    return out


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services

    services = Services(settings)
    orgs = services.organisations
    if args.org_action == "create":
        import re
        import secrets

        notices = None
        recipient_id = args.recipient
        if args.notices is not None:
            if recipient_id is not None:
                raise SystemExit("orient org: --notices and --recipient exclude each other")
            from tools.consent.models import Controller, Recipient, RecipientKind

            base = re.sub(r"[^a-z0-9]+", "-", args.name.lower()).strip("-")[:40] or "org"
            recipient_id = f"{base}-{secrets.token_hex(3)}"
            notices = _notices(args.notices, recipient_id)
            for n in notices:
                if not n.controller.name:
                    n.controller = Controller(name=args.name, contact=args.contact)
            services.consents.recipients.register(Recipient(id=recipient_id, kind=RecipientKind(args.kind),
                                                            name=args.name, notices=notices))
        org = orgs.create(args.name, args.kind, recipient_id=recipient_id, contact=args.contact)
        created = orgs.create_key(org.id, _scopes(args.scopes), rate_per_minute=args.rate)
        print(f"organisation {org.id} ({org.kind.value}), consent recipient {org.recipient_id}")
        print(f"API key (shown once, store it now): {created.key}")
        print(f"scopes: {', '.join(s.value for s in created.info.scopes)}; {created.info.rate_per_minute} requests/min")
        return 0
    if args.org_action == "key":
        created = orgs.create_key(args.organisation_id, _scopes(args.scopes), name=args.name, rate_per_minute=args.rate)
        print(f"API key (shown once, store it now): {created.key}")
        return 0
    if args.org_action == "revoke-key":
        orgs.revoke_key(args.key_id)
        print(f"key {args.key_id} revoked")
        return 0
    if args.org_action == "list":
        for org in orgs.list():
            keys = orgs.keys(org.id)
            live = sum(1 for k in keys if k.revoked_at is None)
            print(f"{org.id}\t{org.kind.value}\t{org.name}\trecipient={org.recipient_id}\tkeys={live}/{len(keys)}")
        return 0
    for recipient in services.consents.recipients.list():
        flag = " [DEMO]" if recipient.demo else ""
        print(f"{recipient.id}\t{recipient.kind.value}\t{recipient.name}{flag}")
        for n in recipient.notices:
            print(f"    {n.id}: {', '.join(str(c) for c in n.data_categories)}; keeps {n.retention_days} days; "
                  f"consent lasts {n.consent_duration_days} days")
    return 0
