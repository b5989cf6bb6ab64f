import pytest

from actions.funding import ActionCheckEligibility, ActionNextSteps, ActionProgramInfo
from actions.funding_questions import ActionAskFundingAnswer, ActionPresentAdvice, ValidateFundingQuestionForm
from actions.intake import ActionCompleteIntake
from actions.results import ActionMoreResults
from lotse.programmes import catalogue
from lotse.schema import init_db
from tests.actions.conftest import responses, run, slot_events

UNEMPLOYED_IN_HALLE = {"intake_kind": "person", "employment_status": "unemployed",
                       "location": "Halle (Saale)", "region": "halle", "qualification": "vocational",
                       "situation_confirmed": True}
EMPLOYER_40 = {"intake_kind": "employer", "company_size": 40, "location": "Harz", "region": "harz",
               "topic": "CNC", "situation_confirmed": True}


def cards_of(dispatcher):
    return [m for m in dispatcher.messages if m.get("response") == "utter_programme_card"]


def test_after_the_intake_the_deciding_question_comes_first(make_tracker, dispatcher, domain):
    init_db()
    events = run(ActionCompleteIntake(), dispatcher, make_tracker(slots=UNEMPLOYED_IN_HALLE), domain)
    slots = slot_events(events)
    assert slots["funding_question_pending"] is True and slots["funding_fact"] == "receives"
    assert responses(dispatcher) == ["utter_intake_complete_person"]


def test_a_question_answered_or_skipped_before_is_not_asked_again(make_tracker, dispatcher, domain):
    earlier = {**UNEMPLOYED_IN_HALLE, "funding_facts": {"course_goal": "other"},
               "funding_skipped": ["receives"]}
    slots = slot_events(run(ActionCompleteIntake(), dispatcher, make_tracker(slots=earlier), domain))
    assert slots["funding_facts"] == {"course_goal": "other"} and slots["funding_skipped"] == ["receives"]
    assert slots["funding_fact"] not in ("course_goal", "receives")


def test_a_fact_told_since_wins_over_the_earlier_answer(make_tracker, dispatcher, domain):
    earlier = {**UNEMPLOYED_IN_HALLE, "funding_facts": {"course_goal": "other"},
               "visitor_facts": {"course_goal": "vocational_degree"}}
    slots = slot_events(run(ActionCompleteIntake(), dispatcher, make_tracker(slots=earlier), domain))
    assert "course_goal" not in slots["funding_facts"]


def test_advice_presents_at_most_three_programmes(make_tracker, dispatcher, domain):
    events = run(ActionPresentAdvice(), dispatcher, make_tracker(slots=UNEMPLOYED_IN_HALLE), domain)
    cards = cards_of(dispatcher)
    assert len(cards) == 3
    assert cards[0]["name"] == "Bildungsgutschein"
    assert "Agentur für Arbeit Sachsen-Anhalt Süd" in cards[0]["office"]
    assert cards[0]["stand"].startswith("Stand: ")
    assert responses(dispatcher)[-1] == "utter_advice_footer"
    assert slot_events(events)["results_offset"] == 3


def test_employer_with_40_staff_sees_employee_funding_with_full_course_costs(
        make_tracker, dispatcher, domain):
    run(ActionPresentAdvice(), dispatcher, make_tracker(slots=EMPLOYER_40), domain)
    card = next(c for c in cards_of(dispatcher) if c["name"] == "Weiterbildungsförderung für Beschäftigte")
    assert "100 %" in card["pays"]
    assert "Agentur für Arbeit Sachsen-Anhalt West" in card["office"]


