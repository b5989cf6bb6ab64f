"""Answers about the agency itself: who it is and how to reach it."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from lotse.agency import about, contact
from lotse.offices import directory
from lotse.understanding.questions import WHEREABOUTS, asked


class ActionContact(Action):
    """Hotline, e-mail and hours; where the agency is, when that is asked as well."""

    def name(self) -> str:
        return "action_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_contact", **contact())
        if WHEREABOUTS in asked(tracker.latest_message.get("text") or ""):
            region = tracker.get_slot("region")
            team = directory().for_district(region, "wba") if region else None
            if team:
                dispatcher.utter_message(response="utter_agency_whereabouts_team", regions=about()["regions"],
                                         team=team.name)
            else:
                dispatcher.utter_message(response="utter_agency_whereabouts", regions=about()["regions"])
        return []


class ActionAgency(Action):
    def name(self) -> str:
        return "action_agency"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_agency", **about())
        return []


class ActionOtherLanguage(Action):
    """A message in another language: what the assistant is and how to reach a person, in
    English (and, for other languages, in plain German as well)."""

    def name(self) -> str:
        return "action_other_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        language = next(tracker.get_latest_entity_values("language"), "en")
        response = "utter_other_language_english" if language == "en" else "utter_other_language_other"
        dispatcher.utter_message(response=response, **contact())
        return []
