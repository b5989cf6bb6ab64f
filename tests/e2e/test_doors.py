"""The doors of the running processes, tried as an attacker on the network would."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import zlib
from pathlib import Path

import pytest
import requests
import socketio

from tests.e2e.conftest import ACTION_SECRET, PORTS, ROOT, SIGNING_KEY, TOKEN
from tests.e2e.talk import Console, new_conversation

ACTIONS = f"http://127.0.0.1:{PORTS['ACTION_PORT']}"
NORD_PASSWORD = "e2e-nord-ein-langes-passwort"
FORGED_CALL = {"next_action": "action_forget_visitor", "sender_id": "someone-else",
               "tracker": {"sender_id": "someone-else", "slots": {}, "events": [],
                           "latest_message": {}, "active_loop": {}},
               "domain": {}, "version": "3.6.2"}


def _post(body: bytes, **headers: str) -> requests.Response:
    return requests.post(f"{ACTIONS}/webhook", data=body, timeout=10,
                         headers={"Content-Type": "application/json", **headers})


def test_the_action_server_refuses_calls_without_the_secret(servers):
    body = json.dumps(FORGED_CALL).encode()
    assert _post(body).status_code == 401
    assert _post(body, **{"X-Lotse-Action-Secret": "guessed"}).status_code == 401
    assert requests.get(f"{ACTIONS}/actions", timeout=10).status_code == 401
    assert requests.get(f"{ACTIONS}/health", timeout=10).status_code == 200


def test_the_action_server_refuses_oversized_and_bomb_bodies(servers):
    secret = {"X-Lotse-Action-Secret": ACTION_SECRET}
    assert _post(b"{" + b" " * (2 * 1024 * 1024) + b"}", **secret).status_code == 413
    bomb = zlib.compress(b"{" + b" " * (64 * 1024 * 1024) + b"}", 9)
    assert len(bomb) < 200_000
    assert _post(bomb, **secret, **{"Content-Encoding": "deflate"}).status_code == 413
    assert _post(b"xx", **secret, **{"Content-Encoding": "gzip"}).status_code == 415
    # The server is still there for Rasa afterwards.
    assert requests.get(f"{ACTIONS}/health", timeout=10).status_code == 200


def _outward_address() -> str | None:
    """This machine's address on its network (not loopback), if it has one."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET: nothing is sent
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") or address == "0.0.0.0" else address


@pytest.mark.parametrize("port_name", ["ACTION_PORT", "RASA_PORT"])
def test_action_server_and_rasa_do_not_listen_beyond_loopback(servers, port_name):
    address = _outward_address()
    if address is None:
        pytest.skip("this machine has no network address besides loopback")
    with pytest.raises(OSError):
        socket.create_connection((address, int(PORTS[port_name])), timeout=3).close()


def test_no_secret_appears_in_the_process_list(servers):
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if TOKEN in text or ACTION_SECRET in text or SIGNING_KEY in text:
            found.append(text[:120])
    assert not found


class SocketVisitor:
    """A socket.io client as the widget (or an attacker's script) uses Rasa's channel."""

    def __init__(self, servers: dict[str, str], **connect: object) -> None:
        self.replies: list[dict] = []
        self.refused = 0
        self.client = socketio.Client()
        self.client.on("bot_uttered", self.replies.append)
        self.client.on("session_refused", self._refused)
        self.client.connect(servers["rasa"], socketio_path="/socket.io", wait_timeout=20, **connect)

    def _refused(self, _: object) -> None:
        self.refused += 1

    def join(self, session_id: str, token: str | None) -> None:
        self.client.emit("session_request", {"session_id": session_id, "token": token})
        self.client.sleep(1)

    def say(self, text: str, session_id: str, wait: float = 15) -> None:
        before = len(self.replies)
        self.client.emit("user_uttered", {"message": text, "session_id": session_id})
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and len(self.replies) == before:
            self.client.sleep(0.5)

    def close(self) -> None:
        self.client.disconnect()


