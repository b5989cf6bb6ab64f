"""Nothing personal is left behind, over the real processes: a visitor answers the place
question with a phone number and an e-mail address, the assistant repeats the answer it
does not know, the visitor goes on to a call-back case. Then the tracker database file, the
case (transcript and summary), the conversation as staff see it, the team's e-mail and every
log file are searched for the number and the address: nothing is found. An action that
raises with the visitor's text in its exception leaves none of it in a log or an answer."""

from __future__ import annotations

import json
import re
import sqlite3
import time
import uuid
from pathlib import Path

import pytest
import requests

from tests.e2e.conftest import ACTION_SECRET, PORTS, TOKEN
from tests.e2e.talk import say, texts, wait_for

# A number no other end-to-end test uses: the whole database is searched for it.
PHONE, ADDRESS = "0345 6817293", "maria.schulze@example.de"
DISGUISED = "m.schulze (at) example (punkt) org"
PLACE_ANSWER = f"Kleinkleckersdorf, Tel {PHONE}, {ADDRESS}"
CALL_BACK_NUMBER = "0345 7654321"
# How the details could appear anywhere: as typed, without spaces, internationally.
TRACES = (PHONE, PHONE.replace(" ", ""), "3456817293", "6817293", ADDRESS, "maria.schulze",
          "m.schulze", "example (punkt) org")


def found_in(text: str) -> list[str]:
    return [trace for trace in TRACES if trace in text]


def file_text(path: Path) -> str:
    """A file's bytes as text (SQLite files too: free pages and all)."""
    return path.read_bytes().decode("utf-8", errors="replace") if path.exists() else ""


@pytest.fixture(scope="module")
def visitor(servers):
    """One visitor: the place answer with both details, the right place, then a call-back."""
    sender = uuid.uuid4().hex
    asked = texts(say(servers, sender, "ich bin arbeitslos und will in die pflege"))
    echo = texts(say(servers, sender, PLACE_ANSWER))
    say(servers, sender, "Halle")
    say(servers, sender, '/inform{"qualification":"vocational"}')
    say(servers, sender, "/affirm")
    say(servers, sender, f"Schreiben Sie mir an {DISGUISED}")
    say(servers, sender, '/request_human{"contact_channel":"phone"}')
    say(servers, sender, "/affirm")
    say(servers, sender, f"meine nummer ist {CALL_BACK_NUMBER}")
    say(servers, sender, "Frau Kleinert")
    done = texts(say(servers, sender, "vormittags"))
    reference = re.search(r"Referenznummer (WBA-[\w-]+)", done)
    return {"sender": sender, "asked": asked, "echo": echo, "done": done,
            "reference": reference.group(1) if reference else None}


def test_the_assistant_repeated_the_place_answer_to_the_visitor(visitor):
    # The precondition of what follows: the details went through Rasa and the actions.
    assert "Wo wohnen oder arbeiten Sie?" in visitor["asked"]
    assert f"Den Ort „{PLACE_ANSWER}“ kenne ich leider nicht" in visitor["echo"]
    assert visitor["reference"], visitor["done"]


