"""What staff read of a conversation (the case's transcript and summary, the live chat view)
and what a notification says carry no contact detail the visitor typed in passing; the
notification names the case's contact details only when the agency chose so
(HANDOVER_SEND_CONTACT)."""

from __future__ import annotations

from datetime import datetime, timezone

from lotse.handover.models import HandoverCase
from lotse.handover.summary import situation_summary, transcript
from lotse.handover.transports import CaseLetter
from lotse.situation import PERSON, Situation

PHONE, ADDRESS, IBAN = "0345 1234567", "maria.schulze@example.de", "DE89 3704 0044 0532 0130 00"
PLACE_ANSWER = f"Kleinkleckersdorf, Tel {PHONE}, {ADDRESS}"
SLOTS = {"employment_status": "unemployed", "location": "Halle (Saale)", "region": "halle",
         "topic": f"Pflege, erreichbar unter {PHONE}", "qualification": "vocational",
         "situation_confirmed": True}
EVENTS = [
    {"event": "session_started", "timestamp": 1.0},
    {"event": "slot", "name": "requested_slot", "value": "location"},
    {"event": "user", "text": PLACE_ANSWER, "timestamp": 2.0, "parse_data": {"text": PLACE_ANSWER}},
    {"event": "bot", "text": f"Den Ort „{PLACE_ANSWER}“ kenne ich leider nicht.", "timestamp": 3.0,
     "metadata": {"location": PLACE_ANSWER}},
    {"event": "user", "text": f"Meine IBAN für die Erstattung: {IBAN}", "timestamp": 4.0},
    {"event": "bot", "text": f"Sie erreichen mich auch unter {ADDRESS.replace('@', ' (at) ')}.",
     "metadata": {"staff": "Frau Becker"}, "timestamp": 5.0},
]


def leaks(text: str) -> list[str]:
    squeezed = text.replace(" ", "")
    return [detail for detail in (PHONE, ADDRESS, IBAN, "maria.schulze", "1234567", "DE8937")
            if detail.replace(" ", "") in squeezed]


def a_case(**contact: str) -> HandoverCase:
    return HandoverCase(
        reference="WBA-2026-K7Q2", created_at=datetime(2026, 11, 25, 10, tzinfo=timezone.utc),
        region="halle", team="wba_sued", reason="request",
        summary=situation_summary(Situation.from_slots(PERSON, SLOTS), SLOTS), suggestions=[],
        transcript=transcript(EVENTS), channel="phone",
        preferred_time=contact.pop("preferred_time", "vormittags"), **contact)


def test_the_transcript_staff_read_has_every_message_without_the_details():
    lines = transcript(EVENTS)
    assert [line["who"] for line in lines] == ["visitor", "assistant", "visitor", "staff"]
    assert "Kleinkleckersdorf" in lines[0]["text"] and "[IBAN entfernt]" in lines[2]["text"]
    assert leaks(repr(lines)) == []


def test_the_summary_has_no_detail_a_slot_of_this_turn_still_holds():
    summary = situation_summary(Situation.from_slots(PERSON, SLOTS), SLOTS)
    assert "Pflege, erreichbar unter [Telefonnummer entfernt]" in summary and leaks(summary) == []


def test_a_notification_carries_no_contact_detail_by_default():
    case = a_case(contact_phone="+49 345 1234567", contact_email=ADDRESS, contact_name="Maria Schulze")
    letter = CaseLetter(console_url="https://lotse.example")
    assert leaks(letter.text(case)) == [] and leaks(repr(letter.payload(case))) == []
    assert "Maria Schulze" not in letter.text(case)


def test_the_contact_details_are_in_the_notification_only_when_the_agency_chose_so():
    case = a_case(contact_phone="+49 345 1234567", contact_email=ADDRESS, contact_name="Maria Schulze")
    letter = CaseLetter(include_contact=True)
    assert "Telefon: +49 345 1234567" in letter.text(case) and letter.payload(case)["email"] == ADDRESS


def test_a_number_typed_as_the_preferred_time_stays_out_of_the_notification():
    case = a_case(contact_phone="+49 345 1234567", preferred_time=f"ab 17 Uhr, besser {ADDRESS}")
    letter = CaseLetter()
    assert leaks(letter.text(case)) == [] and leaks(repr(letter.payload(case))) == []
