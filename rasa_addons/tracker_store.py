"""Rasa's SQL tracker store, storing conversations without contact details.

Rasa keeps every message and slot value of a conversation as an event row. This store
replaces phone numbers, e-mail addresses (also disguised), IBANs, tax and social insurance
numbers and the answers to the contact questions before a row is written
(lotse.redaction): in the visitor's messages, in the assistant's (which may repeat
an answer it did not understand, also in the values a response was filled with), in staff
messages of the live chat (bot events with `metadata.staff`, web/staff_live_api.py) and in
slot values. The details themselves are kept only in the case, with the visitor's consent.
Rasa's processing in the same turn still sees the real message, so the action server can
store the detail where it belongs; from the next turn on, Rasa reads the redacted events.

Configured in endpoints.yml (`type: rasa_addons.tracker_store.RedactingSQLTrackerStore`).
An event broker, if one is configured later, still receives the events unredacted.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

import sqlalchemy
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from lotse.redaction import open_question, redact_events

logger = logging.getLogger(__name__)
# How many of a tracker's events are in the database, noted on the tracker when it is read.
STORED_EVENTS = "_lotse_stored_events"


def _sqlite_write_ahead(connection: Any, _record: Any) -> None:
    """SQLite: a write-ahead log, synced at checkpoints rather than at every commit. A crash of
    the machine may lose the last turns; the database is never left broken."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def rasa_database_url(url: str) -> str:
    """TRACKER_STORE_URL as Rasa's environment connects to it: the application names a
    driver of its own environment (`postgresql+psycopg`); Rasa has psycopg2, PostgreSQL's
    default driver in SQLAlchemy."""
    parsed = sqlalchemy.engine.make_url(url)
    if parsed.get_backend_name() == "postgresql":
        parsed = parsed.set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


class RedactingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The production profile (PostgreSQL) is chosen by the environment alone: an SQLAlchemy
        # URL in TRACKER_STORE_URL wins over endpoints.yml's SQLite file.
        url = os.environ.get("TRACKER_STORE_URL", "")
        if url:
            kwargs.update(host=rasa_database_url(url), dialect=None, db=None)
        super().__init__(*args, **kwargs)
        # Rasa's engine again, with two settings it lacks: an error's text never carries the
        # values of a query (visitors' messages), and a server that restarted leaves dead
        # connections in the pool, tested before use so the first turn after it is answered.
        first = self.engine
        options = dict(create_engine_kwargs(first.url), hide_parameters=True)
        if first.dialect.name != "sqlite":
            options["pool_pre_ping"] = True
        self.engine = sqlalchemy.create_engine(first.url, **options)
        first.dispose()
        if self.engine.dialect.name == "sqlite":
            sqlalchemy.event.listen(self.engine, "connect", _sqlite_write_ahead)
        self.sessionmaker = sqlalchemy.orm.sessionmaker(bind=self.engine)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            setattr(tracker, STORED_EVENTS, len(tracker.events))
        return tracker

    def _stored(self, session: Any, tracker: DialogueStateTracker) -> int:
        """How many of the tracker's events are stored: noted when it was read (the store reads
        and writes the same session's events), else counted in the database."""
        noted = getattr(tracker, STORED_EVENTS, None)
        if noted is not None and self.max_event_history is None:
            return noted
        return self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False).count()

    async def save(self, tracker: DialogueStateTracker) -> None:
        """SQLTrackerStore.save, with each new event redacted before it is written.

        Only the new events are read and redacted; the events before them are looked at from
        the newest back until the form question open at that point is known.
        """
        await self.stream_events(tracker)
        with self.session_scope() as session:
            stored = self._stored(session, tracker)
            events = list(tracker.events)
            open_before = open_question(event.as_dict() for event in reversed(events[:stored]))
            redacted = redact_events([event.as_dict() for event in events[stored:]], open_before=open_before)
            for data in redacted:
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id, type_name=data.get("event"), timestamp=data.get("timestamp"),
                    intent_name=(data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"), data=json.dumps(data)))
            session.commit()
        setattr(tracker, STORED_EVENTS, len(events))
