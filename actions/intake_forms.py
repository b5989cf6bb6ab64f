"""Validation of the two intake forms: a person's situation and a company's."""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.form_base import FAILURE_SLOT, SharedFormValidation, value_before_latest_message
from actions.tracker_facts import intake_kind, latest_entities, latest_intent
from lotse.dialogue import INFORM, button
from lotse.location_answer import answer_location
from lotse.numbers import parse_company_size
from lotse.places import resolve_place
from lotse.plain_values import is_plain_text
from lotse.situation import OPTIONAL_FIELDS, UNKNOWN
from lotse.understanding.facts import (
    READER_FIRST,
    is_held,
    names_employment_status,
    qualification_of_answer,
    read_facts,
)
from lotse.understanding.service import answers
from lotse.understanding.topic import is_place_name, read_topic
from lotse.vocabulary import vocabulary

MAX_TOPIC_LENGTH = 80
SUMMARY = "situation_confirmed"
SKIPPED_FOR_RECOGNITION = frozenset({"topic"})
# Answers at the summary that are neither yes nor no nor a question of their own: counted,
# and the second time the visitor gets the choice to go on, change or talk to a person.
NOT_AN_ANSWER_AT_SUMMARY = frozenset({"inform", "dont_know", "nlu_fallback", "unsure", "out_of_scope"})


