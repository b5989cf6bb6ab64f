"""The one database access layer: engine, sessions and schema creation.

The engine is created on first use, not at import, and every unit of work gets its own
session, so concurrent actions never share one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.orm import Session, sessionmaker

from lotse.config import get_settings
from lotse.models import Base


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


def init_db(bind: Engine | None = None) -> None:
    """Create missing tables and the search index; existing data is left alone."""
    import lotse.catalog.models  # noqa: F401  (registers the catalogue tables)
    import lotse.handover.live  # noqa: F401  (the live chat tables)
    import lotse.handover.models  # noqa: F401  (registers the handover tables)
    import lotse.privacy.models  # noqa: F401  (erasure requests)
    import lotse.staff.models  # noqa: F401  (staff accounts and sessions)
    import lotse.staff.throttle  # noqa: F401  (login throttle counters)
    from lotse.catalog.backends import install_search_index

    target = bind or engine()
    check_existing_tables(target)
    Base.metadata.create_all(target)
    install_search_index(target)


class OutdatedDatabase(RuntimeError):
    """A table of an older version lacks columns; the message names them and the way out."""


def check_existing_tables(bind: Engine) -> None:
    """create_all adds missing tables but never missing columns: say so instead of failing
    later in the middle of a visitor's conversation. (Before production: Alembic migrations.)"""
    existing = inspect(bind)
    for table in Base.metadata.sorted_tables:
        if not existing.has_table(table.name):
            continue
        present = {column["name"] for column in existing.get_columns(table.name)}
        missing = [column.name for column in table.columns if column.name not in present]
        if missing:
            raise OutdatedDatabase(
                f"Die Datenbank {bind.url.render_as_string(hide_password=True)} ist älter als der Code: "
                f"Tabelle {table.name} ohne Spalte(n) {', '.join(missing)}. Bitte die Datenbank sichern und "
                f"neu anlegen (SQLite: Datei löschen, dann `make run`).")
