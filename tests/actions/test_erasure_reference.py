"""The erasure form reads a case reference as visitors write it (new random references and
those of earlier versions), catches a typo by its check character before anything is looked
up, and still deletes the case with the right contact detail."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest

from actions.privacy import ValidateErasureForm
from lotse.db import session_scope
from lotse.handover.cases import CaseContext, Routing, find_case, open_case
from lotse.handover.references import ALPHABET
from lotse.schema import init_db
from tests.actions.conftest import responses, run, slot_events

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def reference() -> str:
    init_db()
    with session_scope() as session:
        context = CaseContext("request", conversation_id=f"earlier-{uuid.uuid4().hex}", region="halle",
                              team="wba_sued")
        return open_case(session, context, Routing(), NOW, channel="phone",
                         contact_phone="+49 345 1234567").reference


def read(value: str, dispatcher, make_tracker, domain) -> str | None:
    tracker = make_tracker(active_loop="erasure_form", slots={"requested_slot": "erasure_reference"})
    return ValidateErasureForm().validate_erasure_reference(value, dispatcher, tracker, domain)[
        "erasure_reference"]


def test_the_reference_is_read_however_it_is_written(reference: str, dispatcher, make_tracker, domain):
    body = reference.split("-")[2]
    for written in (f"Bitte löschen Sie meinen Fall {reference}.", reference.lower(),
                    f"WBA 2026 {body[:3]} {body[3:]}", f"2026-{body.lower()}"):
        assert read(written, dispatcher, make_tracker, domain) == reference, written
    assert read("Fall WBA-2026-00042 bitte löschen", dispatcher, make_tracker, domain) == "WBA-2026-00042"
    assert dispatcher.messages == []


def test_a_typo_is_caught_before_anything_is_looked_up(reference: str, dispatcher, make_tracker, domain):
    typo = reference[:-2] + next(c for c in ALPHABET if c != reference[-2]) + reference[-1]
    assert read(typo, dispatcher, make_tracker, domain) is None
    assert responses(dispatcher) == ["utter_invalid_erasure_reference"]


def test_the_case_is_deleted_with_reference_and_contact(reference: str, dispatcher, make_tracker, domain):
    body = reference.split("-")[2]
    tracker = make_tracker(slots={"requested_slot": "erasure_reference"},
                           new_slots={"erasure_reference": f"wba 2026 {body.lower()}"},
                           active_loop="erasure_form", sender=f"new-{uuid.uuid4().hex}")
    slots = slot_events(run(ValidateErasureForm(), dispatcher, tracker, domain))
    assert slots["erasure_reference"] == reference
    tracker = make_tracker(slots={"requested_slot": "erasure_contact", "erasure_reference": reference},
                           new_slots={"erasure_contact": "0345 1234567"}, active_loop="erasure_form",
                           sender=f"new-{uuid.uuid4().hex}")
    assert slot_events(run(ValidateErasureForm(), dispatcher, tracker, domain))["erasure_result"] == "erased"
    with session_scope() as session:
        assert find_case(session, reference) is None


def _try_contact(reference: str, contact: str, dispatcher, make_tracker, domain, client: str | None):
    tracker = make_tracker(slots={"requested_slot": "erasure_contact", "erasure_reference": reference},
                           new_slots={"erasure_contact": contact}, active_loop="erasure_form",
                           sender=f"new-{uuid.uuid4().hex}",
                           metadata={"lotse_client": client} if client else None)
    return slot_events(run(ValidateErasureForm(), dispatcher, tracker, domain))


def test_trying_out_contacts_with_new_conversations_is_stopped_for_the_day(
        reference: str, dispatcher, make_tracker, domain):
    """An attacker who knows a reference tries phone numbers, a new conversation every two
    tries: the limit follows the visitor (the channel's key), not the conversation."""
    attacker = f"client-{uuid.uuid4().hex}"
    for guess in range(5):
        slots = _try_contact(reference, f"0345 99900{guess:02d}", dispatcher, make_tracker, domain, attacker)
        assert slots.get("erasure_contact") is None  # asked again: a wrong pair, nothing more said
    # Now even the right contact is refused (only the e-mail address is offered) ...
    assert _try_contact(reference, "0345 1234567", dispatcher, make_tracker, domain,
                        attacker)["erasure_result"] == "refused"
    with session_scope() as session:
        assert find_case(session, reference) is not None
    # ... while another visitor is not affected.
    assert _try_contact(reference, "0345 1234567", dispatcher, make_tracker, domain,
                        f"client-{uuid.uuid4().hex}")["erasure_result"] == "erased"


def test_a_wrong_pair_says_nothing_about_whether_the_case_exists(
        reference: str, dispatcher, make_tracker, domain):
    client = f"client-{uuid.uuid4().hex}"
    _try_contact(reference, "0345 7654321", dispatcher, make_tracker, domain, client)
    existing = list(dispatcher.messages)
    dispatcher.messages.clear()
    _try_contact("WBA-2026-00042", "0345 7654321", dispatcher, make_tracker, domain, client)
    assert dispatcher.messages == existing == [{**existing[0]}]
