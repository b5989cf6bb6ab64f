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


def test_odd_messages_over_rest_get_a_reply_and_leave_no_trace_of_code(servers, messages):
    failures, silent, echoes, slots = [], [], [], {}
    for start in range(0, REST_MESSAGES, PER_CONVERSATION):
        conversation = f"fuzz-rest-{start // PER_CONVERSATION}"
        for text in messages[start:start + PER_CONVERSATION]:
            answer = requests.post(f"{servers['rasa']}/webhooks/rest/webhook",
                                   json={"sender": conversation, "message": text}, timeout=120)
            if answer.status_code != 200:
                failures.append((answer.status_code, text[:80]))
                continue
            replies = answer.json()
            if not replies:
                silent.append(text[:80])
            echoes += [(code, text[:80]) for code in echoed_code(replies, text)]
        wrong = implausible_slots(servers, conversation)
        if wrong:
            slots[conversation] = wrong
    assert not failures, failures[:10]
    assert not silent, silent[:10]
    assert not echoes, echoes[:10]
    assert not slots, list(slots.items())[:5]


def test_odd_messages_over_the_widgets_channel_get_a_reply(servers, messages):
    silent, echoes, slots = [], [], {}
    for start in range(REST_MESSAGES, REST_MESSAGES + SOCKET_MESSAGES, PER_CONVERSATION):
        visitor = SocketVisitor(servers)
        try:
            for text in messages[start:start + PER_CONVERSATION]:
                replies = visitor.say(text)
                if not replies:
                    silent.append(text[:80])
                echoes += [(code, text[:80]) for code in echoed_code(replies, text)]
        finally:
            visitor.close()
        wrong = implausible_slots(servers, visitor.session_id)
        if wrong:
            slots[visitor.session_id] = wrong
    assert not silent, silent[:10]
    assert not echoes, echoes[:10]
    assert not slots, list(slots.items())[:5]


def test_the_assistant_still_answers_after_the_fuzz_run(servers):
    answer = requests.post(f"{servers['rasa']}/webhooks/rest/webhook",
                           json={"sender": "after-the-fuzz-run", "message": "Hallo"}, timeout=60)
    assert answer.status_code == 200 and "Weiterbildungslotse" in texts(answer.json())
