"""2,000 odd messages against the real servers, as a script on the network would send them:
1,700 over the REST channel and 300 over the widget's socket.io channel, in conversations of
ten so that they also arrive while a form is asking (tests/e2e/odd_messages.py).

No server error and no silence; nothing of the markup, script or template a visitor sent
comes back (and no template was evaluated); no slot holds a value no question would accept
(lotse/plain_values.py); the assistant still answers afterwards.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import reduce

import pytest
import requests
import socketio

from lotse.plain_values import plausible_slot_value
from tests.e2e.odd_messages import EVALUATED, odd_messages
from tests.e2e.talk import new_conversation, texts

REST_MESSAGES, SOCKET_MESSAGES = 1700, 300
PER_CONVERSATION = 10
ECHOED_CODE = ("<script", "onerror", "javascript:", "<img", "<iframe", "<svg", "<a href", "<b>", "{{", "${")
# Slots whose values come from what visitors type (entities, answers).
TYPED_SLOTS = ("company_size", "employment_status", "location", "topic", "qualification", "course_format",
               "contact_channel")


def echoed_code(replies: list[dict], sent: str) -> list[str]:
    """What of the code in `sent` came back, and whether a template in it was evaluated."""
    said = (texts(replies) + "".join(str(b) for r in replies for b in r.get("buttons", []))).lower()
    echoed = [code for code in ECHOED_CODE if code in sent.lower() and code in said]
    return echoed + ([EVALUATED] if "7*191" in sent and EVALUATED in said else [])


def implausible_slots(servers: dict[str, str], conversation: str) -> dict[str, object]:
    tracker = requests.get(f"{servers['rasa']}/conversations/{conversation}/tracker",
                           params={"token": servers["token"]}, timeout=30).json()
    return {slot: value for slot, value in tracker["slots"].items()
            if slot in TYPED_SLOTS and not plausible_slot_value(slot, value)}


class SocketVisitor:
    """The widget's channel: one conversation with its token, replies collected per message."""

    def __init__(self, servers: dict[str, str]) -> None:
        self.session_id, token = new_conversation(servers)
        self.replies: list[dict] = []
        self.arrived = threading.Event()
        self.client = socketio.Client()
        self.client.on("bot_uttered", self._reply)
        self.client.connect(servers["rasa"], socketio_path="/socket.io", wait_timeout=20)
        self.client.emit("session_request", {"session_id": self.session_id, "token": token})
        time.sleep(0.5)

    def _reply(self, data: dict) -> None:
        self.replies.append(data)
        self.arrived.set()

    def say(self, text: str) -> list[dict]:
        before = len(self.replies)
        self.arrived.clear()
        self.client.emit("user_uttered", {"message": text, "session_id": self.session_id})
        if not self.arrived.wait(30):
            return []
        count = -1
        while count != len(self.replies):  # the rest of the turn's messages
            count = len(self.replies)
            time.sleep(0.3)
        return self.replies[before:]

    def close(self) -> None:
        self.client.disconnect()


@pytest.fixture(scope="module")
def messages() -> list[str]:
    return odd_messages(REST_MESSAGES + SOCKET_MESSAGES)


@dataclass
class Findings:
    failures: list = field(default_factory=list)
    silent: list = field(default_factory=list)
    echoes: list = field(default_factory=list)
    slots: dict = field(default_factory=dict)

    def add(self, other: Findings) -> Findings:
        self.failures += other.failures
        self.silent += other.silent
        self.echoes += other.echoes
        self.slots.update(other.slots)
        return self

    def assert_clean(self) -> None:
        assert not self.failures, self.failures[:10]
        assert not self.silent, self.silent[:10]
        assert not self.echoes, self.echoes[:10]
        assert not self.slots, list(self.slots.items())[:5]


def rest_conversation(servers: dict[str, str], number: int, texts_sent: list[str]) -> Findings:
    found, conversation = Findings(), f"fuzz-rest-{number}"
    for text in texts_sent:
        answer = requests.post(f"{servers['rasa']}/webhooks/rest/webhook",
                               json={"sender": conversation, "message": text}, timeout=120)
        if answer.status_code != 200:
            found.failures.append((answer.status_code, text[:80]))
            continue
        replies = answer.json()
        if not replies:
            found.silent.append(text[:80])
        found.echoes += [(code, text[:80]) for code in echoed_code(replies, text)]
    wrong = implausible_slots(servers, conversation)
    if wrong:
        found.slots[conversation] = wrong
    return found


def socket_conversation(servers: dict[str, str], texts_sent: list[str]) -> Findings:
    found, visitor = Findings(), SocketVisitor(servers)
    try:
        for text in texts_sent:
            replies = visitor.say(text)
            if not replies:
                found.silent.append(text[:80])
            found.echoes += [(code, text[:80]) for code in echoed_code(replies, text)]
    finally:
        visitor.close()
    wrong = implausible_slots(servers, visitor.session_id)
    if wrong:
        found.slots[visitor.session_id] = wrong
    return found


def in_parallel(run, batches: list[list[str]], workers: int) -> Findings:
    """Conversations side by side, as visitors arrive: each one's messages in order."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return reduce(Findings.add, pool.map(run, range(len(batches)), batches), Findings())


def batches(messages: list[str], start: int, count: int) -> list[list[str]]:
    return [messages[i:i + PER_CONVERSATION] for i in range(start, start + count, PER_CONVERSATION)]


def test_odd_messages_over_rest_get_a_reply_and_leave_no_trace_of_code(servers, messages):
    in_parallel(lambda number, sent: rest_conversation(servers, number, sent),
                batches(messages, 0, REST_MESSAGES), workers=2).assert_clean()


def test_odd_messages_over_the_widgets_channel_get_a_reply(servers, messages):
    # Each reply is followed by a short quiet wait for the rest of its turn: six visitors at
    # once keep the run short.
    in_parallel(lambda _number, sent: socket_conversation(servers, sent),
                batches(messages, REST_MESSAGES, SOCKET_MESSAGES), workers=6).assert_clean()


def test_the_assistant_still_answers_after_the_fuzz_run(servers):
    answer = requests.post(f"{servers['rasa']}/webhooks/rest/webhook",
                           json={"sender": "after-the-fuzz-run", "message": "Hallo"}, timeout=60)
    assert answer.status_code == 200 and "Weiterbildungslotse" in texts(answer.json())
