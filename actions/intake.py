"""Starting, confirming and completing the intake of a visitor's situation."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.form_replies import explain_question
from actions.funding import present_advice
from actions.funding_questions import start_questions
from actions.handover import offer_person
from actions.intake_fields import clear_field, field_to_change
from actions.tracker_facts import intake_kind, latest_entities, latest_intent, set_this_turn
from lotse.dialogue import CHANGE_FIELD, button
from lotse.handover.cases import FALLBACK
from lotse.intake_stats import count_intake
from lotse.knowledge import knowledge
from lotse.situation import (
    EMPLOYER,
    EMPLOYER_FIELDS,
    PERSON,
    PERSON_FIELDS,
    Situation,
    summary_lines,
)

FIELDS_OF_KIND = {PERSON: PERSON_FIELDS, EMPLOYER: EMPLOYER_FIELDS}


def _kind_for(tracker: Tracker) -> str:
    """The way action_understand chose for this message; inside a running form, speaking for
    the other kind of visitor switches."""
    goal = tracker.get_slot("goal")
    if goal in (PERSON, EMPLOYER) and set_this_turn(tracker, "goal"):
        return goal
    intent = latest_intent(tracker)
    if intent == "employer_inquiry":
        return EMPLOYER
    if intent == "request_guidance":
        return PERSON
    return tracker.get_slot("intake_kind") or PERSON


class ActionStartIntake(Action):
    """Starts the intake (or re-opens it for a change) and says how it works the first time."""

    def name(self) -> str:
        return "action_start_intake"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        kind = _kind_for(tracker)
        previous_kind = tracker.get_slot("intake_kind")
        events: list[EventType] = [SlotSet("intake_kind", kind)]
        if previous_kind and previous_kind != kind:
            # What a person wants to learn is not what their company's staff should learn.
            events.append(SlotSet("topic", None))
        if latest_intent(tracker) == "change_field":
            field = field_to_change(tracker, FIELDS_OF_KIND[kind])
            events += clear_field(field) if field else [SlotSet("situation_confirmed", None)]
        elif latest_entities(tracker) or previous_kind != kind or any(
                set_this_turn(tracker, field) for field in FIELDS_OF_KIND[kind]):
            events.append(SlotSet("situation_confirmed", None))
        if previous_kind != kind:
            dispatcher.utter_message(response=f"utter_intake_intro_{kind}")
        return events


class ActionAskSituationConfirmed(Action):
    """Shows the summary to confirm, or asks what to change after a "Nein"."""

    def name(self) -> str:
        return "action_ask_situation_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        kind = intake_kind(tracker)
        wants_change = latest_intent(tracker) in ("deny", "change_field")
        if wants_change and not latest_entities(tracker):
            labels = knowledge().labels.data["fields"]
            buttons = [button(labels[f], CHANGE_FIELD, field=f)
                       for f in FIELDS_OF_KIND[kind]]
            dispatcher.utter_message(response="utter_which_field", buttons=buttons)
            return []
        misread = int(tracker.get_slot("intake_failures") or 0)
        if misread and misread % 2 == 0:
            # The second answer in a row that is neither yes, no nor a correction: explain,
            # offer the ways on and a person, instead of the same summary again.
            dispatcher.utter_message(response="utter_summary_choices")
            return offer_person(dispatcher, tracker, FALLBACK)
        if misread:
            dispatcher.utter_message(response="utter_summary_hint")
        summary = "\n".join(f"• {line}" for line in summary_lines(kind, tracker.slots))
        dispatcher.utter_message(response="utter_summary", summary=summary)
        return []


class ActionCompleteIntake(Action):
    """Turns the confirmed answers into a Situation, counts it anonymously, then either asks
    the fact that decides most or presents the programmes that fit."""

    def name(self) -> str:
        return "action_complete_intake"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        kind = intake_kind(tracker)
        count_intake(Situation.from_slots(kind, tracker.slots))
        dispatcher.utter_message(response=f"utter_intake_complete_{kind}")
        pending, questions = start_questions(tracker)
        if not pending:
            questions += present_advice(dispatcher, tracker, 0, domain)
        return [SlotSet("intake_failures", 0), *questions]


class ActionExplainQuestion(Action):
    """Answers "Warum fragen Sie das?" for the question the form just asked."""

    def name(self) -> str:
        return "action_explain_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        explain_question(dispatcher, tracker, domain)
        return []
