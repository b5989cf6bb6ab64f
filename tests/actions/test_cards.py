"""Cards for the widget and text for every other channel, from one set of fields."""

from __future__ import annotations

from actions.cards import text_form
from actions.funding_questions import ActionPresentAdvice
from lotse.handover.summary import transcript
from tests.actions.conftest import run

UNEMPLOYED_IN_HALLE = {"intake_kind": "person", "employment_status": "unemployed",
                       "location": "Halle (Saale)", "region": "halle", "topic": "pflege",
                       "qualification": "vocational",
                       "funding_facts": {"receives": "alg", "course_goal": "other"}}


def custom_cards(dispatcher) -> list[dict]:
    return [m["custom"]["data"] for m in dispatcher.messages if m.get("custom")]


def texts_of(dispatcher, domain, response: str) -> list[str]:
    return [text_form(domain, response, {k: v for k, v in m.items() if k != "response"})
            for m in dispatcher.messages if m.get("response") == response]


def test_the_widget_gets_cards_and_rest_the_same_content_as_text(make_tracker, domain):
    from rasa_sdk.executor import CollectingDispatcher

    widget, rest = CollectingDispatcher(), CollectingDispatcher()
    run(ActionPresentAdvice(), widget, make_tracker(slots=UNEMPLOYED_IN_HALLE, channel="socketio"), domain)
    run(ActionPresentAdvice(), rest, make_tracker(slots=UNEMPLOYED_IN_HALLE, channel="rest"), domain)
    cards = custom_cards(widget)
    assert cards and not any(m.get("custom") for m in rest.messages)
    # The text form beside each card is, word for word, what REST gets for that programme.
    assert [card["text"] for card in cards] == texts_of(rest, domain, "utter_programme_card")
    for payload in cards:
        card, text = payload["card"], payload["text"]
        assert card["kind"] == "programme" and text.startswith(f"{card['title']} – {card['fit']}")
        for fact in (card["next_step"], card["office_text"], card["stand"], *card["gets"]):
            assert fact in text
        assert card["office"]["name"] in card["office_text"] and card["office"]["phone"] in text


def test_the_case_transcript_shows_a_card_as_its_text():
    events = [{"event": "bot", "text": None, "timestamp": 1.0,
               "data": {"custom": {"data": {"card": {"kind": "programme", "title": "Bildungsgutschein"},
                                            "text": "Bildungsgutschein – passt zu Ihren Angaben"}}}}]
    assert transcript(events)[0]["text"] == "Bildungsgutschein – passt zu Ihren Angaben"


def test_what_the_visitor_gets_leads_and_the_rest_waits_behind_more(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots=UNEMPLOYED_IN_HALLE, channel="socketio")
    run(ActionPresentAdvice(), dispatcher, tracker, domain)
    for payload in custom_cards(dispatcher):
        card = payload["card"]
        whole = " ".join(card["gets"] + ([card["depends_on"]] if card["depends_on"] else []))
        assert card["headline"] and whole.startswith(card["headline"])
        assert " ".join([card["headline"], *card["details"]]) == whole
