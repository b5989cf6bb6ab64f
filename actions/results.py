""""mehr": the next page of whatever was shown last, courses or funding programmes."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.courses import COURSE_RESULTS, more_courses
from actions.funding import FUNDING_RESULTS, present_advice


class ActionMoreResults(Action):
    def name(self) -> str:
        return "action_more_results"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        shown = tracker.get_slot("last_results")
        if shown == COURSE_RESULTS:
            return more_courses(dispatcher, tracker, domain)
        if shown == FUNDING_RESULTS:
            return present_advice(dispatcher, tracker, int(tracker.get_slot("results_offset") or 0), domain)
        dispatcher.utter_message(response="utter_no_results_yet")
        return []
