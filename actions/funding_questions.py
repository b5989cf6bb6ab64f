"""The advisor's follow-up questions: after the intake, at most two questions about the one
fact that decides most (age, benefit, kind of course ...), then the advice."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.form_base import FAILURE_SLOT, MAX_FAILURES, value_before_latest_message
from actions.funding import present_advice, situation_of
from actions.tracker_facts import latest_intent
from lotse.dialogue import AFFIRM, DENY, DONT_KNOW, labelled_button
from lotse.fact_questions import question_for, read_answer
from lotse.funding import next_fact_to_ask
from lotse.programmes import catalogue
from lotse.situation import UNKNOWN, told_facts

DONE = "done"


def next_fact(tracker: Tracker, facts_so_far: dict[str, Any], skipped: list[str]) -> str | None:
    facts = {**situation_of(tracker).facts(), **facts_so_far}
    return next_fact_to_ask(facts, catalogue(), len(facts_so_far), frozenset(skipped))


class ActionAskFundingAnswer(Action):
    def name(self) -> str:
        return "action_ask_funding_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        question = question_for(tracker.get_slot("funding_fact") or "")
        if question is None:
            return []
        if question.answer == "yes_no":
            buttons = [labelled_button("yes", AFFIRM), labelled_button("no", DENY)]
        else:
            buttons = [{"title": label, "payload": label} for label in question.choices.values()]
        buttons.append(labelled_button("dont_know", DONT_KNOW))
        dispatcher.utter_message(response="utter_funding_question", question=question.question,
                                 buttons=buttons)
        return []


class ValidateFundingQuestionForm(FormValidationAction):
    def name(self) -> str:
        return "validate_funding_question_form"

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> list[EventType]:
        # "meister" answers this question; it does not change the qualification Rasa mapped it to.
        restored = [SlotSet(slot, value_before_latest_message(tracker, slot))
                    for slot in tracker.slots_to_validate()
                    if slot not in ("funding_answer", "requested_slot")]
        return restored + await super().get_validation_events(dispatcher, tracker, domain)

    def validate_funding_answer(self, value: Any, dispatcher: CollectingDispatcher,
                                tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        if value is None:
            # Reset when the questions start; nothing was answered yet.
            return {}
        fact = tracker.get_slot("funding_fact")
        facts = dict(tracker.get_slot("funding_facts") or {})
        skipped = list(tracker.get_slot("funding_skipped") or [])
        if value == UNKNOWN:
            skipped.append(fact)
        else:
            answer = read_answer(fact, str(value), latest_intent(tracker))
            failures = int(tracker.get_slot(FAILURE_SLOT) or 0) + 1
            if answer is None and failures < MAX_FAILURES:
                dispatcher.utter_message(response="utter_funding_answer_not_understood")
                return {"funding_answer": None, FAILURE_SLOT: failures}
            if answer is None:
                # The second answer that cannot be read: the question stays open, the advice goes on.
                dispatcher.utter_message(response="utter_funding_question_left_open")
                skipped.append(fact)
            else:
                facts[fact] = answer
        following = next_fact(tracker, facts, skipped)
        return {"funding_answer": None if following else DONE, "funding_fact": following,
                "funding_facts": facts, "funding_skipped": skipped, FAILURE_SLOT: 0}


class ActionPresentAdvice(Action):
    def name(self) -> str:
        return "action_present_advice"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        return present_advice(dispatcher, tracker, 0, domain)


def start_questions(tracker: Tracker) -> tuple[bool, list[EventType]]:
    """Whether a follow-up question decides something, and the slots that start the questions.
    What the visitor answered or skipped earlier in the conversation is kept: after a
    correction the advice uses those answers, and a question once skipped is not asked again."""
    told = told_facts(tracker.slots)
    # What the visitor told in their own words since then wins over an earlier answer.
    answered = {k: v for k, v in dict(tracker.get_slot("funding_facts") or {}).items() if k not in told}
    skipped = list(tracker.get_slot("funding_skipped") or [])
    fact = next_fact(tracker, answered, skipped)
    pending = fact is not None
    return pending, [SlotSet("funding_fact", fact), SlotSet("funding_facts", answered),
                     SlotSet("funding_skipped", skipped), SlotSet("funding_answer", None),
                     SlotSet("funding_question_pending", pending)]
