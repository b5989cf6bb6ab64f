"""The first message is used whole: its facts fill the intake, its question decides the way,
and the advice uses what it told. Sentences written for these tests."""

from __future__ import annotations

from actions.funding_questions import ActionPresentAdvice
from actions.intake import ActionAskSituationConfirmed
from actions.intake_forms import ValidatePersonIntakeForm
from actions.misunderstanding import ActionDontKnow, ActionOutOfScope
from actions.understanding import ActionUnderstand
from lotse.programmes import catalogue
from tests.actions.conftest import responses, run, slot_events

PERSON = "person_intake_form"


def understand(make_tracker, dispatcher, domain, text, intent="ask_funding", entities=(), slots=None):
    tracker = make_tracker(intent=intent, text=text, entities=list(entities), slots=slots)
    return slot_events(run(ActionUnderstand(), dispatcher, tracker, domain))


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


def test_a_qualification_from_abroad_is_not_asked_for_a_topic(make_tracker, dispatcher, domain):
    tracker = make_tracker(
        slots={
            "requested_slot": "location",
            "employment_status": "unemployed",
            "qualification": "academic",
            "visitor_facts": {"foreign_qualification": True},
        },
        new_slots={"location": "Dessau"},
        active_loop=PERSON,
    )
    slots = slot_events(run(ValidatePersonIntakeForm(), dispatcher, tracker, domain))
    assert slots["requested_slot"] == "situation_confirmed"


def test_a_button_after_meinten_sie_reads_the_message_it_stands_for(make_tracker, dispatcher, domain):
    story = "bin 47 und seit januar arbeitslos in aschersleben, hab alg1"
    history = [
        {"event": "user", "text": story, "parse_data": {"intent": {"name": "nlu_fallback"}}},
        {"event": "bot", "text": "Meinten Sie ...?"},
    ]
    tracker = make_tracker(intent="ask_funding", text="/ask_funding", history=history)
    tracker.events[-1]["parse_data"] = {"intent": {"name": "ask_funding"}}
    slots = slot_events(run(ActionUnderstand(), dispatcher, tracker, domain))
    assert slots["employment_status"] == "unemployed"
    assert slots["visitor_facts"] == {"age": 47, "receives": "alg1"}


def test_an_occupation_learnt_is_not_taken_for_the_topic(make_tracker, dispatcher, domain):
    tracker = make_tracker(
        slots={
            "requested_slot": "qualification",
            "employment_status": "employed",
            "location": "Halle (Saale)",
            "region": "halle",
        },
        new_slots={"qualification": "gelernt", "topic": "fachlagerist"},
        entities=[("topic", "fachlagerist")],
        text="hab fachlagerist gelernt",
        active_loop=PERSON,
    )
    slots = slot_events(run(ValidatePersonIntakeForm(), dispatcher, tracker, domain))
    assert slots["qualification"] == "vocational" and slots["topic"] is None


def test_the_third_answer_that_cannot_be_read_leaves_the_question_open(make_tracker, dispatcher, domain):
    tracker = make_tracker(
        slots={"requested_slot": "location", "intake_failures": 2},
        new_slots={"location": "Atlantis"},
        active_loop=PERSON,
    )
    slots = slot_events(run(ValidatePersonIntakeForm(), dispatcher, tracker, domain))
    assert slots["location"] == "unknown" and slots["intake_failures"] == 0
    assert responses(dispatcher)[-1] == "utter_question_left_open"


def test_an_occupation_answers_the_question_for_the_qualification(make_tracker, dispatcher, domain):
    tracker = make_tracker(
        slots={"requested_slot": "qualification"},
        new_slots={"qualification": "kfz-mechatroniker"},
        text="kfz-mechatroniker",
        active_loop=PERSON,
    )
    assert (
        slot_events(run(ValidatePersonIntakeForm(), dispatcher, tracker, domain))["qualification"]
        == "vocational"
    )


def test_a_fragment_diet_took_for_a_qualification_gives_way_to_the_whole_message(
    make_tracker, dispatcher, domain
):
    text = "bin elektroniker, arbeite in halberstadt und will den staatlich geprüften techniker machen"
    tracker = make_tracker(
        new_slots={"qualification": "staatlich", "employment_status": "arbeite"},
        entities=[("qualification", "staatlich")],
        text=text,
    )
    slots = slot_events(run(ValidatePersonIntakeForm(), dispatcher, tracker, domain))
    assert slots["qualification"] == "vocational" and dispatcher.messages == []


def test_a_status_the_message_names_beats_a_span_diet_took_for_one(make_tracker, dispatcher, domain):
    text = "bin 44 und arbeite grad nicht, seit 2 monaten arbeitslos (alg 1)"
    tracker = make_tracker(
        new_slots={"employment_status": "arbeite"}, entities=[("employment_status", "arbeite")], text=text
    )
    slots = slot_events(run(ValidatePersonIntakeForm(), dispatcher, tracker, domain))
    assert slots["employment_status"] == "unemployed"


def test_anywhere_is_an_answer_to_where_the_course_should_be(make_tracker, dispatcher, domain):
    from actions.courses import ValidateCourseSearchForm

    tracker = make_tracker(
        slots={"requested_slot": "location", "topic": "Social Media"},
        new_slots={"location": "egal, kann auch online sein"},
        text="egal, kann auch online sein",
        active_loop="course_search_form",
    )
    slots = slot_events(run(ValidateCourseSearchForm(), dispatcher, tracker, domain))
    assert slots["location"] == "unknown" and dispatcher.messages == []


