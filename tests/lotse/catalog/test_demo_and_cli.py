"""The demo catalogue and the catalogue commands of `python -m lotse.cli`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from lotse.catalog.demo import generate, load_demo_catalogue
from lotse.catalog.search import CourseQuery, CourseSearch
from lotse.cli import main
from lotse.db import session_scope
from lotse.places import place_index

BASE = date(2026, 12, 1)


def test_demo_catalogue_is_deterministic_real_places_and_plainly_invented():
    first, second = generate(300, BASE), generate(300, BASE)
    assert first.records == second.records and not first.errors
    districts = set(place_index().districts)
    for record in first.records:
        assert record.provider.name.startswith("Demo-")
        assert "Demo-Angebot" in record.description and record.url is None
        assert record.district_key in districts and 50.5 < record.lat < 53.5
        assert record.starts_anytime or all(d > BASE for d in record.start_dates)
    assert len({r.title for r in first.records}) > 150
    assert {r.delivery for r in first.records} == {"in_person", "online", "blended"}


def test_demo_catalogue_loads_only_into_an_empty_catalogue(catalog_engine: Engine):
    assert load_demo_catalogue(200, only_if_empty=True, bind=catalog_engine, base=BASE).added == 200
    assert load_demo_catalogue(200, only_if_empty=True, bind=catalog_engine, base=BASE) is None
    with session_scope(catalog_engine) as session:
        result = CourseSearch(catalog_engine).search(session, CourseQuery("Excel"), BASE)
        assert result.total > 0


def test_import_command_prints_the_summary_and_refuses_a_broken_file(tmp_path: Path, capsys,
                                                                     monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    from lotse import config, db

    config.get_settings.cache_clear()
    db.engine.cache_clear()
    try:
        assert main(["init-db"]) == 0
        good = tmp_path / "good.csv"
        good.write_text("kurs_id;titel;anbieter;lernform\nX1;Excel online;Schule;Online\n", encoding="utf-8")
        assert main(["import-csv", str(good)]) == 0
        assert "neu: 1" in capsys.readouterr().out
        broken = tmp_path / "broken.csv"
        broken.write_text("id;name\n1;x\n", encoding="utf-8")
        assert main(["import-csv", str(broken)]) == 1
        assert "nichts gespeichert" in capsys.readouterr().err
    finally:
        config.get_settings.cache_clear()
        db.engine.cache_clear()
