"""What a slot may hold at all, whoever set it: Rasa's entity mappings, a button payload a
visitor typed by hand ("/inform{"company_size": -1}"), or an action.

These are shapes, not meanings: a place must still be found and a status still be read by
the form that asks for it. But a value that is markup, template or SQL syntax, a control
character, an object, or a number no company has is no answer to any question; it is never
stored, so it can never be repeated back or written into a case. Pure Python, so that Rasa's
process uses the same rules (rasa_addons/slot_guard.py).
"""

from __future__ import annotations

import re
from typing import Any

# Company sizes above this are typos or not a company headcount in Sachsen-Anhalt.
MAX_COMPANY_SIZE = 500_000
MAX_ANSWER_CHARS = 200
# Characters and sequences no place, topic, occupation or status contains.
_CODE = re.compile(r"[<>{}\[\]`$\\|=;]|javascript:|--|/\*|\*/", re.I)
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_LETTER = re.compile(r"[^\W\d_]")
# Slots whose values are visitors' words about themselves (entities and answers).
TEXT_SLOTS = frozenset({"employment_status", "location", "topic", "qualification", "course_format"})
CHANNELS = frozenset({"phone", "email", "chat"})


def is_plain_text(value: Any) -> bool:
    """Words a visitor could mean as an answer: letters, at most MAX_ANSWER_CHARS, no code."""
    if not isinstance(value, str) or not 0 < len(value.strip()) <= MAX_ANSWER_CHARS:
        return False
    return _LETTER.search(value) is not None and not _CODE.search(value) and not _INVISIBLE.search(value)


def is_company_size(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return value == int(value) and 1 <= value <= MAX_COMPANY_SIZE
    if isinstance(value, str) and value.strip().isdigit():
        return 1 <= int(value) <= MAX_COMPANY_SIZE
    return is_plain_text(value)  # "zwölf", "rund 40": read by the form


def plausible_slot_value(slot: str, value: Any) -> bool:
    """Whether `value` may be stored in `slot` at all (None, the empty value, always may)."""
    if value is None:
        return True
    if slot == "company_size":
        return is_company_size(value)
    if slot == "contact_channel":
        return value in CHANNELS
    if slot in TEXT_SLOTS:
        return is_plain_text(value)
    return True
