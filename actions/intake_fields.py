"""Which answer a visitor wants to change ("den Ort ändern")."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.tracker_facts import latest_entity_values
from lotse.vocabulary import normalize

# Slots that belong to an answer and must be cleared with it.
DEPENDENT_SLOTS = {"location": ("region",)}


def field_to_change(tracker: Tracker, fields: tuple[str, ...]) -> str | None:
    """The intake field the latest message names, if it belongs to this intake."""
    for value in latest_entity_values(tracker, "field"):
        field = normalize("field", value)
        if field in fields:
            return field
    return None


def clear_field(field: str) -> list[EventType]:
    """Forget one answer (and the confirmation) so that the form asks for it again."""
    events: list[EventType] = [SlotSet(field, None), SlotSet("situation_confirmed", None)]
    events += [SlotSet(slot, None) for slot in DEPENDENT_SLOTS.get(field, ())]
    return events
