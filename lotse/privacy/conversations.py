"""Rasa's stored conversations (its SQL tracker store), for erasure and retention.

Rasa offers no way to delete a conversation; its SQL tracker store keeps one row per event
in the table `events` (sender_id, timestamp in seconds since 1970, ...). Deleting those rows
deletes the conversation. A conversation must not be deleted while Rasa is still handling a
message of it (Rasa would write the whole conversation back), hence `DeletionRequest`s that
the worker carries out a few seconds later.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from sqlalchemy import Column, Engine, Float, Integer, MetaData, String, Table, delete, func, inspect, select

from lotse.db import make_engine

_metadata = MetaData()
# The columns of Rasa 3.6's SQLTrackerStore.SQLEvent that erasure and retention need.
EVENTS = Table("events", _metadata, Column("id", Integer, primary_key=True), Column("sender_id", String(255)),
               Column("timestamp", Float))


@lru_cache(maxsize=4)
def tracker_engine(url: str) -> Engine:
    return make_engine(url)


def _has_events(engine: Engine) -> bool:
    return inspect(engine).has_table("events")


def delete_conversations(engine: Engine, conversation_ids: list[str]) -> int:
    """Delete every stored event of these conversations; returns the number of events."""
    if not conversation_ids or not _has_events(engine):
        return 0
    with engine.begin() as connection:
        deleted = connection.execute(delete(EVENTS).where(EVENTS.c.sender_id.in_(conversation_ids)))
        return deleted.rowcount or 0


def delete_idle_conversations(engine: Engine, idle_since: datetime) -> int:
    """Delete the conversations whose last event is older than `idle_since`; returns how many."""
    if not _has_events(engine):
        return 0
    idle = (select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
            .having(func.max(EVENTS.c.timestamp) < idle_since.timestamp()))
    with engine.begin() as connection:
        senders = list(connection.scalars(idle))
        for start in range(0, len(senders), 500):
            connection.execute(delete(EVENTS).where(EVENTS.c.sender_id.in_(senders[start:start + 500])))
    return len(senders)
