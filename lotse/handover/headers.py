"""Checks for every value a notification puts into a header (e-mail or HTTP), so that no line
break or control character from a case or an outbox row ever reaches one.

A value that fails is not repaired but refused with `Undeliverable`: a real case never has
a line break in its region or reference, so such a value is forged or corrupt, and the outbox
gives that message up (staff see it with the reason) instead of retrying it for ever.
The reasons name the field, never the value: it may be anything, personal data included.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# One bare address (local@domain), ASCII: never a list, a display name or a comment.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})*")
# The outbox key: the e-mail's Message-ID and the webhook's Idempotency-Key.
KEY = re.compile(r"[A-Za-z0-9._-]{1,64}")


class Undeliverable(ValueError):
    """The message itself is malformed: every further attempt would fail the same way."""


def _is_unsafe(char: str) -> bool:
    # Cc/Cf/Cs/Co/Cn: control, format, surrogate, private and unassigned characters;
    # Zl/Zp: the Unicode line and paragraph separators (which e-mail headers fold on).
    category = unicodedata.category(char)
    return category[0] == "C" or category in ("Zl", "Zp")


def header_text(value: object, field: str) -> str:
    """A single line of printable text, or Undeliverable naming the field."""
    if not isinstance(value, str):
        raise Undeliverable(f"{field}: kein Text")
    if any(_is_unsafe(char) for char in value):
        raise Undeliverable(f"{field}: Zeilenumbruch oder Steuerzeichen")
    return value


def address(value: object, field: str = "Empfängeradresse") -> str:
    """Exactly one bare e-mail address (no second recipient smuggled in with a comma)."""
    if not isinstance(value, str) or len(value) > 254 or not ADDRESS.fullmatch(value):
        raise Undeliverable(f"{field} ungültig")
    return value


def message_key(value: object) -> str:
    if not isinstance(value, str) or not KEY.fullmatch(value):
        raise Undeliverable("Nachrichtenschlüssel ungültig")
    return value


def webhook_url(value: object) -> str:
    """An http(s) URL without spaces or control characters."""
    text = header_text(value, "Webhook-Adresse")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        raise Undeliverable("Webhook-Adresse ungültig")
    return text


def one_line(text: str, limit: int = 300) -> str:
    """Text fit for a log line or the staff console (a failure reason): one line of printable
    characters, bounded."""
    return "".join("?" if _is_unsafe(char) else char for char in text)[:limit]
