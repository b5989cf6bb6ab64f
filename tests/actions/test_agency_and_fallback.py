from actions.agency import ActionAgency, ActionContact
from actions.fallback import ActionDefaultAskAffirmation
from lotse.agency import hours_text
from lotse.knowledge import knowledge
from tests.actions.conftest import run


def test_contact_gives_hotline_email_and_known_hours(make_tracker, dispatcher, domain):
    run(ActionContact(), dispatcher, make_tracker(intent="ask_contact"), domain)
    [message] = dispatcher.messages
    agency = knowledge().agency.data
    assert message["response"] == "utter_contact"
    assert message["hotline"] == agency["hotline"]["value"]
    assert message["email"] == agency["email"]["value"]
    assert message["hours"] == hours_text(agency["hotline_hours"])


def test_agency_names_its_three_partners(make_tracker, dispatcher, domain):
    run(ActionAgency(), dispatcher, make_tracker(intent="ask_agency"), domain)
    [message] = dispatcher.messages
    assert message["partners"].count(",") == 1 and " und " in message["partners"]
    assert "kostenfrei" in message["offer"]


def test_did_you_mean_offers_german_labels_of_close_guesses(make_tracker, dispatcher, domain):
    tracker = make_tracker(intent="nlu_fallback", entities=[("location", "Halle")], ranking=[
        {"name": "nlu_fallback", "confidence": 0.5}, {"name": "search_course", "confidence": 0.45},
        {"name": "ask_funding", "confidence": 0.35}, {"name": "greet", "confidence": 0.05}])
    run(ActionDefaultAskAffirmation(), dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert [b["title"] for b in message["buttons"]] == [
        "Eine Weiterbildung oder einen Kurs suchen", "Wissen, wer die Weiterbildung bezahlt",
        "Etwas anderes"]
    assert message["buttons"][0]["payload"] == '/search_course{"location": "Halle"}'
    assert message["buttons"][-1]["payload"] == "/out_of_scope"
