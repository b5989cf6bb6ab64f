"""The answer to "Wo wohnen oder arbeiten Sie?": which place was meant, which district it is in,
and what the visitor is told when it is ambiguous, unknown, outside the state or without a
district. actions/intake_forms.py sets the slots and utters the response."""

from __future__ import annotations

from dataclasses import dataclass, field

from lotse.agency import nationwide_advice
from lotse.knowledge import knowledge
from lotse.places import resolve_place
from lotse.plain_values import is_plain_text
from lotse.situation import REGION_IN_STATE, REGION_OUTSIDE


@dataclass(frozen=True)
class LocationAnswer:
    location: str | None
    region: str | None
    # The response to utter with its variables; None when the place is understood as it is.
    response: str | None = None
    variables: dict[str, str] = field(default_factory=dict)
    # Districts to choose from when the name is ambiguous.
    choices: tuple[str, ...] = ()


def answer_location(text: str) -> LocationAnswer:
    resolution = resolve_place(text)
    place = resolution.place
    if resolution.is_ambiguous:
        return LocationAnswer(None, None, "utter_ambiguous_location", {"location": text},
                              tuple(c.district.name for c in resolution.candidates if c.district))
    if place is None and not is_plain_text(text):
        # Markup or code is not repeated back, not even as "unknown place".
        return LocationAnswer(None, None, "utter_invalid_location_unread")
    if place is None:
        return LocationAnswer(None, None, "utter_invalid_location", {"location": text})
    if not place.in_state:
        advice = nationwide_advice()
        in_state = knowledge().labels.data["places"]["outside_state"]
        state = in_state.format(state=place.state) if place.state else ""
        return LocationAnswer(place.name, REGION_OUTSIDE, "utter_location_outside", {
            "location": place.name, "state": state, "advice_name": advice["name"],
            "advice_phone": advice["phone"], "advice_hours": advice["hours"]})
    if place.district is None:
        return LocationAnswer(place.name, REGION_IN_STATE, "utter_location_in_state_unknown_district",
                              {"location": place.name})
    return LocationAnswer(place.label, place.district.key)
