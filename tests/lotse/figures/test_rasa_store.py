"""The figures read what Rasa's own store writes: a conversation saved by the project's tracker
store (rasa_addons/tracker_store.py, in Rasa's environment .venv) is counted with its intent,
actions, responses, slots and live chat, and nothing of its text reaches the counters."""

from __future__ import annotations

import os
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from lotse.clock import utcnow
from lotse.db import make_engine, session_scope
from lotse.figures.aggregate import count_new_visits
from lotse.schema import init_db
from tests.lotse.figures.conftest import EMAIL, NAME, PHONE, counters

ROOT = Path(__file__).resolve().parents[3]
RASA_PYTHON = ROOT / ".venv" / "bin" / "python"
MESSAGE = f"Ich bin {NAME}, Tel {PHONE}, {EMAIL}, und suche Gabelstapler in Landsberg"

STORE_A_CONVERSATION = """
import asyncio, sys
from rasa.shared.core.domain import Domain
from lotse.domain_files import DOMAIN_DIR
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_addons.tracker_store import RedactingSQLTrackerStore

db, message = sys.argv[1], sys.argv[2]
domain = Domain.load(DOMAIN_DIR)
store = RedactingSQLTrackerStore(domain=domain, dialect="sqlite", db=db)
tracker = DialogueStateTracker.from_events("besucherin-42", [
    ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
    UserUttered(message, intent={"name": "nlu_fallback", "confidence": 0.3}),
    ActionExecuted("action_understand"), ActionExecuted("action_two_stage_fallback"),
    BotUttered("Meinten Sie ...?", metadata={"utter_action": "utter_did_you_mean"}),
    ActionExecuted("action_listen"),
    UserUttered("/search_course", intent={"name": "search_course", "confidence": 1.0}),
    ActionExecuted("action_understand"), SlotSet("topic", "Gabelstapler"), SlotSet("location", "Landsberg"),
    SlotSet("region", "saalekreis"), ActionExecuted("action_request_live_chat"),
    BotUttered("Einen Moment bitte.", metadata={"utter_action": "utter_live_chat_waiting"}),
    BotUttered(None, data={"custom": {"data": {"live_chat": {"status": "waiting", "chat": 3}}}}),
    ActionExecuted("action_listen"),
], slots=domain.slots)
asyncio.run(store.save(tracker))
print(len(asyncio.run(store.retrieve("besucherin-42")).events))
"""


def test_a_conversation_stored_by_rasa_is_counted_without_its_text(tmp_path: Path):
    if not RASA_PYTHON.exists():
        pytest.skip("Rasa's environment (.venv) is not installed")
    db = tmp_path / "tracker.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT), SQLALCHEMY_SILENCE_UBER_WARNING="1")
    done = subprocess.run([str(RASA_PYTHON), "-c", STORE_A_CONVERSATION, str(db), MESSAGE], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    engine = make_engine(f"sqlite:///{db}")
    init_db(engine)  # the figures' tables beside Rasa's, as in a single PostgreSQL database
    with session_scope(engine) as session:
        assert count_new_visits(session, engine, timedelta(minutes=30), utcnow() + timedelta(hours=1)) == 1
    figures = counters(engine)
    sued = ("wba_sued", "saalekreis")
    assert figures[(*sued, "conversations", "")] == 1
    assert (*sued, "understood_first", "") not in figures
    assert figures[(*sued, "messages", "")] == 2 and figures[(*sued, "fallbacks", "")] == 1
    assert figures[(*sued, "handover_way", "live_chat")] == 1
    assert figures[(*sued, "topic", "Gabelstapler")] == 1
    for secret in (NAME, PHONE, EMAIL, "Landsberg", "besucherin-42"):
        assert secret not in repr(figures)
    engine.dispose()
