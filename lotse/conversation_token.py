"""A conversation belongs to the browser that started it.

The web process issues a conversation id together with a token: an HMAC-SHA256 of the id
under the server's CONVERSATION_SIGNING_KEY. Rasa's socket.io channel (rasa_addons/) and the
web process's `/chat/<id>/...` accept a conversation only with its token, so knowing an id
(from a screenshot, a log, a shared link) is not enough to read or delete a conversation.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from urllib.parse import urlsplit

# Ids the widget and the staff console accept (the web process makes 32 hex characters).
CONVERSATION_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")
_PURPOSE = b"lotse-conversation:"


def sign(key: str, conversation_id: str) -> str:
    """The token of a conversation id under `key` (URL-safe, 43 characters)."""
    if not key:
        raise ValueError("CONVERSATION_SIGNING_KEY fehlt (make run legt ihn in .env an).")
    digest = hmac.new(key.encode(), _PURPOSE + conversation_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def is_valid(key: str, conversation_id: object, token: object) -> bool:
    """Whether `token` was issued for `conversation_id` under `key` (constant-time)."""
    if not key or not isinstance(conversation_id, str) or not isinstance(token, str):
        return False
    if not CONVERSATION_ID.fullmatch(conversation_id) or len(token) > 128:
        return False
    return hmac.compare_digest(sign(key, conversation_id).encode(), token.encode())


def new_conversation(key: str) -> tuple[str, str]:
    """A fresh random conversation id and its token."""
    conversation_id = secrets.token_hex(16)
    return conversation_id, sign(key, conversation_id)


def allowed_origins(environ: Mapping[str, str]) -> frozenset[str]:
    """The sites whose pages may open the chat (Origin header): SITE_ORIGINS (comma-separated),
    else PUBLIC_URL's origin, else the local web process (`make run`)."""
    listed = [o.strip().rstrip("/") for o in (environ.get("SITE_ORIGINS") or "").split(",") if o.strip()]
    if listed:
        return frozenset(listed)
    public = urlsplit(environ.get("PUBLIC_URL") or "")
    if public.scheme and public.netloc:
        return frozenset({f"{public.scheme}://{public.netloc}"})
    port = environ.get("WEB_PORT") or "8000"
    return frozenset({f"http://localhost:{port}", f"http://127.0.0.1:{port}"})


def origin_allowed(origin: str | None, allowed: frozenset[str]) -> bool:
    """A request without Origin comes from no browser page (or a same-origin GET): allowed;
    one with Origin only from an allowed site."""
    return origin is None or origin.rstrip("/") in allowed


# Where the socket.io channel puts the visitor's key in a message's metadata (for limits that
# must hold across conversations, such as the erasure form's).
CLIENT_METADATA_KEY = "lotse_client"


def client_key(signing_key: str, address: str) -> str:
    """A key for the visitor's address that does not reveal it (HMAC under the server key)."""
    return hmac.new(signing_key.encode(), b"client:" + address.encode(), hashlib.sha256).hexdigest()[:32]
