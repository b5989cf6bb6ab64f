"""Rasa's conversation store made by hand: a table `events` of the shape Rasa 3.6's
SQLTrackerStore writes (one row per event, the event as JSON in `data`), filled with
conversations written the way Rasa writes them (user, action, slot and bot events)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Column, Engine, Float, Integer, MetaData, String, Table, Text, insert

rasa_metadata = MetaData()
RASA_EVENTS = Table("events", rasa_metadata, Column("id", Integer, primary_key=True),
                    Column("sender_id", String(255), nullable=False, index=True),
                    Column("type_name", String(255), nullable=False), Column("timestamp", Float),
                    Column("intent_name", String(255)), Column("action_name", String(255)),
                    Column("data", Text))


def create_events_table(engine: Engine) -> None:
    rasa_metadata.create_all(engine)


class Conversation:
    """One visitor's conversation; each event a few seconds after the one before."""

    def __init__(self, sender_id: str, start: datetime) -> None:
        self.sender_id = sender_id
        self.at = start
        self.rows: list[dict[str, Any]] = []
        self.session_start()

    def _add(self, type_name: str, data: dict[str, Any], intent: str | None = None,
             action: str | None = None) -> Conversation:
        self.at += timedelta(seconds=2)
        data = {"event": type_name, "timestamp": self.at.timestamp(), **data}
        self.rows.append({"sender_id": self.sender_id, "type_name": type_name,
                          "timestamp": self.at.timestamp(), "intent_name": intent, "action_name": action,
                          "data": json.dumps(data, ensure_ascii=False)})
        return self

    def pause(self, minutes: float) -> Conversation:
        self.at += timedelta(minutes=minutes)
        return self

    def session_start(self, carried: dict[str, Any] | None = None) -> Conversation:
        self.action("action_session_start")._add("session_started", {})
        for name, value in (carried or {}).items():
            self.slot(name, value)
        return self.action("action_listen")

    def user(self, text: str, intent: str) -> Conversation:
        parse = {"intent": {"name": intent, "confidence": 0.93}, "entities": [], "text": text,
                 "intent_ranking": [{"name": intent, "confidence": 0.93}]}
        return self._add("user", {"text": text, "parse_data": parse, "input_channel": "socketio",
                                  "message_id": "m" + str(len(self.rows)), "metadata": {}}, intent=intent)

    def action(self, name: str) -> Conversation:
        return self._add("action", {"name": name, "policy": "RulePolicy", "confidence": 1.0}, action=name)

    def slot(self, name: str, value: Any) -> Conversation:
        return self._add("slot", {"name": name, "value": value})

    def bot(self, text: str | None, response: str | None = None, custom: Any = None,
            **metadata: Any) -> Conversation:
        data = {"elements": None, "quick_replies": None, "buttons": None, "attachment": None, "image": None,
                "custom": custom}
        meta = {"utter_action": response, **metadata} if response else metadata
        return self._add("bot", {"text": text, "data": data, "metadata": meta})

    def reply(self, action: str, text: str, response: str, **slots: Any) -> Conversation:
        """An action that says something, sets slots and waits for the visitor."""
        self.action(action).bot(text, response)
        for name, value in slots.items():
            self.slot(name, value)
        return self.action("action_listen")

    def store(self, engine: Engine) -> None:
        with engine.begin() as connection:
            connection.execute(insert(RASA_EVENTS), self.rows)
        self.rows = []