def test_an_answer_with_two_readings_takes_the_whole_message(make_tracker, dispatcher, domain):
    text = "nie was richtiges gelernt, immer nur angelernt"
    tracker = make_tracker(
        slots={"requested_slot": "qualification"},
        new_slots={"qualification": "vocational"},
        entities=[("qualification", "vocational"), ("qualification", "none")],
        text=text,
        active_loop=PERSON,
    )
    slots = slot_events(run(ValidatePersonIntakeForm(), dispatcher, tracker, domain))
    assert slots["qualification"] == "none"


def test_a_word_taken_for_a_question_not_yet_asked_is_dropped_without_a_complaint(
    make_tracker, dispatcher, domain
):
    text = "hab jahrelang auf dem bau malocht und will jetzt was mit computern machen"
    tracker = make_tracker(new_slots={"qualification": "malocht"}, entities=[("qualification", "malocht")],
                           text=text, active_loop=PERSON)
    slots = slot_events(run(ValidatePersonIntakeForm(), dispatcher, tracker, domain))
    assert slots["qualification"] is None and dispatcher.messages == []


def test_of_several_topics_the_one_that_names_something_is_kept(make_tracker, dispatcher, domain):
    slots = understand(make_tracker, dispatcher, domain,
                       "möchte mich umschulen lassen zum kaufmann im einzelhandel, zahlt das jemand?",
                       entities=[("topic", "im"), ("topic", "kaufmann im einzelhandel")])
    assert slots["topic"] == "kaufmann im einzelhandel"


def test_an_occupation_learnt_does_not_undo_the_situation_told_before(make_tracker, dispatcher, domain):
    tracker = make_tracker(
        slots={"requested_slot": "qualification", "employment_status": "unemployed"},
        new_slots={"qualification": "hab bäcker gelernt"},
        text="hab bäcker gelernt",
        active_loop=PERSON,
    )
    slots = slot_events(run(ValidatePersonIntakeForm(), dispatcher, tracker, domain))
    assert slots["qualification"] == "vocational"
    assert slots.get("employment_status", "unemployed") == "unemployed"


def test_yes_to_the_offer_of_courses_leads_to_them(make_tracker, dispatcher, domain):
    offered = [{"event": "user", "text": "wer zahlt das und wo gibts kurse?"},
               {"event": "bot", "text": "Soll ich ...?", "metadata": {"utter_action": "utter_offer_courses"}}]
    tracker = make_tracker(intent="affirm", text="ja gern", history=offered, slots={"topic": "Pflege"})
    assert slot_events(run(ActionUnderstand(), dispatcher, tracker, domain))["goal"] == "courses"
    tracker = make_tracker(intent="affirm", text="ja gern")
    assert slot_events(run(ActionUnderstand(), dispatcher, tracker, domain))["goal"] == "unclear"


def test_dont_know_as_an_answer_in_a_form_is_no_misunderstanding(make_tracker, dispatcher, domain):
    history = [{"event": "active_loop", "name": "funding_question_form"},
               {"event": "user", "text": "weiß ich nicht", "parse_data": {"intent": {"name": "dont_know"}}},
               {"event": "active_loop", "name": None}]
    tracker = make_tracker(intent="out_of_scope", text="und wo ist das amt?", history=history)
    run(ActionOutOfScope(), dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_out_of_scope"]


def test_a_topic_said_as_a_wish_beats_the_word_the_model_took(make_tracker, dispatcher, domain):
    text = "arbeite in einer spedition in halle und möchte Excel lernen, wer zahlt das?"
    tracker = make_tracker(new_slots={"topic": "spedition"}, entities=[("topic", "spedition")], text=text,
                           active_loop=PERSON)
    assert slot_events(run(ValidatePersonIntakeForm(), dispatcher, tracker, domain))["topic"] == "Excel"


def test_a_programme_named_in_the_first_message_comes_first_in_the_advice(make_tracker, dispatcher, domain):
    slots = understand(make_tracker, dispatcher, domain,
                       "bin arbeitslos mit bürgergeld in dessau und will ne umschulung zur köchin, "
                       "bekomm ich dann die weiterbildungsprämie?")
    assert slots["visitor_facts"]["asked_programme"] == "weiterbildungspraemie"
    advice_slots = {"intake_kind": "person", "employment_status": "unemployed", "region": "dessau_rosslau",
                    "location": "Dessau-Roßlau", "qualification": "none", "situation_confirmed": True,
                    "visitor_facts": slots["visitor_facts"]}
    dispatcher.messages.clear()
    run(ActionPresentAdvice(), dispatcher, make_tracker(slots=advice_slots), domain)
    cards = [m for m in dispatcher.messages if m.get("response") == "utter_programme_card"]
    assert "Weiterbildungsprämie" in str(cards[0])


def test_an_answer_to_another_question_does_not_replace_the_topic(make_tracker, dispatcher, domain):
    history = [{"event": "slot", "name": "topic", "value": "Excel"}]
    tracker = make_tracker(slots={"requested_slot": "qualification", "topic": "Excel"},
                           new_slots={"topic": "Einzelhandel", "qualification": "Kaufmann im Einzelhandel"},
                           entities=[("topic", "Einzelhandel")], text="Kaufmann im Einzelhandel",
                           active_loop=PERSON, history=history)
    slots = slot_events(run(ValidatePersonIntakeForm(), dispatcher, tracker, domain))
    assert slots["topic"] == "Excel" and slots["qualification"] == "vocational"
