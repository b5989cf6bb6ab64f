"""Redaction: contact details and other personal data out of text, events and logs.

A leaf: it imports nothing of the project but itself and needs only `re` and `phonenumbers`,
so that Rasa's own environment can use it in the tracker store (rasa_addons/tracker_store.py)
and every package (handover, review, privacy) may import it.
"""

from lotse.redaction.text import (
    ANSWER_REMOVED,
    CONTACT_QUESTIONS,
    EMAIL_PATTERN,
    EMAIL_REMOVED,
    IBAN_REMOVED,
    INSURANCE_REMOVED,
    PHONE_REMOVED,
    SLOT_MARKERS,
    TAX_REMOVED,
    open_question,
    redact_event,
    redact_events,
    redact_text,
    redact_value,
)

__all__ = [
    "ANSWER_REMOVED", "CONTACT_QUESTIONS", "EMAIL_PATTERN", "EMAIL_REMOVED", "IBAN_REMOVED",
    "INSURANCE_REMOVED", "PHONE_REMOVED", "SLOT_MARKERS", "TAX_REMOVED", "open_question",
    "redact_event", "redact_events", "redact_text", "redact_value",
]
