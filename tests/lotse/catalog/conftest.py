"""Every catalogue test runs on SQLite and on a real PostgreSQL server (tests/lotse/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from lotse.catalog.service import searcher


@pytest.fixture
def catalog_engine(db_engine: Engine) -> Iterator[Engine]:
    searcher.cache_clear()
    yield db_engine
    searcher.cache_clear()
