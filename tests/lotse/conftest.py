"""Tests of the domain core that run on SQLite and on a real PostgreSQL server.

The PostgreSQL server is started for the test session by scripts/pg_server.py (or taken from
TEST_POSTGRES_URL). Where PostgreSQL is not installed the PostgreSQL variants are skipped,
except in CI, where that is an error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from lotse.db import make_engine
from lotse.schema import init_db

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import pg_server  # noqa: E402


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    given = os.environ.get("TEST_POSTGRES_URL")
    if given:
        yield given
        return
    server = pg_server.start_server()
    if server is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL ist nicht installiert (make pg installiert es).")
        pytest.skip("PostgreSQL ist nicht installiert")
    try:
        yield server.url()
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database of each kind without any table."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'lotse.db'}")
    else:
        engine = make_engine(request.getfixturevalue("postgres_url"))
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    yield engine
    engine.dispose()


@pytest.fixture
def db_engine(empty_engine: Engine) -> Engine:
    """An empty database of each kind, created by the project's own init_db."""
    init_db(empty_engine)
    return empty_engine
