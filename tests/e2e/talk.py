"""Talking to the real servers in end-to-end tests."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import requests
import socketio

from tests.e2e.conftest import STAFF_PASSWORD, STAFF_USER


def say(servers: dict[str, str], sender: str, message: str) -> list[dict]:
    """One visitor message over the REST channel; the assistant's replies."""
    reply = requests.post(f"{servers['rasa']}/webhooks/rest/webhook",
                          json={"sender": sender, "message": message}, timeout=60)
    reply.raise_for_status()
    return reply.json()


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def wait_for(condition: Callable[[], Any], seconds: float = 30) -> Any:
    """The first truthy result of `condition` within `seconds` (else its last result)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.5)
    return condition()


def new_conversation(servers: dict[str, str]) -> tuple[str, str]:
    """A conversation id and its token from the web process, as the widget gets them."""
    answer = requests.post(f"{servers['web']}/chat/session", headers={"Origin": servers["web"]}, timeout=10)
    answer.raise_for_status()
    body = answer.json()
    return body["sessionId"], body["token"]


def token_header(token: str) -> dict[str, str]:
    return {"X-Lotse-Conversation-Token": token}


class Console:
    """A staff member's browser: login with the form's CSRF token, then the page's token."""

    def __init__(self, web: str) -> None:
        self.web, self.http = web, requests.Session()

    def login(self, username: str = STAFF_USER, password: str = STAFF_PASSWORD) -> requests.Response:
        page = self.http.get(f"{self.web}/staff/login", timeout=10).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        answer = self.http.post(
            f"{self.web}/staff/login",
            timeout=10,
            data={
                "username": username,
                "password": password,
                "csrf_token": token,
                "next": "/staff/live/",
            },
        )
        self.csrf = re.search(r'<meta name="csrf-token" content="([^"]+)"', answer.text).group(1)
        return answer

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.http.post(f"{self.web}{path}", headers={"X-CSRF-Token": self.csrf}, timeout=20, **kwargs)

    def waiting_chats(self) -> list[int]:
        page = self.http.get(f"{self.web}/staff/live/", timeout=10).text
        return [int(chat_id) for chat_id in re.findall(r'href="/staff/live/(\d+)"', page)]

    def conversation(self, chat_id: int) -> list[dict]:
        return self.http.get(f"{self.web}/staff/live/{chat_id}/events", timeout=10).json()["messages"]


class Visitor:
    """The chat widget's part: socket.io to Rasa, the relay of the web process for staff messages."""

    def __init__(self, servers: dict[str, str]) -> None:
        self.servers = servers
        self.session_id, self.token = new_conversation(servers)
        self.replies: list[dict] = []
        self.client = socketio.Client()
        self.client.on("bot_uttered", self.replies.append)
        self.client.connect(servers["rasa"], socketio_path="/socket.io", wait_timeout=20)
        self.client.emit("session_request", {"session_id": self.session_id, "token": self.token})
        self.client.sleep(1)
        self.seen = 0

    def say(self, text: str, expect_reply: bool = True) -> list[dict]:
        before = len(self.replies)
        self.client.emit("user_uttered", {"message": text, "session_id": self.session_id})
        for _ in range(40 if expect_reply else 6):
            self.client.sleep(0.5)
            if expect_reply and len(self.replies) > before:
                self.client.sleep(1)  # the rest of the turn's messages
                break
        return self.replies[before:]

    def staff_messages(self) -> list[dict]:
        answer = requests.get(
            f"{self.servers['web']}/chat/{self.session_id}/messages", params={"after": self.seen},
            headers=token_header(self.token), timeout=10)
        answer.raise_for_status()
        messages = answer.json()["messages"]
        if messages:
            self.seen = messages[-1]["id"]
        return messages

    def close(self) -> None:
        self.client.disconnect()
