"""Validation of the two intake forms: a person's situation and a company's."""

from __future__ import annotations

import re
from abc import abstractmethod
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.form_base import SharedFormValidation
from lotse.agency import nationwide_advice
from lotse.numbers import parse_company_size
from lotse.places import resolve_place
from lotse.situation import OPTIONAL_FIELDS, REGION_IN_STATE, REGION_OUTSIDE, UNKNOWN
from lotse.vocabulary import vocabulary

MAX_TOPIC_LENGTH = 80
_HAS_LETTER = re.compile(r"[^\W\d_]")


class IntakeValidation(SharedFormValidation):
    """Validators for every intake question; each form uses those of its own slots."""

    optional_slots = OPTIONAL_FIELDS

    @abstractmethod
    def name(self) -> str:
        """Each form's validation action has its own name; this base is not registered."""

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
        qualification = vocabulary("qualification").normalize(str(value))
        if qualification is None:
            dispatcher.utter_message(response="utter_invalid_qualification")
        return {"qualification": qualification}

    def validate_location(self, value: Any, dispatcher: CollectingDispatcher,
                          tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        resolution = resolve_place(str(value))
        place = resolution.place
        if resolution.is_ambiguous:
            buttons = [{"title": c.district.name,
                        "payload": f'/inform{{"location":"{c.district.name}"}}'}
                       for c in resolution.candidates if c.district]
            dispatcher.utter_message(response="utter_ambiguous_location", location=str(value),
                                     buttons=buttons)
            return {"location": None, "region": None}
        if place is None:
            dispatcher.utter_message(response="utter_invalid_location", location=str(value))
            return {"location": None, "region": None}
        if not place.in_state:
            advice = nationwide_advice()
            dispatcher.utter_message(
                response="utter_location_outside", location=place.name,
                state=f" (sondern in {place.state})" if place.state else "",
                advice_name=advice["name"], advice_phone=advice["phone"],
                advice_hours=advice["hours"])
            return {"location": place.name, "region": REGION_OUTSIDE}
        if place.district is None:
            dispatcher.utter_message(response="utter_location_in_state_unknown_district",
                                     location=place.name)
            return {"location": place.name, "region": REGION_IN_STATE}
        return {"location": place.label, "region": place.district.key}

    def validate_topic(self, value: Any, dispatcher: CollectingDispatcher,
                       tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        topic = " ".join(str(value).split()).strip(" .,!?;:")
        if not _HAS_LETTER.search(topic):
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


class ValidateEmployerIntakeForm(IntakeValidation):
    def name(self) -> str:
        return "validate_employer_intake_form"
