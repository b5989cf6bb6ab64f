"""Answers about the agency itself: who it is, how to reach it, a person to talk to."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from lotse.agency import about, contact


class ActionContact(Action):
    def name(self) -> str:
        return "action_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_contact", **contact())
        return []


class ActionAgency(Action):
    def name(self) -> str:
        return "action_agency"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_agency", **about())
        return []


class ActionOfferHuman(Action):
    """Names the ways to a person; the call-back and live handover follow in issue #5."""

    def name(self) -> str:
        return "action_offer_human"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_human_contact", **contact())
        return []


class ActionForgetVisitor(Action):
    """Drops every answer of this conversation so nothing said is used any further."""

    def name(self) -> str:
        return "action_forget_visitor"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_data_forgotten", email=contact()["email"])
        return [AllSlotsReset()]
