"""An older database is named with its missing columns instead of failing mid-conversation."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from lotse.db import make_engine
from lotse.schema import OutdatedDatabase, init_db


def test_a_table_without_new_columns_is_reported_with_the_way_out(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE case_notes (id INTEGER PRIMARY KEY, case_id INTEGER)"))
    with pytest.raises(OutdatedDatabase, match="case_notes ohne Spalte.*author, text, created_at"):
        init_db(engine)
