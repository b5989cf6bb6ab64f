"""Alembic's environment for the application database (lotse/schema.py runs it).

The connection comes from lotse.schema (`config.attributes["connection"]`), or, when Alembic's
own command line is used, from DATABASE_URL. Tables that are not the application's models
(the catalogue's full-text index, lotse/catalog/backends.py) are left out of comparisons.
"""

from __future__ import annotations

from alembic import context

from lotse.db import make_engine
from lotse.models import Base
from lotse.schema import is_models_object, register_models

register_models()


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        from lotse.config import get_settings

        with make_engine(get_settings().database_url).begin() as own:
            _migrate(own)
    else:
        _migrate(connection)


def _migrate(connection: object) -> None:
    # Batch mode: SQLite changes a table by copying it, which Alembic does for us.
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                      include_object=is_models_object, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run()
