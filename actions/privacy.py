"""The visitor's right to erasure: this conversation at once, a case of an earlier one by its
reference number and the contact detail given for it."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.form_base import FAILURE_SLOT, MAX_FAILURES, SharedFormValidation
from lotse.agency import contact
from lotse.handover.references import canonical_reference, reference_in_text
from lotse.privacy.erasure_limit import CLIENT_METADATA_KEY
from lotse.privacy.service import CaseErasure, erase_case_by_reference, erase_visitor_data
from lotse.redaction import SLOT_MARKERS

ERASED, REFUSED = "erased", "refused"


class ActionForgetVisitor(Action):
    """Deletes this conversation: its case and contact details now, its messages shortly."""

    def name(self) -> str:
        return "action_forget_visitor"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        cases = erase_visitor_data(tracker.sender_id)
        email = contact()["email"]
        if cases:
            dispatcher.utter_message(response="utter_data_forgotten_with_case",
                                     reference=", ".join(cases), email=email)
        else:
            dispatcher.utter_message(response="utter_data_forgotten", email=email)
        return [AllSlotsReset()]


def visitor_key(tracker: Tracker) -> str:
    """Who tries the form: the key the socket.io channel gives the visitor's address, else the
    conversation (REST, the internal door)."""
    metadata = tracker.latest_message.get("metadata") or {}
    key = metadata.get(CLIENT_METADATA_KEY) if isinstance(metadata, dict) else None
    return key if isinstance(key, str) and key else f"conversation:{tracker.sender_id}"[:64]


class ValidateErasureForm(SharedFormValidation):
    """Deletes the case as soon as reference and contact detail fit together; after two
    answers that do not fit it stops, so numbers cannot be tried out."""

    keeps_other_slots = True

    def name(self) -> str:
        return "validate_erasure_form"

    def is_normalized(self, slot: str, value: Any, tracker: Tracker) -> bool:
        if slot == "erasure_reference":
            return canonical_reference(str(value)) == value
        return value in SLOT_MARKERS

    def validate_erasure_reference(self, value: Any, dispatcher: CollectingDispatcher,
                                   tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        # Random with a check character (lotse.handover.references): a typo is caught here.
        found = reference_in_text(str(value))
        if not found:
            dispatcher.utter_message(response="utter_invalid_erasure_reference")
            return {"erasure_reference": None}
        return {"erasure_reference": found}

    def validate_erasure_contact(self, value: Any, dispatcher: CollectingDispatcher,
                                 tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        outcome = erase_case_by_reference(visitor_key(tracker), tracker.sender_id,
                                          tracker.get_slot("erasure_reference") or "", str(value))
        if outcome is CaseErasure.LIMITED:
            # Too many failed tries today, in any conversation: only by e-mail now.
            return {"erasure_contact": "on_file", "erasure_result": REFUSED, FAILURE_SLOT: 0}
        if outcome is CaseErasure.ERASED:
            return {"erasure_contact": "on_file", "erasure_result": ERASED, FAILURE_SLOT: 0}
        if int(tracker.get_slot(FAILURE_SLOT) or 0) + 1 >= MAX_FAILURES:
            return {"erasure_contact": "on_file", "erasure_result": REFUSED, FAILURE_SLOT: 0}
        dispatcher.utter_message(response="utter_erasure_mismatch")
        return {"erasure_contact": None}


class ActionReportErasure(Action):
    def name(self) -> str:
        return "action_report_erasure"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if tracker.get_slot("erasure_result") == ERASED:
            dispatcher.utter_message(response="utter_erasure_done",
                                     reference=tracker.get_slot("erasure_reference"))
        else:
            dispatcher.utter_message(response="utter_erasure_refused", email=contact()["email"])
        return [SlotSet(slot, None) for slot in ("erasure_reference", "erasure_contact", "erasure_result")]
