"""Rasa fills slots from entities before any action runs, also from a payload a visitor types
by hand (`/inform{"company_size": -1}`, `/inform{"topic": "<script>"}`); such values would be
stored, shown in the summary and written into a case before a form refuses them.

`apply()` drops, at that step, every slot value that no question would accept in any form
(lotse/plain_values.py: markup and code, control characters, objects, impossible sizes); the
slot keeps what it held. Meanings (is it a place?) stay with the forms that ask.
"""

from __future__ import annotations

from typing import Any

from rasa.core.actions.action import ActionExtractSlots
from rasa.shared.core.events import SlotSet

from lotse.plain_values import plausible_slot_value


def plausible_events(events: list[Any]) -> list[Any]:
    return [e for e in events if not (isinstance(e, SlotSet) and not plausible_slot_value(e.key, e.value))]


def apply() -> None:
    validate = ActionExtractSlots._execute_validation_action
    if getattr(validate, "guarded", False):
        return

    async def guarded(self: ActionExtractSlots, extraction_events: list[Any], *args: Any) -> list[Any]:
        return await validate(self, plausible_events(extraction_events), *args)

    guarded.guarded = True  # type: ignore[attr-defined]
    ActionExtractSlots._execute_validation_action = guarded  # type: ignore[method-assign]
