"""Rasa's REST channel (`/webhooks/rest/webhook`), taking messages as the widget's channel
does: text only, cut to MAX_MESSAGE_CHARS (rasa_addons/message_limit.py), a body that is not
a JSON object read as an empty message instead of an error."""

from __future__ import annotations

from rasa.core.channels.rest import RestInput
from sanic.request import Request

from rasa_addons.message_limit import limited


class LimitedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def _extract_message(self, req: Request) -> str:
        body = req.json if isinstance(req.json, dict) else {}
        return limited(body.get("message"))
