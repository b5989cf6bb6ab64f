"""The one database access layer: engine and sessions (the schema: lotse/schema.py).

The engine is created on first use, not at import, and every unit of work gets its own
session, so concurrent actions never share one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from lotse.config import get_settings

# The engine as web/ and the actions pass it around without knowing SQLAlchemy.
Database = Engine


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

