"""Programme and course cards: one set of fields, two forms.

The widget (socket.io) gets a card as a custom payload with named fields, and with the text
form beside it; every other channel (REST, `rasa shell`) gets the text form as before. The
text form is the domain response filled with the very fields the card carries, so the two
never drift apart; the case transcript and the staff console show the text form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from lotse.advice import Card, first_sentence
from lotse.catalog.cards import CourseCard

# Channels whose client draws cards (the widget's); the others get text.
CARD_CHANNELS = frozenset({"socketio"})
PROGRAMME, COURSE = "programme", "course"
_SLOT = re.compile(r"\{(\w+)\}")


def draws_cards(tracker: Tracker) -> bool:
    return tracker.get_latest_input_channel() in CARD_CHANNELS


def fill(template: str, values: Mapping[str, Any]) -> str:
    """A response template filled as Rasa fills it ("{name}" → the value)."""
    return _SLOT.sub(lambda match: str(values[match.group(1)]), template)


def text_form(domain: DomainDict, response: str, values: Mapping[str, Any]) -> str:
    return fill(domain["responses"][response][0]["text"], values)


def utter_card(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict, response: str,
               values: Mapping[str, Any], card: Mapping[str, Any]) -> None:
    """The card for the widget (with its text form), the text form for every other channel."""
    if draws_cards(tracker):
        text = text_form(domain, response, values)
        # rasa's socket.io output emits custom payloads as `data`; the tracker keeps it whole.
        dispatcher.utter_message(json_message={"data": {"card": dict(card), "text": text}})
    else:
        dispatcher.utter_message(response=response, **values)


def programme_card(item: Card, values: Mapping[str, str]) -> dict[str, Any]:
    """The fields of a programme card; `values` are those of the text form (card_variables).
    `headline` is what the visitor gets, in one sentence; `details` the rest of it, for "Mehr
    dazu"."""
    payments = [p for p in item.payments if p]
    headline = first_sentence(payments[0]) if payments else ""
    rest = payments[0][len(headline):].strip() if payments else ""
    details = [text for text in (rest, *payments[1:], item.depends_on) if text]
    return {"kind": PROGRAMME, "title": item.name, "fits": item.fits, "fit": values["fit"],
            "conditions": list(item.open_conditions), "gets": payments, "headline": headline,
            "details": details, "depends_on": item.depends_on, "next_step": item.next_step,
            "office": dict(item.contact), "office_text": item.office, "stand": values["stand"],
            "confirmed": item.confirmed}


def course_card(item: CourseCard) -> dict[str, Any]:
    return {"kind": COURSE, **item.variables(), "demo": item.demo}
