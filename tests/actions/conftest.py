"""Real rasa-sdk trackers and dispatchers for action tests."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.understanding import ActionUnderstand
from lotse.domain_files import load_domain

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """The domain files merged, as Rasa hands the domain to the actions."""
    return load_domain(ROOT)


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def make_tracker(domain):
    """Build a tracker as Rasa sends it: all domain slots, the latest message, and the
    SlotSet events of this turn (what `slots_to_validate` reads), after the `history`."""

    def build(slots: dict[str, Any] | None = None, new_slots: dict[str, Any] | None = None,
              intent: str = "inform", entities: list[dict[str, Any]] | None = None,
              text: str = "", active_loop: str | None = None,
              ranking: list[dict[str, Any]] | None = None, channel: str | None = None,
              sender: str = "test-visitor", history: list[dict[str, Any]] | None = None,
              metadata: dict[str, Any] | None = None) -> Tracker:
        all_slots = {name: None for name in domain["slots"]}
        all_slots.update(slots or {})
        all_slots.update(new_slots or {})
        events = [*(history or []),
                  {"event": "user", "text": text, "parse_data": {}, "input_channel": channel}]
        events += [{"event": "slot", "name": k, "value": v} for k, v in (new_slots or {}).items()]
        message = {"intent": {"name": intent, "confidence": 0.9}, "text": text,
                   "entities": [{"entity": e, "value": v} for e, v in (entities or [])],
                   "intent_ranking": ranking or [{"name": intent, "confidence": 0.9}],
                   "metadata": metadata or {}}
        return Tracker(sender, all_slots, message, events, False, None,
                       {"name": active_loop} if active_loop else {}, "action_listen")

    return build


def run(action, dispatcher, tracker, domain):
    return asyncio.run(action.run(dispatcher, tracker, domain))


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m.get("response") for m in dispatcher.messages]


def slot_events(events) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def understand(make_tracker, dispatcher, domain, text, intent="ask_funding", entities=(), slots=None):
    """The slots action_understand sets for one message (the first message read whole)."""
    tracker = make_tracker(intent=intent, text=text, entities=list(entities), slots=slots)
    return slot_events(run(ActionUnderstand(), dispatcher, tracker, domain))
