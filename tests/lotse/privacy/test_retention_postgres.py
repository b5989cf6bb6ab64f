"""Retention on PostgreSQL with Rasa's own conversation store: the purge deletes a conversation
older than the configured period and keeps a recent one, and day after day the events table
holds no more than the period's conversations.

Rasa's store (rasa_addons/tracker_store.py, in Rasa's environment .venv) creates its table on a
real PostgreSQL server and stores the two conversations; the purge of the handover's worker
(`lotse.privacy.retention.purge`) runs here against the same database.
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import Engine, MetaData, Table, func, insert, select

from lotse.db import make_engine, session_scope
from lotse.privacy.retention import RetentionPolicy, purge

ROOT = Path(__file__).resolve().parents[3]
RASA_PYTHON = ROOT / ".venv" / "bin" / "python"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
POLICY = RetentionPolicy(conversation_days=30)
TRACKER_DATABASE = "rasa_tracker"

STORE_TWO_CONVERSATIONS = """
import asyncio, sys
from rasa.shared.core.domain import Domain
from lotse.domain_files import DOMAIN_DIR
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_addons.tracker_store import RedactingSQLTrackerStore

socket_dir, port, now, database = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
domain = Domain.load(DOMAIN_DIR)
store = RedactingSQLTrackerStore(domain=domain, dialect="postgresql", host=socket_dir, port=port,
                                 db=database, username="postgres", login_db="postgres")
for visitor, days_ago in (("old-visitor", 40), ("recent-visitor", 1)):
    at = now - days_ago * 86400
    tracker = DialogueStateTracker.from_events(visitor, [
        ActionExecuted("action_session_start", timestamp=at), SessionStarted(timestamp=at),
        ActionExecuted("action_listen", timestamp=at),
        UserUttered("Hallo", intent={"name": "greet", "confidence": 1.0}, timestamp=at + 1),
        BotUttered("Guten Tag!", timestamp=at + 2),
    ], slots=domain.slots)
    asyncio.run(store.save(tracker))
print("stored")
"""


@pytest.fixture
def tracker(postgres_url: str) -> Engine:
    """Rasa's events table on PostgreSQL, holding a conversation of 40 days ago and one of yesterday."""
    if not RASA_PYTHON.exists():
        pytest.skip("Rasa's environment (.venv) is not installed")
    server = urlsplit(postgres_url)
    options = parse_qs(server.query)
    socket_dir, port = options["host"][0], options["port"][0]
    admin = make_engine(postgres_url)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {TRACKER_DATABASE}")
    admin.dispose()
    arguments = [socket_dir, port, str(NOW.timestamp()), TRACKER_DATABASE]
    done = subprocess.run([str(RASA_PYTHON), "-c", STORE_TWO_CONVERSATIONS, *arguments], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PYTHONPATH=str(ROOT), SQLALCHEMY_SILENCE_UBER_WARNING="1"))
    assert done.returncode == 0 and "stored" in done.stdout, done.stderr[-3000:]
    engine = make_engine(postgres_url.replace("/postgres?", f"/{TRACKER_DATABASE}?"))
    yield engine
    engine.dispose()


def events_of(tracker: Engine) -> Table:
    return Table("events", MetaData(), autoload_with=tracker)


def rows(tracker: Engine, conversation: str | None = None) -> int:
    events = events_of(tracker)
    query = select(func.count()).select_from(events)
    if conversation:
        query = query.where(events.c.sender_id == conversation)
    with tracker.connect() as connection:
        return connection.scalar(query)


def test_the_purge_deletes_the_old_conversation_from_rasas_store_and_keeps_the_recent(db_engine, tracker):
    assert rows(tracker, "old-visitor") == 5 and rows(tracker, "recent-visitor") == 5
    with session_scope(db_engine) as session:
        report = purge(session, tracker, POLICY, NOW)
    assert report.conversations == 1
    assert rows(tracker, "old-visitor") == 0 and rows(tracker, "recent-visitor") == 5


def test_the_events_table_stays_bounded_under_the_retention_period(db_engine, tracker):
    """Ten conversations a day for 90 days, the purge once a day: the table never holds more
    than the period's conversations (and the day's)."""
    events = events_of(tracker)
    per_conversation, per_day, days = 6, 10, 90
    start = NOW - timedelta(days=days)
    most = 0
    for day in range(days):
        today = start + timedelta(days=day)
        with tracker.begin() as connection:
            connection.execute(insert(events), [
                {"sender_id": f"day{day}-visitor{n}", "type_name": "user", "data": "{}",
                 "timestamp": (today + timedelta(minutes=event)).timestamp()}
                for n in range(per_day) for event in range(per_conversation)])
        with session_scope(db_engine) as session:
            purge(session, tracker, POLICY, today + timedelta(hours=1))
        most = max(most, rows(tracker))
    bound = (POLICY.conversation_days + 1) * per_day * per_conversation
    assert most <= bound
    assert rows(tracker) >= POLICY.conversation_days * per_day * per_conversation  # nothing younger was lost
