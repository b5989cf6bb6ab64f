"""What is kept of a conversation carries no phone number, e-mail address or contact answer."""

from __future__ import annotations

from lotse.redaction import ANSWER_REMOVED, EMAIL_REMOVED, PHONE_REMOVED, redact_events, redact_text


def test_phone_numbers_and_addresses_are_replaced_wherever_they_are():
    text = "Rufen Sie mich an: 0176 12345678 oder schreiben Sie an anna@example.org"
    assert redact_text(text) == f"Rufen Sie mich an: {PHONE_REMOVED} oder schreiben Sie an {EMAIL_REMOVED}"


def test_postal_codes_sizes_dates_and_references_are_no_phone_numbers():
    text = "06108 Halle, 40 Mitarbeiter, ab 01.03.2027, 3.200 Euro, Fall WBA-2026-00042"
    assert redact_text(text) == text


def test_the_answer_to_the_name_question_is_removed_with_its_slot_and_entities():
    events = [
        {"event": "slot", "name": "requested_slot", "value": "contact_name"},
        {"event": "user", "text": "Anna Köthen", "parse_data": {
            "text": "Anna Köthen", "intent": {"name": "inform"},
            "entities": [{"entity": "location", "value": "Köthen"}]}},
        {"event": "slot", "name": "contact_name", "value": "Anna Köthen"},
        {"event": "slot", "name": "contact_name", "value": "on_file"},
        {"event": "slot", "name": "requested_slot", "value": "callback_time"},
        {"event": "user", "text": "vormittags", "parse_data": {"text": "vormittags", "entities": []}},
    ]
    redacted = redact_events(events)
    assert redacted[1]["text"] == ANSWER_REMOVED and redacted[1]["parse_data"]["text"] == ANSWER_REMOVED
    assert redacted[1]["parse_data"]["entities"] == []
    assert redacted[1]["parse_data"]["intent"]["name"] == "inform"
    assert redacted[2]["value"] == ANSWER_REMOVED and redacted[3]["value"] == "on_file"
    assert redacted[5]["text"] == "vormittags"
    assert events[1]["text"] == "Anna Köthen"  # the original is left alone


def test_a_closed_form_ends_the_contact_question():
    events = [{"event": "slot", "name": "requested_slot", "value": "contact_detail"},
              {"event": "active_loop", "name": None},
              {"event": "user", "text": "Was kostet ein Schweißkurs?", "parse_data": {}}]
    assert redact_events(events)[2]["text"] == "Was kostet ein Schweißkurs?"
