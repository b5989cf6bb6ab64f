"""The application database's schema goes through Alembic migrations (lotse/schema.py), on
SQLite and PostgreSQL: the migrations give exactly the models' tables, a database from before
the migrations is taken over with its rows, and one older still is refused with the way out."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from lotse.db import init_db, session_scope
from lotse.handover.cases import CaseContext, Routing, open_case
from lotse.handover.models import HandoverCase, OutboxMessage
from lotse.intake_stats import record_intake
from lotse.models import Base, IntakeRecord
from lotse.schema import FIRST_REVISION, OutdatedDatabase, differences, register_models, revision
from lotse.situation import PERSON, Situation


def test_the_migrations_make_exactly_the_tables_of_the_models(empty_engine):
    init_db(empty_engine)
    assert revision(empty_engine) == FIRST_REVISION  # the newest: change it with the next migration
    # A model changed without a migration shows here (python -m lotse.cli new-migration "...").
    assert differences(empty_engine) == []


def test_a_database_from_before_the_migrations_is_taken_over_with_its_rows(empty_engine):
    register_models()
    Base.metadata.create_all(empty_engine)  # how init_db made every database until the migrations
    with session_scope(empty_engine) as session:
        record_intake(session, Situation(kind=PERSON, region="halle"))
        open_case(session, CaseContext("request", region="halle", team="wba_sued", summary="Pflege"),
                  Routing(email_default=("team@wba.example",)))
    assert revision(empty_engine) is None

    init_db(empty_engine)
    init_db(empty_engine)  # as every start of the worker does: nothing more happens

    assert revision(empty_engine) == FIRST_REVISION
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
