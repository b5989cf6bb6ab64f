"""The offer of a person by time of day and staff presence, the live chat queue, and the
fallback that escalates to a person."""

from __future__ import annotations

import uuid

from actions.fallback import ActionDefaultFallback
from actions.handover import (
    ActionOfferHuman,
    ActionRequestLiveChat,
)
from lotse.db import session_scope
from lotse.handover.live import current_chat
from lotse.knowledge import knowledge
from lotse.staff.accounts import create_account
from lotse.staff.presence import set_available
from tests.actions.conftest import responses, run, slot_events
from tests.actions.handover.conftest import PERSON, SUNDAY, TUESDAY_MORNING, at


def test_during_possible_hotline_hours_the_number_and_a_call_back_are_offered(
    make_tracker, dispatcher, domain, monkeypatch
):
    at(monkeypatch, TUESDAY_MORNING)
    events = run(ActionOfferHuman(), dispatcher, make_tracker(intent="request_human"), domain)
    [offer] = dispatcher.messages
    hotline = knowledge().agency.data["hotline"]["value"]
    assert offer["response"] == "utter_handover_offer_hotline" and offer["hotline"] == hotline
    assert slot_events(events)["handover_reason"] == "request"


def test_on_a_sunday_the_hotline_is_said_to_be_closed_and_a_call_back_offered(
    make_tracker, dispatcher, domain, monkeypatch
):
    at(monkeypatch, SUNDAY)
    run(ActionOfferHuman(), dispatcher, make_tracker(intent="request_human"), domain)
    [offer] = dispatcher.messages
    assert offer["response"] == "utter_handover_offer_closed" and "Sonntag" in offer["note"]


def test_the_live_chat_is_offered_only_in_the_web_chat_while_staff_are_available(
    make_tracker, dispatcher, domain, monkeypatch
):
    at(monkeypatch, TUESDAY_MORNING)
    with session_scope() as session:
        account = create_account(session, f"s{uuid.uuid4().hex[:8]}", "ein-langes-passwort", "Frau Becker")
        set_available(account, True)
    run(ActionOfferHuman(), dispatcher, make_tracker(intent="request_human", channel="socketio"), domain)
    assert responses(dispatcher)[-1] == "utter_live_chat_available"
    dispatcher.messages.clear()
    run(ActionOfferHuman(), dispatcher, make_tracker(intent="request_human", channel="rest"), domain)
    assert "utter_live_chat_available" not in responses(dispatcher)
    with session_scope() as session:
        set_available(session.merge(account), False)


def test_without_staff_the_live_chat_turns_into_the_offer_of_a_call_back(
    make_tracker, dispatcher, domain, sender
):
    run(
        ActionRequestLiveChat(),
        dispatcher,
        make_tracker(intent="request_human", channel="socketio", sender=sender),
        domain,
    )
    assert responses(dispatcher) == ["utter_live_chat_unavailable"]
    with session_scope() as session:
        assert current_chat(session, sender) is None


def test_a_visitor_is_queued_for_a_live_chat_while_staff_take_chats(make_tracker, dispatcher, domain, sender):
    with session_scope() as session:
        # Of the visitor's team (Halle: Süd); an account without team serves no team's chats.
        account = create_account(
            session, f"s{uuid.uuid4().hex[:8]}", "ein-langes-passwort", "Herr Koch", "wba_sued"
        )
        set_available(account, True)
    tracker = make_tracker(slots=PERSON, intent="request_human", channel="socketio", sender=sender)
    run(ActionRequestLiveChat(), dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_live_chat_waiting"
    assert dispatcher.messages[1]["custom"]["data"]["live_chat"]["status"] == "waiting"
    with session_scope() as session:
        chat = current_chat(session, sender)
        assert chat.team == "wba_sued" and "arbeitslos" in chat.summary
        set_available(session.merge(account), False)


def test_the_last_fallback_offers_a_person_after_reverting_the_message(
    make_tracker, dispatcher, domain, monkeypatch
):
    at(monkeypatch, TUESDAY_MORNING)
    events = run(ActionDefaultFallback(), dispatcher, make_tracker(intent="nlu_fallback"), domain)
    assert responses(dispatcher)[:2] == ["utter_default", "utter_handover_offer_hotline"]
    assert events[0]["event"] == "rewind" and slot_events(events)["handover_reason"] == "fallback"


def test_fallbacks_one_after_another_never_say_the_same_three_times(
    make_tracker, dispatcher, domain, monkeypatch
):
    at(monkeypatch, TUESDAY_MORNING)
    history: list[dict] = []
    firsts = []
    for _ in range(4):
        dispatcher.messages.clear()
        run(ActionDefaultFallback(), dispatcher, make_tracker(intent="nlu_fallback", history=history), domain)
        firsts.append(responses(dispatcher)[0])
        history += [{"event": "user", "text": "?"}, {"event": "action", "name": "action_default_fallback"},
                    {"event": "rewind"}, {"event": "action", "name": "action_listen"}]
    assert firsts == ["utter_default", "utter_ask_rephrase_person"] * 2


def test_the_last_fallback_inside_a_form_escalates_and_keeps_the_question(
    make_tracker, dispatcher, domain
):
    said = []
    for misses in range(3):
        dispatcher.messages.clear()
        tracker = make_tracker(intent="change_field", active_loop="funding_question_form",
                               slots={"requested_slot": "funding_answer", "intake_failures": misses})
        events = run(ActionDefaultFallback(), dispatcher, tracker, domain)
        assert events[0]["event"] == "rewind"
        said.append(tuple(responses(dispatcher)))
    assert len(set(said)) == 3
