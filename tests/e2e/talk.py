"""Talking to the real servers in end-to-end tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import requests


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
