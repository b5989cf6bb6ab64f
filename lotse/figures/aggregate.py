"""The worker's job: count the visits that ended since the last run into the anonymous
counters (lotse.figures.models), before the retention job deletes old conversations.

A visit is over when the conversation has been quiet for `idle` (FIGURES_IDLE_MINUTES, 30
by default). A run counts exactly the visits whose last event lies between the progress
mark and now minus `idle`, then moves the mark there: a visit is counted once, and nothing
remembers which conversation it was. The mark's row is locked for the run, so two workers
never count the same visits.

The conversation id is used only to read one conversation's events together; what is
stored is a day, a district, a metric, a topic or programme name and a number.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from itertools import groupby
from typing import Any

from sqlalchemy import Column, Engine, Float, Integer, MetaData, String, Table, Text, inspect, select
from sqlalchemy.orm import Session

from lotse.catalog.topics import topic_vocabulary
from lotse.clock import as_local, utcnow
from lotse.config import Settings
from lotse.db import session_scope
from lotse.figures import models as m
from lotse.figures.models import ConversationFigure, FiguresProgress
from lotse.figures.visits import CASE_SLOT, READ_SLOTS, UNKNOWN, StoredEvent, Visit, read_visits
from lotse.offices import directory
from lotse.privacy.conversations import tracker_engine
from lotse.programmes import catalogue

log = logging.getLogger(__name__)

BEGINNING = datetime(1970, 1, 1, tzinfo=timezone.utc)
CHUNK = 200
_metadata = MetaData()
# Rasa 3.6's SQLTrackerStore.SQLEvent, read only.
EVENTS = Table("events", _metadata, Column("id", Integer, primary_key=True),
               Column("sender_id", String(255)), Column("type_name", String(255)), Column("timestamp", Float),
               Column("intent_name", String(255)), Column("action_name", String(255)), Column("data", Text))
Key = tuple[date, str | None, str | None, str, str]


def count_figures(settings: Settings) -> None:
    """The worker's job (lotse.worker): logs how many visits it counted, nothing else."""
    with session_scope() as session:
        counted = count_new_visits(session, tracker_engine(settings.tracker_db_url),
                                   timedelta(minutes=settings.figures_idle_minutes))
    if counted:
        log.info("Zahlen: %d beendete Gespräche gezählt", counted)


def count_new_visits(session: Session, tracker: Engine, idle: timedelta, now: datetime | None = None) -> int:
    """Count the visits that ended since the last run; returns how many."""
    progress = _progress(session)
    since, until = progress.counted_until.timestamp(), ((now or utcnow()) - idle).timestamp()
    if until <= since:
        return 0
    counts: Counter[Key] = Counter()
    visits = 0
    for events in _conversations(tracker, since, until):
        for finished in read_visits(events, idle.total_seconds()):
            if finished.visit is not None and since < finished.last_at <= until:
                visits += 1
                _count(counts, finished.visit)
    _store(session, counts)
    progress.counted_until = datetime.fromtimestamp(until, timezone.utc)
    return visits


def _progress(session: Session) -> FiguresProgress:
    progress = session.get(FiguresProgress, m.CONVERSATIONS_PROGRESS, with_for_update=True)
    if progress is None:
        progress = FiguresProgress(name=m.CONVERSATIONS_PROGRESS, counted_until=BEGINNING)
        session.add(progress)
        session.flush()
    elif progress.counted_until.tzinfo is None:  # SQLite gives it back without its zone
        progress.counted_until = progress.counted_until.replace(tzinfo=timezone.utc)
    return progress


