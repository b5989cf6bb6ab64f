"""What a form says to a message that does not answer its question, so that it never says
the same thing three times: first the reply that fits the message, the second time in a
row why it asks and the choice to skip or stop, the third time the offer of a person."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.form_base import FAILURE_SLOT
from actions.handover import offer_person
from actions.tracker_facts import latest_intent
from lotse.dialogue import SEARCH_COURSE, intake_kind_of_form
from lotse.handover.cases import FALLBACK
from lotse.understanding.topic import subject_in_few_words

EXPLAIN = "explain"
# The first reply to a message that is no answer, by its intent.
FIRST_REPLY = {
    "ask_funding": "utter_in_form_not_now", "check_eligibility": "utter_in_form_not_now",
    "ask_next_steps": "utter_in_form_not_now", "search_course": "utter_in_form_not_now",
    "more_results": "utter_in_form_not_now", "refine_search": "utter_in_form_not_now",
    "ask_course_detail": "utter_in_form_not_now", "out_of_scope": "utter_in_form_out_of_scope",
    "inform": "utter_in_form_did_not_understand", "nlu_fallback": "utter_in_form_did_not_understand",
    "dont_know": EXPLAIN, "unsure": EXPLAIN,
}


def plain_topic_answer(tracker: Tracker, intent: str) -> str | None:
    """The latest message as the topic, when it answers the topic question in a few words
    the intent model could not place."""
    if tracker.get_slot("requested_slot") != "topic" or intent not in ("out_of_scope", "nlu_fallback"):
        return None
    return subject_in_few_words(tracker.latest_message.get("text") or "")


def explain_question(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> None:
    """Why the form asks its open question (the general reason where none is written)."""
    slot = tracker.get_slot("requested_slot")
    response = f"utter_explain_{slot}" if slot else "utter_explain_general"
    if response not in domain.get("responses", {}):
        response = "utter_explain_general"
    dispatcher.utter_message(response=response)


class ActionInFormReply(Action):
    def name(self) -> str:
        return "action_in_form_reply"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        intent = latest_intent(tracker) or "nlu_fallback"
        topic = plain_topic_answer(tracker, intent)
        if topic:
            return [SlotSet("topic", topic)]
        misses = int(tracker.get_slot(FAILURE_SLOT) or 0) + 1
        events: list[EventType] = [SlotSet(FAILURE_SLOT, misses)]
        if intent == SEARCH_COURSE and intake_kind_of_form((tracker.active_loop or {}).get("name")):
            # The courses come after the advice, as promised.
            events.append(SlotSet("offer_courses", True))
        if misses == 1:
            first = FIRST_REPLY.get(intent, "utter_in_form_did_not_understand")
            if first == EXPLAIN:
                explain_question(dispatcher, tracker, domain)
            else:
                dispatcher.utter_message(response=first)
        elif misses % 2 == 0:
            explain_question(dispatcher, tracker, domain)
            dispatcher.utter_message(response="utter_offer_skip_or_stop")
        else:
            dispatcher.utter_message(response="utter_misunderstood_again")
            events += offer_person(dispatcher, tracker, FALLBACK)
        return events
