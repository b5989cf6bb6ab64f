"""Answers inside the intake form read with the whole message: occupations, qualifications
from abroad, "egal wo", a wish that names the topic, a word for a question not yet asked.
Sentences written for these tests."""


from __future__ import annotations

from actions.funding_questions import ActionPresentAdvice
from actions.intake_forms import ValidatePersonIntakeForm
from actions.misunderstanding import ActionOutOfScope
from actions.understanding import ActionUnderstand
from tests.actions.conftest import responses, run, slot_events, understand

PERSON = "person_intake_form"


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
