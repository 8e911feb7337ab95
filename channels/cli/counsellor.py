"""``orient counsellor``: the counsellor accounts of the console.

    orient counsellor create USERNAME --name "Ada Martin" [--recipient RECIPIENT_ID]
                             [--password-stdin | --generate-password]
    orient counsellor list
    orient counsellor disable USERNAME      # can no longer log in; open sessions are closed
    orient counsellor enable USERNAME

The password is asked twice at the terminal (not echoed), read from the first line of standard
input with ``--password-stdin``, or generated and shown once with ``--generate-password``. Only its
scrypt hash is stored. ``--recipient`` is the consent recipient (``orient org recipients``) the
counsellor acts for: the console lists the people who shared with that recipient.
"""

from __future__ import annotations

import argparse
import getpass
import secrets
import sys

from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("counsellor", help="counsellor accounts of the console (create, list, disable)")
    actions = parser.add_subparsers(dest="counsellor_action", required=True)
    create = actions.add_parser("create", help="create a counsellor account")
    create.add_argument("username", help="the login name (no spaces)")
    create.add_argument("--name", required=True, help="the name shown in the console")
    create.add_argument("--recipient", default="", help="consent recipient id the counsellor acts for")
    source = create.add_mutually_exclusive_group()
    source.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    source.add_argument("--generate-password", action="store_true", help="generate a password and print it once")
    actions.add_parser("list", help="list counsellor accounts")
    for name, text in (("disable", "disable an account (no more logins; open sessions closed)"),
                       ("enable", "enable a disabled account again")):
        action = actions.add_parser(name, help=text)
        action.add_argument("username")
    parser.set_defaults(func=run)


def _password(args: argparse.Namespace) -> tuple[str, bool]:
    """(password, generated)."""
    from tools.counselling.accounts import MIN_PASSWORD_CHARS

    if args.generate_password:
        return secrets.token_urlsafe(18), True
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != password:
            raise SystemExit("orient counsellor: the two passwords differ; nothing was created")
    if len(password) < MIN_PASSWORD_CHARS:
        raise SystemExit(f"orient counsellor: the password must have at least {MIN_PASSWORD_CHARS} characters")
    return password, False


def run(args: argparse.Namespace, settings: Settings) -> int:
    from tools.counselling.accounts import AccountError, CounsellorDirectory
    from tools.schema import create_schema
    from tools.storage.database import Database

    database = Database(settings.resolved_database_url)
    create_schema(database)
    directory = CounsellorDirectory(database)
    try:
        if args.counsellor_action == "create":
            if args.recipient:
                from tools.consent.recipients import RecipientRegistry, UnknownRecipient

                try:
                    RecipientRegistry(database).get(args.recipient)
                except UnknownRecipient:
                    raise SystemExit(f"orient counsellor: no consent recipient {args.recipient!r} "
                                     "(see `orient org recipients`)") from None
            password, generated = _password(args)
            account = directory.create(args.username, password, args.name, recipient_id=args.recipient)
            print(f"Created counsellor {account.username} ({account.display_name})"
                  + (f", acting for {account.recipient_id}" if account.recipient_id else ""))
            if generated:
                print(f"Password (shown once): {password}")
        elif args.counsellor_action == "list":
            accounts = directory.list()
            if not accounts:
                print("No counsellor accounts. Create one with `orient counsellor create USERNAME --name NAME`.")
            for account in accounts:
                flags = [flag for flag, on in (("DEMO", account.is_demo), ("disabled", account.disabled)) if on]
                created = account.created_at.date().isoformat() if account.created_at else "?"
                print(f"{account.username:<24} {account.display_name:<32} recipient={account.recipient_id or '-':<20} "
                      f"created={created} {'[' + ', '.join(flags) + ']' if flags else 'active'}")
        elif args.counsellor_action == "disable":
            account = directory.disable(args.username)
            print(f"Disabled counsellor {account.username}: it can no longer log in; its sessions are closed.")
        elif args.counsellor_action == "enable":
            account = directory.enable(args.username)
            print(f"Enabled counsellor {account.username}.")
    except AccountError as error:
        raise SystemExit(f"orient counsellor: {error}") from None
    finally:
        database.dispose()
    return 0