def test_more_shows_the_next_page(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={**UNEMPLOYED_IN_HALLE, "last_results": "funding", "results_offset": 3},
                           intent="more_results")
    events = run(ActionMoreResults(), dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_advice_more"
    assert 1 <= len(cards_of(dispatcher)) <= 3
    assert slot_events(events)["results_offset"] == 6


def test_more_without_results_says_so(make_tracker, dispatcher, domain):
    run(ActionMoreResults(), dispatcher, make_tracker(intent="more_results"), domain)
    assert responses(dispatcher) == ["utter_no_results_yet"]


@pytest.mark.parametrize("key", [p.key for p in catalogue().active()])
def test_every_active_programme_is_explained_with_stand(make_tracker, dispatcher, domain, key):
    programme = catalogue().get(key)
    tracker = make_tracker(slots={"region": "halle"}, intent="ask_program",
                           entities=[("program", programme.entry["aliases"][0])])
    events = run(ActionProgramInfo(), dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_programme_info"
    assert message["name"] == programme.name and message["stand"].startswith("Stand: ")
    assert slot_events(events)["program_key"] == key


def test_ended_programme_says_it_ended_and_names_the_successor(make_tracker, dispatcher, domain):
    tracker = make_tracker(intent="ask_program", entities=[("program", "Weiterbildung Direkt")])
    run(ActionProgramInfo(), dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_programme_ended"
    assert message["ended"] and "WEITERBILDUNG" in message["successor"]


def test_unknown_programme_is_not_guessed(make_tracker, dispatcher, domain):
    tracker = make_tracker(intent="ask_program", entities=[("program", "Zauberförderung XY")])
    run(ActionProgramInfo(), dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_programme_unknown"]


def test_would_i_get_it_checks_the_last_programme(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={**UNEMPLOYED_IN_HALLE, "program_key": "bildungsfreistellung"},
                           intent="check_eligibility")
    run(ActionCheckEligibility(), dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_not_eligible", "utter_confirm_with_office"]


def test_would_i_get_it_names_what_is_still_open(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots=UNEMPLOYED_IN_HALLE, intent="check_eligibility",
                           entities=[("program", "Bildungsgutschein")])
    run(ActionCheckEligibility(), dispatcher, tracker, domain)
    message = dispatcher.messages[0]
    assert message["response"] == "utter_maybe_eligible" and "AZAV" in message["open"]


def test_next_steps_are_numbered_with_offices(make_tracker, dispatcher, domain):
    run(ActionNextSteps(), dispatcher, make_tracker(slots=UNEMPLOYED_IN_HALLE, intent="ask_next_steps"),
        domain)
    [message] = dispatcher.messages
    assert message["steps"].startswith("1. Bildungsgutschein")
    assert "Agentur für Arbeit Sachsen-Anhalt Süd" in message["steps"]


def test_next_steps_need_a_situation_first(make_tracker, dispatcher, domain):
    run(ActionNextSteps(), dispatcher, make_tracker(intent="ask_next_steps"), domain)
    assert responses(dispatcher) == ["utter_next_steps_need_situation"]


QUESTION_FORM = "funding_question_form"


def answer(make_tracker, dispatcher, domain, value, fact="course_goal", intent="inform", **slots):
    tracker = make_tracker(slots={**UNEMPLOYED_IN_HALLE, "requested_slot": "funding_answer",
                                  "funding_fact": fact, **slots},
                           new_slots={"funding_answer": value}, intent=intent, active_loop=QUESTION_FORM)
    return slot_events(run(ValidateFundingQuestionForm(), dispatcher, tracker, domain))


def test_an_answer_is_kept_and_the_next_question_chosen(make_tracker, dispatcher, domain):
    slots = answer(make_tracker, dispatcher, domain, "Berufsabschluss")
    assert slots["funding_facts"] == {"course_goal": "vocational_degree"}
    assert slots["funding_answer"] is None and slots["funding_fact"] == "receives"


def test_an_answer_does_not_change_what_the_intake_found(make_tracker, dispatcher, domain):
    history = [{"event": "slot", "name": "qualification", "value": "vocational"}]
    tracker = make_tracker(slots={**UNEMPLOYED_IN_HALLE, "requested_slot": "funding_answer",
                                  "funding_fact": "course_goal"},
                           new_slots={"funding_answer": "techniker", "qualification": "techniker"},
                           intent="inform", active_loop=QUESTION_FORM, history=history)
    slots = slot_events(run(ValidateFundingQuestionForm(), dispatcher, tracker, domain))
    assert slots["qualification"] == "vocational"
    assert slots["funding_facts"] == {"course_goal": "advanced_degree"}


def test_after_two_questions_the_advice_follows(make_tracker, dispatcher, domain):
    slots = answer(make_tracker, dispatcher, domain, "nein", fact="receives", intent="deny",
                   funding_facts={"course_goal": "other"})
    assert slots["funding_facts"] == {"course_goal": "other", "receives": "none"}
    assert slots["funding_answer"] == "done" and slots["funding_fact"] is None


def test_dont_know_skips_the_fact(make_tracker, dispatcher, domain):
    slots = answer(make_tracker, dispatcher, domain, "unknown", intent="dont_know")
    assert slots["funding_skipped"] == ["course_goal"] and slots["funding_fact"] != "course_goal"


def test_an_answer_that_cannot_be_read_is_asked_again(make_tracker, dispatcher, domain):
    slots = answer(make_tracker, dispatcher, domain, "blau", fact="age")
    assert slots == {"funding_answer": None, "intake_failures": 1}
    assert responses(dispatcher) == ["utter_funding_answer_not_understood"]


def test_a_second_answer_that_cannot_be_read_leaves_the_question_open(make_tracker, dispatcher, domain):
    slots = answer(make_tracker, dispatcher, domain, "grün", fact="age", intake_failures=1)
    assert slots["funding_skipped"] == ["age"] and slots["intake_failures"] == 0
    assert responses(dispatcher) == ["utter_funding_question_left_open"]


def test_question_has_buttons_for_each_choice_and_dont_know(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"funding_fact": "receives"}, active_loop=QUESTION_FORM)
    run(ActionAskFundingAnswer(), dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert [b["title"] for b in message["buttons"]] == [
        "Arbeitslosengeld", "Bürgergeld", "nichts davon", "Weiß ich nicht"]


def test_answers_sharpen_the_advice(make_tracker, dispatcher, domain):
    slots = {**UNEMPLOYED_IN_HALLE, "funding_facts": {"course_goal": "vocational_degree", "receives": "alg1"}}
    run(ActionPresentAdvice(), dispatcher, make_tracker(slots=slots), domain)
    names = [c["name"] for c in cards_of(dispatcher)]
    assert {"Bildungsgutschein", "Weiterbildungsgeld"} <= set(names)


def test_starting_the_questions_validates_nothing(make_tracker, dispatcher, domain):
    slots = answer(make_tracker, dispatcher, domain, None)
    assert slots.get("funding_answer") is None and dispatcher.messages == []


def test_a_programme_past_its_end_date_says_it_ended(make_tracker, dispatcher, domain, monkeypatch):
    from datetime import date

    from lotse import clock

    monkeypatch.setattr(clock, "today", lambda: date(2027, 1, 1))
    tracker = make_tracker(intent="ask_program", entities=[("program", "Meistergründungsprämie")])
    run(ActionProgramInfo(), dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_programme_ended" and message["ended"] == "31.12.2026"
