import pytest

from actions.funding import ActionCheckEligibility, ActionMoreResults, ActionNextSteps, ActionProgramInfo
from actions.intake import ActionCompleteIntake
from lotse.db import init_db
from lotse.programmes import catalogue
from tests.actions.conftest import responses, run, slot_events

UNEMPLOYED_IN_HALLE = {"intake_kind": "person", "employment_status": "unemployed",
                       "location": "Halle (Saale)", "region": "halle", "qualification": "vocational",
                       "situation_confirmed": True}
EMPLOYER_40 = {"intake_kind": "employer", "company_size": 40, "location": "Harz", "region": "harz",
               "topic": "CNC", "situation_confirmed": True}


def cards_of(dispatcher):
    return [m for m in dispatcher.messages if m.get("response") == "utter_programme_card"]


def test_after_the_intake_at_most_three_programmes_are_presented(make_tracker, dispatcher, domain):
    init_db()
    events = run(ActionCompleteIntake(), dispatcher, make_tracker(slots=UNEMPLOYED_IN_HALLE), domain)
    cards = cards_of(dispatcher)
    assert len(cards) == 3
    assert cards[0]["name"] == "Bildungsgutschein"
    assert "Agentur für Arbeit Sachsen-Anhalt Süd" in cards[0]["office"]
    assert cards[0]["stand"].startswith("Stand: ")
    assert responses(dispatcher)[-1] == "utter_advice_footer"
    assert slot_events(events)["results_offset"] == 3


def test_employer_with_40_staff_sees_employee_funding_with_full_course_costs(
        make_tracker, dispatcher, domain):
    init_db()
    run(ActionCompleteIntake(), dispatcher, make_tracker(slots=EMPLOYER_40), domain)
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
