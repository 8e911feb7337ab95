"""``orient db``: schema migrations of the relational store (Alembic).

    orient db upgrade                     # migrate to the latest revision
    orient db revision -m "add x"         # autogenerate a migration from the models
    orient db check                       # exit 1 if models and migrations differ
    orient db current                     # print the database's revision

``--url`` overrides the database (default: ORIENT_DATABASE_URL, else SQLite under the storage dir).
"""

from __future__ import annotations

import argparse

from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("db", help="database schema migrations (Alembic)")
    parser.add_argument("--url", help="SQLAlchemy database URL (default: the configured database)")
    actions = parser.add_subparsers(dest="db_action", required=True)
    actions.add_parser("upgrade", help="apply all migrations (alembic upgrade head)")
    revision = actions.add_parser("revision", help="autogenerate a migration from the SQLAlchemy models")
    revision.add_argument("-m", "--message", required=True, help="what the migration does")
    revision.add_argument("--rev-id", help="revision id (default: random)")
    actions.add_parser("check", help="compare the models with the migrated database; exit 1 on drift")
    actions.add_parser("current", help="print the database's current revision")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from tools.schema import create_schema, metadata
    from tools.storage.database import Database
    from tools.storage.migrations import autogenerate_revision, current_revision, schema_drift

    url = args.url or settings.resolved_database_url
    if args.db_action == "revision":
        path = autogenerate_revision(url, args.message, rev_id=args.rev_id)
        print(f"wrote {path}" if path else "no migration written")
        return 0
    database = Database(url)
    try:
        if args.db_action == "upgrade":
            applied = create_schema(database)
            print(f"database at revision {current_revision(database.engine)}")
            if applied:
                print(f"also applied from the models (not yet in migrations): {', '.join(applied)}")
            return 0
        if args.db_action == "current":
            print(current_revision(database.engine) or "(empty database)")
            return 0
        # check: migrate strictly to head, then compare with the models
        from alembic import command

        from tools.storage.migrations import alembic_config

        with database.engine.begin() as connection:
            command.upgrade(alembic_config(connection=connection), "head")
        drift = schema_drift(database.engine, metadata())
        for diff in drift:
            print(f"drift: {diff}")
        print("models and migrations match" if not drift else f"{len(drift)} difference(s): run `orient db revision -m ...`")
        return 1 if drift else 0
    finally:
        database.dispose()
