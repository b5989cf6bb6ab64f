"""Visitors can have their conversation and case deleted; retention deletes the rest in time.

Rasa's conversation store is a real SQL table of the shape Rasa 3.6 writes (`events`); the
end-to-end tests check the same against Rasa's own store.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Column, Engine, Float, Integer, MetaData, String, Table, Text, func, insert, select

from lotse.db import make_engine, session_scope
from lotse.handover import drafts
from lotse.handover.cases import CaseContext, Routing, close, find_case, open_case, open_case_from_draft
from lotse.handover.contact import ContactDetail
from lotse.handover.live import LiveChat, request_chat
from lotse.handover.models import ContactDraft, HandoverCase, OutboxMessage
from lotse.privacy.erasure import DELETION_DELAY, erase_case, erase_conversation, run_due_deletions
from lotse.privacy.retention import RetentionPolicy, purge

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
rasa_metadata = MetaData()
RASA_EVENTS = Table("events", rasa_metadata, Column("id", Integer, primary_key=True),
                    Column("sender_id", String(255), nullable=False), Column("type_name", String(255)),
                    Column("timestamp", Float), Column("intent_name", String(255)),
                    Column("action_name", String(255)), Column("data", Text))


@pytest.fixture
def tracker(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    rasa_metadata.create_all(engine)
    yield engine
    engine.dispose()


def say(tracker: Engine, conversation: str, at: datetime) -> None:
    with tracker.begin() as connection:
        connection.execute(insert(RASA_EVENTS).values(sender_id=conversation, type_name="user",
                                                      timestamp=at.timestamp(), data="{}"))


def stored(tracker: Engine, conversation: str) -> int:
    with tracker.connect() as connection:
        return connection.scalar(select(func.count()).where(RASA_EVENTS.c.sender_id == conversation))


def call_back(engine: Engine, conversation: str, phone: str = "+49 345 1234567") -> str:
    with session_scope(engine) as session:
        drafts.start_draft(session, conversation, "Einwilligungstext", NOW)
        drafts.record_consent(session, conversation, NOW)
        drafts.record_contact(session, conversation, ContactDetail("phone", phone))
        context = CaseContext("request", conversation_id=conversation, region="halle")
        routing = Routing(email_default=("t@wba.example",))
        return open_case_from_draft(session, context, routing, NOW).reference


def test_deleting_from_the_conversation_removes_case_draft_chat_now_and_messages_shortly(
        db_engine: Engine, tracker: Engine):
    reference = call_back(db_engine, "c-1")
    say(tracker, "c-1", NOW)
    say(tracker, "c-2", NOW)
    with session_scope(db_engine) as session:
        drafts.start_draft(session, "c-1", "noch einer", NOW)
        request_chat(session, "c-1", "halle", "wba_sued", "", NOW)
        assert erase_conversation(session, "c-1", NOW).cases == (reference,)
    with session_scope(db_engine) as session:
        assert find_case(session, reference) is None
        assert session.scalars(select(OutboxMessage)).all() == []
        assert session.scalars(select(ContactDraft)).all() == []
        assert session.scalars(select(LiveChat)).all() == []
        assert run_due_deletions(session, tracker, NOW) == 0  # Rasa may still be finishing the turn
    assert stored(tracker, "c-1") == 1
    with session_scope(db_engine) as session:
        assert run_due_deletions(session, tracker, NOW + DELETION_DELAY) == 1
    assert stored(tracker, "c-1") == 0 and stored(tracker, "c-2") == 1


def test_a_case_is_deleted_by_reference_only_with_its_contact_detail(db_engine: Engine, tracker: Engine):
    reference = call_back(db_engine, "c-1")
    with session_scope(db_engine) as session:
        assert not erase_case(session, reference, "0176 99999999", NOW)
        assert not erase_case(session, "WBA-2026-99999", "0345 1234567", NOW)
        assert not erase_case(session, reference, "keine Ahnung", NOW)
    with session_scope(db_engine) as session:
        assert find_case(session, reference) is not None
        assert erase_case(session, reference.lower(), "meine Nummer: 0345/1234567", NOW)
    with session_scope(db_engine) as session:
        assert find_case(session, reference) is None


def test_retention_deletes_closed_and_old_cases_stale_drafts_and_idle_conversations(
        db_engine: Engine, tracker: Engine):
    policy = RetentionPolicy(case_days=90, open_case_days=365, conversation_days=30)
    with session_scope(db_engine) as session:
        recent = open_case(session, CaseContext("request"), Routing(), NOW - timedelta(days=100))
        closed_long_ago = open_case(session, CaseContext("request"), Routing(), NOW - timedelta(days=200))
        close(closed_long_ago, NOW - timedelta(days=91))
        ancient = open_case(session, CaseContext("request"), Routing(), NOW - timedelta(days=366))
        keep = recent.reference
        drafts.start_draft(session, "old", "Text", NOW - timedelta(days=2))
        drafts.start_draft(session, "new", "Text", NOW - timedelta(hours=2))
    say(tracker, "idle", NOW - timedelta(days=31))
    say(tracker, "active", NOW - timedelta(days=40))
    say(tracker, "active", NOW - timedelta(days=1))
    with session_scope(db_engine) as session:
        report = purge(session, tracker, policy, NOW)
    assert (report.cases, report.drafts, report.conversations) == (2, 1, 1)
    with session_scope(db_engine) as session:
        assert [c.reference for c in session.scalars(select(HandoverCase))] == [keep]
        assert [d.conversation_id for d in session.scalars(select(ContactDraft))] == ["new"]
    assert stored(tracker, "idle") == 0 and stored(tracker, "active") == 2
    assert ancient.reference not in report.text()
