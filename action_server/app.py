"""rasa-sdk's Sanic app, reachable only by Rasa.

rasa-sdk accepts any `POST /webhook` from anyone who reaches its port, on all interfaces;
its error handler logs the request and sends the request body back. Here:

- every call but `GET /health` must carry the shared secret (header ACTION_SECRET_HEADER,
  compared in constant time); Rasa sends it from `endpoints.yml`;
- bodies are limited (Sanic's REQUEST_MAX_SIZE answers 413 before the body is read in full),
  and a deflate body may not unpack to more than the same limit (no deflate bomb); other
  encodings are refused;
- an action that raises is logged with its name and the exception's type only: no message
  text, slot or argument reaches the log or the answer.
"""

from __future__ import annotations

import hmac
import json
import logging
import zlib

from rasa_sdk.endpoint import create_app
from sanic import Sanic
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse
from sanic.response import json as json_response

from lotse.redaction.safe_log import action_failure_line

ACTION_SECRET_HEADER = "X-Lotse-Action-Secret"
OPEN_PATHS = frozenset({"/health"})
DEFAULT_MAX_BODY_BYTES = 1024 * 1024

log = logging.getLogger("lotse.action_server")


def unpacked_size_within(body: bytes, limit: int) -> bool:
    """Whether a deflate body unpacks to at most `limit` bytes (without unpacking more)."""
    unpacker = zlib.decompressobj()
    try:
        unpacker.decompress(body, limit + 1)
    except zlib.error:
        return False
    return unpacker.eof and not unpacker.unconsumed_tail


def action_name_of(request: Request) -> str:
    """The name of the action a call asked for, if it can be read; nothing else of the call."""
    try:
        body = request.body
        if request.headers.get("Content-Encoding") == "deflate":
            body = zlib.decompress(body)
        name = json.loads(body).get("next_action")
    except (ValueError, AttributeError, zlib.error):
        return "?"
    return name if isinstance(name, str) and name.isidentifier() else "?"


def locked_app(secret: str, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
               package: str = "actions") -> Sanic:
    """rasa-sdk's app for `package`, answering only callers that know `secret`."""
    if not secret:
        raise ValueError("ACTION_SERVER_SECRET fehlt: ohne Geheimnis nimmt der Aktionsserver "
                         "keine Aufrufe an (make run legt es in .env an).")
    app = create_app(package, cors_origins=[])
    app.config.REQUEST_MAX_SIZE = max_body_bytes
    expected = secret.encode()

    @app.on_request
    async def only_rasa(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        given = (request.headers.get(ACTION_SECRET_HEADER) or "").encode()
        if not hmac.compare_digest(given, expected):
            return json_response({"error": "unauthorized"}, status=401)
        encoding = (request.headers.get("Content-Encoding") or "identity").lower()
        if encoding == "deflate":
            if not unpacked_size_within(request.body, max_body_bytes):
                return json_response({"error": "body too large or malformed"}, status=413)
        elif encoding != "identity":
            return json_response({"error": "unsupported encoding"}, status=415)
        return None

    @app.exception(Exception)
    async def quiet_error(request: Request, exception: Exception) -> HTTPResponse:
        if isinstance(exception, SanicException):
            return json_response({"error": type(exception).__name__}, status=exception.status_code)
        log.error(action_failure_line(action_name_of(request), exception))
        return json_response({"error": "action failed"}, status=500)

    return app
