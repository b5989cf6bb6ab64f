"""Small readings of the tracker that several actions share."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from lotse.dialogue import intake_kind_of_form
from lotse.situation import PERSON


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def latest_entities(tracker: Tracker) -> list[dict[str, Any]]:
    return tracker.latest_message.get("entities") or []


def latest_entity_values(tracker: Tracker, entity: str) -> list[str]:
    return [str(e["value"]) for e in latest_entities(tracker) if e.get("entity") == entity]


def intake_kind(tracker: Tracker) -> str:
    """The kind of the running or most recent intake (person unless a company spoke)."""
    running = intake_kind_of_form((tracker.active_loop or {}).get("name"))
    return running or tracker.get_slot("intake_kind") or PERSON


def set_this_turn(tracker: Tracker, slot: str) -> bool:
    """Whether an action set `slot` after the visitor's latest message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") == slot:
            return True
    return False


ANSWER_IN_FORM = "answer_in_form"


def visitor_turns(tracker: Tracker, mark_form_answers: bool = False) -> list[tuple[str, str | None]]:
    """The visitor's messages of this session as (text, intent), oldest first. A message that
    Rasa took back (the fallback asks about it, then reads it again) counts once. With
    `mark_form_answers`, a message sent while a form asked its question ("weiß ich nicht" to
    "Wie viele Stunden?") has the intent ANSWER_IN_FORM: the form deals with it."""
    turns: list[tuple[str, str | None]] = []
    form: str | None = None
    for event in tracker.events:
        kind = event.get("event")
        if kind == "session_started":
            turns = []
        elif kind == "active_loop":
            form = event.get("name")
        elif kind == "user":
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            if mark_form_answers and form and form.endswith("_form"):
                intent = ANSWER_IN_FORM
            turns.append((event.get("text") or "", intent))
        elif kind == "rewind" and turns:
            turns.pop()
    return turns


def last_response_before_message(tracker: Tracker) -> str | None:
    """The name of the assistant's last response before the visitor's latest message."""
    seen_message = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_message:
                return None
            seen_message = True
        elif seen_message and event.get("event") == "bot":
            return (event.get("metadata") or {}).get("utter_action")
    return None
