"""Every stored event is redacted: what the visitor wrote, what the assistant repeated of it
(text, buttons and the values its response was filled with), what staff wrote in the live
chat, and slot values; what the assistant needs to go on stays."""

from __future__ import annotations

import json

from lotse.redaction import ANSWER_REMOVED, EMAIL_REMOVED, PHONE_REMOVED, redact_events

PLACE_ANSWER = "Kleinkleckersdorf, Tel 0345 1234567, maria.schulze@example.de"
ECHO = f"Den Ort „{PLACE_ANSWER}“ kenne ich leider nicht."


def conversation() -> list[dict]:
    return [
        {"event": "slot", "name": "requested_slot", "value": "location"},
        {"event": "user", "text": PLACE_ANSWER, "message_id": "c0ffee47036892816beef",
         "parse_data": {"text": PLACE_ANSWER, "intent": {"name": "inform", "confidence": 0.9},
                        "entities": [{"entity": "location", "value": PLACE_ANSWER, "start": 0, "end": 61}],
                        "message_id": "c0ffee47036892816beef"},
         "input_channel": "rest", "metadata": {"note": "max(at)example.de"}},
        {"event": "slot", "name": "location", "value": PLACE_ANSWER},
        # Rasa keeps the values a response was filled with in the bot event's metadata.
        {"event": "bot", "text": ECHO, "data": {"buttons": [
            {"title": PLACE_ANSWER, "payload": f'/inform{{"location":"{PLACE_ANSWER}"}}'}]},
         "metadata": {"utter_action": "utter_invalid_location", "location": PLACE_ANSWER}},
        {"event": "slot", "name": "location", "value": None},
        {"event": "slot", "name": "course_query", "value": {"topic": "Pflege", "place": "Halle (Saale)",
                                                           "radius_km": 25, "formats": ["online"]}},
        {"event": "slot", "name": "course_numbers", "value": [48213, 48214]},
        {"event": "slot", "name": "visitor_facts", "value": {"note": "Steuer-ID 86095742719"}},
        {"event": "entities", "entities": [{"entity": "email", "value": "max [at] example [punkt] de"}]},
        # A staff member's message of the live chat (web/staff_live_api.py).
        {"event": "bot", "text": "Ich rufe Sie unter 0345 1234567 an, Frau Schulze.",
         "metadata": {"staff": "Frau Becker"}, "timestamp": 7.0},
    ]


def test_no_event_keeps_the_phone_number_or_the_address():
    redacted = json.dumps(redact_events(conversation()), ensure_ascii=False)
    for detail in ("1234567", "maria.schulze", "example", "86095742719"):
        assert detail not in redacted


def test_the_assistants_echo_and_its_buttons_are_redacted_where_they_are():
    bot = redact_events(conversation())[3]
    expected = f"Kleinkleckersdorf, Tel {PHONE_REMOVED}, {EMAIL_REMOVED}"
    assert bot["text"] == f"Den Ort „{expected}“ kenne ich leider nicht."
    assert bot["metadata"] == {"utter_action": "utter_invalid_location", "location": expected}
    assert bot["data"]["buttons"][0]["title"] == expected


def test_staff_messages_are_redacted_and_still_read_as_staff():
    staff = redact_events(conversation())[-1]
    assert staff["text"] == f"Ich rufe Sie unter {PHONE_REMOVED} an, Frau Schulze."
    assert staff["metadata"] == {"staff": "Frau Becker"} and staff["timestamp"] == 7.0


def test_what_the_assistant_needs_stays_as_it_was():
    events = conversation()
    redacted = redact_events(events)
    assert redacted[1]["message_id"] == redacted[1]["parse_data"]["message_id"] == "c0ffee47036892816beef"
    assert redacted[1]["parse_data"]["intent"] == {"name": "inform", "confidence": 0.9}
    assert redacted[5] == events[5] and redacted[6] == events[6]  # course query and numbers
    assert events[3]["text"] == ECHO  # the originals are left alone


def test_only_the_events_after_since_are_returned_with_the_question_that_was_open():
    events = [{"event": "slot", "name": "requested_slot", "value": "contact_name"},
              {"event": "user", "text": "Anna Köthen", "parse_data": {"text": "Anna Köthen"}}]
    assert redact_events(events, since=1) == [
        {"event": "user", "text": ANSWER_REMOVED, "parse_data": {"text": ANSWER_REMOVED, "entities": []}}]
