"""The application database's schema goes through Alembic migrations (lotse/schema.py), on
SQLite and PostgreSQL: the migrations give exactly the models' tables, a database from before
the migrations is taken over with its rows, and one older still is refused with the way out."""

from __future__ import annotations

import uuid

import pytest
from alembic import command
from sqlalchemy import func, insert, select, text

from lotse.clock import utcnow
from lotse.db import session_scope
from lotse.handover.models import HandoverCase, OutboxMessage
from lotse.models import IntakeRecord
from lotse.schema import (
    FIRST_REVISION,
    VERSION_TABLE,
    OutdatedDatabase,
    alembic_config,
    differences,
    init_db,
    newest,
    register_models,
    revision,
)
from lotse.situation import PERSON


def test_the_migrations_make_exactly_the_tables_of_the_models(empty_engine):
    init_db(empty_engine)
    assert revision(empty_engine) == newest()
    # A model changed without a migration shows here (python -m lotse.cli new-migration "...").
    assert differences(empty_engine) == []


def test_a_database_from_before_the_migrations_is_taken_over_with_its_rows(empty_engine):
    register_models()
    # How init_db made every database until the migrations: the tables and columns of then
    # (the first migration's), without Alembic's table.
    with empty_engine.begin() as connection:
        command.upgrade(alembic_config(connection), FIRST_REVISION)
        connection.execute(text(f"DROP TABLE {VERSION_TABLE}"))
        # Rows as the code of then wrote them: only the columns of then (a Core insert
        # leaves out the columns added since; the ORM would write them as NULL).
        now = utcnow()
        connection.execute(insert(IntakeRecord.__table__).values(kind=PERSON, region="halle", created_at=now))
        case_id = connection.execute(insert(HandoverCase.__table__).values(
            reference="WBA-2026-K7M3QX", created_at=now, updated_at=now, region="halle", team="wba_sued",
            reason="request", status="open", summary="Pflege", suggestions=[], transcript=[]),
        ).inserted_primary_key[0]
        connection.execute(insert(OutboxMessage.__table__).values(
            case_id=case_id, kind="email", target="team@wba.example", key=uuid.uuid4().hex, status="pending",
            attempts=0, next_attempt_at=now, created_at=now))
    assert revision(empty_engine) is None

    init_db(empty_engine)
    init_db(empty_engine)  # as every start of the worker does: nothing more happens

    assert revision(empty_engine) == newest()
    with session_scope(empty_engine) as session:
        counts = [session.scalar(select(func.count()).select_from(model))
                  for model in (IntakeRecord, HandoverCase, OutboxMessage)]
    assert counts == [1, 1, 1]  # the intake figure, the case and its e-mail to the team


def test_a_database_older_than_the_first_migration_is_refused_with_the_way_out(empty_engine):
    with empty_engine.begin() as connection:
        connection.execute(text("CREATE TABLE handover_cases (id INTEGER PRIMARY KEY, reference TEXT)"))
    with pytest.raises(OutdatedDatabase) as refused:
        init_db(empty_engine)
    message = str(refused.value)
    assert "Tabelle handover_cases ohne Spalte(n)" in message and "status" in message
    assert "sichern" in message
