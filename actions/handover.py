"""Bringing the visitor to a person: the offer (hotline, call-back, e-mail, live chat), the
live chat queue, and the case at the end of the call-back form."""

from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.tracker_facts import intake_kind
from lotse.agency import contact
from lotse.clock import utcnow
from lotse.config import get_settings
from lotse.handover import service
from lotse.handover.cases import REQUEST, UNSURE
from lotse.numbers import german_decimal
from lotse.situation import Situation

WEB_CHAT = "socketio"
# The time the hotline is judged at (tests set it).
clock = utcnow
# Slots of one handover request, cleared when it ends so the next one starts afresh.
REQUEST_SLOTS = ("contact_channel", "handover_consent", "contact_detail", "contact_name", "callback_time")


def clear_request() -> list[EventType]:
    return [SlotSet(slot, None) for slot in REQUEST_SLOTS]


def offer_person(dispatcher: CollectingDispatcher, tracker: Tracker, reason: str) -> list[EventType]:
    """Hotline (while it may be staffed), call-back or e-mail, and the live chat while staff
    take chats in the web chat. Shared by a request, the fallback and the advice."""
    facts = contact()
    offer = service.offer(tracker.get_slot("region"), tracker.get_latest_input_channel() == WEB_CHAT, clock())
    if offer is None:
        dispatcher.utter_message(response="utter_handover_declined", **facts)
        return clear_request()
    note = f"{offer.hotline_note} " if offer.hotline_note else ""
    if offer.hotline_may_be_staffed:
        dispatcher.utter_message(response="utter_handover_offer_hotline", note=note, **facts)
    else:
        dispatcher.utter_message(response="utter_handover_offer_closed", note=offer.hotline_note, **facts)
    if offer.live_chat:
        dispatcher.utter_message(response="utter_live_chat_available")
    return [*clear_request(), SlotSet("handover_reason", reason)]


class ActionOfferHuman(Action):
    def name(self) -> str:
        return "action_offer_human"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        unsure = (tracker.latest_message.get("intent") or {}).get("name") == "unsure"
        if unsure:
            dispatcher.utter_message(response="utter_handover_unsure")
        return offer_person(dispatcher, tracker, UNSURE if unsure else REQUEST)


class ActionRequestLiveChat(Action):
    """Queue the visitor for a person in the web chat, or offer a call-back when nobody is
    available (or the visitor is not in the web chat)."""

    def name(self) -> str:
        return "action_request_live_chat"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        chat_id = None
        if tracker.get_latest_input_channel() == WEB_CHAT:
            chat_id = service.queue_live_chat(tracker.sender_id, _situation(tracker), tracker.slots)
        if chat_id is None:
            dispatcher.utter_message(response="utter_live_chat_unavailable")
            return clear_request()
        minutes = german_decimal(get_settings().live_chat_wait_minutes)
        dispatcher.utter_message(response="utter_live_chat_waiting", minutes=minutes)
        # Tells the widget to fetch the live chat's messages from the web process. Rasa's
        # socket.io channel passes the keys to `emit`: the message itself goes under "data".
        dispatcher.utter_message(json_message={"data": {"live_chat": {"status": "waiting", "chat": chat_id}}})
        return [*clear_request(), SlotSet("handover_reason", tracker.get_slot("handover_reason") or REQUEST)]


def _situation(tracker: Tracker) -> Situation:
    return Situation.from_slots(intake_kind(tracker), tracker.slots)


class ActionOpenCase(Action):
    """The consented call-back or e-mail answer becomes a case with a reference number."""

    def name(self) -> str:
        return "action_open_case"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        case = service.open_case(
            service.case_context(tracker.sender_id, _situation(tracker), tracker.slots, tracker.events))
        if case is None:
            dispatcher.utter_message(response="utter_case_failed", **contact())
            return clear_request()
        if case.by_phone:
            dispatcher.utter_message(response="utter_case_opened_phone", reference=case.reference,
                                     team=case.team_name, ending=case.phone_ending,
                                     preferred=case.preferred_time)
        else:
            dispatcher.utter_message(response="utter_case_opened_email", reference=case.reference,
                                     team=case.team_name)
        return [*clear_request(), SlotSet("case_reference", case.reference), SlotSet("handover_reason", None)]


class _EndWithoutCase(Action, ABC):
    """The request ends before a case: the draft and its details go, the visitor is told why."""

    response = ""

    @abstractmethod
    def name(self) -> str:
        """Each ending has its own action name; this base is not registered."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        service.forget_draft(tracker.sender_id)
        dispatcher.utter_message(response=self.response, **contact())
        return clear_request()


class ActionConsentDeclined(_EndWithoutCase):
    """Without consent nothing is stored: only the hotline and the e-mail address."""

    response = "utter_handover_declined"

    def name(self) -> str:
        return "action_consent_declined"


class ActionCancelCallback(_EndWithoutCase):
    """"abbrechen" during the call-back form: nothing is kept."""

    response = "utter_callback_stopped"

    def name(self) -> str:
        return "action_cancel_callback"

