"""The handover actions' tests run against the test session's real SQLite database, created
here; a fresh conversation id per test; the time the hotline is judged at."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest

import actions.handover as handover
from lotse.schema import init_db

TUESDAY_MORNING = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)  # 10:00 in Halle
SUNDAY = datetime(2026, 12, 6, 9, 0, tzinfo=timezone.utc)
PERSON = {
    "employment_status": "unemployed",
    "location": "Halle (Saale)",
    "region": "halle",
    "topic": "Pflege",
    "qualification": "vocational",
    "situation_confirmed": True,
    "intake_kind": "person",
}


@pytest.fixture(autouse=True)
def database():
    init_db()


@pytest.fixture
def sender() -> str:
    return f"visitor-{uuid.uuid4().hex}"


def at(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(handover, "clock", lambda: moment)
