"""Parts of the production profile stop in the middle of conversations (scripts/stack.py):
the action servers, PostgreSQL, Redis, the SMTP server, a Rasa instance killed mid-turn.
The visitor always gets an answer (the assistant's, or the apology with the hotline, never
silence and never an error text), no case and no outbox message is lost, and everything
works again once the part is back."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
import requests

from lotse.knowledge import knowledge
from tests.e2e.conftest import TEAM_MAILBOX
from tests.e2e.talk import texts, wait_for
from tests.scale.test_instances import INTAKE, call_back

APOLOGY = "technischer Fehler"
HOTLINE = knowledge().agency.data["hotline"]["value"]
QUALIFICATION_QUESTION = "Welchen höchsten Berufsabschluss haben Sie?"


def polite(replies: list[dict]) -> str:
    """The replies' text, checked for what a visitor must never read."""
    said = texts(replies)
    assert said, "silence"
    for error_text in ("Traceback", "Exception", "Internal Server Error", "500", "sqlalchemy", "redis"):
        assert error_text not in said, said
    return said


def answered(stack, sender: str, message: str, base: str | None = None) -> str:
    """The reply once the assistant answers normally again (the part is back)."""
    return wait_for(lambda: (lambda said: said if APOLOGY not in said else "")(
        polite(stack.say(sender, message, base=base))), seconds=60)


def test_without_action_servers_the_visitor_gets_the_hotline_and_then_the_answer(stack):
    sender = uuid.uuid4().hex
    stack.say(sender, "Hallo")
    one, two = stack.services["action1"], stack.services["action2"]
    one.stop()
    # One action server left: nginx sends every call to it, the conversation goes on.
    assert QUALIFICATION_QUESTION in polite(stack.say(sender, INTAKE[0]))
    two.stop()
    try:
        said = polite(stack.say(sender, INTAKE[1]))
        assert APOLOGY in said and HOTLINE in said and said.count(APOLOGY) == 1
    finally:
        one.start(), two.start()
        one.wait(), two.wait()
    # Back: the same conversation goes on from where it was.
    assert answered(stack, sender, INTAKE[1])
    assert stack.tracker(sender)["slots"]["qualification"] == "vocational"


def test_without_the_database_the_visitor_gets_the_hotline_and_the_conversation_survives(stack):
    sender = uuid.uuid4().hex
    assert QUALIFICATION_QUESTION in polite(stack.say(sender, INTAKE[0]))
    stack.postgres.halt()
    try:
        for base in (stack.rasa(1), stack.rasa(2)):
            said = polite(stack.say(sender, INTAKE[1], base=base))
            assert APOLOGY in said and HOTLINE in said
        assert stack.services["worker"].running() and stack.services["web"].running()
        assert stack.ready("app") == 1  # no traffic to parts without their database
    finally:
        stack.postgres.resume()
    # The conversation stored before the outage is still there and goes on.
    answered(stack, sender, INTAKE[1])
    tracker = stack.tracker(sender)
    assert tracker["slots"]["qualification"] == "vocational" and tracker["slots"]["location"]


def test_without_redis_messages_are_still_answered_and_redis_takes_over_again(stack):
    sender = uuid.uuid4().hex
    redis = stack.services["redis"]
    redis.stop()
    try:
        for turn, message in enumerate(INTAKE[:2]):
            said = polite(stack.say(sender, message, base=stack.rasa(1 + turn % 2)))
            assert APOLOGY not in said
    finally:
        redis.start()
    time.sleep(1)
    assert APOLOGY not in polite(stack.say(sender, INTAKE[2]))
    for instance in (1, 2):  # each instance noticed, and each took Redis back
        assert APOLOGY not in polite(stack.say(sender, "/affirm", base=stack.rasa(instance)))
        log = (stack.workdir / f"rasa{instance}.log").read_text(errors="replace")
        assert "Redis nicht erreichbar" in log and "Redis wieder erreichbar" in log


def test_without_the_mail_server_the_case_waits_in_the_outbox_and_is_delivered_later(stack, mailbox):
    mailbox.stop()
    try:
        sender = uuid.uuid4().hex
        done = call_back(stack, sender)
        assert "Referenznummer WBA-20" in done  # the visitor has the case, mail or no mail
        reference = done.split("Referenznummer ")[1].split(".")[0]
        time.sleep(3)  # a few rounds of the worker against the closed port
        assert not [m for _, m in mailbox.messages if reference in m["Subject"]]
        assert stack.services["worker"].running()
    finally:
        mailbox.start_again()
    delivered = wait_for(lambda: [rcpt for rcpt, m in mailbox.messages if reference in m["Subject"]],
                         seconds=90)
    assert delivered == [[TEAM_MAILBOX]]


@pytest.mark.parametrize("instance", [2])
def test_a_rasa_instance_killed_mid_turn_leaves_the_conversation_to_the_other(stack, instance):
    sender = uuid.uuid4().hex
    stack.say(sender, "Hallo", base=stack.rasa(instance))
    victim = stack.services[f"rasa{instance}"]
    lost: list[BaseException] = []

    def in_flight() -> None:
        try:
            stack.say(sender, INTAKE[0], base=stack.rasa(instance))
        except requests.RequestException as error:
            lost.append(error)

    call = threading.Thread(target=in_flight)
    call.start()
    time.sleep(0.05)
    victim.stop(kill=True)
    call.join(timeout=60)
    try:
        # Through nginx the next message reaches the other instance; a ticket the dead
        # instance held expires after TICKET_LOCK_LIFETIME, the message waits for it.
        assert APOLOGY not in polite(stack.say(sender, INTAKE[0]))
    finally:
        victim.start()
        victim.wait()
    assert polite(stack.say(sender, INTAKE[1], base=stack.rasa(instance)))


def test_a_very_long_conversation_is_still_answered(stack):
    """Rasa reads the whole session on every turn and sends it to the action server: 500 turns
    already in the conversation, the next one is still answered by the assistant."""
    sender = uuid.uuid4().hex
    stack.say(sender, "Hallo")
    now = time.time()
    history = []
    for turn in range(500):
        at = now + turn * 0.001
        history += [{"event": "user", "text": f"Nachricht {turn}", "timestamp": at,
                     "parse_data": {"intent": {"name": "greet", "confidence": 1.0}, "entities": []}},
                    {"event": "action", "name": "utter_greet", "timestamp": at},
                    {"event": "bot", "text": "Guten Tag!", "timestamp": at},
                    {"event": "action", "name": "action_listen", "timestamp": at}]
    answer = requests.post(f"{stack.internal}/conversations/{sender}/tracker/events",
                           params={"token": stack.env["RASA_AUTH_TOKEN"]}, json=history, timeout=120)
    assert answer.status_code == 200
    said = polite(stack.say(sender, INTAKE[0]))
    assert APOLOGY not in said and QUALIFICATION_QUESTION in said
