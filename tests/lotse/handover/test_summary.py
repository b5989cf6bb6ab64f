"""Staff read the situation, the suggestions and the conversation without contact details."""

from __future__ import annotations

from lotse.funding import advise, advisor_reason, advisor_text
from lotse.handover.summary import situation_summary, suggestions, transcript
from lotse.knowledge import knowledge
from lotse.programmes import catalogue
from lotse.situation import PERSON, Situation

SLOTS = {"employment_status": "unemployed", "location": "Halle (Saale)", "region": "halle", "topic": "Pflege",
         "qualification": "vocational", "situation_confirmed": True, "funding_facts": {"receives": "alg1"}}


def test_the_summary_lists_the_confirmed_answers_and_the_follow_up_facts():
    situation = Situation.from_slots(PERSON, SLOTS)
    text = situation_summary(situation, SLOTS)
    assert "Ihre berufliche Situation: arbeitslos" in text and "Ihr Ort: Halle (Saale)" in text
    assert "Bezieht: Arbeitslosengeld" in text
    assert "nicht bestätigt" in situation_summary(situation, {**SLOTS, "situation_confirmed": None})


def test_suggestions_name_the_programmes_the_visitor_saw():
    situation = Situation.from_slots(PERSON, SLOTS)
    lines = suggestions(situation, 2, "bildungsfreistellung", [])
    assert len([line for line in lines if line.startswith("Förderung: ")]) == 2
    assert lines[0].startswith("Förderung: Bildungsgutschein")
    assert any("Bildungsurlaub" in line for line in lines)
    assert suggestions(situation, 0, None, []) == []


def test_the_transcript_has_the_session_with_buttons_by_title_and_no_contact_details():
    events = [
        {"event": "user", "text": "alte Sitzung", "timestamp": 1.0},
        {"event": "session_started", "timestamp": 2.0},
        {"event": "bot", "text": "Habe ich Sie richtig verstanden?", "timestamp": 3.0,
         "data": {"buttons": [{"title": "Ja, das stimmt", "payload": "/affirm"}]}},
        {"event": "user", "text": "/affirm", "timestamp": 4.0},
        {"event": "user", "text": "ruf mich an unter 0176 12345678", "timestamp": 5.0},
        {"event": "slot", "name": "requested_slot", "value": "contact_name"},
        {"event": "user", "text": "Anna Schmidt", "timestamp": 6.0},
        {"event": "bot", "text": "Guten Tag!", "metadata": {"staff": "Frau Becker"}, "timestamp": 7.0},
        {"event": "user", "text": "/deny", "timestamp": 8.0},
    ]
    lines = transcript(events)
    assert [(line["who"], line["text"]) for line in lines] == [
        ("assistant", "Habe ich Sie richtig verstanden?"), ("visitor", "[Ja, das stimmt]"),
        ("visitor", "ruf mich an unter [Telefonnummer entfernt]"), ("visitor", "[Kontaktangabe entfernt]"),
        ("staff", "Guten Tag!")]
    assert lines[0]["at"].startswith("1970-01-01T00:00:03")


def test_a_foreign_qualification_needs_a_person_by_the_rules_staff_wrote():
    facts = {**Situation.from_slots(PERSON, SLOTS).facts(), "foreign_qualification": True}
    advice = advise(facts, catalogue())
    rules = knowledge().handover.data["advisor_needed"]
    assert advisor_reason(advice, facts, rules) == "foreign_qualification"
    assert "IQ Netzwerk" in advisor_text(advice, facts)


def test_a_situation_the_assistant_can_decide_needs_no_advisor():
    facts = Situation.from_slots(PERSON, SLOTS).facts()
    assert advisor_text(advise(facts, catalogue()), facts) is None


def test_when_only_general_rules_remain_nothing_fits():
    advice = advise({"kind": "person"}, catalogue())
    only_general = type(advice)(tuple(a for a in advice.fitting if not a.programme.conditions), (), None)
    assert advisor_reason(only_general, {}, []) == "nothing_fits"