def test_a_second_client_with_a_stolen_conversation_id_gets_nothing(servers):
    session_id, token = new_conversation(servers)
    visitor = SocketVisitor(servers)
    attacker = SocketVisitor(servers)
    try:
        visitor.join(session_id, token)
        attacker.join(session_id, None)           # the id alone, seen over a shoulder
        attacker.join(session_id, "x" * 43)       # with a made-up token
        other_id, other_token = new_conversation(servers)
        attacker.join(other_id, other_token)      # a conversation of its own ...
        attacker.say("Wie ist die Telefonnummer?", session_id, wait=5)  # ... naming the victim's
        visitor.say("Hallo", session_id)
        attacker.client.sleep(2)
    finally:
        visitor.close()
        attacker.close()
    assert visitor.replies and "Weiterbildungslotse" in visitor.replies[0]["text"]
    assert attacker.refused == 2
    assert not any("Weiterbildungslotse" in (reply.get("text") or "") for reply in attacker.replies)
    # Nothing the attacker sent reached the victim's conversation.
    tracker = requests.get(f"{servers['rasa']}/conversations/{session_id}/tracker",
                           params={"token": TOKEN}, timeout=10).json()
    said = [event.get("text") for event in tracker["events"] if event["event"] == "user"]
    assert said == ["Hallo"]
    # The channel marks who sent it (a keyed hash of the address, for the erasure form's limit),
    # whatever the client claims.
    assert len(tracker["latest_message"]["metadata"]["lotse_client"]) == 32


def test_a_page_of_another_site_cannot_open_the_channel(servers):
    with pytest.raises(socketio.exceptions.ConnectionError):
        SocketVisitor(servers, headers={"Origin": "https://evil.example"})


def test_forget_and_messages_need_the_token_and_the_site(servers):
    session_id, token = new_conversation(servers)
    web = servers["web"]
    site = {"Origin": web}
    right = {**site, "X-Lotse-Conversation-Token": token}
    made_up = {**site, "X-Lotse-Conversation-Token": "x" * 43}
    for headers, status in (({}, 404), (site, 404), (made_up, 404),
                            ({**right, "Origin": "https://evil.example"}, 403)):
        messages = requests.get(f"{web}/chat/{session_id}/messages", headers=headers, timeout=10)
        forget = requests.post(f"{web}/chat/{session_id}/forget", headers=headers, timeout=10)
        assert messages.status_code == forget.status_code == status
    assert requests.post(f"{web}/chat/session", headers={"Origin": "https://evil.example"},
                         timeout=10).status_code == 403
    assert requests.get(f"{web}/chat/{session_id}/messages", headers=right, timeout=10).status_code == 200
    assert requests.post(f"{web}/chat/{session_id}/forget", headers=right, timeout=10).status_code == 204


def test_a_team_opens_only_its_own_cases_and_every_opening_is_recorded(servers):
    from lotse.db import make_engine, session_scope
    from lotse.handover.cases import CaseContext, Routing, open_case

    engine = make_engine(f"sqlite:///{servers['database']}")
    with session_scope(engine) as session:
        reference = open_case(session, CaseContext("request", region="halle", team="wba_sued",
                                                   summary="Arbeitslos in Halle"), Routing(),
                              channel="phone", contact_phone="+49 391 5550199").reference
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{servers['database']}", STAFF_PASSWORD=NORD_PASSWORD)
    subprocess.run([str(ROOT / ".venv-app/bin/python"), "-m", "lotse.cli", "staff-add", "nord1",
                    "--name", "Herr Nord", "--team", "wba_nord"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    other_team = Console(servers["web"])
    other_team.login("nord1", NORD_PASSWORD)
    refused = other_team.http.get(f"{servers['web']}/staff/cases/{reference}", timeout=10)
    assert refused.status_code == 403 and "5550199" not in refused.text
    assert other_team.post(f"/staff/cases/{reference}/claim").status_code == 403
    own_team = Console(servers["web"])
    own_team.login()
    page = own_team.http.get(f"{servers['web']}/staff/cases/{reference}", timeout=10)
    assert page.status_code == 200 and "Herr Nord" in page.text and "Frau Becker" in page.text
