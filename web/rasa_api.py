"""Rasa's HTTP API as the staff console needs it: read a conversation, and add events to it
(pause, resume, the staff member's messages), so that the assistant stays silent while a
person writes and later knows what was said.

Blocking (`requests`); the async handlers call it through `run_in_threadpool`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import requests

from lotse.config import Settings

TIMEOUT_S = 5.0


class RasaUnavailable(RuntimeError):
    """Rasa did not answer, or answered with an error; the message names no conversation content."""


@dataclass(frozen=True)
class RasaApi:
    url: str
    token: str = ""
    timeout: float = TIMEOUT_S

    @classmethod
    def from_settings(cls, settings: Settings) -> RasaApi:
        return cls(settings.rasa_url.rstrip("/"), settings.rasa_auth_token)

    def tracker_events(self, conversation_id: str) -> list[dict[str, Any]]:
        """The events of the conversation since its last restart."""
        response = self._call("GET", f"/conversations/{quote(conversation_id, safe='')}/tracker",
                              params={"include_events": "AFTER_RESTART"})
        return list(response.json().get("events") or [])

    def append_events(self, conversation_id: str, events: list[dict[str, Any]]) -> None:
        """Add events to the conversation without running actions (no side effects)."""
        self._call("POST", f"/conversations/{quote(conversation_id, safe='')}/tracker/events", json=events)

    def _call(self, method: str, path: str, params: dict[str, str] | None = None,
              json: Any = None) -> requests.Response:
        params = dict(params or {})
        if self.token:
            params["token"] = self.token
        try:
            response = requests.request(method, self.url + path, params=params, json=json,
                                        timeout=self.timeout)
        except requests.RequestException as error:
            raise RasaUnavailable(f"Rasa nicht erreichbar ({type(error).__name__})") from error
        if response.status_code >= 400:
            # 5xx: Rasa is down or broken; 4xx here means a wrong token or URL: unusable all the same.
            raise RasaUnavailable(f"Rasa antwortet mit {response.status_code}")
        return response
