"""One stored conversation as staff review it: each visitor message with the intent the model
recognised, its confidence and entities; the assistant's replies; the actions taken; and why
the conversation counts as misunderstood, whether it was handed over, its region.

Contact details were removed before storing (lotse.redaction, again here for events
stored before that redaction existed); names typed elsewhere are masked here
(lotse.redaction.names). The conversation id itself is never shown: staff see a keyed hash.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from rapidfuzz import fuzz

from lotse.handover.summary import card_text
from lotse.redaction import redact_events
from lotse.redaction.names import mask_names

VISITOR, ASSISTANT, STAFF, ACTION = "visitor", "assistant", "staff", "action"
# Why a conversation counts as misunderstood (filter and labels on the pages).
FALLBACK, LOW_CONFIDENCE, SOMETHING_ELSE, REPEATED = "fallback", "confidence", "something_else", "repeated"
REASON_LABELS = {FALLBACK: "nicht verstanden", LOW_CONFIDENCE: "unsicher erkannt",
                 SOMETHING_ELSE: "„Etwas anderes“ gewählt", REPEATED: "dasselbe zweimal gefragt"}
FALLBACK_ACTIONS = frozenset({"action_two_stage_fallback", "action_default_fallback",
                              "action_default_ask_affirmation", "action_default_ask_rephrase"})
SOMETHING_ELSE_PAYLOAD = "/out_of_scope"
# Two visitor messages in a row this similar (0–100) are the same question asked again.
REPEAT_SIMILARITY = 85
# How a conversation reached a person.
HANDOVER_WAYS = {"phone": "Rückruf", "email": "E-Mail", "chat": "Live-Chat"}
OFFERED = "angeboten"
# Actions staff need not read in a transcript.
QUIET_ACTIONS = frozenset({"action_listen", "action_session_start", "action_unlikely_intent"})


@dataclass(frozen=True)
class Turn:
    """One line of the transcript. `number` counts the visitor's typed messages (1, 2, ...),
    which staff can correct; a pressed button has none."""

    who: str
    text: str
    at: datetime | None
    number: int | None = None
    intent: str | None = None
    confidence: float | None = None
    entities: tuple[tuple[str, str], ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class ReviewedConversation:
    handle: str
    started: datetime
    last: datetime
    turns: tuple[Turn, ...]
    reasons: frozenset[str]
    handover: str | None
    region: str | None
    intents: frozenset[str]

    @property
    def misunderstood(self) -> bool:
        return bool(self.reasons)

    def visitor_message(self, number: int) -> Turn | None:
        return next((t for t in self.turns if t.number == number), None)


def handle_of(conversation_id: str, key: str) -> str:
    """What staff see instead of the conversation id: a keyed hash that cannot be turned back."""
    digest = hmac.new(key.encode() or b"review", conversation_id.encode(), hashlib.sha256)
    return digest.hexdigest()[:20]


def _time(event: dict[str, Any]) -> datetime | None:
    stamp = event.get("timestamp")
    return datetime.fromtimestamp(stamp, timezone.utc) if isinstance(stamp, (int, float)) else None


def _entities(parse: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((str(e.get("entity")), mask_names(str(e.get("value"))))
                 for e in parse.get("entities") or [] if isinstance(e, dict) and e.get("entity"))


class _Reader:
    """Walks the events once, collecting turns and what the filters need."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.turns: list[Turn] = []
        self.reasons: set[str] = set()
        self.intents: set[str] = set()
        self.slots: dict[str, Any] = {}
        self.handover: str | None = None
        self.buttons: dict[str, str] = {}
        self.previous_text = ""
        self.number = 0

    def read(self, event: dict[str, Any]) -> None:
        kind = event.get("event")
        if kind == "user":
            self._user(event)
        elif kind == "bot":
            self._bot(event)
        elif kind == "action":
            self._action(str(event.get("name") or ""), event)
        elif kind == "slot":
            self.slots[str(event.get("name"))] = event.get("value")

    def _user(self, event: dict[str, Any]) -> None:
        text = (event.get("text") or "").strip()
        parse = event.get("parse_data") or {}
        intent = (parse.get("intent") or {}).get("name")
        confidence = (parse.get("intent") or {}).get("confidence")
        if text.startswith("/"):
            if text == SOMETHING_ELSE_PAYLOAD:
                self.reasons.add(SOMETHING_ELSE)
            title = self.buttons.get(text)
            self.turns.append(Turn(VISITOR, f"[{title}]" if title else "[Knopf]", _time(event),
                                   reason=SOMETHING_ELSE if text == SOMETHING_ELSE_PAYLOAD else None))
            self.previous_text = ""
            return
        self.number += 1
        reason = None
        if intent == "nlu_fallback":
            reason = FALLBACK
        elif isinstance(confidence, (int, float)) and confidence < self.threshold:
            reason = LOW_CONFIDENCE
        if self.previous_text and fuzz.ratio(self.previous_text.lower(), text.lower()) >= REPEAT_SIMILARITY:
            reason = reason or REPEATED
            self.reasons.add(REPEATED)
        if reason:
            self.reasons.add(reason)
        if intent:
            self.intents.add(intent)
        self.turns.append(Turn(VISITOR, mask_names(text), _time(event), self.number, intent,
                               round(float(confidence), 2) if isinstance(confidence, (int, float)) else None,
                               _entities(parse), reason))
        self.previous_text = text

    def _bot(self, event: dict[str, Any]) -> None:
        data = event.get("data") or {}
        text = (event.get("text") or "").strip() or card_text(data)
        offered = [b for b in data.get("buttons") or [] if isinstance(b, dict)]
        self.buttons = {b.get("payload"): b.get("title") for b in offered}
        who = STAFF if (event.get("metadata") or {}).get("staff") else ASSISTANT
        if text:
            self.turns.append(Turn(who, mask_names(text), _time(event)))

    def _action(self, name: str, event: dict[str, Any]) -> None:
        if name in FALLBACK_ACTIONS:
            self.reasons.add(FALLBACK)
        if name == "action_open_case":
            self.handover = HANDOVER_WAYS.get(str(self.slots.get("contact_channel")), HANDOVER_WAYS["phone"])
        elif name == "action_request_live_chat":
            self.handover = HANDOVER_WAYS["chat"]
        elif name == "action_offer_human" and self.handover is None:
            self.handover = OFFERED
        if name and name not in QUIET_ACTIONS:
            self.turns.append(Turn(ACTION, name, _time(event)))


def reviewed(conversation_id: str, events: list[dict[str, Any]], key: str,
             threshold: float) -> ReviewedConversation | None:
    """The conversation as the review shows it; None when the visitor wrote nothing."""
    reader = _Reader(threshold)
    for event in redact_events(events):
        reader.read(event)
    times = [t.at for t in reader.turns if t.at is not None]
    if reader.number == 0 and not any(t.who == VISITOR for t in reader.turns) or not times:
        return None
    region = reader.slots.get("region")
    return ReviewedConversation(
        handle=handle_of(conversation_id, key), started=min(times), last=max(times),
        turns=tuple(reader.turns), reasons=frozenset(reader.reasons), handover=reader.handover,
        region=region if isinstance(region, str) else None, intents=frozenset(reader.intents))
