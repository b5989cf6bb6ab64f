"""What one visit of a conversation counts as, read off Rasa's stored events.

A visit is a stretch of a conversation without a pause of `idle` or longer: a visitor who
comes back the next day in the same browser starts a new one. Each visit is counted once,
when it is over (see lotse.figures.aggregate), so that nothing needs to remember which
conversation was counted.

Only intent, action and response names are read, and the values of the few slots in
READ_SLOTS; never a message text. Slots set again at the start of a new session (Rasa
carries them over) change the state but count as nothing the visitor did in this visit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lotse.figures.models import EMAIL_CASE, LIVE_CHAT, PHONE_CASE

# The slots the figures need: the visitor's district, topic and programme, and the handover.
REGION_SLOT, TOPIC_SLOT, PROGRAMME_SLOT = "region", "topic", "program_key"
CHANNEL_SLOT, CASE_SLOT = "contact_channel", "case_reference"
READ_SLOTS = frozenset({REGION_SLOT, TOPIC_SLOT, PROGRAMME_SLOT, CHANNEL_SLOT, CASE_SLOT})
# Actions and responses that say "not understood": the two-stage fallback's "Meinten Sie ...?"
# and "bitte anders sagen", and the last stage, which offers a person.
FALLBACK_ACTIONS = frozenset({"action_default_fallback", "action_default_ask_affirmation",
                              "action_default_ask_rephrase"})
FALLBACK_RESPONSES = frozenset({"utter_did_you_mean", "utter_ask_rephrase", "utter_default",
                                "utter_ask_rephrase_person"})
OPEN_CASE_ACTION = "action_open_case"
SESSION_START_ACTION = "action_session_start"
# Events after which Rasa's tracker starts with empty slots.
RESETS = frozenset({"session_started", "restart"})
UNKNOWN = "unknown"


@dataclass(frozen=True)
class StoredEvent:
    """One row of Rasa's `events` table, reduced to what the figures read."""

    kind: str  # Rasa's type_name: user, bot, action, slot, session_started, ...
    at: float  # seconds since 1970
    # user: the intent; action: the action; slot: the slot; bot: the response (utter_action).
    name: str | None = None
    # slot: its value (slots of READ_SLOTS only); bot: True when it put the visitor in the
    # live chat queue.
    value: Any = None


@dataclass
class Visit:
    """The anonymous facts of one visit."""

    first_message_at: float
    messages: int = 0
    fallbacks: int = 0
    understood_first: bool = True
    district: str | None = None
    ways: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)
    programmes: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Finished:
    """A visit with the moment of its last event (None: the visitor wrote nothing)."""

    last_at: float
    visit: Visit | None


def split(events: list[StoredEvent], idle_s: float) -> list[list[StoredEvent]]:
    """The visits of a conversation, its events in order of time."""
    visits: list[list[StoredEvent]] = []
    for event in events:
        if visits and event.at - visits[-1][-1].at < idle_s:
            visits[-1].append(event)
        else:
            visits.append([event])
    return visits


def read_visits(events: list[StoredEvent], idle_s: float) -> list[Finished]:
    """Every visit of one conversation with its facts; the slots run on across visits, as
    they do in Rasa's tracker."""
    slots: dict[str, Any] = {}
    return [_read(visit, slots) for visit in split(events, idle_s)]


def _read(events: list[StoredEvent], slots: dict[str, Any]) -> Finished:
    visit: Visit | None = None
    fallback_turns: set[int] = set()
    last_action, channel = None, None
    for event in events:
        if event.kind in RESETS:
            slots.clear()
        elif event.kind == "user":
            visit = visit or Visit(first_message_at=event.at)
            visit.messages += 1
            last_action = None
        elif event.kind == "action":
            last_action = event.name
            if visit and event.name in FALLBACK_ACTIONS:
                fallback_turns.add(visit.messages)
        elif event.kind == "bot" and visit:
            if event.name in FALLBACK_RESPONSES:
                fallback_turns.add(visit.messages)
            if event.value is True:
                visit.ways.add(LIVE_CHAT)
        elif event.kind == "slot" and event.name in READ_SLOTS:
            slots[event.name] = event.value
            if visit and last_action != SESSION_START_ACTION and event.value not in (None, UNKNOWN):
                channel = _note_slot(visit, event, last_action, channel)
    if visit is None:
        return Finished(events[-1].at, None)
    visit.fallbacks = len(fallback_turns)
    visit.understood_first = 1 not in fallback_turns
    region = slots.get(REGION_SLOT)
    visit.district = region if isinstance(region, str) else None
    return Finished(events[-1].at, visit)


def _note_slot(visit: Visit, event: StoredEvent, last_action: str | None, channel: str | None) -> str | None:
    """What a slot set in this visit tells; returns the way of contact chosen so far."""
    if event.name == TOPIC_SLOT and isinstance(event.value, str):
        visit.topics.add(event.value)
    elif event.name == PROGRAMME_SLOT and isinstance(event.value, str):
        visit.programmes.add(event.value)
    elif event.name == CHANNEL_SLOT:
        return str(event.value)
    elif event.name == CASE_SLOT and last_action == OPEN_CASE_ACTION:
        # The call-back form asks for an e-mail address only when that way was chosen.
        visit.ways.add(EMAIL_CASE if channel == EMAIL_CASE else PHONE_CASE)
    return channel
