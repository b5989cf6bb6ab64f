"""Small readings of the tracker that several actions share."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from lotse.situation import EMPLOYER, PERSON

FORM_OF_KIND = {PERSON: "person_intake_form", EMPLOYER: "employer_intake_form"}
KIND_OF_FORM = {form: kind for kind, form in FORM_OF_KIND.items()}


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def latest_entities(tracker: Tracker) -> list[dict[str, Any]]:
    return tracker.latest_message.get("entities") or []


def latest_entity_values(tracker: Tracker, entity: str) -> list[str]:
    return [str(e["value"]) for e in latest_entities(tracker) if e.get("entity") == entity]


def intake_kind(tracker: Tracker) -> str:
    """The kind of the running or most recent intake (person unless a company spoke)."""
    active = (tracker.active_loop or {}).get("name")
    if active in KIND_OF_FORM:
        return KIND_OF_FORM[active]
    return tracker.get_slot("intake_kind") or PERSON
