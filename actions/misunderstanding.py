"""Not understood twice in a row, anywhere, brings the offer of a person: after the fallback,
a "weiß ich nicht" when nothing was asked, or a question the assistant is not for."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.handover import offer_person
from actions.tracker_facts import visitor_turns
from lotse.handover.cases import FALLBACK
from lotse.understanding.misunderstanding import person_needed


def offer_person_if_stuck(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """The offer of a person when this is the second misunderstanding in a row."""
    if not person_needed(visitor_turns(tracker, mark_form_answers=True)):
        return []
    dispatcher.utter_message(response="utter_misunderstood_again")
    return offer_person(dispatcher, tracker, FALLBACK)


class ActionDontKnow(Action):
    """ "weiß ich nicht" with nothing asked: an invitation, the second time a person."""

    def name(self) -> str:
        return "action_dont_know"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        offered = offer_person_if_stuck(dispatcher, tracker)
        if not offered:
            dispatcher.utter_message(response="utter_dont_know_general")
        return offered


class ActionOutOfScope(Action):
    def name(self) -> str:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_out_of_scope")
        return offer_person_if_stuck(dispatcher, tracker)


class ActionDefaultAskRephrase(Action):
    """The fallback's second stage: none of the guesses fit, so besides asking to rephrase
    it offers a person at once."""

    def name(self) -> str:
        return "action_default_ask_rephrase"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_ask_rephrase_person")
        return offer_person(dispatcher, tracker, FALLBACK)
