from actions.intake_forms import ValidateEmployerIntakeForm, ValidatePersonIntakeForm
from lotse.knowledge import knowledge
from tests.actions.conftest import responses, run, slot_events

PERSON = "person_intake_form"


def validate(dispatcher, tracker, domain, form=None):
    return slot_events(run(form or ValidatePersonIntakeForm(), dispatcher, tracker, domain))


def test_everything_said_in_one_sentence_fills_three_answers(make_tracker, dispatcher, domain):
    tracker = make_tracker(new_slots={"employment_status": "arbeitslos", "location": "halle",
                                      "topic": "Pflege"}, active_loop=None)
    slots = validate(dispatcher, tracker, domain)
    assert slots["employment_status"] == "unemployed"
    assert slots["location"] == "Halle (Saale)" and slots["region"] == "halle"
    assert slots["topic"] == "Pflege"
    assert dispatcher.messages == []


def test_answers_given_before_the_intake_started_are_validated_too(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"location": "weissenfels"}, new_slots={"employment_status": "kurzarbeit"})
    slots = validate(dispatcher, tracker, domain)
    assert slots["location"] == "Weißenfels (Burgenlandkreis)"
    assert slots["region"] == "burgenlandkreis"
    assert slots["employment_status"] == "short_time"


def test_place_outside_the_state_gets_a_note_and_the_intake_goes_on(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"requested_slot": "location"}, new_slots={"location": "Leipzig"},
                           active_loop=PERSON)
    slots = validate(dispatcher, tracker, domain)
    assert slots["location"] == "Leipzig" and slots["region"] == "outside"
    [message] = dispatcher.messages
    assert message["response"] == "utter_location_outside"
    assert message["state"] == " (sondern in Sachsen)"
    assert message["advice_phone"] == knowledge().agency.data["nationwide_advice"]["phone_employees"]


def test_wrong_answer_is_reprompted_and_the_second_explains_and_offers_exit(
        make_tracker, dispatcher, domain):
    first = make_tracker(slots={"requested_slot": "location"}, new_slots={"location": "Atlantis"},
                         active_loop=PERSON)
    slots = validate(dispatcher, first, domain)
    assert slots["location"] is None and slots["intake_failures"] == 1
    assert responses(dispatcher) == ["utter_invalid_location"]

    dispatcher.messages.clear()
    second = make_tracker(slots={"requested_slot": "location", "intake_failures": 1},
                          new_slots={"location": "Mordor"}, active_loop=PERSON)
    slots = validate(dispatcher, second, domain)
    assert slots["intake_failures"] == 2
    assert responses(dispatcher) == ["utter_invalid_location", "utter_explain_location",
                                     "utter_offer_skip_or_stop"]


def test_correct_answer_resets_the_failure_count(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"requested_slot": "location", "intake_failures": 1},
                           new_slots={"location": "39104"}, active_loop=PERSON)
    slots = validate(dispatcher, tracker, domain)
    assert slots["region"] == "magdeburg" and slots["intake_failures"] == 0


def test_dont_know_skips_an_optional_question(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"requested_slot": "qualification"},
                           new_slots={"qualification": "unknown"}, intent="dont_know",
                           active_loop=PERSON)
    slots = validate(dispatcher, tracker, domain)
    assert slots["qualification"] == "unknown"


def test_dont_know_on_a_required_question_explains_first_then_skips(
        make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"requested_slot": "location"}, new_slots={"location": "unknown"},
                           intent="dont_know", active_loop=PERSON)
    slots = validate(dispatcher, tracker, domain)
    assert slots["location"] is None and slots["intake_failures"] == 2
    assert responses(dispatcher) == ["utter_skip_not_possible", "utter_explain_location",
                                     "utter_offer_skip_or_stop"]

    again = make_tracker(slots={"requested_slot": "location", "intake_failures": 2},
                         new_slots={"location": "unknown"}, intent="dont_know", active_loop=PERSON)
    assert validate(dispatcher, again, domain)["location"] == "unknown"


