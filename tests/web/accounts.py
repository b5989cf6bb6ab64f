"""More staff accounts for the console tests than the two of the seeded database: an admin,
a colleague of the same team, an account without team, each logged in from its own browser."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from starlette.testclient import TestClient

from lotse.db import session_scope
from lotse.staff.accounts import create_account
from lotse.staff.permissions import set_admin
from tests.web.conftest import log_in

PASSWORD = "ein-drittes-langes-passwort"


@contextmanager
def browser_of(app, engine: Engine, username: str, name: str, team: str | None = None,
               admin: bool = False) -> Iterator[TestClient]:
    """A new account (an admin if `admin`), logged in from a browser of its own."""
    with session_scope(engine) as session:
        set_admin(session, create_account(session, username, PASSWORD, name, team), admin)
    with TestClient(app, follow_redirects=False) as client:
        assert log_in(client, username, PASSWORD).status_code == 303
        yield client
