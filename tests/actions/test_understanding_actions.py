"""The first message is used whole: its facts fill the intake, its question decides the way,
and the advice uses what it told. Sentences written for these tests."""

from __future__ import annotations

from actions.funding_questions import ActionPresentAdvice
from actions.intake import ActionAskSituationConfirmed
from actions.intake_forms import ValidatePersonIntakeForm
from actions.misunderstanding import ActionDontKnow, ActionOutOfScope
from lotse.programmes import catalogue
from tests.actions.conftest import responses, run, slot_events, understand

PERSON = "person_intake_form"


def test_a_long_first_message_fills_the_intake_and_keeps_age_and_company_size(
    make_tracker, dispatcher, domain
):
    slots = understand(
        make_tracker,
        dispatcher,
        domain,
        "bin 53 und fahre gabelstapler bei ner firma in schönebeck, so 140 leute. "
        "ich arbeite da seit 2009. wer zahlt mir ne weiterbildung?",
        intent="search_course",
        entities=[("location", "schönebeck")],
    )
    assert slots["goal"] == "person"
    assert slots["employment_status"] == "employed" and slots["location"] == "schönebeck"
    assert slots["visitor_facts"] == {"age": 53, "company_size": 140}
    assert "company_size" not in slots and dispatcher.messages == []


def test_a_company_speaking_of_its_staff_starts_the_employer_intake(make_tracker, dispatcher, domain):
    slots = understand(
        make_tracker,
        dispatcher,
        domain,
        "wir sind ein handwerksbetrieb mit 18 mitarbeitern und wollen unsere leute schulen",
        intent="inform",
    )
    assert slots["goal"] == "employer" and slots["company_size"] == 18


def test_asking_for_courses_only_goes_to_the_search(make_tracker, dispatcher, domain):
    slots = understand(
        make_tracker,
        dispatcher,
        domain,
        "welche kurse gibt es für buchhaltung in dessau?",
        intent="request_guidance",
    )
    assert slots["goal"] == "courses" and slots["offer_courses"] is False


def test_asking_both_offers_courses_after_the_advice(make_tracker, dispatcher, domain):
    slots = understand(
        make_tracker,
        dispatcher,
        domain,
        "bin arbeitslos in stendal. gibts kurse für lagerlogistik und wer zahlt das?",
        entities=[("topic", "lagerlogistik"), ("location", "stendal")],
    )
    assert slots["goal"] == "person" and slots["offer_courses"] is True


def test_a_greeting_without_a_situation_stays_a_greeting(make_tracker, dispatcher, domain):
    assert understand(make_tracker, dispatcher, domain, "guten morgen", intent="greet")["goal"] == "unclear"


def advice_text(make_tracker, dispatcher, domain, facts):
    tracker = make_tracker(
        slots={
            "intake_kind": "person",
            "employment_status": "employed",
            "region": "magdeburg",
            "location": "Magdeburg",
            "qualification": "vocational",
            "situation_confirmed": True,
            "visitor_facts": facts,
        }
    )
    run(ActionPresentAdvice(), dispatcher, tracker, domain)
    return [m for m in dispatcher.messages if m.get("response") == "utter_programme_card"]


def test_age_and_company_size_told_in_passing_change_what_the_card_says(make_tracker, dispatcher, domain):
    name = catalogue().get("beschaeftigtenfoerderung").name
    older = advice_text(make_tracker, dispatcher, domain, {"age": 52, "company_size": 120})
    dispatcher.messages.clear()
    younger = advice_text(make_tracker, dispatcher, domain, {"age": 31, "company_size": 120})
    dispatcher.messages.clear()
    small = advice_text(make_tracker, dispatcher, domain, {"age": 31, "company_size": 12})

    def card_of(cards):
        return next(c for c in cards if c["name"] == name)

    assert "100 %" in card_of(older)["pays"]
    assert "50 %" in card_of(younger)["pays"] and "100 %" not in card_of(younger)["pays"]
    assert "100 %" in card_of(small)["pays"]


def test_a_meister_wish_is_an_upgrading_course_and_the_aufstiegs_bafoeg_comes_first(
    make_tracker, dispatcher, domain
):
    slots = understand(
        make_tracker,
        dispatcher,
        domain,
        "bin kfz-mechatroniker seit 6 jahren und will jetzt meinen meister machen, "
        "wer bezahlt das eigentlich?",
        entities=[("topic", "meister")],
    )
    assert slots["visitor_facts"]["course_goal"] == "advanced_degree"
    tracker = make_tracker(
        slots={
            "intake_kind": "person",
            "employment_status": "employed",
            "region": "halle",
            "location": "Halle (Saale)",
            "qualification": "vocational",
            "situation_confirmed": True,
            "visitor_facts": slots["visitor_facts"],
        }
    )
    dispatcher.messages.clear()
    run(ActionPresentAdvice(), dispatcher, tracker, domain)
    cards = [m["name"] for m in dispatcher.messages if m.get("response") == "utter_programme_card"]
    assert "Aufstiegs-BAföG" in cards[:3]


