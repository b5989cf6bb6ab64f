"""The application database's schema, changed only by Alembic migrations (lotse/migrations/).

`upgrade(bind)` brings any database to the newest migration: a new one gets every table, one
from before the migrations (created by `create_all`, the first migration's schema) is marked
as being at the first migration after its columns were checked, then upgraded; rows stay.
`make run`, the worker and `python -m lotse.cli init-db` call it through `init_db`.

A change to a model needs a migration: `python -m lotse.cli new-migration "what changed"`
writes one from the difference between the models and a database at the newest migration;
tests/lotse/test_schema.py fails while models and migrations differ.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, create_engine, inspect

from lotse.catalog.backends import SEARCH_INDEX_NAMES, install_search_index
from lotse.db import engine
from lotse.models import Base

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Alembic tells at INFO level how it set itself up, at every start of the worker: only its
# warnings go to the log.
logging.getLogger("alembic").setLevel(logging.WARNING)
FIRST_REVISION = "0001"
VERSION_TABLE = "alembic_version"


def register_models() -> None:
    """Every package's tables on `Base.metadata`."""
    import lotse.catalog.models  # noqa: F401  (registers the catalogue tables)
    import lotse.figures.models  # noqa: F401  (the anonymous figures)
    import lotse.handover.live  # noqa: F401  (the live chat tables)
    import lotse.handover.models  # noqa: F401  (registers the handover tables)
    import lotse.privacy.models  # noqa: F401  (erasure requests)
    import lotse.review.models  # noqa: F401  (corrections from the conversation review)
    import lotse.staff.models  # noqa: F401  (staff accounts and sessions)
    import lotse.staff.throttle  # noqa: F401  (login throttle counters)


class OutdatedDatabase(RuntimeError):
    """A table of an older version lacks columns; the message names them and the way out."""


def check_existing_tables(bind: Engine | Connection, expected: dict[str, list[str]]) -> None:
    """A database from before the migrations must have the first migration's columns
    (`expected`, per table) to be taken over (lotse/schema.py); one older still is named, with
    the way out, instead of failing later in the middle of a visitor's conversation."""
    existing = inspect(bind)
    for table, columns in expected.items():
        if not existing.has_table(table):
            continue
        present = {column["name"] for column in existing.get_columns(table)}
        missing = [column for column in columns if column not in present]
        if missing:
            where = bind.engine.url.render_as_string(hide_password=True)
            raise OutdatedDatabase(
                f"Die Datenbank {where} ist älter als der Code: "
                f"Tabelle {table} ohne Spalte(n) {', '.join(missing)}. Bitte die Datenbank sichern und "
                f"neu anlegen (SQLite: Datei löschen, dann `make run`).")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def is_models_object(_obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """For comparisons: everything except the catalogue's search index, which
    lotse/catalog/backends.py adds per database kind outside the models."""

    return not (reflected and compare_to is None and (name or "").startswith(SEARCH_INDEX_NAMES))


def upgrade(bind: Engine) -> None:
    register_models()
    with bind.begin() as connection:
        existing = inspect(connection)
        before_migrations = not existing.has_table(VERSION_TABLE) and any(
            existing.has_table(name) for name in Base.metadata.tables)
        if before_migrations:
            check_existing_tables(connection, first_schema())
            command.stamp(alembic_config(connection), FIRST_REVISION)
        command.upgrade(alembic_config(connection), "head")


@lru_cache(maxsize=1)
def first_schema() -> dict[str, list[str]]:
    """The columns of each table at the first migration, read off a database in memory."""
    memory = create_engine("sqlite://")
    try:
        with memory.begin() as connection:
            command.upgrade(alembic_config(connection), FIRST_REVISION)
            tables = inspect(connection)
            return {name: [column["name"] for column in tables.get_columns(name)]
                    for name in tables.get_table_names() if name != VERSION_TABLE}
    finally:
        memory.dispose()


def revision(bind: Engine) -> str | None:
    """The migration the database is at (None: no migration applied)."""
    with bind.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def newest() -> str:
    """The newest migration of this code."""
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory.from_config(alembic_config()).get_current_head())


def differences(bind: Engine) -> list[Any]:
    """What the models have that the database (at the newest migration) lacks, or vice versa."""
    register_models()
    with bind.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "include_object": is_models_object})
        return compare_metadata(context, Base.metadata)


def new_migration(bind: Engine, message: str) -> None:
    """A new migration file from the models' difference to `bind` (at the newest migration)."""
    with bind.begin() as connection:
        command.revision(alembic_config(connection), message=message, autogenerate=True)


def init_db(bind: Engine | None = None) -> None:
    """Bring the schema to the newest migration and add the search index; existing data is
    left alone."""
    target = bind or engine()
    upgrade(target)
    install_search_index(target)
