"""The call-back form keeping contact details out of the slots, the case with its reference,
refused consent, and erasure of this and of an earlier conversation."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from actions.callback_form import ActionAskHandoverConsent, ValidateCallbackForm
from actions.handover import (
    ActionConsentDeclined,
    ActionOpenCase,
)
from actions.privacy import ActionForgetVisitor, ActionReportErasure, ValidateErasureForm
from lotse.db import session_scope
from lotse.handover.cases import find_case
from lotse.handover.drafts import draft_of
from lotse.knowledge import knowledge
from lotse.privacy.models import DeletionRequest
from tests.actions.conftest import responses, run, slot_events
from tests.actions.handover.conftest import PERSON


def consent_asked(make_tracker, dispatcher, domain, sender, channel="phone") -> None:
    tracker = make_tracker(slots={"contact_channel": channel}, active_loop="callback_form", sender=sender)
    run(ActionAskHandoverConsent(), dispatcher, tracker, domain)


def validate(make_tracker, dispatcher, domain, sender, requested, value, slots=None, **kwargs):
    tracker = make_tracker(
        slots={"requested_slot": requested, **(slots or {})},
        new_slots={requested: value},
        active_loop="callback_form",
        sender=sender,
        **kwargs,
    )
    return slot_events(run(ValidateCallbackForm(), dispatcher, tracker, domain))


def consented(make_tracker, dispatcher, domain, sender) -> None:
    """The consent question was shown and answered with yes."""
    consent_asked(make_tracker, dispatcher, domain, sender)
    validate(make_tracker, dispatcher, domain, sender, "handover_consent", True)


def test_consent_is_asked_with_what_is_stored_why_and_how_long(make_tracker, dispatcher, domain, sender):
    consent_asked(make_tracker, dispatcher, domain, sender)
    [question] = dispatcher.messages
    assert "zurückruft" in question["text"] and "90 Tage" in question["text"]
    assert [b["payload"] for b in question["buttons"]] == ["/affirm", "/deny"]
    with session_scope() as session:
        assert draft_of(session, sender).consent_text == question["text"]


def test_contact_details_go_to_the_draft_and_the_slots_keep_only_markers(
    make_tracker, dispatcher, domain, sender
):
    consent_asked(make_tracker, dispatcher, domain, sender)
    assert (
        validate(make_tracker, dispatcher, domain, sender, "handover_consent", True)["handover_consent"]
        is True
    )
    slots = validate(
        make_tracker,
        dispatcher,
        domain,
        sender,
        "contact_detail",
        "0176 12345678",
        slots={"handover_consent": True},
    )
    assert slots["contact_detail"] == "on_file" and slots["contact_channel"] == "phone"
    assert (
        validate(
            make_tracker,
            dispatcher,
            domain,
            sender,
            "contact_name",
            "Frau Becker",
            slots={"handover_consent": True},
        )["contact_name"]
        == "on_file"
    )
    with session_scope() as session:
        draft = draft_of(session, sender)
        assert (draft.phone, draft.name, draft.consent_at is not None) == (
            "+49 176 12345678",
            "Frau Becker",
            True,
        )


def test_an_invalid_phone_number_gets_a_hint_without_repeating_it(make_tracker, dispatcher, domain, sender):
    consented(make_tracker, dispatcher, domain, sender)
    dispatcher.messages.clear()
    slots = validate(
        make_tracker,
        dispatcher,
        domain,
        sender,
        "contact_detail",
        "0345 12",
        slots={"handover_consent": True},
    )
    assert slots["contact_detail"] is None
    assert responses(dispatcher) == ["utter_invalid_phone_invalid"]
    assert "0345" not in str(dispatcher.messages)


def test_a_number_typed_for_the_call_back_does_not_change_the_place(make_tracker, dispatcher, domain, sender):
    consent_asked(make_tracker, dispatcher, domain, sender)
    history = [{"event": "slot", "name": "location", "value": "Halle (Saale)"}]
    tracker = make_tracker(
        slots={"requested_slot": "contact_detail", "handover_consent": True},
        new_slots={"contact_detail": "0345 12345 678", "location": "12345"},
        active_loop="callback_form",
        sender=sender,
        history=history,
    )
    slots = slot_events(run(ValidateCallbackForm(), dispatcher, tracker, domain))
    assert slots["location"] == "Halle (Saale)"


def test_refused_consent_ends_the_form_and_keeps_nothing(make_tracker, dispatcher, domain, sender):
    consent_asked(make_tracker, dispatcher, domain, sender)
    slots = validate(make_tracker, dispatcher, domain, sender, "handover_consent", False)
    assert slots["handover_consent"] is False and slots["requested_slot"] is None
    with session_scope() as session:
        assert draft_of(session, sender) is None
    dispatcher.messages.clear()
    run(ActionConsentDeclined(), dispatcher, make_tracker(sender=sender), domain)
    [message] = dispatcher.messages
    agency = knowledge().agency.data
    assert message["response"] == "utter_handover_declined"
    assert message["hotline"] == agency["hotline"]["value"] and message["email"] == agency["email"]["value"]


def test_an_email_answer_skips_the_preferred_time(make_tracker, dispatcher, domain, sender):
    consent_asked(make_tracker, dispatcher, domain, sender, channel="email")
    validate(
        make_tracker, dispatcher, domain, sender, "handover_consent", True, slots={"contact_channel": "email"}
    )
    slots = validate(
        make_tracker,
        dispatcher,
        domain,
        sender,
        "contact_name",
        "unknown",
        slots={"handover_consent": True, "contact_channel": "email", "contact_detail": "on_file"},
    )
    assert slots["requested_slot"] is None


def test_the_case_opens_with_the_whole_context_and_its_reference_is_told(
    make_tracker, dispatcher, domain, sender
):
    consented(make_tracker, dispatcher, domain, sender)
    validate(
        make_tracker,
        dispatcher,
        domain,
        sender,
        "contact_detail",
        "0345 1234567",
        slots={"handover_consent": True},
    )
    validate(
        make_tracker,
        dispatcher,
        domain,
        sender,
        "callback_time",
        "vormittags",
        slots={"handover_consent": True},
    )
    dispatcher.messages.clear()
    history = [
        {"event": "bot", "text": "Wie ist Ihre berufliche Situation?", "timestamp": 1.0},
        {"event": "user", "text": "arbeitslos, ruf mich an: 0345 1234567", "timestamp": 2.0},
    ]
    tracker = make_tracker(
        slots={**PERSON, "handover_reason": "advisor", "programmes_shown": 2}, sender=sender, history=history
    )
    events = run(ActionOpenCase(), dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_case_opened_phone" and message["ending"] == "567"
    assert (
        message["team"] == "Weiterbildungsagentur Sachsen-Anhalt Süd" and message["preferred"] == "vormittags"
    )
    reference = slot_events(events)["case_reference"]
    with session_scope() as session:
        case = find_case(session, reference)
        assert case.reason == "advisor" and case.region == "halle" and case.contact_phone == "+49 345 1234567"
        assert "Ihre berufliche Situation: arbeitslos" in case.summary and len(case.suggestions) == 2
        assert case.transcript[1]["text"] == "arbeitslos, ruf mich an: [Telefonnummer entfernt]"
        assert draft_of(session, sender) is None


def test_without_a_consented_draft_no_case_is_opened(make_tracker, dispatcher, domain, sender):
    run(ActionOpenCase(), dispatcher, make_tracker(sender=sender), domain)
    assert responses(dispatcher) == ["utter_case_failed"]


def test_deleting_the_data_deletes_the_conversations_case(make_tracker, dispatcher, domain, sender):
    test_the_case_opens_with_the_whole_context_and_its_reference_is_told(
        make_tracker, dispatcher, domain, sender
    )
    dispatcher.messages.clear()
    events = run(ActionForgetVisitor(), dispatcher, make_tracker(intent="delete_data", sender=sender), domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_data_forgotten_with_case" and message["reference"].startswith("WBA-")
    assert events == [{"event": "reset_slots", "timestamp": None}]
    with session_scope() as session:
        assert find_case(session, message["reference"]) is None
        assert session.scalar(select(DeletionRequest).where(DeletionRequest.conversation_id == sender))


def test_a_case_of_an_earlier_conversation_is_deleted_only_with_its_contact(
    make_tracker, dispatcher, domain, sender
):
    test_the_case_opens_with_the_whole_context_and_its_reference_is_told(
        make_tracker, dispatcher, domain, sender
    )
    with session_scope() as session:
        reference = _reference_of(session, sender)
    other = f"other-{uuid.uuid4().hex}"

    def answer(contact: str, failures: int = 0) -> dict:
        tracker = make_tracker(
            slots={
                "requested_slot": "erasure_contact",
                "erasure_reference": reference,
                "intake_failures": failures,
            },
            new_slots={"erasure_contact": contact},
            active_loop="erasure_form",
            sender=other,
        )
        return slot_events(run(ValidateErasureForm(), dispatcher, tracker, domain))

    assert answer("0176 99999999")["erasure_contact"] is None
    assert answer("0176 99999999", failures=1)["erasure_result"] == "refused"
    with session_scope() as session:
        assert find_case(session, reference) is not None
    assert answer("0345/1234567")["erasure_result"] == "erased"
    with session_scope() as session:
        assert find_case(session, reference) is None
    dispatcher.messages.clear()
    run(
        ActionReportErasure(),
        dispatcher,
        make_tracker(slots={"erasure_result": "erased", "erasure_reference": reference}),
        domain,
    )
    assert responses(dispatcher) == ["utter_erasure_done"]


def _reference_of(session, conversation_id: str) -> str:
    from lotse.handover.models import HandoverCase

    return session.scalar(
        select(HandoverCase.reference).where(HandoverCase.conversation_id == conversation_id)
    )