def test_the_summary_shows_what_was_told_in_passing(make_tracker, dispatcher, domain):
    tracker = make_tracker(
        slots={
            "employment_status": "employed",
            "location": "Magdeburg",
            "topic": "Lager",
            "qualification": "vocational",
            "visitor_facts": {"age": 52, "company_size": 120},
        },
        active_loop=PERSON,
    )
    run(ActionAskSituationConfirmed(), dispatcher, tracker, domain)
    summary = dispatcher.messages[0]["summary"]
    assert "Alter: 52" in summary and "Beschäftigte beim Arbeitgeber: 120" in summary


def test_a_fact_at_the_summary_is_read_as_a_correction(make_tracker, dispatcher, domain):
    tracker = make_tracker(
        slots={
            "requested_slot": "situation_confirmed",
            "employment_status": "employed",
            "location": "Zeitz (Burgenlandkreis)",
            "region": "burgenlandkreis",
            "topic": "Pflege",
            "qualification": "vocational",
        },
        intent="inform",
        text="nee, bin seit märz arbeitslos",
        active_loop=PERSON,
    )
    slots = slot_events(run(ValidatePersonIntakeForm(), dispatcher, tracker, domain))
    assert slots["employment_status"] == "unemployed" and slots["situation_confirmed"] is None
    assert "utter_summary_corrected" in responses(dispatcher)


def test_working_hours_at_the_summary_correct_the_status(make_tracker, dispatcher, domain):
    tracker = make_tracker(
        slots={
            "requested_slot": "situation_confirmed",
            "employment_status": "unemployed",
            "location": "Halle (Saale)",
            "region": "halle",
        },
        intent="inform",
        text="teilzeit 30 stunden",
        active_loop=PERSON,
    )
    slots = slot_events(run(ValidatePersonIntakeForm(), dispatcher, tracker, domain))
    assert slots["employment_status"] == "employed"
    assert slots["visitor_facts"] == {"weekly_hours": 30}


def test_the_second_answer_at_the_summary_that_is_no_answer_gets_the_choices(
    make_tracker, dispatcher, domain
):
    slots = {
        "requested_slot": "situation_confirmed",
        "employment_status": "employed",
        "location": "Halle (Saale)",
        "region": "halle",
    }
    first = make_tracker(slots=slots, intent="dont_know", text="weiß nicht", active_loop=PERSON)
    counted = slot_events(run(ValidatePersonIntakeForm(), dispatcher, first, domain))
    assert counted["intake_failures"] == 1
    run(
        ActionAskSituationConfirmed(),
        dispatcher,
        make_tracker(slots={**slots, "intake_failures": 1}, active_loop=PERSON),
        domain,
    )
    assert responses(dispatcher) == ["utter_summary_hint", "utter_summary"]
    dispatcher.messages.clear()
    run(
        ActionAskSituationConfirmed(),
        dispatcher,
        make_tracker(slots={**slots, "intake_failures": 2}, active_loop=PERSON),
        domain,
    )
    said = responses(dispatcher)
    assert said[0] == "utter_summary_choices" and said[1].startswith("utter_handover_offer")


def test_a_person_is_offered_after_two_misunderstandings_in_a_row(make_tracker, dispatcher, domain):
    history = [{"event": "user", "text": "blablub", "parse_data": {"intent": {"name": "nlu_fallback"}}}]
    tracker = make_tracker(intent="dont_know", text="weiß ich nicht", history=history)
    tracker.events[-1]["parse_data"] = {"intent": {"name": "dont_know"}}
    run(ActionDontKnow(), dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert "utter_misunderstood_again" in said
    assert any(r.startswith("utter_handover_offer") for r in said)


def test_one_misunderstanding_is_answered_without_a_person(make_tracker, dispatcher, domain):
    tracker = make_tracker(intent="out_of_scope", text="wie wird das wetter")
    tracker.events[-1]["parse_data"] = {"intent": {"name": "out_of_scope"}}
    run(ActionOutOfScope(), dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_out_of_scope"]
