"""Alembic migrations for the relational store, driven from code.

The migration scripts live in ``migrations/`` at the project root (``alembic.ini`` next to it).
``upgrade`` brings a database to the latest revision under a lock, so several API workers starting
at once over the same database do not race (a PostgreSQL advisory lock; a lock file for SQLite).
``schema_drift`` lists the differences between the SQLAlchemy models and a database, which is what
``orient db check`` and the migration test assert to be empty.
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata, produce_migrations
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.operations import Operations, ops
from sqlalchemy import MetaData, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
# Any fixed 64-bit key: serialises schema upgrades across processes sharing one PostgreSQL database.
_PG_ADVISORY_KEY = 0x0_12_1E_47


class SchemaDriftError(RuntimeError):
    """The models need a change the migrations do not contain and that cannot be applied safely."""


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    """An Alembic config pointing at ``migrations/``; ``connection`` is reused by env.py when given."""
    ini = PROJECT_ROOT / "alembic.ini"
    cfg = Config(str(ini)) if ini.is_file() else Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Render project column types (TypeDecorators) with the import they need, and JSONB importably."""
    if type_ == "type" and isinstance(obj, postgresql.JSONB):
        autogen_context.imports.add("from sqlalchemy.dialects import postgresql")
        return "postgresql.JSONB(astext_type=sa.Text())"
    if type_ == "type" and not type(obj).__module__.startswith("sqlalchemy"):
        module = type(obj).__module__
        autogen_context.imports.add(f"import {module}")
        return f"{module}.{obj!r}"
    return False


def context_options(dialect_name: str, metadata: MetaData) -> dict[str, Any]:
    """Options shared by env.py and the drift check, so both compare the same way."""

    def include_name(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
        """Compare only our own tables: a shared PostgreSQL database also holds LangGraph's checkpoint tables."""
        return type_ != "table" or name in metadata.tables

    return {
        "compare_type": True,
        "compare_server_default": False,
        "include_name": include_name,
        "render_item": render_item,
        "render_as_batch": dialect_name == "sqlite",  # SQLite alters tables by copy-and-move
    }


@contextmanager
def _schema_lock(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the schema lock for this database."""
    lock_file = None
    if engine.dialect.name == "sqlite":
        db_path = engine.url.database
        if db_path and db_path != ":memory:":
            # an empty lock file, private like the database beside it
            lock_file = os.fdopen(os.open(f"{db_path}.migrate-lock", os.O_CREAT | os.O_WRONLY, 0o600), "w")
            fcntl.flock(lock_file, fcntl.LOCK_EX)
    try:
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_ADVISORY_KEY})
            yield connection
    finally:
        if lock_file is not None:
            fcntl.flock(lock_file, fcntl.LOCK_UN)
            lock_file.close()


def upgrade(engine: Engine, metadata: MetaData, revision: str = "head") -> list[str]:
    """Apply the migrations up to ``revision``; then add what the models declare beyond them.

    ``metadata`` holds every table (``tools.schema.metadata()``). Returns the drift that was applied
    on top of the migrations (empty once the migrations are regenerated, see
    ``scripts/regen-migration.sh``). Destructive drift (dropping a column or a table) is never
    applied: it raises ``SchemaDriftError``.
    """
    with _schema_lock(engine) as connection:
        command.upgrade(alembic_config(connection=connection), revision)
        if revision != "head":
            return []
        return _apply_additive_drift(connection, metadata)


def schema_drift(engine: Engine, metadata: MetaData) -> list[Any]:
    """Alembic's ``compare_metadata`` between the models' ``metadata`` and the database (empty = in sync)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts=context_options(engine.dialect.name, metadata))
        return compare_metadata(context, metadata)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


_DESTRUCTIVE = (ops.DropTableOp, ops.DropColumnOp)


def _apply_additive_drift(connection: Connection, metadata: MetaData) -> list[str]:
    """Alembic cookbook recipe "run operation objects directly": applies autogenerate's operations."""
    dialect = connection.dialect.name
    context = MigrationContext.configure(connection, opts=context_options(dialect, metadata))
    script = produce_migrations(context, metadata)
    upgrade_ops = script.upgrade_ops
    if upgrade_ops is None or upgrade_ops.is_empty():
        return []
    leaves = _leaf_ops(upgrade_ops)
    destructive = [op for op in leaves if isinstance(op, _DESTRUCTIVE)]
    if destructive:
        raise SchemaDriftError(
            "the models drop what the migrations created "
            f"({', '.join(_describe(op) for op in destructive)}): write a migration with "
            "`orient db revision -m '...'` (or scripts/regen-migration.sh before the first release)"
        )
    applied = [_describe(op) for op in leaves]
    log.warning(
        "schema: %d change(s) not in the migrations applied from the models (%s); "
        "run scripts/regen-migration.sh or `orient db revision -m ...`",
        len(applied),
        ", ".join(applied),
    )
    operations = Operations(context)
    for elem in upgrade_ops.ops:
        if dialect == "sqlite" and isinstance(elem, ops.ModifyTableOps):
            with operations.batch_alter_table(elem.table_name, schema=elem.schema) as batch:
                for table_op in elem.ops:
                    batch.invoke(table_op)
        elif isinstance(elem, ops.ModifyTableOps):
            for table_op in elem.ops:
                operations.invoke(table_op)
        else:
            operations.invoke(elem)
    return applied


def _leaf_ops(container: ops.OpContainer) -> list[ops.MigrateOperation]:
    leaves: list[ops.MigrateOperation] = []
    for elem in container.ops:
        if isinstance(elem, ops.OpContainer):
            leaves.extend(_leaf_ops(elem))
        else:
            leaves.append(elem)
    return leaves


def _describe(op: ops.MigrateOperation) -> str:
    table = getattr(op, "table_name", None)
    column = getattr(op, "column_name", None) or getattr(getattr(op, "column", None), "name", None)
    name = type(op).__name__.removesuffix("Op")
    return f"{name} {table}.{column}" if column else f"{name} {table or getattr(op, 'index_name', '')}"


def autogenerate_revision(url: str, message: str, rev_id: str | None = None) -> Path | None:
    """Write a new migration script with what the models add beyond the database at ``url``."""
    cfg = alembic_config(url=url)
    command.upgrade(cfg, "head")
    script = command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)
    if script is None or isinstance(script, list):
        return None
    return Path(script.path)
