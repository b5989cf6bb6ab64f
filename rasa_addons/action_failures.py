"""Never silence when an action fails.

When the action server cannot be reached, answers with an error, or refuses a call, Rasa
logs the exception (with whatever the error carried) and goes on listening: the visitor
hears nothing. `apply()` makes every custom action that fails answer instead with
`utter_action_failed`: an apology, the hotline and the agency's e-mail address, read from
knowledge/agency.yml when Rasa starts (the action server that would otherwise read them may
be the part that is down). The log gets the action's name and the error's type only.

A form's refusal of an answer (`ActionExecutionRejection`) is no failure and passes as before.

The same holds for a whole turn: when the conversation store (PostgreSQL) or the lock store
cannot be reached, or the lock is not free in time, Rasa's channels log the exception and
answer nothing (REST: an empty list; socket.io: silence). `apply()` also makes the agent
send the same apology then; the visitor's message is not processed and can be sent again.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction, create_bot_utterance
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import BotUttered, FollowupAction, UserUttered

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
    """The apology, and the end of the turn: without it, the policies would predict the failed
    action again and the visitor would read the apology up to ten times."""
    if apologised_this_turn(tracker):  # a second failing action in the same turn: once is enough
        return [FollowupAction(ACTION_LISTEN_NAME)]
    message = await nlg.generate(RESPONSE, tracker, output_channel.name(), **agency_contact())
    said = [create_bot_utterance({**message, "utter_action": RESPONSE})] if message else []
    return [*said, FollowupAction(ACTION_LISTEN_NAME)]


def apologised_this_turn(tracker: Any) -> bool:
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and (event.metadata or {}).get("utter_action") == RESPONSE:
            return True
    return False


async def apologise_for_turn(agent: Any, message: Any) -> None:
    """The apology on the message's own channel, outside any conversation state (which may be
    what failed)."""
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = agent.domain
    tracker = DialogueStateTracker(message.sender_id, domain.slots if domain else [])
    nlg = TemplatedNaturalLanguageGenerator(domain.responses if domain else {})
    channel = message.output_channel
    response = await nlg.generate(RESPONSE, tracker, channel.name(), **agency_contact())
    if response:
        await channel.send_response(message.sender_id, response)


def _apologise_for_failed_turns() -> None:
    from rasa.core.agent import Agent

    handle = Agent.handle_message
    if getattr(handle, "apologises", False):
        return

    async def handle_or_apologise(self: Agent, message: Any) -> Any:
        try:
            return await handle(self, message)
        except Exception as error:  # noqa: BLE001 - any failure: the visitor gets the hotline
            log.error("Nachricht nicht bearbeitet (%s); der Besucher bekommt die Hotline.",
                      type(error).__name__)
            try:
                await apologise_for_turn(self, message)
            except Exception as second:  # noqa: BLE001 - the channel itself is gone
                log.error("Entschuldigung nicht zugestellt (%s).", type(second).__name__)
            return None

    handle_or_apologise.apologises = True  # type: ignore[attr-defined]
    Agent.handle_message = handle_or_apologise  # type: ignore[method-assign]


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
    _apologise_for_failed_turns()
