"""The visitor's side of the chat in the web process: a new conversation (its id and the
token that binds it to this browser), the staff messages and notices of a live chat, and
"Verlauf löschen". No login: every request about a conversation must carry its token
(header TOKEN_HEADER), and requests from a page of another site (Origin) are refused."""

from __future__ import annotations

import re
from datetime import timedelta

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from lotse.conversation_token import is_valid, new_conversation, origin_allowed
from lotse.handover.live_service import widget_messages
from lotse.privacy.service import clear_widget_history
from web.pages import bind_of, settings_of
from web.security import NO_STORE

CONVERSATION_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")
TOKEN_HEADER = "X-Lotse-Conversation-Token"
MESSAGE_ID = re.compile(r"[0-9]{1,18}")


def _refused(request: Request, conversation_id: str) -> Response | None:
    """The answer to a request that may not touch this conversation, else None. A made-up id
    and a wrong token get the same answer, so nothing tells whether a conversation exists."""
    settings = settings_of(request)
    if not origin_allowed(request.headers.get("origin"), settings.site_origins):
        return JSONResponse({"error": "Nicht erlaubt."}, status_code=403, headers=NO_STORE)
    token = request.headers.get(TOKEN_HEADER)
    if not CONVERSATION_ID.fullmatch(conversation_id) or not is_valid(
            settings.conversation_signing_key, conversation_id, token):
        return JSONResponse({"error": "Unbekanntes Gespräch."}, status_code=404, headers=NO_STORE)
    return None


async def start_conversation(request: Request) -> Response:
    """A new conversation for the widget: a random id and its token."""
    settings = settings_of(request)
    if not origin_allowed(request.headers.get("origin"), settings.site_origins):
        return JSONResponse({"error": "Nicht erlaubt."}, status_code=403, headers=NO_STORE)
    if not settings.conversation_signing_key:
        return JSONResponse({"error": "Der Chat ist nicht eingerichtet."}, status_code=503, headers=NO_STORE)
    conversation_id, token = new_conversation(settings.conversation_signing_key)
    return JSONResponse({"sessionId": conversation_id, "token": token}, headers=NO_STORE)


async def visitor_messages(request: Request) -> Response:
    conversation_id = request.path_params["conversation_id"]
    refused = _refused(request, conversation_id)
    if refused is not None:
        return refused
    after_text = request.query_params.get("after", "0") or "0"
    if not MESSAGE_ID.fullmatch(after_text):
        return JSONResponse({"error": "Ungültiger Parameter 'after'."}, status_code=400, headers=NO_STORE)
    wait = timedelta(minutes=settings_of(request).live_chat_wait_minutes)
    body = await run_in_threadpool(widget_messages, bind_of(request), conversation_id, int(after_text), wait)
    return JSONResponse(body, headers=NO_STORE)


async def forget(request: Request) -> Response:
    """"Verlauf löschen" in the widget: the conversation is deleted here too (a case stays)."""
    conversation_id = request.path_params["conversation_id"]
    refused = _refused(request, conversation_id)
    if refused is not None:
        return refused
    await run_in_threadpool(clear_widget_history, bind_of(request), conversation_id)
    return Response(status_code=204, headers=NO_STORE)


routes = [Route("/chat/session", start_conversation, methods=["POST"]),
          Route("/chat/{conversation_id}/messages", visitor_messages, methods=["GET"]),
          Route("/chat/{conversation_id}/forget", forget, methods=["POST"])]
