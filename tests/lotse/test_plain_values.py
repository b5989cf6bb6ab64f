"""No slot holds code, markup or an impossible number, whoever set it."""

from __future__ import annotations

import pytest

from lotse.plain_values import is_plain_text, plausible_slot_value
from lotse.understanding.service import answers


@pytest.mark.parametrize(
    "value",
    [
        "Halle (Saale)",
        "Pflege",
        "Kauffrau für Büromanagement",
        "C++ und C#",
        "Sachsen-Anhalt",
        "Berufsausbildung",
        "SAP/R3",
        "Dessau-Roßlau",
        "06110 Halle",
    ],
)
def test_what_visitors_answer_is_plain(value):
    assert is_plain_text(value)


@pytest.mark.parametrize(
    "value",
    [
        '<script>alert("x")</script>',
        "<img src=x onerror=alert(1)>",
        "{{7*191}}",
        "${7*191}",
        "'; DROP TABLE events; --",
        "1 OR 1=1",
        "javascript:alert(1)",
        "Pfl\u0000ege",
        "\u202eevil",
        "12345",
        "",
        "   ",
        "x" * 201,
        42,
        None,
        {"a": 1},
        ["Halle"],
    ],
)
def test_code_markup_control_characters_and_non_text_are_not(value):
    assert not is_plain_text(value)


@pytest.mark.parametrize(
    ("slot", "value", "ok"),
    [
        ("company_size", 12, True),
        ("company_size", "12", True),
        ("company_size", "rund 40", True),
        ("company_size", -1, False),
        ("company_size", 0, False),
        ("company_size", 10**12, False),
        ("company_size", True, False),
        ("company_size", 3.5, False),
        ("company_size", {"a": 1}, False),
        ("contact_channel", "phone", True),
        ("contact_channel", "fax", False),
        ("topic", "<svg/onload=alert(1)>", False),
        ("location", "Magdeburg", True),
        ("course_format", -1, False),
        ("handover_reason", "anything", True),
        ("topic", None, True),
    ],
)
def test_slot_values_by_shape(slot, value, ok):
    assert plausible_slot_value(slot, value) is ok


def test_the_message_reader_stores_no_code_as_an_answer():
    values = answers({"topic": "<script>alert(1)</script>", "location": "Halle"}, "person")
    assert values == {"location": "Halle"}
