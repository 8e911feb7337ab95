"""Alembic environment for Orient's relational store.

The URL comes from, in order: ``-x url=...`` on the alembic command line, the ``sqlalchemy.url``
set by ``tools.storage.migrations.alembic_config``, then the Orient settings
(``Settings.resolved_database_url``). When called from code with an open connection
(``tools.schema.create_schema``), that connection is reused inside its transaction. The tables
come from ``tools.schema``, the one module that imports every domain's tables.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from tools.schema import metadata
from tools.storage.migrations import context_options

config = context.config


def database_url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from channels.settings import Settings  # composition root: settings read here, once

    return Settings().resolved_database_url


def run_offline() -> None:
    url = database_url()
    context.configure(
        url=url,
        target_metadata=metadata(),
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        **context_options(url.split(":", 1)[0].split("+", 1)[0], metadata()),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_with(connection)
        return
    engine = create_engine(database_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run_with(connection)
        connection.commit()
    engine.dispose()


def _run_with(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata(),
        **context_options(connection.dialect.name, metadata()),
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
