"""The one database access layer: engine, sessions and schema creation.

The engine is created on first use, not at import, and every unit of work gets its own
session, so concurrent actions never share one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, inspect
from sqlalchemy.orm import Session, sessionmaker

from lotse.config import get_settings


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    # hide_parameters: an error's log line never carries the values (contact details) of a query.
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


@lru_cache(maxsize=1)
def engine() -> Engine:
    return make_engine(get_settings().database_url)


@contextmanager
def session_scope(bind: Engine | None = None) -> Iterator[Session]:
    """A transaction: committed when the block ends, rolled back on any error."""
    factory = sessionmaker(bind=bind or engine(), expire_on_commit=False)
    with factory.begin() as session:
        yield session


def register_models() -> None:
    """Every package's tables on `Base.metadata`."""
    import lotse.catalog.models  # noqa: F401  (registers the catalogue tables)
    import lotse.handover.live  # noqa: F401  (the live chat tables)
    import lotse.handover.models  # noqa: F401  (registers the handover tables)
    import lotse.privacy.models  # noqa: F401  (erasure requests)
    import lotse.staff.models  # noqa: F401  (staff accounts and sessions)
    import lotse.staff.throttle  # noqa: F401  (login throttle counters)


def init_db(bind: Engine | None = None) -> None:
    """Bring the schema to the newest migration (lotse/schema.py) and add the search index;
    existing data is left alone."""
    from lotse.catalog.backends import install_search_index
    from lotse.schema import upgrade

    target = bind or engine()
    upgrade(target)
    install_search_index(target)


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
