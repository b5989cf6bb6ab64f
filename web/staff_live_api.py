"""The JSON endpoints behind a live chat page (web/static/staff/live.js): the conversation
from Rasa's tracker, take over, send, hand back.

Each change is committed in the lotse database first, which is what the visitor's widget
reads (web.relay); only then is Rasa told (pause, the message, resume). So a Rasa outage
never loses a staff message: the answer is 502 with a German explanation, and the visitor
still gets the message.

Every endpoint first checks that the chat is the staff member's team's (web.staff_live):
another team's chat answers 403 and nothing is changed or read.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from lotse.clock import as_utc, utcnow
from lotse.db import session_scope
from lotse.handover import live
from lotse.handover.live import ACTIVE, ENDED, LiveChat
from lotse.handover.summary import transcript
from lotse.staff.models import StaffAccount
from web.pages import bind_of, rasa_of
from web.rasa_api import RasaUnavailable
from web.staff_access import foreign_chat
from web.staff_auth import Staff, staff_api
from web.staff_live import LIVE_STATES, NO_SUCH_CHAT, permitted_chat

logger = logging.getLogger(__name__)

TAKEN = "Diesen Chat hat schon {name} übernommen."
NOT_WAITING = "Dieser Chat wartet nicht mehr auf eine Übernahme."
NOT_YOURS = "Dieser Chat ist nicht (mehr) bei Ihnen."
EMPTY = "Bitte schreiben Sie eine Nachricht."
BAD_REQUEST = "Die Anfrage ist unvollständig."
RASA_DOWN = {
    "events": "Der Gesprächsverlauf kann gerade nicht geladen werden: Der digitale Assistent ist nicht "
              "erreichbar. Nachrichten, die Sie schreiben, erreichen die Besucherin oder den Besucher "
              "trotzdem.",
    "take": "Sie haben den Chat übernommen, aber der digitale Assistent ist gerade nicht erreichbar und "
            "konnte nicht pausiert werden. Bitte versuchen Sie es gleich noch einmal.",
    "send": "Ihre Nachricht hat die Besucherin oder den Besucher erreicht. Sie fehlt nur im "
            "Gesprächsverlauf des Assistenten, weil er gerade nicht erreichbar ist.",
    "handback": "Der Chat ist beendet, aber der digitale Assistent ist gerade nicht erreichbar und "
                "antwortet noch nicht wieder. Bitte versuchen Sie es gleich noch einmal.",
}


@dataclass
class Outcome:
    """What a change in the lotse database led to, and what Rasa is to be told about it."""

    status_code: int
    body: dict[str, Any]
    conversation_id: str | None = None
    events: list[dict[str, Any]] = field(default_factory=list)


def _failure(status_code: int, message: str) -> Outcome:
    return Outcome(status_code, {"error": message})


def _staff_event(text: str, name: str | None, at: datetime) -> dict[str, Any]:
    """A bot event marked as written by a person; lotse.handover.summary reads it as staff."""
    return {"event": "bot", "text": text, "metadata": {"staff": name or "staff"},
            "timestamp": as_utc(at).timestamp()}


def _control(kind: str) -> dict[str, Any]:
    return {"event": kind, "timestamp": utcnow().timestamp()}


def _state(chat: LiveChat, staff: Staff) -> dict[str, Any]:
    return {"status": chat.status, "status_label": LIVE_STATES.get(chat.status, chat.status),
            "staff_name": chat.staff_name, "mine": chat.staff_id == staff.account_id}


def _change(bind: Engine | None, chat_id: int, staff: Staff, action: str, text: str = "") -> Outcome:
    with session_scope(bind) as session:
        chat, allowed = permitted_chat(session, chat_id, staff)
        account = session.get(StaffAccount, staff.account_id)
        if chat is None or account is None:
            return _failure(404, NO_SUCH_CHAT)
        if not allowed:
            return _failure(403, foreign_chat(chat.team))
        return CHANGES[action](session, chat, account, staff, text)


def _take(session: Session, chat: LiveChat, account: StaffAccount, staff: Staff, text: str) -> Outcome:
    already_theirs = chat.status == ACTIVE and chat.staff_id == account.id
    if not live.take_over(session, chat, account):
        return _failure(409, TAKEN.format(name=chat.staff_name) if chat.status == ACTIVE else NOT_WAITING)
    events = [_control("pause")]
    if not already_theirs:
        notice = live.last_notice(session, chat)
        if notice is not None:
            events.append(_staff_event(notice.text, chat.staff_name, notice.created_at))
    # Taking over again (after Rasa was down) only repeats the pause, which is harmless.
    return Outcome(200, _state(chat, staff), chat.conversation_id, events)


def _send(session: Session, chat: LiveChat, account: StaffAccount, staff: Staff, text: str) -> Outcome:
    if not text.strip():
        return _failure(400, EMPTY)
    message = live.send(session, chat, account, text)
    if message is None:
        return _failure(409, NOT_YOURS)
    return Outcome(200, {"message": message.as_json()}, chat.conversation_id,
                   [_staff_event(message.text, message.author, message.created_at)])


def _hand_back(session: Session, chat: LiveChat, account: StaffAccount, staff: Staff, text: str) -> Outcome:
    if chat.staff_id != account.id or chat.status not in (ACTIVE, ENDED):
        return _failure(409, NOT_YOURS)
    events = [_control("resume")]
    notice = live.hand_back(session, chat)
    if notice is not None:
        events.append(_staff_event(notice.text, chat.staff_name, notice.created_at))
    # Handing back an ended chat again (after Rasa was down) only repeats the resume.
    return Outcome(200, _state(chat, staff), chat.conversation_id, events)


CHANGES = {"take": _take, "send": _send, "handback": _hand_back}


async def _apply(request: Request, staff: Staff, action: str, text: str = "") -> Response:
    chat_id = request.path_params["chat_id"]
    outcome = await run_in_threadpool(_change, bind_of(request), chat_id, staff, action, text)
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
    return await _apply(request, staff, "take")


@staff_api
async def send(request: Request, staff: Staff) -> Response:
    try:
        payload = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        payload = None
    if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
        return JSONResponse({"error": BAD_REQUEST}, status_code=400)
    return await _apply(request, staff, "send", payload["text"])


@staff_api
async def hand_back(request: Request, staff: Staff) -> Response:
    return await _apply(request, staff, "handback")


def _chat_state(bind: Engine | None, chat_id: int, staff: Staff) -> Outcome:
    with session_scope(bind) as session:
        chat, allowed = permitted_chat(session, chat_id, staff)
        if chat is None:
            return _failure(404, NO_SUCH_CHAT)
        if not allowed:
            return _failure(403, foreign_chat(chat.team))
        return Outcome(200, _state(chat, staff), chat.conversation_id)


@staff_api
async def events(request: Request, staff: Staff) -> Response:
    found = await run_in_threadpool(_chat_state, bind_of(request), request.path_params["chat_id"], staff)
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
