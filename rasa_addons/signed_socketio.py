"""Rasa's socket.io channel, with each conversation bound to the browser that started it.

Rasa 3.6's own channel joins anyone who sends `session_request` with an id to that
conversation's room, so a second client with a stolen id receives the replies meant for the
first one; its `jwt_key` checks a token at connect, but does not tie the `session_id` of a
request or a message to it. Here a socket joins a conversation only with the token the web
process issued for that id (lotse.conversation_token), and its messages always go to the
conversation it joined, whatever `session_id` they name. Connections from a browser page of
another site (Origin header) are refused.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from lotse.conversation_token import (
    CLIENT_METADATA_KEY,
    allowed_origins,
    client_key,
    is_valid,
    origin_allowed,
)
from rasa_addons.message_limit import limited

logger = logging.getLogger(__name__)
SESSION_KEY = "conversation_id"
CLIENT_KEY = "client"


def visitor_address(environ: dict[str, Any], trusted_proxies: frozenset[str]) -> str:
    """The visitor's address: the peer's, or behind a trusted reverse proxy (TRUSTED_PROXIES)
    the last one it added to X-Forwarded-For."""
    peer = str(environ.get("REMOTE_ADDR") or "")
    forwarded = str(environ.get("HTTP_X_FORWARDED_FOR") or "")
    if peer in trusted_proxies and forwarded:
        return forwarded.split(",")[-1].strip()
    return peer


class SignedSocketIOInput(SocketIOInput):
    """credentials.yml takes the socket.io settings; the signing key (CONVERSATION_SIGNING_KEY)
    and the allowed sites (SITE_ORIGINS, PUBLIC_URL) come from the environment, as for the
    web process."""

    signing_key: str = ""
    sites: frozenset[str] = frozenset()
    trusted_proxies: frozenset[str] = frozenset()

    @classmethod
    def name(cls) -> str:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        channel = super().from_credentials(credentials)
        assert isinstance(channel, SignedSocketIOInput)
        channel.signing_key = os.environ.get("CONVERSATION_SIGNING_KEY", "")
        if not channel.signing_key:
            raise ValueError("CONVERSATION_SIGNING_KEY fehlt (make run legt ihn in .env an).")
        channel.sites = allowed_origins(os.environ)
        channel.trusted_proxies = frozenset(
            p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip())
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        socketio_webhook = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None
        namespace = self.namespace

        async def connect(sid: str, environ: dict[str, Any], auth: dict[str, Any] | None = None) -> bool:
            if not origin_allowed(environ.get("HTTP_ORIGIN"), self.sites):
                logger.info("socket.io: Verbindung von fremder Seite abgelehnt")
                return False
            # Who this is across conversations (the erasure form's daily limit), as a keyed hash.
            address = visitor_address(environ, self.trusted_proxies)
            await sio.save_session(sid, {CLIENT_KEY: client_key(self.signing_key, address)},
                                   namespace=namespace)
            return True

        async def session_request(sid: str, data: Any) -> None:
            data = data if isinstance(data, dict) else {}
            conversation_id, token = data.get("session_id"), data.get("token")
            if not is_valid(self.signing_key, conversation_id, token):
                await sio.emit("session_refused", {}, room=sid, namespace=namespace)
                return
            session = await sio.get_session(sid, namespace=namespace)
            joined = session.get(SESSION_KEY)
            if joined and joined != conversation_id:
                sio.leave_room(sid, joined, namespace=namespace)
            session[SESSION_KEY] = conversation_id
            await sio.save_session(sid, session, namespace=namespace)
            sio.enter_room(sid, conversation_id, namespace=namespace)
            await sio.emit("session_confirm", conversation_id, room=sid, namespace=namespace)

        async def handle_message(sid: str, data: Any) -> None:
            session = await sio.get_session(sid, namespace=namespace)
            conversation_id = session.get(SESSION_KEY)
            if not conversation_id or not isinstance(data, dict):
                return
            if data.get("session_id") not in (None, conversation_id):
                return
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            metadata = dict(metadata) if isinstance(metadata, dict) else {}
            # Set here, whatever the client sent under the same name.
            metadata[CLIENT_METADATA_KEY] = session.get(CLIENT_KEY) or ""
            await on_new_message(UserMessage(
                limited(data.get("message", "")), SocketIOOutput(sio, self.bot_message_evt),
                conversation_id, input_channel=self.name(), metadata=metadata))

        # Replace the handlers Rasa registered under the same events.
        sio.on("connect", connect, namespace=namespace)
        sio.on("session_request", session_request, namespace=namespace)
        sio.on(self.user_message_evt, handle_message, namespace=namespace)
        return socketio_webhook
