"""Reading the contact details a visitor types for a call-back or an e-mail answer.

Phone numbers are checked with `phonenumbers` (German numbers without +49 too), e-mail
addresses with `email-validator` (syntax only: no DNS lookup at run time). A problem is named
so the assistant can say what to change, without repeating what was typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from lotse.handover.models import EMAIL_ANSWER, PHONE
from lotse.redaction import EMAIL_PATTERN

# Why a contact answer could not be read (each has its own hint in domain/handover.yml).
NO_CONTACT, PHONE_INVALID, EMAIL_INVALID = "no_contact", "phone_invalid", "email_invalid"
NAME_MAX, TIME_MAX = 100, 100

_DIGITS = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
_NAME_LEAD_INS = re.compile(
    r"^(ich hei(ß|ss)e|ich bin( die| der)?|mein name ist|name:?|hier ist|sprechen sie mich mit)\s+",
    re.IGNORECASE)


@dataclass(frozen=True)
class ContactDetail:
    channel: str
    value: str

    @property
    def ending(self) -> str:
        """The last digits of a phone number, to show back without repeating it."""
        return re.sub(r"\D", "", self.value)[-3:] if self.channel == PHONE else ""


def read_contact(text: str) -> ContactDetail | str:
    """A phone number or e-mail address from the visitor's answer, or why there is none."""
    text = (text or "").strip()
    address = EMAIL_PATTERN.search(text)
    if address or "@" in text:
        candidate = address.group(0) if address else text
        try:
            checked = validate_email(candidate, check_deliverability=False)
            return ContactDetail(EMAIL_ANSWER, checked.normalized)
        except EmailNotValidError:
            return EMAIL_INVALID
    for match in phonenumbers.PhoneNumberMatcher(text, "DE"):
        return ContactDetail(PHONE, phonenumbers.format_number(
            match.number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
    return PHONE_INVALID if len(_DIGITS.findall(text)) >= 4 else NO_CONTACT


def read_name(text: str) -> str | None:
    """How the visitor wants to be addressed, or None when the answer is no name."""
    name = _NAME_LEAD_INS.sub("", " ".join((text or "").split())).strip(" .,!")
    if not name or not _LETTER.search(name) or "@" in name or len(_DIGITS.findall(name)) > 0:
        return None
    return name[:NAME_MAX]


def read_preferred_time(text: str) -> str | None:
    """When the visitor prefers a call, as they said it (short free text)."""
    said = " ".join((text or "").split()).strip(" .,!")
    if not said or not (_LETTER.search(said) or _DIGITS.search(said)):
        return None
    return said[:TIME_MAX]
