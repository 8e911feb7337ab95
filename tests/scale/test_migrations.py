"""Alembic migrations: they match the models and migrate safely, on SQLite and on PostgreSQL."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from tools.schema import create_schema, metadata
from tools.storage.database import Database
from tools.storage.migrations import SchemaDriftError, alembic_config, current_revision, schema_drift, upgrade

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_migrations_create_exactly_the_models(database_url: str) -> None:
    """`alembic upgrade head` alone (no fallback) gives the schema the models declare.

    Fails when a table or column was added to a model without a migration: run
    `scripts/regen-migration.sh` (before the first release) or `orient db revision -m ...`.
    """
    db = Database(database_url)
    try:
        with db.engine.begin() as connection:
            command.upgrade(alembic_config(connection=connection), "head")
        assert current_revision(db.engine) == HEAD
        assert schema_drift(db.engine, metadata()) == []
        tables = set(inspect(db.engine).get_table_names())
        assert set(metadata().tables) <= tables
    finally:
        db.dispose()


def test_downgrade_to_base_and_back(database_url: str) -> None:
    db = Database(database_url)
    try:
        create_schema(db)
        with db.engine.begin() as connection:
            command.downgrade(alembic_config(connection=connection), "base")
        assert set(inspect(db.engine).get_table_names()) - {"alembic_version"} == set()
        create_schema(db)
        assert current_revision(db.engine) == HEAD
        assert schema_drift(db.engine, metadata()) == []
    finally:
        db.dispose()


def test_create_schema_is_idempotent_and_keeps_data(database: Database) -> None:
    table = next(iter(metadata().tables))
    with database.session() as session:
        before = session.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
    create_schema(database)
    create_schema(database)
    assert current_revision(database.engine) == HEAD
    with database.session() as session:
        assert session.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one() == before


def _create_schema_in_process(url: str) -> None:
    db = Database(url)
    create_schema(db)
    db.dispose()


def test_workers_starting_together_migrate_once(database_url: str) -> None:
    """Several API workers start at once on an empty database: the schema lock serialises them."""
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_create_schema_in_process, args=(database_url,)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    db = Database(database_url)
    try:
        assert current_revision(db.engine) == HEAD
        assert schema_drift(db.engine, metadata()) == []
    finally:
        db.dispose()


def test_missing_table_is_added_back_with_a_warning(database: Database, caplog: pytest.LogCaptureFixture) -> None:
    """The additive fallback (models ahead of migrations) creates what is missing and says so."""
    table = sorted(metadata().tables)[-1]
    metadata().tables[table].drop(database.engine)
    assert schema_drift(database.engine, metadata()) != []
    with caplog.at_level("WARNING", logger="tools.storage.migrations"):
        applied = upgrade(database.engine, metadata())
    assert any(f"CreateTable {table}" == item for item in applied)
    assert "not in the migrations" in caplog.text
    assert schema_drift(database.engine, metadata()) == []


def test_destructive_drift_is_refused(database: Database) -> None:
    """A column in the database that the models dropped is never dropped automatically."""
    table = sorted(metadata().tables)[0]
    with database.engine.begin() as connection:
        connection.execute(text(f'ALTER TABLE "{table}" ADD COLUMN legacy_note VARCHAR(20)'))
    with pytest.raises(SchemaDriftError, match=f"DropColumn {table}.legacy_note"):
        upgrade(database.engine, metadata())
    assert "legacy_note" in {c["name"] for c in inspect(database.engine).get_columns(table)}


def test_cli_check_and_alembic_command_line(database_url: str, tmp_path) -> None:
    orient = [str(Path(sys.executable).parent / "orient")]
    done = subprocess.run([*orient, "db", "--url", database_url, "check"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "models and migrations match" in done.stdout
    done = subprocess.run([*orient, "db", "--url", database_url, "current"], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == HEAD
    alembic = [sys.executable, "-m", "alembic", "-x", f"url={database_url}", "current"]
    done = subprocess.run(alembic, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert HEAD in done.stdout
