"""The worker counts the figures before the retention job deletes old conversations, so that
a conversation deleted after its retention period is still in the figures."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

import lotse.db
from lotse import worker
from lotse.clock import utcnow
from lotse.config import get_settings
from lotse.db import make_engine
from lotse.privacy.conversations import tracker_engine
from tests.lotse.figures.conftest import PERSONAL, SENDERS, counters, marias_conversation
from tests.lotse.figures.rasa_events import RASA_EVENTS, create_events_table


def test_a_round_counts_old_conversations_before_retention_deletes_them(
        db_engine: Engine, tmp_path: Path, monkeypatch, caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.INFO, logger="lotse")
    settings = get_settings().replace(tracker_db_url=f"sqlite:///{tmp_path / 'tracker.db'}",
                       conversation_retention_days=30)
    tracker = make_engine(settings.tracker_db_url)
    create_events_table(tracker)
    marias_conversation(utcnow() - timedelta(days=40)).store(tracker)
    monkeypatch.setattr(lotse.db, "engine", lambda: db_engine)
    monkeypatch.setattr(worker, "deliver", lambda ways: None)

    assert worker.run_once(settings, {}, purge_now=True) == []

    with tracker.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(RASA_EVENTS)) == 0  # deleted ...
    assert counters(db_engine)[("wba_sued", "saalekreis", "conversations", "")] == 1  # ... but counted
    logged = "\n".join(record.getMessage() for record in caplog.records if record.name.startswith("lotse"))
    assert "Zahlen: 1 beendete Gespräche gezählt" in logged
    for secret in (*PERSONAL, *SENDERS):
        assert secret not in logged
    tracker.dispose()
    tracker_engine.cache_clear()
