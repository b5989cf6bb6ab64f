"""The JSON endpoints behind a live chat page (web/static/staff/live.js): the conversation
from Rasa's tracker, take over, send, hand back.

Each change is committed in the lotse database first (lotse.handover.live_service), which is
what the visitor's widget reads (web.relay); only then is Rasa told (pause, the message,
resume). So a Rasa outage never loses a staff message: the answer is 502 with a German
explanation, and the visitor still gets the message.

Every endpoint first checks that the chat is the staff member's team's: another team's chat
answers 403 and nothing is changed or read.
"""

from __future__ import annotations

import json
import logging

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from lotse.handover.live_service import HAND_BACK, SEND, TAKE, change_chat, chat_state
from lotse.handover.summary import transcript
from web.pages import bind_of, rasa_of
from web.rasa_api import RasaUnavailable
from web.staff_auth import Staff, staff_api

logger = logging.getLogger(__name__)

BAD_REQUEST = "Die Anfrage ist unvollständig."
RASA_DOWN = {
    "events": "Der Gesprächsverlauf kann gerade nicht geladen werden: Der digitale Assistent ist nicht "
              "erreichbar. Nachrichten, die Sie schreiben, erreichen die Besucherin oder den Besucher "
              "trotzdem.",
    TAKE: "Sie haben den Chat übernommen, aber der digitale Assistent ist gerade nicht erreichbar und "
          "konnte nicht pausiert werden. Bitte versuchen Sie es gleich noch einmal.",
    SEND: "Ihre Nachricht hat die Besucherin oder den Besucher erreicht. Sie fehlt nur im "
          "Gesprächsverlauf des Assistenten, weil er gerade nicht erreichbar ist.",
    HAND_BACK: "Der Chat ist beendet, aber der digitale Assistent ist gerade nicht erreichbar und "
               "antwortet noch nicht wieder. Bitte versuchen Sie es gleich noch einmal.",
}


async def _apply(request: Request, staff: Staff, action: str, text: str = "") -> Response:
    chat_id = request.path_params["chat_id"]
    outcome = await run_in_threadpool(change_chat, bind_of(request), staff, chat_id, action, text)
    if outcome.status_code == 200 and outcome.events and outcome.conversation_id:
        try:
            await run_in_threadpool(rasa_of(request).append_events, outcome.conversation_id, outcome.events)
        except RasaUnavailable as error:
            logger.warning("live chat %s: %s failed in Rasa: %s", chat_id, action, error)
            return JSONResponse({**outcome.body, "error": RASA_DOWN[action]}, status_code=502)
    if outcome.status_code == 200:
        logger.info("live chat %s: %s by %s", chat_id, action, staff.username)
    return JSONResponse(outcome.body, status_code=outcome.status_code)


@staff_api
async def take(request: Request, staff: Staff) -> Response:
    return await _apply(request, staff, TAKE)


@staff_api
async def send(request: Request, staff: Staff) -> Response:
    try:
        payload = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        payload = None
    if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
        return JSONResponse({"error": BAD_REQUEST}, status_code=400)
    return await _apply(request, staff, SEND, payload["text"])


@staff_api
async def hand_back(request: Request, staff: Staff) -> Response:
    return await _apply(request, staff, HAND_BACK)


@staff_api
async def events(request: Request, staff: Staff) -> Response:
    found = await run_in_threadpool(chat_state, bind_of(request), staff, request.path_params["chat_id"])
    if found.status_code != 200 or found.conversation_id is None:
        return JSONResponse(found.body, status_code=found.status_code)
    state, conversation_id = found.body, found.conversation_id
    try:
        tracker = await run_in_threadpool(rasa_of(request).tracker_events, conversation_id)
    except RasaUnavailable as error:
        logger.warning("live chat %s: tracker not readable: %s", request.path_params["chat_id"], error)
        return JSONResponse({**state, "messages": [], "error": RASA_DOWN["events"]}, status_code=502)
    return JSONResponse({**state, "messages": transcript(tracker)})


routes = [
    Route("/staff/live/{chat_id:int}/events", events, methods=["GET"]),
    Route("/staff/live/{chat_id:int}/take", take, methods=["POST"]),
    Route("/staff/live/{chat_id:int}/send", send, methods=["POST"]),
    Route("/staff/live/{chat_id:int}/handback", hand_back, methods=["POST"]),
]
