"""Rasa's stored conversation (rasa_addons/tracker_store.py) holds no phone number or e-mail
address: a visitor gives a place answer with both, the assistant repeats it, a staff member
writes a number in the live chat; the raw database rows hold none of them.

The store runs in Rasa's environment (.venv), which has no pytest: the conversation is
stored there by a small script, and the rows are read here with sqlite3.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
RASA_PYTHON = ROOT / ".venv" / "bin" / "python"
PHONE, ADDRESS = "0345 1234567", "maria.schulze@example.de"
PLACE_ANSWER = f"Kleinkleckersdorf, Tel {PHONE}, {ADDRESS}"

STORE_A_CONVERSATION = """
import asyncio, sys
from rasa.shared.core.domain import Domain
from lotse.domain_files import DOMAIN_DIR
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_addons.tracker_store import RedactingSQLTrackerStore

db, answer = sys.argv[1], sys.argv[2]
domain = Domain.load(DOMAIN_DIR)
store = RedactingSQLTrackerStore(domain=domain, dialect="sqlite", db=db)
tracker = DialogueStateTracker.from_events("visitor", [
    ActionExecuted("action_session_start"), ActionExecuted("action_listen"),
    SlotSet("requested_slot", "location"),
    UserUttered(answer, intent={"name": "inform", "confidence": 1.0},
                entities=[{"entity": "location", "value": answer}]),
    SlotSet("location", answer),
], slots=domain.slots)
asyncio.run(store.save(tracker))  # the visitor's turn so far
for event in [
    BotUttered(f"Den Ort „{answer}“ kenne ich leider nicht.",
               metadata={"utter_action": "utter_invalid_location", "location": answer}),
    SlotSet("location", None), ActionExecuted("action_listen"),
    BotUttered(f"Ich rufe Sie unter {answer.split('Tel ')[1].split(',')[0]} an.",
               metadata={"staff": "Frau Becker"}),
]:
    tracker.update(event)
asyncio.run(store.save(tracker))  # the rest of the turn and a staff message
asked = asyncio.run(store.retrieve("visitor"))  # the next turns, as Rasa runs them
asked.update(SlotSet("requested_slot", "contact_name"))
asyncio.run(store.save(asked))
answered = asyncio.run(store.retrieve("visitor"))  # the question was opened a turn before
answered.update(UserUttered("Maria Schulze", intent={"name": "inform", "confidence": 1.0}))
asyncio.run(store.save(answered))
loaded = asyncio.run(store.retrieve("visitor"))
print(len(loaded.events))
"""


@pytest.fixture(scope="module")
def stored_rows(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str]]:
    if not RASA_PYTHON.exists():
        pytest.skip("Rasa's environment (.venv) is not installed")
    db = tmp_path_factory.mktemp("tracker") / "tracker.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT), SQLALCHEMY_SILENCE_UBER_WARNING="1")
    done = subprocess.run([str(RASA_PYTHON), "-c", STORE_A_CONVERSATION, str(db), PLACE_ANSWER], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split()[-1] == "11"  # Rasa reads back every event
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT type_name, data FROM events ORDER BY id").fetchall()


def test_the_raw_rows_hold_neither_the_number_nor_the_address(stored_rows):
    raw = "\n".join(data for _, data in stored_rows)
    assert "Kleinkleckersdorf" in raw  # the conversation is stored ...
    for detail in (PHONE, PHONE.replace(" ", ""), "1234567", ADDRESS, "maria.schulze", "Maria Schulze"):
        assert detail not in raw  # ... without the contact details


def test_the_echo_and_the_staff_message_are_stored_redacted(stored_rows):
    bots = [json.loads(data) for kind, data in stored_rows if kind == "bot"]
    assert bots[0]["text"] == ("Den Ort „Kleinkleckersdorf, Tel [Telefonnummer entfernt], "
                               "[E-Mail-Adresse entfernt]“ kenne ich leider nicht.")
    assert bots[1]["text"] == "Ich rufe Sie unter [Telefonnummer entfernt] an."
    assert bots[1]["metadata"]["staff"] == "Frau Becker"


def test_each_event_is_stored_once(stored_rows):
    assert [kind for kind, _ in stored_rows] == [
        "action", "action", "slot", "user", "slot", "bot", "slot", "action", "bot", "slot", "user"]
