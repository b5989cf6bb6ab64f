"""The behaviour every form shares, so that all questions feel the same to a visitor.

- A slot said before the form started ("ich bin arbeitslos in halle") is validated when
  the form starts, not only slots said in the latest message.
- A wrong answer gets the validator's own hint; after two wrong answers in a row the
  form explains why it asks and offers to skip the question or stop; after three, a form that
  may (`leaves_questions_open`) leaves the question open, the others explain again every
  second time, so that no reply comes three times in a row.
- "weiß ich nicht" skips an optional question at once; for a required one it first
  explains why the answer matters and offers to skip.
- "den Ort ändern" clears that answer so the form asks for it again.
- A form with `keeps_other_slots` undoes what the latest message set in slots outside the
  form: a phone number or a name typed for a call-back must not become a place or a
  company size through Rasa's entity mappings.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.intake_fields import clear_field, field_to_change
from actions.tracker_facts import latest_entities, latest_intent
from lotse.situation import UNKNOWN

FAILURE_SLOT = "intake_failures"
MAX_FAILURES = 2


class SharedFormValidation(FormValidationAction, ABC):
    """Base of all form validation actions; subclasses add `validate_<slot>` methods."""

    optional_slots: frozenset[str] = frozenset()
    keeps_other_slots: bool = False
    # After three answers that cannot be read, leave the question open instead of asking again.
    leaves_questions_open: bool = False
    # Slots outside the form that the latest message may still change.
    changeable_slots: frozenset[str] = frozenset()
    # Slots whose unreadable value is dropped when they were not asked (a place is not: the
    # visitor hears which place was not found).
    dropped_quietly: frozenset[str] = frozenset()

    @abstractmethod
    def is_normalized(self, slot: str, value: Any, tracker: Tracker) -> bool:
        """Whether a filled slot already holds a validated value."""

    def understood(self, slot: str, value: Any) -> bool:
        """Whether a raw value can be read for this slot (used to pick among several)."""
        return True

    def told(self, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        """Values the latest message gives beyond Rasa's slot mappings: slots of the form
        are validated like any answer, other slots are set as they are."""
        return {}

    def prefers_told(self, slot: str, tracker: Tracker) -> bool:
        """Whether what the whole message told beats Rasa's entity mapping for this slot."""
        return False

    def after_validation(self, told: dict[str, Any], dispatcher: CollectingDispatcher,
                         tracker: Tracker) -> list[EventType]:
        """Events after the answers were validated (e.g. what a correction at a summary says)."""
        return []

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if latest_intent(tracker) == "change_field":
            field = field_to_change(tracker, tuple(self.domain_slots(domain)))
            if field:
                return clear_field(field)
            if not latest_entities(tracker) and not self.told(tracker, domain):
                # Without a named field or a new value, the confirmation question asks which one.
                return [SlotSet("situation_confirmed", None)]
        return await super().run(dispatcher, tracker, domain)

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> list[EventType]:
        form_slots = self.domain_slots(domain)
        kept = [*form_slots, *self.changeable_slots]
        restored = self._restore_other_slots(tracker, kept) if self.keeps_other_slots else []
        told = self.told(tracker, domain)
        restored += [SlotSet(slot, value) for slot, value in told.items() if slot not in form_slots]
        candidates = {k: v for k, v in tracker.slots_to_validate().items() if k in form_slots}
        # Rasa's entity mappings run again when a form starts; where their raw value cannot be
        # read ("staatlich" as a qualification), what the whole message told wins.
        candidates.update({k: v for k, v in told.items() if k in form_slots and (
            k not in candidates or self.prefers_told(k, tracker) or not self.understood(k, candidates[k]))})
        for slot in form_slots:
            value = tracker.get_slot(slot)
            if value is not None and slot not in candidates and not self.is_normalized(
                    slot, value, tracker):
                candidates[slot] = value
        unasked = self._drop_unreadable_unasked(candidates, tracker, told)
        if not candidates:
            return restored + [SlotSet(k, v) for k, v in unasked.items()] + self.after_validation(
                told, dispatcher, tracker)
        results: dict[str, Any] = {**unasked, **self._drop_answers_to_other_questions(
            candidates, tracker, form_slots, set(told))}
        for slot, value in candidates.items():
            # What the whole message told is already the best reading; Rasa's raw entity may not be.
            choose = not (slot in told and told[slot] == value)
            outcome = self._validate_one(slot, value, dispatcher, tracker, domain, choose)
            results.update(outcome)
            tracker.slots.update(outcome)
        results.update(self._count_failures(candidates, results, dispatcher, tracker))
        events = restored + [SlotSet(slot, value) for slot, value in results.items()]
        return events + self.after_validation(told, dispatcher, tracker)

    @staticmethod
    def _restore_other_slots(tracker: Tracker, kept: list[str]) -> list[EventType]:
        """SlotSet events that give the other slots their value from before this message."""
        changed = [slot for slot in tracker.slots_to_validate()
                   if slot not in kept and slot != "requested_slot"]
        return [SlotSet(slot, value_before_latest_message(tracker, slot)) for slot in changed]

    def _drop_unreadable_unasked(self, candidates: dict[str, Any], tracker: Tracker,
                                 told: dict[str, Any]) -> dict[str, Any]:
        """A word Rasa mapped to a question that was not asked and that cannot be read
        ("geschuftet" as a qualification) is dropped without a word: the visitor did not
        answer that question, so what they said before stands, or the form asks it in its turn."""
        requested = tracker.get_slot("requested_slot")
        dropped = {slot: value_before_latest_message(tracker, slot) for slot, value in candidates.items()
                   if slot in self.dropped_quietly and slot != requested and slot not in told
                   and value != UNKNOWN and not self.understood(slot, self._best_value(slot, value, tracker))}
        for slot in dropped:
            candidates.pop(slot)
        return dropped

    @staticmethod
    def _drop_answers_to_other_questions(candidates: dict[str, Any], tracker: Tracker,
                                         form_slots: list[str], told: set[str]) -> dict[str, Any]:
        """Asked for the topic, a visitor says "ich bin arbeitslos": that answers another
        question, so the whole text must not become the topic; the form asks again."""
        requested = tracker.get_slot("requested_slot")
        said = {e.get("entity") for e in latest_entities(tracker)} | told
        other_answers = said & (set(form_slots) - {requested}) or (told - set(form_slots))
        if requested in candidates and requested not in said and other_answers:
            candidates.pop(requested)
            return {requested: None}
        return {}

    def _best_value(self, slot: str, value: Any, tracker: Tracker) -> Any:
        """Rasa keeps the last of several entities for a slot ("arbeitslos ... umschulung" can
        yield two statuses); take the first the validator can read."""
        said = [e.get("value") for e in latest_entities(tracker) if e.get("entity") == slot]
        if value not in said or len(said) < 2:
            return value
        return next((v for v in said if self.understood(slot, v)), value)

    def _validate_one(self, slot: str, value: Any, dispatcher: CollectingDispatcher,
                      tracker: Tracker, domain: DomainDict, choose: bool = True) -> dict[str, Any]:
        if value == UNKNOWN:
            return self._skip(slot, dispatcher, tracker)
        if choose:
            value = self._best_value(slot, value, tracker)
        validator = getattr(self, f"validate_{slot}")
        return validator(value, dispatcher, tracker, domain)

    def _skip(self, slot: str, dispatcher: CollectingDispatcher,
              tracker: Tracker) -> dict[str, Any]:
        """Accept "weiß ich nicht" for optional slots or once the skip was offered."""
        if slot in self.optional_slots or self._failures(tracker) >= MAX_FAILURES:
            return {slot: UNKNOWN, FAILURE_SLOT: 0}
        dispatcher.utter_message(response="utter_skip_not_possible")
        self._explain_and_offer_exit(slot, dispatcher)
        return {slot: None, FAILURE_SLOT: MAX_FAILURES}

    def _count_failures(self, candidates: dict[str, Any], results: dict[str, Any],
                        dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        """Count answers that leave the question asked open: a wrong answer, or one that only
        tells other things (the form asks again, so that must not go on unnoticed)."""
        requested = tracker.get_slot("requested_slot")
        if FAILURE_SLOT in results or requested in (None, "situation_confirmed"):
            return {}
        if results.get(requested, tracker.get_slot(requested)) is not None:
            return {FAILURE_SLOT: 0}
        failures = self._failures(tracker) + 1
        if failures > MAX_FAILURES and self.leaves_questions_open:
            # The third answer that cannot be read: the question stays open, the form goes on.
            dispatcher.utter_message(response="utter_question_left_open")
            return {requested: UNKNOWN, FAILURE_SLOT: 0}
        if failures % MAX_FAILURES == 0:
            self._explain_and_offer_exit(requested, dispatcher)
        return {FAILURE_SLOT: failures}

    @staticmethod
    def _explain_and_offer_exit(slot: str, dispatcher: CollectingDispatcher) -> None:
        dispatcher.utter_message(response=f"utter_explain_{slot}")
        dispatcher.utter_message(response="utter_offer_skip_or_stop")

    @staticmethod
    def _failures(tracker: Tracker) -> int:
        return int(tracker.get_slot(FAILURE_SLOT) or 0)


def value_before_latest_message(tracker: Tracker, slot: str) -> Any:
    """A slot's value as it was before the visitor's latest message."""
    seen_message = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_message = True
        elif seen_message and event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
        elif seen_message and event.get("event") in ("restart", "session_started"):
            break
    return None
