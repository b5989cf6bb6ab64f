"""Removing contact details from what is kept of a conversation.

Personal data reaches a conversation in two ways. Some can be recognised by its shape
wherever it is written, by the visitor, the assistant (which may repeat what it did not
understand) or a staff member in the live chat: phone numbers, e-mail addresses (also
disguised: "max(at)example.de"), IBANs, tax and social insurance numbers
(lotse.redaction.patterns). The answers to the contact questions of the call-back form cannot
(a name has no shape). Both are replaced before a conversation is stored (Rasa's tracker
store) or copied into a case's transcript; the contact details themselves are kept only in
the case, with the visitor's consent. Names in free text are not recognised.

Works on Rasa's event dictionaries (`Event.as_dict()`), so that the tracker store and the
action server share one definition. Imports nothing but the standard library and
`phonenumbers` (Rasa's environment uses it too).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import phonenumbers

from lotse.redaction.patterns import (
    Span,
    email_addresses,
    ibans,
    insurance_numbers,
    named_numbers,
    tax_ids,
    tax_numbers,
)

# The form questions whose answers are contact details (slots of domain/handover.yml, privacy.yml).
CONTACT_QUESTIONS = frozenset({"contact_detail", "contact_name", "erasure_contact"})
# What the validation writes into those slots instead of the detail itself.
SLOT_MARKERS = frozenset({"on_file", "none", "phone", "email"})

ANSWER_REMOVED = "[Kontaktangabe entfernt]"
PHONE_REMOVED = "[Telefonnummer entfernt]"
EMAIL_REMOVED = "[E-Mail-Adresse entfernt]"
IBAN_REMOVED = "[IBAN entfernt]"
TAX_REMOVED = "[Steuernummer entfernt]"
INSURANCE_REMOVED = "[Versicherungsnummer entfernt]"

# A plain address, as the call-back form reads it (lotse.handover.contact); redaction also
# recognises disguised ones (lotse.redaction.patterns.ADDRESS).
EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Fewer digits than this make no phone, tax, insurance or account number.
_MIN_DIGITS = 5
# Keys of event dictionaries that hold identifiers, never what somebody wrote.
_NAMES = frozenset({"event", "message_id", "input_channel", "policy", "extractor", "entity",
                    "utter_action", "timestamp"})


# "02.05.2026" is also a valid number of Ratingen for `phonenumbers`: dates are no phone numbers.
_DATE = re.compile(r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:\d{4}|\d{2})(?!\d)")


def _phone_numbers(text: str) -> Iterator[Span]:
    for match in phonenumbers.PhoneNumberMatcher(text, "DE"):
        if any(char.isdigit() for char in _DATE.sub("", match.raw_string)):
            yield match.start, match.end


def _named_numbers(text: str) -> Iterator[tuple[str, Span]]:
    for kind, span in named_numbers(text):
        yield (TAX_REMOVED if kind == "tax" else INSURANCE_REMOVED), span


def _replace(text: str, marker: str, finder: Callable[[str], Iterable[Span]]) -> str:
    for start, end in reversed(list(finder(text))):
        text = text[:start] + marker + text[end:]
    return text


def redact_text(text: str) -> str:
    """The text with every e-mail address, IBAN, tax number, social insurance number and
    valid phone number replaced by a marker that says what was there."""
    if not text:
        return text
    text = _replace(text, EMAIL_REMOVED, email_addresses)
    if sum(char.isdigit() for char in text) < _MIN_DIGITS:
        return text
    # Accounts first: an IBAN holds digit groups that look like phone numbers.
    text = _replace(text, IBAN_REMOVED, ibans)
    text = _replace(text, INSURANCE_REMOVED, insurance_numbers)
    for marker, (start, end) in reversed(list(_named_numbers(text))):
        text = text[:start] + marker + text[end:]
    text = _replace(text, TAX_REMOVED, tax_numbers)
    text = _replace(text, TAX_REMOVED, tax_ids)
    return _replace(text, PHONE_REMOVED, _phone_numbers)


def redact_value(value: Any) -> Any:
    """A copy of a JSON-like value with every string redacted (identifiers such as an
    event's type or a message id are left alone)."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {key: item if key in _NAMES else redact_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact_value(item) for item in value]
    return value


def _question_opened(event: dict[str, Any]) -> tuple[bool, str | None]:
    """Whether the event opens or closes a form question, and which one is open after it."""
    if event.get("event") == "slot" and event.get("name") == "requested_slot":
        return True, event.get("value")
    if event.get("event") == "active_loop" and not event.get("name"):
        return True, None
    return False, None


def open_question(events_newest_first: Iterable[dict[str, Any]]) -> str | None:
    """The form question open after these events, read from the newest back (so that only
    the last few events of a long conversation need to be looked at)."""
    for event in events_newest_first:
        changes, requested = _question_opened(event)
        if changes:
            return requested
    return None


def _requested_slots(events: Iterable[dict[str, Any]],
                     requested: str | None = None) -> Iterator[tuple[dict[str, Any], str | None]]:
    """Each event with the form question that was open when it happened."""
    for event in events:
        yield event, requested
        changes, opened = _question_opened(event)
        if changes:
            requested = opened


def _redact_user_event(event: dict[str, Any], requested: str | None) -> dict[str, Any]:
    text = event.get("text") or ""
    # A pressed button without values ("/deny" for "Ohne Namen") holds no contact detail.
    plain_button = text.startswith("/") and "{" not in text
    if requested not in CONTACT_QUESTIONS or plain_button:
        return redact_value(event)
    redacted = copy.deepcopy(event)
    redacted["text"] = ANSWER_REMOVED
    parse_data = redacted.get("parse_data") or {}
    if parse_data:
        parse_data["text"] = ANSWER_REMOVED
        parse_data["entities"] = []
    return redact_value(redacted)


def redact_event(event: dict[str, Any], requested: str | None) -> dict[str, Any]:
    """A copy of one event without contact details: what the visitor, the assistant or a
    staff member wrote (user and bot events, with their entities, buttons and the values a
    response was filled with), and slot values."""
    kind = event.get("event")
    if kind == "user":
        return _redact_user_event(event, requested)
    if kind == "slot" and event.get("name") in CONTACT_QUESTIONS and event.get("value") is not None \
            and event.get("value") not in SLOT_MARKERS:
        return {**event, "value": ANSWER_REMOVED}
    return redact_value(event)


def redact_events(events: Iterable[dict[str, Any]], since: int = 0,
                  open_before: str | None = None) -> list[dict[str, Any]]:
    """Copies of the events of a conversation without contact details; with `since`, only
    those from that index on (the earlier ones still tell which form question was open);
    `open_before`: the question open before the first of `events` (see `open_question`)."""
    with_questions = enumerate(_requested_slots(events, open_before))
    return [redact_event(event, requested) for index, (event, requested) in with_questions if index >= since]
