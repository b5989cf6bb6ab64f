"""Reading Rasa's stored conversations (its SQL tracker store, table `events`) for review.

The tracker store has already removed contact details before storing (rasa_addons); the
review masks names on top (lotse.review.transcript). Conversations whose erasure is pending
are left out here, so that nobody reads them in the seconds before the worker deletes them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Engine, Float, Integer, MetaData, String, Table, Text, inspect, select
from sqlalchemy.orm import Session

from lotse.privacy.models import DeletionRequest

_metadata = MetaData()
# The columns of Rasa 3.6's SQLTrackerStore.SQLEvent that the review reads.
EVENTS = Table("events", _metadata, Column("id", Integer, primary_key=True), Column("sender_id", String(255)),
               Column("type_name", String(255)), Column("timestamp", Float), Column("data", Text))
# Only what a transcript shows or the filters need.
READ_TYPES = ("user", "bot", "action", "slot", "session_started")


def erased_ids(session: Session) -> set[str]:
    """Conversations whose erasure the visitor asked for and the worker has yet to carry out."""
    return set(session.scalars(select(DeletionRequest.conversation_id)))


def conversations(engine: Engine, since: datetime | None = None, until: datetime | None = None,
                  only: set[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """The events of every conversation with a message in [since, until), in stored order."""
    if not inspect(engine).has_table("events"):
        return {}
    senders = select(EVENTS.c.sender_id).where(EVENTS.c.type_name == "user").distinct()
    if since is not None:
        senders = senders.where(EVENTS.c.timestamp >= since.timestamp())
    if until is not None:
        senders = senders.where(EVENTS.c.timestamp < until.timestamp())
    query = (select(EVENTS.c.sender_id, EVENTS.c.data).where(EVENTS.c.type_name.in_(READ_TYPES))
             .where(EVENTS.c.sender_id.in_(senders)).order_by(EVENTS.c.sender_id, EVENTS.c.id))
    if only is not None:
        query = query.where(EVENTS.c.sender_id.in_(list(only)))
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with engine.connect() as connection:
        for sender_id, data in connection.execute(query):
            event = _parsed(data)
            if event is not None:
                found[sender_id].append(event)
    return dict(found)


def _parsed(data: str | None) -> dict[str, Any] | None:
    try:
        event = json.loads(data or "")
    except ValueError:
        return None
    return event if isinstance(event, dict) else None