def _conversations(tracker: Engine, since: float, until: float) -> Iterator[list[StoredEvent]]:
    """The events of each conversation with an event in (since, until], all of them."""
    if not inspect(tracker).has_table("events"):
        return
    active = (select(EVENTS.c.sender_id).where(EVENTS.c.timestamp > since, EVENTS.c.timestamp <= until)
              .distinct())
    with tracker.connect() as connection:
        senders = list(connection.scalars(active))
        for start in range(0, len(senders), CHUNK):
            rows = connection.execute(
                select(EVENTS.c.sender_id, EVENTS.c.type_name, EVENTS.c.timestamp, EVENTS.c.intent_name,
                       EVENTS.c.action_name, EVENTS.c.data)
                .where(EVENTS.c.sender_id.in_(senders[start:start + CHUNK]))
                .order_by(EVENTS.c.sender_id, EVENTS.c.timestamp, EVENTS.c.id))
            for _, conversation in groupby(rows, key=lambda row: row.sender_id):
                yield [_event(row) for row in conversation]


def _event(row: Any) -> StoredEvent:
    """A row as the figures read it: a message's text is never taken over."""
    kind, at = row.type_name, float(row.timestamp or 0)
    if kind == "user":
        return StoredEvent(kind, at, row.intent_name)
    if kind == "action":
        return StoredEvent(kind, at, row.action_name)
    if kind not in ("slot", "bot"):
        return StoredEvent(kind, at)
    data = _json(row.data)
    if kind == "slot":
        name = data.get("name")
        if name not in READ_SLOTS:
            return StoredEvent(kind, at, name)
        value = data.get("value")
        if name == CASE_SLOT:
            value = True if value else None  # that a case was opened; its reference is not needed
        return StoredEvent(kind, at, name, value)
    response = (data.get("metadata") or {}).get("utter_action")
    custom = (data.get("data") or {}).get("custom") or {}
    live_chat = isinstance(custom, dict) and isinstance(custom.get("data"), dict) and (
        (custom["data"].get("live_chat") or {}).get("status") == "waiting")
    return StoredEvent(kind, at, response if isinstance(response, str) else None, live_chat or None)


def _json(text: str | None) -> dict[str, Any]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _count(counts: Counter[Key], visit: Visit) -> None:
    day = as_local(datetime.fromtimestamp(visit.first_message_at, timezone.utc)).date()
    district = visit.district if visit.district in directory().districts() else None
    office = directory().for_district(district, "wba")
    region = office.key if office else None

    def add(metric: str, number: int = 1, value: str = "") -> None:
        if number:
            counts[(day, region, district, metric, value)] += number

    add(m.CONVERSATIONS)
    add(m.UNDERSTOOD_FIRST, int(visit.understood_first))
    add(m.MESSAGES, visit.messages)
    add(m.FALLBACKS, visit.fallbacks)
    add(m.WITH_FALLBACK, int(visit.fallbacks > 0))
    add(m.HANDED_OVER, int(bool(visit.ways)))
    for way in visit.ways:
        add(m.HANDOVER_WAY, value=way)
    for topic in {name for text in visit.topics if (name := topic_name(text))}:
        add(m.TOPIC, value=topic)
    for key in visit.programmes & set(catalogue().programmes):
        add(m.PROGRAMME, value=key)


def topic_name(text: str) -> str | None:
    """The topic of knowledge/topics.yml the visitor's words name; OTHER_TOPIC for words it
    does not know (they are never stored); None for "weiß nicht"."""
    if not text.strip() or text == UNKNOWN:
        return None
    named = [group.topic for group in topic_vocabulary().analyse(text) if group.topic is not None]
    return named[0].name if named else m.OTHER_TOPIC


def _store(session: Session, counts: Counter[Key]) -> None:
    """Add the counts to the counter rows (one per day, region, district, metric and value)."""
    for (day, region, district, metric, value), number in counts.items():
        row = session.scalars(select(ConversationFigure).where(
            ConversationFigure.day == day, _same(ConversationFigure.region, region),
            _same(ConversationFigure.district, district), ConversationFigure.metric == metric,
            ConversationFigure.value == value)).first()
        if row is None:
            session.add(ConversationFigure(day=day, region=region, district=district, metric=metric,
                                           value=value, count=number))
        else:
            row.count += number
    session.flush()


def _same(column: Any, value: str | None) -> Any:
    return column.is_(None) if value is None else column == value
