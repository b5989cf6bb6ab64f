"""Rasa's SQL tracker store, storing conversations without contact details.

Rasa keeps every message and slot value of a conversation as an event row. This store
replaces phone numbers, e-mail addresses (also disguised), IBANs, tax and social insurance
numbers and the answers to the contact questions before a row is written
(lotse.privacy.redaction): in the visitor's messages, in the assistant's (which may repeat
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

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from lotse.privacy.redaction import redact_events

logger = logging.getLogger(__name__)


class RedactingSQLTrackerStore(SQLTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
        """SQLTrackerStore.save, with each new event redacted before it is written.

        All events in memory are read (only the new ones redacted) so that each knows which
        form question was open when it happened.
        """
        await self.stream_events(tracker)
        with self.session_scope() as session:
            stored = self._event_query(session, tracker.sender_id,
                                       fetch_events_from_all_sessions=False).count()
            redacted = redact_events((event.as_dict() for event in tracker.events), since=stored)
            for data in redacted:
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id, type_name=data.get("event"), timestamp=data.get("timestamp"),
                    intent_name=(data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"), data=json.dumps(data)))
            session.commit()
