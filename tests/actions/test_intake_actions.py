from actions.intake import (
    ActionAskSituationConfirmed,
    ActionCompleteIntake,
    ActionExplainQuestion,
    ActionStartIntake,
)
from lotse.db import session_scope
from lotse.models import IntakeRecord
from lotse.schema import init_db
from tests.actions.conftest import responses, run, slot_events


def test_employer_inquiry_starts_the_employer_intake_with_an_intro(make_tracker, dispatcher, domain):
    events = run(ActionStartIntake(), dispatcher, make_tracker(intent="employer_inquiry"), domain)
    assert slot_events(events)["intake_kind"] == "employer"
    assert responses(dispatcher) == ["utter_intake_intro_employer"]


def test_the_way_chosen_for_this_message_decides_the_kind_of_intake(make_tracker, dispatcher, domain):
    tracker = make_tracker(intent="employer_inquiry", new_slots={"goal": "person"})
    assert slot_events(run(ActionStartIntake(), dispatcher, tracker, domain))["intake_kind"] == "person"


def test_resumed_intake_does_not_repeat_the_intro(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"intake_kind": "person"}, intent="ask_funding")
    run(ActionStartIntake(), dispatcher, tracker, domain)
    assert dispatcher.messages == []


def test_change_after_the_intake_reopens_the_named_answer(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"intake_kind": "person", "situation_confirmed": True,
                                  "location": "Halle (Saale)", "region": "halle"},
                           intent="change_field", entities=[("field", "wohnort")])
    slots = slot_events(run(ActionStartIntake(), dispatcher, tracker, domain))
    assert slots["location"] is None and slots["region"] is None
    assert slots["situation_confirmed"] is None


def test_summary_lists_every_answer(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"employment_status": "unemployed", "location": "Halle (Saale)",
                                  "topic": "Pflege", "qualification": "vocational",
                                  "requested_slot": "situation_confirmed"},
                           active_loop="person_intake_form")
    run(ActionAskSituationConfirmed(), dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_summary"
    assert "• Ihre berufliche Situation: arbeitslos" in message["summary"]
    assert "• Ihr Berufsabschluss: Berufsausbildung" in message["summary"]


def test_no_at_the_summary_asks_what_to_change_with_buttons(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"requested_slot": "situation_confirmed"}, intent="deny",
                           active_loop="employer_intake_form")
    run(ActionAskSituationConfirmed(), dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_which_field"
    assert [b["payload"] for b in message["buttons"]] == [
        '/change_field{"field":"company_size"}', '/change_field{"field":"location"}',
        '/change_field{"field":"topic"}']


def test_completed_intake_is_counted_anonymously(make_tracker, dispatcher, domain):
    init_db()
    with session_scope() as session:
        before = session.query(IntakeRecord).count()
    tracker = make_tracker(slots={"intake_kind": "person", "employment_status": "unemployed",
                                  "region": "halle", "situation_confirmed": True})
    run(ActionCompleteIntake(), dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_intake_complete_person"
    with session_scope() as session:
        assert session.query(IntakeRecord).count() == before + 1


def test_why_explains_the_question_just_asked(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"requested_slot": "qualification"}, intent="explain",
                           active_loop="person_intake_form")
    run(ActionExplainQuestion(), dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_explain_qualification"]


def test_switching_from_person_to_company_forgets_the_personal_topic(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"intake_kind": "person", "topic": "Pflege"}, intent="employer_inquiry")
    slots = slot_events(run(ActionStartIntake(), dispatcher, tracker, domain))
    assert slots["intake_kind"] == "employer" and slots["topic"] is None
    assert responses(dispatcher) == ["utter_intake_intro_employer"]
