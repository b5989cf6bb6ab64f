"""Never silence when an action fails.

When the action server cannot be reached, answers with an error, or refuses a call, Rasa
logs the exception (with whatever the error carried) and goes on listening: the visitor
hears nothing. `apply()` makes every custom action that fails answer instead with
`utter_action_failed`: an apology, the hotline and the agency's e-mail address, read from
knowledge/agency.yml when Rasa starts (the action server that would otherwise read them may
be the part that is down). The log gets the action's name and the error's type only.

A form's refusal of an answer (`ActionExecutionRejection`) is no failure and passes as before.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction, create_bot_utterance

RESPONSE = "utter_action_failed"
ROOT = Path(__file__).resolve().parents[1]
log = logging.getLogger("lotse.rasa")


@lru_cache(maxsize=1)
def agency_contact() -> dict[str, str]:
    """The hotline and e-mail address of knowledge/agency.yml."""
    directory = Path(os.environ.get("KNOWLEDGE_DIR") or ROOT / "knowledge")
    agency = yaml.safe_load((directory / "agency.yml").read_text(encoding="utf-8"))
    return {"hotline": agency["hotline"]["value"], "email": agency["email"]["value"]}


async def apology(output_channel: Any, nlg: Any, tracker: Any) -> list[Any]:
    message = await nlg.generate(RESPONSE, tracker, output_channel.name(), **agency_contact())
    return [create_bot_utterance(message)] if message else []


def apply() -> None:
    agency_contact()  # read now: a broken knowledge file stops Rasa at start, not a visitor
    run = RemoteAction.run
    if getattr(run, "apologises", False):
        return

    async def run_or_apologise(self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any,
                               domain: Any) -> list[Any]:
        try:
            return await run(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except Exception as error:  # noqa: BLE001 - any failure: the visitor gets the hotline
            log.error("Aktion %s fehlgeschlagen (%s); der Besucher bekommt die Hotline.",
                      self.name(), type(error).__name__)
            return await apology(output_channel, nlg, tracker)

    run_or_apologise.apologises = True  # type: ignore[attr-defined]
    RemoteAction.run = run_or_apologise  # type: ignore[method-assign]
