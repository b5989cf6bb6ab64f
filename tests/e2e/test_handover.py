"""A call-back over the real servers: consent, contact details, a case with a reference, the
team's e-mail through the real worker and SMTP server; no contact detail in Rasa's stored
conversation or in any process's log; and erasure by the visitor."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from lotse.knowledge import knowledge
from tests.e2e.conftest import TEAM_MAILBOX
from tests.e2e.talk import say, texts, wait_for

PHONE, NAME = "0345 6789012", "Frau Annegret Probst"


def stored_conversation(servers, sender: str) -> str:
    with sqlite3.connect(servers["tracker_db"]) as connection:
        rows = connection.execute("SELECT data FROM events WHERE sender_id = ?", (sender,)).fetchall()
    return "\n".join(row[0] for row in rows)


def case_row(servers, reference: str):
    with sqlite3.connect(servers["database"]) as connection:
        return connection.execute(
            "SELECT contact_phone, contact_name, preferred_time, consent_text, transcript, region, team "
            "FROM handover_cases WHERE reference = ?",
            (reference,),
        ).fetchone()


@pytest.fixture(scope="module")
def call_back(servers):
    """One visitor's call-back, from the situation to the case."""
    sender = uuid.uuid4().hex
    say(servers, sender, "ich bin arbeitslos in halle und will in die pflege")
    say(servers, sender, '/inform{"qualification":"vocational"}')
    say(servers, sender, "/affirm")
    consent = texts(say(servers, sender, '/request_human{"contact_channel":"phone"}'))
    invalid = texts(say(servers, sender, "/affirm") + say(servers, sender, "0345 12"))
    name_question = texts(say(servers, sender, f"meine nummer ist {PHONE}"))
    time_question = texts(say(servers, sender, NAME))
    done = texts(say(servers, sender, "vormittags"))
    return {
        "sender": sender,
        "consent": consent,
        "invalid": invalid,
        "name_question": name_question,
        "time_question": time_question,
        "done": done,
    }


def test_consent_names_what_is_stored_why_and_how_long(call_back):
    assert "speichern wir Ihre Telefonnummer" in call_back["consent"]
    assert "90 Tage" in call_back["consent"] and "Sind Sie einverstanden?" in call_back["consent"]


def test_an_invalid_number_is_asked_again_and_a_valid_one_taken(call_back):
    assert "Telefonnummer kann ich nicht lesen" in call_back["invalid"]
    assert "Wie dürfen wir Sie ansprechen?" in call_back["name_question"]
    assert "Wann erreichen wir Sie am besten?" in call_back["time_question"]


def test_the_case_has_a_reference_and_everything_the_visitor_said(servers, call_back):
    done = call_back["done"]
    assert "Referenznummer WBA-20" in done and "Endung …012" in done and PHONE not in done
    reference = done.split("Referenznummer ")[1].split(".")[0]
    phone, name, preferred, consent, transcript, region, team = case_row(servers, reference)
    assert (phone, name, preferred, region, team) == (
        "+49 345 6789012",
        NAME,
        "vormittags",
        "halle",
        "wba_sued",
    )
    assert consent == call_back["consent"]  # stored exactly as the visitor saw it
    assert "ich bin arbeitslos in halle" in transcript and PHONE not in transcript and NAME not in transcript


def test_the_team_gets_the_case_by_email_from_the_worker(servers, mailbox, call_back):
    reference = call_back["done"].split("Referenznummer ")[1].split(".")[0]
    mail = wait_for(lambda: next((m for rcpt, m in mailbox.messages if reference in m["Subject"]), None))
    assert mail is not None, "no e-mail reached the team"
    recipients = next(rcpt for rcpt, m in mailbox.messages if reference in m["Subject"])
    body = mail.get_payload()
    assert recipients == [TEAM_MAILBOX] and "arbeitslos" in body and f"/staff/cases/{reference}" in body
    assert PHONE.replace(" ", "") not in body.replace(" ", "") and NAME not in body


def test_no_contact_detail_is_stored_in_the_conversation_or_written_to_a_log(servers, call_back):
    stored = stored_conversation(servers, call_back["sender"])
    assert "ich bin arbeitslos in halle" in stored  # the conversation is stored ...
    assert "6789012" not in stored and "Probst" not in stored  # ... without the contact details
    for log in Path(servers["workdir"]).glob("*.log"):
        text = log.read_text(errors="replace")
        assert "6789012" not in text and "Probst" not in text, log.name


def test_the_visitor_deletes_the_case_and_the_conversation(servers, call_back):
    sender = call_back["sender"]
    reference = call_back["done"].split("Referenznummer ")[1].split(".")[0]
    answer = texts(say(servers, sender, "Bitte löschen Sie meine Daten"))
    assert f"Fall {reference}" in answer and "gelöscht" in answer
    assert case_row(servers, reference) is None
    assert wait_for(lambda: stored_conversation(servers, sender) == "", seconds=40)


def test_refused_consent_gives_only_the_hotline_and_the_address(servers):
    sender = uuid.uuid4().hex
    say(servers, sender, '/request_human{"contact_channel":"phone"}')
    answer = texts(say(servers, sender, "nein"))
    agency = knowledge().agency.data
    assert "ich speichere nichts" in answer and agency["hotline"]["value"] in answer
    assert agency["email"]["value"] in answer


def test_when_the_fallback_fails_twice_a_person_is_offered(servers):
    sender = uuid.uuid4().hex
    assert "Meinten Sie" in texts(say(servers, sender, "/nlu_fallback"))
    assert "anderen Worten" in texts(say(servers, sender, "/out_of_scope"))  # "Etwas anderes"
    assert "Meinten Sie" in texts(say(servers, sender, "/nlu_fallback"))  # not understood again
    offer = say(servers, sender, "/out_of_scope")
    assert "auch so nicht verstanden" in texts(offer) and "Menschen aus der Weiterbildungsagentur" in texts(
        offer
    )
    titles = [b["title"] for m in offer for b in m.get("buttons", [])]
    assert {"Rückruf vereinbaren", "Antwort per E-Mail"} <= set(titles)
    assert "Sind Sie einverstanden?" in texts(
        say(servers, sender, '/request_human{"contact_channel":"phone"}')
    )
