"""Removing contact details from what is kept of a conversation.

Two kinds of personal data reach a conversation: phone numbers and e-mail addresses, which
can be recognised wherever they are written, and the answers to the contact questions of
the call-back form (a name cannot be recognised by its shape). Both are replaced before a
conversation is stored (Rasa's tracker store) or copied into a case's transcript; the
details themselves are kept only in the case, with the visitor's consent.

Works on Rasa's event dictionaries (`Event.as_dict()`), so that the tracker store and the
action server share one definition.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from typing import Any

import phonenumbers

# The form questions whose answers are contact details (slot names of domain.yml).
CONTACT_QUESTIONS = frozenset({"contact_detail", "contact_name", "erasure_contact"})
# What the validation writes into those slots instead of the detail itself.
SLOT_MARKERS = frozenset({"on_file", "none", "phone", "email"})

ANSWER_REMOVED = "[Kontaktangabe entfernt]"
PHONE_REMOVED = "[Telefonnummer entfernt]"
EMAIL_REMOVED = "[E-Mail-Adresse entfernt]"

EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)


def redact_text(text: str) -> str:
    """The text with every e-mail address and valid phone number replaced."""
    if not text:
        return text
    text = EMAIL_PATTERN.sub(EMAIL_REMOVED, text)
    matches = list(phonenumbers.PhoneNumberMatcher(text, "DE"))
    for match in reversed(matches):
        text = text[:match.start] + PHONE_REMOVED + text[match.end:]
    return text


def _requested_slots(events: Iterable[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], str | None]]:
    """Each event with the form question that was open when it happened."""
    requested: str | None = None
    for event in events:
        yield event, requested
        if event.get("event") == "slot" and event.get("name") == "requested_slot":
            requested = event.get("value")
        elif event.get("event") == "active_loop" and not event.get("name"):
            requested = None


def redact_event(event: dict[str, Any], requested: str | None) -> dict[str, Any]:
    """A copy of one event without contact details."""
    kind = event.get("event")
    if kind == "user":
        redacted = copy.deepcopy(event)
        text = event.get("text") or ""
        # A pressed button without values ("/deny" for "Ohne Namen") holds no contact detail.
        plain_button = text.startswith("/") and "{" not in text
        answer_to_contact_question = requested in CONTACT_QUESTIONS and not plain_button
        text = ANSWER_REMOVED if answer_to_contact_question else redact_text(text)
        redacted["text"] = text
        parse_data = redacted.get("parse_data") or {}
        if parse_data:
            parse_data["text"] = text
            if answer_to_contact_question:
                parse_data["entities"] = []
            for entity in parse_data.get("entities") or []:
                if isinstance(entity.get("value"), str):
                    entity["value"] = redact_text(entity["value"])
        return redacted
    if kind == "slot" and event.get("name") in CONTACT_QUESTIONS and event.get("value") is not None \
            and event.get("value") not in SLOT_MARKERS:
        return {**event, "value": ANSWER_REMOVED}
    if kind == "slot" and isinstance(event.get("value"), str):
        return {**event, "value": redact_text(event["value"])}
    return event


def redact_events(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of the events of a conversation without contact details."""
    return [redact_event(event, requested) for event, requested in _requested_slots(events)]
