"""The call-back form: consent first, then a phone number or e-mail address, a name
(optional) and a preferred time (optional, not for e-mail).

Every answer is written into the conversation's `ContactDraft` at once; the slots keep only
markers, so that no contact detail stays in Rasa's tracker.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.form_base import SharedFormValidation
from lotse.config import get_settings
from lotse.dialogue import AFFIRM, DENY, labelled_button
from lotse.handover import callback
from lotse.handover.contact import ContactDetail, read_contact, read_name, read_preferred_time
from lotse.handover.models import EMAIL_ANSWER, PHONE
from lotse.handover.offer import consent_text
from lotse.redaction import SLOT_MARKERS
from lotse.situation import UNKNOWN

ON_FILE = "on_file"


class ActionAskHandoverConsent(Action):
    """Shows what is stored, why and for how long, and asks for consent; the wording shown
    is kept with the case."""

    def name(self) -> str:
        return "action_ask_handover_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        channel = EMAIL_ANSWER if tracker.get_slot("contact_channel") == EMAIL_ANSWER else PHONE
        text = consent_text(channel, get_settings())
        callback.start(tracker.sender_id, text)
        dispatcher.utter_message(text=text, buttons=[labelled_button("consent_yes", AFFIRM),
                                                     labelled_button("consent_no", DENY)])
        return []


class ValidateCallbackForm(SharedFormValidation):
    optional_slots = frozenset({"contact_name", "callback_time"})
    keeps_other_slots = True
    changeable_slots = frozenset({"contact_channel"})

    def name(self) -> str:
        return "validate_callback_form"

    def is_normalized(self, slot: str, value: Any, tracker: Tracker) -> bool:
        if slot == "handover_consent":
            return isinstance(value, bool)
        if slot in ("contact_detail", "contact_name"):
            return value in SLOT_MARKERS
        return True

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        if tracker.get_slot("handover_consent") is False:
            return []
        if tracker.get_slot("contact_channel") == EMAIL_ANSWER:
            return [slot for slot in domain_slots if slot != "callback_time"]
        return domain_slots

    def validate_handover_consent(self, value: Any, dispatcher: CollectingDispatcher,
                                  tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        if callback.answer_consent(tracker.sender_id, value is True):
            return {"handover_consent": True}
        return {"handover_consent": False if value is False else None}

    def validate_contact_detail(self, value: Any, dispatcher: CollectingDispatcher,
                                tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        detail = read_contact(str(value))
        if not isinstance(detail, ContactDetail):
            dispatcher.utter_message(response=f"utter_invalid_{detail}")
            return {"contact_detail": None}
        callback.record_contact(tracker.sender_id, detail)
        return {"contact_detail": ON_FILE, "contact_channel": detail.channel}

    def validate_contact_name(self, value: Any, dispatcher: CollectingDispatcher,
                              tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        name = read_name(str(value))
        if name is None:
            dispatcher.utter_message(response="utter_invalid_contact_name")
            return {"contact_name": None}
        callback.record_name(tracker.sender_id, name)
        return {"contact_name": ON_FILE}

    def validate_callback_time(self, value: Any, dispatcher: CollectingDispatcher,
                               tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        preferred = read_preferred_time(str(value))
        callback.record_preferred_time(tracker.sender_id, preferred)
        return {"callback_time": preferred or UNKNOWN}
