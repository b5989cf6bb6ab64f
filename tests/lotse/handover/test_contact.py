"""Contact details typed by visitors: read, normalised, or a problem named."""

from __future__ import annotations

import pytest

from lotse.handover.contact import (
    EMAIL_INVALID,
    NO_CONTACT,
    PHONE_INVALID,
    ContactDetail,
    read_contact,
    read_name,
    read_preferred_time,
)


@pytest.mark.parametrize(("text", "value"), [
    ("0176 12345678", "+49 176 12345678"),
    ("meine nummer ist 0345/1234567", "+49 345 1234567"),
    ("+49 171 2345678", "+49 171 2345678"),
    ("erreichbar unter 034 96 / 55 66 77", "+49 3496 556677"),
])
def test_german_phone_numbers_in_any_format_are_read(text, value):
    assert read_contact(text) == ContactDetail("phone", value)


def test_an_email_address_is_read_and_normalised():
    assert read_contact("meine mail: Anna.Schmidt@Example.org bitte") == ContactDetail(
        "email", "Anna.Schmidt@example.org")


@pytest.mark.parametrize(("text", "problem"), [
    ("12345", PHONE_INVALID),             # no area code
    ("0176 1", PHONE_INVALID),
    ("um 12", NO_CONTACT),
    ("k.mueller@gmx", EMAIL_INVALID),
    ("ja gerne", NO_CONTACT),
    ("", NO_CONTACT),
])
def test_what_cannot_be_a_contact_is_named(text, problem):
    assert read_contact(text) == problem


def test_a_phone_ending_shows_without_repeating_the_number():
    assert ContactDetail("phone", "+49 176 12345678").ending == "678"


def test_names_lose_their_lead_in_and_numbers_are_no_names():
    assert read_name("ich heiße Anna Schmidt") == "Anna Schmidt"
    assert read_name("Frau Yılmaz") == "Frau Yılmaz"
    assert read_name("0176 1234567") is None
    assert read_name("...") is None


def test_the_preferred_time_is_kept_as_said():
    assert read_preferred_time("  dienstags   ab 10 ") == "dienstags ab 10"
    assert read_preferred_time("!!!") is None