class IntakeValidation(SharedFormValidation):
    """Validators for every intake question; each form uses those of its own slots."""

    optional_slots = OPTIONAL_FIELDS
    leaves_questions_open = True
    dropped_quietly = frozenset({"employment_status", "qualification"})

    @abstractmethod
    def name(self) -> str:
        """Each form's validation action has its own name; this base is not registered."""

    def prefers_told(self, slot: str, tracker: Tracker) -> bool:
        # A topic said as a wish ("ich möchte SAP lernen") beats another word DIET took for one.
        return slot in READER_FIRST or (
            slot == "topic" and read_topic(tracker.latest_message.get("text") or "") is not None)

    def told(self, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        """Everything the latest message tells besides Rasa's own slot mappings: answers to
        other questions of the form and facts told in passing."""
        return self._told(tracker, domain)

    def after_validation(self, told: dict[str, Any], dispatcher: CollectingDispatcher,
                         tracker: Tracker) -> list[EventType]:
        if tracker.get_slot("requested_slot") == SUMMARY:
            return self._at_summary(told, dispatcher, tracker)
        return []

    def _told(self, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        text = tracker.latest_message.get("text") or ""
        if text.startswith("/"):
            return {}
        facts = read_facts(text, latest_entities(tracker))
        occupation = qualification_of_answer(text)
        asked_for_it = tracker.get_slot("requested_slot") == "qualification"
        if asked_for_it and occupation and "qualification" not in facts:
            # The answer to the question: an occupation alone names the qualification.
            facts = {**facts, "qualification": occupation}
        known_status = tracker.get_slot("employment_status") not in (None, UNKNOWN)
        if known_status and "employment_status" in facts and not names_employment_status(text):
            # "hab koch gelernt" implies a job, but the visitor said "arbeitslos" before.
            facts = {k: v for k, v in facts.items() if k != "employment_status"}
        kind = "employer" if self.name() == "validate_employer_intake_form" else intake_kind(tracker)
        values = answers(facts, kind, tracker.get_slot("visitor_facts"))
        return {k: v for k, v in values.items() if k in self.domain_slots(domain) or k == "visitor_facts"}

    @staticmethod
    def _at_summary(told: dict[str, Any], dispatcher: CollectingDispatcher,
                    tracker: Tracker) -> list[EventType]:
        """A fact at the summary corrects it; anything else is counted (see
        ActionAskSituationConfirmed for what the visitor sees)."""
        if told:
            dispatcher.utter_message(response="utter_summary_corrected")
            return [SlotSet(SUMMARY, None), SlotSet(FAILURE_SLOT, 0)]
        if latest_intent(tracker) in NOT_AN_ANSWER_AT_SUMMARY and tracker.get_slot(SUMMARY) is None:
            return [SlotSet(FAILURE_SLOT, int(tracker.get_slot(FAILURE_SLOT) or 0) + 1)]
        return []

    def is_normalized(self, slot: str, value: Any, tracker: Tracker) -> bool:
        if value == UNKNOWN:
            return True
        if slot in ("employment_status", "qualification"):
            return value in vocabulary(slot).canonical_values()
        if slot == "location":
            return tracker.get_slot("region") is not None
        if slot == "company_size":
            return isinstance(value, (int, float))
        return True

    def understood(self, slot: str, value: Any) -> bool:
        if slot in ("employment_status", "qualification"):
            return vocabulary(slot).normalize(str(value)) is not None
        if slot == "location":
            return resolve_place(str(value)).place is not None
        return True

    def validate_employment_status(self, value: Any, dispatcher: CollectingDispatcher,
                                   tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        status = vocabulary("employment_status").normalize(str(value))
        if status is None:
            dispatcher.utter_message(response="utter_invalid_employment_status")
        return {"employment_status": status}

    def validate_qualification(self, value: Any, dispatcher: CollectingDispatcher,
                               tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        answer = str(value)
        qualification = vocabulary("qualification").normalize(answer) or qualification_of_answer(answer)
        if qualification is None:
            dispatcher.utter_message(response="utter_invalid_qualification")
        return {"qualification": qualification}

    def validate_location(self, value: Any, dispatcher: CollectingDispatcher,
                          tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        answer = answer_location(str(value))
        if answer.response:
            buttons = [button(name, INFORM, location=name) for name in answer.choices]
            dispatcher.utter_message(response=answer.response, buttons=buttons or None, **answer.variables)
        return {"location": answer.location, "region": answer.region}

    def validate_topic(self, value: Any, dispatcher: CollectingDispatcher,
                       tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        text = tracker.latest_message.get("text") or ""
        requested = tracker.get_slot("requested_slot")
        earlier = value_before_latest_message(tracker, "topic")
        if requested not in (None, "topic") and (
                is_held(text, str(value)) or (earlier and requested != "situation_confirmed")):
            # "hab fachlagerist gelernt" or "Kauffrau im Groß- und Außenhandel" answers the
            # qualification; it is not what to learn (a change of topic comes at the summary).
            return {"topic": earlier}
        topic = " ".join(str(value).split()).strip(" .,!?;:")
        if requested != "topic" and is_place_name(topic):
            # "kurse in magdeburg": DIET may take the town for the topic too.
            return {"topic": earlier}
        if not is_plain_text(topic):
            dispatcher.utter_message(response="utter_invalid_topic")
            return {"topic": None}
        return {"topic": topic[:MAX_TOPIC_LENGTH]}

    def validate_company_size(self, value: Any, dispatcher: CollectingDispatcher,
                              tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        size = parse_company_size(str(value))
        if size is None:
            dispatcher.utter_message(response="utter_invalid_company_size")
        return {"company_size": size}

    def validate_situation_confirmed(self, value: Any, dispatcher: CollectingDispatcher,
                                     tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        # "Nein" keeps the form open; the confirmation question then asks what to change.
        return {"situation_confirmed": True if value is True else None}


class ValidatePersonIntakeForm(IntakeValidation):
    def name(self) -> str:
        return "validate_person_intake_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        """Someone with a qualification from abroad needs its recognition first, not a
        course topic: the intake does not ask for one."""
        if (tracker.get_slot("visitor_facts") or {}).get("foreign_qualification"):
            return [slot for slot in domain_slots if slot not in SKIPPED_FOR_RECOGNITION]
        return domain_slots


class ValidateEmployerIntakeForm(IntakeValidation):
    def name(self) -> str:
        return "validate_employer_intake_form"