def test_answer_to_another_question_does_not_become_the_topic(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"requested_slot": "topic"},
                           new_slots={"employment_status": "angestellt", "topic": "ich bin angestellt"},
                           entities=[("employment_status", "angestellt")], active_loop=PERSON)
    slots = validate(dispatcher, tracker, domain)
    assert slots["topic"] is None
    assert slots["employment_status"] == "employed"
    # The topic stays open: counted, so that the third time the question is left open.
    assert slots["intake_failures"] == 1 and dispatcher.messages == []


def test_correction_at_the_summary_replaces_the_place(make_tracker, dispatcher, domain):
    tracker = make_tracker(
        slots={"requested_slot": "situation_confirmed", "location": "Halle (Saale)", "region": "halle"},
        new_slots={"location": "Magdeburg", "situation_confirmed": False},
        intent="deny", entities=[("location", "Magdeburg")], active_loop=PERSON)
    slots = validate(dispatcher, tracker, domain)
    assert slots["location"] == "Magdeburg" and slots["region"] == "magdeburg"
    assert slots["situation_confirmed"] is None


def test_change_field_clears_the_named_answer(make_tracker, dispatcher, domain):
    tracker = make_tracker(
        slots={"requested_slot": "situation_confirmed", "location": "Halle (Saale)", "region": "halle"},
        intent="change_field", entities=[("field", "ort")], active_loop=PERSON)
    slots = validate(dispatcher, tracker, domain)
    assert slots == {"location": None, "situation_confirmed": None, "region": None}


def test_nothing_said_for_the_form_returns_no_events_so_rasa_can_answer_a_question(
        make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"requested_slot": "location", "employment_status": "unemployed"},
                           intent="ask_contact", active_loop=PERSON)
    assert run(ValidatePersonIntakeForm(), dispatcher, tracker, domain) == []


def test_company_size_in_words_is_understood(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"requested_slot": "company_size"},
                           new_slots={"company_size": "so etwa vierzig"}, active_loop="employer_intake_form")
    slots = validate(dispatcher, tracker, domain, ValidateEmployerIntakeForm())
    assert slots["company_size"] == 40


def test_confirmation_yes_is_kept_and_no_reopens(make_tracker, dispatcher, domain):
    yes = make_tracker(slots={"requested_slot": "situation_confirmed"},
                       new_slots={"situation_confirmed": True}, intent="affirm", active_loop=PERSON)
    assert validate(dispatcher, yes, domain)["situation_confirmed"] is True
    no = make_tracker(slots={"requested_slot": "situation_confirmed"},
                      new_slots={"situation_confirmed": False}, intent="deny", active_loop=PERSON)
    slots = validate(dispatcher, no, domain)
    assert slots["situation_confirmed"] is None and "intake_failures" not in slots


def test_of_two_entities_for_one_slot_the_readable_one_is_taken(make_tracker, dispatcher, domain):
    tracker = make_tracker(new_slots={"employment_status": "in", "location": "Wernigerode"},
                           entities=[("employment_status", "unemployed"), ("employment_status", "in"),
                                     ("location", "Wernigerode")])
    slots = validate(dispatcher, tracker, domain)
    assert slots["employment_status"] == "unemployed"
    assert dispatcher.messages == []


def test_a_subject_the_model_cannot_place_answers_the_topic_question(make_tracker, dispatcher, domain):
    """"Wasserstoff" at "Was sollen Ihre Beschäftigten lernen?" is the topic, not small talk."""
    from actions.form_replies import ActionInFormReply

    tracker = make_tracker(slots={"requested_slot": "topic"}, intent="out_of_scope",
                           text="Wasserstoff", active_loop="employer_intake_form")
    events = run(ActionInFormReply(), dispatcher, tracker, domain)
    assert slot_events(events) == {"topic": "Wasserstoff"}
    assert not responses(dispatcher)


def test_a_question_at_the_topic_question_is_not_taken_for_the_topic(make_tracker, dispatcher, domain):
    from actions.form_replies import ActionInFormReply

    for text in ("wie wird das wetter", "Wer wird Meister?"):
        tracker = make_tracker(slots={"requested_slot": "topic"}, intent="out_of_scope",
                               text=text, active_loop="employer_intake_form")
        events = run(ActionInFormReply(), dispatcher, tracker, domain)
        assert "topic" not in slot_events(events)
