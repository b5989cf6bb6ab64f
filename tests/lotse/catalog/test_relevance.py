"""Relevance on a fixed small catalogue: German queries with typos, without umlauts, in
compounds, around a place, with filters, and what must come out on top. Runs on SQLite and
PostgreSQL with the same expectations (relevance_cases.yml, written from what a visitor
would want, before the ranking was tuned)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine

from lotse.catalog.importer import import_csv
from lotse.catalog.search import CourseQuery, CourseSearch
from lotse.catalog.service import query_for_place
from lotse.db import session_scope

HERE = Path(__file__).parent
TODAY = date(2026, 12, 1)
CASES = yaml.safe_load((HERE / "relevance_cases.yml").read_text(encoding="utf-8"))["cases"]


def build_query(case: dict[str, Any]) -> CourseQuery:
    query = query_for_place(case["query"], case.get("place"), case.get("radius_km", 25))
    filters = dict(case.get("filters") or {})
    if "earliest_start" in filters:
        filters["earliest_start"] = date.fromisoformat(str(filters["earliest_start"]))
    for key in ("deliveries", "schedules"):
        if key in filters:
            filters[key] = tuple(filters[key])
    return query.changed(**filters)


@pytest.fixture
def small_catalogue(catalog_engine: Engine) -> Engine:
    summary = import_csv(HERE / "fixtures" / "small_catalogue.csv", source="fixture", bind=catalog_engine)
    assert summary.rejected == [], summary.lines()
    return catalog_engine


def ranked_ids(engine: Engine, query: CourseQuery) -> list[str]:
    search = CourseSearch(engine)
    with session_scope(engine) as session:
        result = search.search(session, query, TODAY)
        return [c.source_id for c in CourseSearch.courses(session, [h.course_id for h in result.hits])]


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 30


def test_every_case_ranks_as_expected(small_catalogue: Engine) -> None:
    failures = []
    for case in CASES:
        ids = ranked_ids(small_catalogue, build_query(case))
        problems = []
        if case.get("none") and ids:
            problems.append(f"expected nothing, got {ids[:5]}")
        if case.get("first") and (not ids or ids[0] != case["first"]):
            problems.append(f"first should be {case['first']}")
        missing = [i for i in case.get("top3") or [] if i not in ids[:3]]
        if missing:
            problems.append(f"{missing} not in the top three")
        unwanted = [i for i in case.get("excluded") or [] if i in ids]
        if unwanted:
            problems.append(f"{unwanted} must not be found")
        if problems:
            failures.append(f"{case['query']!r} {case.get('place') or ''}: {'; '.join(problems)} "
                            f"(got {ids[:5]}) – {case.get('why', '')}")
    assert not failures, "\n".join(failures)