def test_a_staff_message_of_the_live_chat_is_stored_without_them(servers, visitor):
    """As the console records a staff message in Rasa's conversation (web/staff_live_api.py)."""
    staff = {"event": "bot", "text": f"Ich rufe Sie unter {PHONE} an oder schreibe an {ADDRESS}.",
             "metadata": {"staff": "Frau Becker"}, "timestamp": time.time()}
    requests.post(f"{servers['rasa']}/conversations/{visitor['sender']}/tracker/events",
                  params={"token": TOKEN}, json=[staff], timeout=30).raise_for_status()
    with sqlite3.connect(servers["tracker_db"]) as connection:
        rows = [json.loads(data) for (data,) in connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'bot'", (visitor["sender"],))]
    assert rows[-1]["text"] == ("Ich rufe Sie unter [Telefonnummer entfernt] an oder schreibe an "
                                "[E-Mail-Adresse entfernt].")
    assert rows[-1]["metadata"]["staff"] == "Frau Becker"


def test_the_tracker_database_holds_neither_the_number_nor_the_address(servers, visitor):
    with sqlite3.connect(servers["tracker_db"]) as connection:
        rows = "\n".join(data for (data,) in connection.execute(
            "SELECT data FROM events WHERE sender_id = ?", (visitor["sender"],)))
    assert "Kleinkleckersdorf, Tel [Telefonnummer entfernt], [E-Mail-Adresse entfernt]" in rows
    assert "kenne ich leider nicht" in rows  # the assistant's echo is stored, redacted
    tracker_db = Path(servers["tracker_db"])
    for path in tracker_db.parent.glob(tracker_db.name + "*"):
        assert found_in(file_text(path)) == [], path.name


def test_the_conversation_as_staff_see_it_holds_neither(servers, visitor):
    answer = requests.get(f"{servers['rasa']}/conversations/{visitor['sender']}/tracker",
                          params={"token": TOKEN}, timeout=30)
    answer.raise_for_status()
    assert "Kleinkleckersdorf" in answer.text and found_in(answer.text) == []


def test_the_case_keeps_the_transcript_without_them(servers, visitor):
    with sqlite3.connect(servers["database"]) as connection:
        transcript, summary, phone = connection.execute(
            "SELECT transcript, summary, contact_phone FROM handover_cases WHERE reference = ?",
            (visitor["reference"],)).fetchone()
    lines = json.loads(transcript)
    assert any("Kleinkleckersdorf, Tel [Telefonnummer entfernt]" in line["text"] for line in lines)
    assert any("[E-Mail-Adresse entfernt]" in line["text"] for line in lines)
    assert found_in(transcript + summary) == [] and "7654321" not in transcript
    assert phone == "+49 345 7654321"  # the consented detail is where it belongs
    database = Path(servers["database"])
    for path in database.parent.glob(database.name + "*"):  # nowhere else in the database
        assert found_in(file_text(path)) == [], path.name


def test_the_teams_email_holds_neither(mailbox, visitor):
    mail = wait_for(lambda: next((m for _, m in mailbox.messages if visitor["reference"] in m["Subject"]),
                                 None))
    assert mail is not None, "no e-mail reached the team"
    body = mail.as_string()
    assert found_in(body) == [] and "7654321" not in body.replace(" ", "")


def test_an_action_that_raises_logs_and_answers_without_the_message(servers):
    """What Rasa sends in the visitor's turn (the message and a slot holding it), to an
    action that fails on it: `int()` puts the text into the exception's message."""
    call = {"next_action": "action_open_case", "sender_id": uuid.uuid4().hex, "version": "3.6.2",
            "domain": {},
            "tracker": {"sender_id": "failing", "slots": {"programmes_shown": PLACE_ANSWER},
                        "latest_message": {"text": PLACE_ANSWER, "intent": {"name": "inform"},
                                           "entities": []},
                        "events": [{"event": "user", "text": PLACE_ANSWER}], "paused": False,
                        "active_loop": {}, "latest_action_name": "action_listen"}}
    answer = requests.post(f"http://127.0.0.1:{PORTS['ACTION_PORT']}/webhook", json=call, timeout=30,
                           headers={"X-Lotse-Action-Secret": ACTION_SECRET})
    assert answer.status_code == 500 and found_in(answer.text) == []
    log = Path(servers["workdir"]) / "actions.log"
    assert wait_for(lambda: "action_open_case" in file_text(log) and "fehlgeschlagen" in file_text(log))


def test_no_log_file_holds_the_number_or_the_address(servers, visitor):
    logs = sorted(Path(servers["workdir"]).glob("*.log"))
    assert {"actions.log", "rasa.log", "web.log", "worker.log"} <= {log.name for log in logs}
    for log in logs:
        assert found_in(file_text(log)) == [], log.name
