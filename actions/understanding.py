"""The first step for a message that starts something: read what it tells and asks, store
the answers it gives, and choose the way (intake and advice, course search, or unclear)."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.courses import refines_shown_courses
from actions.tracker_facts import last_response_before_message, latest_entities, latest_intent, visitor_turns
from lotse.funding import ASKED_PROGRAMME
from lotse.understanding.service import answers, programme_in, understand

GOAL_SLOT = "goal"
COURSES = "courses"
# The offer of courses after the advice (actions/funding.py offer_courses).
COURSES_OFFERED = "utter_offer_courses"


def text_to_read(tracker: Tracker) -> str:
    """The visitor's own words: after "Meinten Sie ...?" the pressed button stands for the
    message the assistant was unsure about, which is read instead."""
    text = tracker.latest_message.get("text") or ""
    if not text.startswith("/"):
        return text
    turns = visitor_turns(tracker)
    earlier = [t for t, intent in turns[:-1] if intent == "nlu_fallback" and not t.startswith("/")]
    return earlier[-1] if earlier and turns[-2:-1] and turns[-2][1] == "nlu_fallback" else text


class ActionUnderstand(Action):
    def name(self) -> str:
        return "action_understand"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        result = understand(
            text_to_read(tracker),
            latest_entities(tracker),
            latest_intent(tracker),
            tracker.get_slot("intake_kind"),
            # "bekomme ich das?" after a programme or the advice: one of those is meant.
            programme_known=bool(tracker.get_slot("program_key") or tracker.get_slot("situation_confirmed")),
            advice_given=bool(tracker.get_slot("situation_confirmed")),
            refines_shown_list=refines_shown_courses(tracker),
        )
        goal = result.route.goal
        if latest_intent(tracker) == "affirm" and last_response_before_message(tracker) == COURSES_OFFERED:
            # "ja" to "Soll ich Ihnen passende Angebote zeigen?" after the advice.
            goal = COURSES
        kind = goal if result.route.starts_intake else tracker.get_slot("intake_kind") or "person"
        values = answers(result.facts, kind, tracker.get_slot("visitor_facts"))
        named = programme_in(text_to_read(tracker), latest_entities(tracker))
        if named and result.route.starts_intake:
            # "gibts da ne prämie?": that programme comes first in the advice.
            told = values.get("visitor_facts", tracker.get_slot("visitor_facts")) or {}
            values["visitor_facts"] = {**told, ASKED_PROGRAMME: named.key}
        events: list[EventType] = [SlotSet(name, value) for name, value in values.items()]
        return [*events, SlotSet(GOAL_SLOT, goal), SlotSet("contact_channel", result.channel),
                SlotSet("offer_courses", result.route.then_courses)]
