"""The live chat pages of the staff console: the open chats with their waiting time, the
availability toggle, and one chat (its JSON endpoints are in web.staff_live_api).

A staff member sees only the chats of their own team and those without one (an admin: all);
every page and endpoint of a chat checks this, not only the list, since chat ids are counted.
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from lotse.clock import as_utc, utcnow
from lotse.db import session_scope
from lotse.handover.live import ACTIVE, ENDED, EXPIRED, WAITING, LiveChat, open_chats
from lotse.staff.models import StaffAccount
from lotse.staff.permissions import scope_of
from lotse.staff.presence import is_available, set_available
from web.pages import bind_of, error_page, render, wants_json
from web.staff_access import chosen_team, foreign_chat, list_context, role_text
from web.staff_auth import Staff, form_text, staff_page

logger = logging.getLogger(__name__)

# How a chat's state reads for staff.
LIVE_STATES = {WAITING: "wartet", ACTIVE: "im Gespräch", ENDED: "beendet",
               EXPIRED: "beendet – es war niemand frei"}
NO_SUCH_CHAT = "Diesen Live-Chat gibt es nicht."


def waiting_minutes(chat: LiveChat) -> int:
    return max(0, int((utcnow() - as_utc(chat.requested_at)).total_seconds() // 60))


def permitted_chat(session: Session, chat_id: int, staff: Staff) -> tuple[LiveChat | None, bool]:
    """The chat and whether the staff member may see and act on it (a refusal is logged)."""
    chat = session.get(LiveChat, chat_id)
    if chat is None:
        return None, False
    allowed = scope_of(session, staff.account_id).permits(chat.team)
    if not allowed:
        logger.warning("live chat %s of team %s refused to %s", chat_id, chat.team, staff.username)
    return chat, allowed


def _chats_page(request: Request, staff: Staff) -> Response:
    with session_scope(bind_of(request)) as session:
        scope = scope_of(session, staff.account_id)
        team = chosen_team(request.query_params, scope)
        chats = [(chat, waiting_minutes(chat)) for chat in open_chats(session, team, scope)]
        return render(request, "staff_live_list.html", {
            "staff": staff, "chats": chats, **list_context(scope, team), "states": LIVE_STATES})


@staff_page
async def chats_page(request: Request, staff: Staff) -> Response:
    return await run_in_threadpool(_chats_page, request, staff)


def _presence(bind: Engine | None, staff: Staff, form: FormData) -> bool:
    """Switch availability, or renew it (the page's script) only while it is still on: a tab
    left open must not switch it back on after the staff member switched it off."""
    with session_scope(bind) as session:
        account = session.get(StaffAccount, staff.account_id)
        if account is None:
            return False
        if form_text(form, "renew"):
            if is_available(account):
                set_available(account, True)
        else:
            set_available(account, form_text(form, "available") == "1")
        return is_available(account)


@staff_page
async def presence(request: Request, staff: Staff) -> Response:
    available = await run_in_threadpool(_presence, bind_of(request), staff, await request.form())
    if wants_json(request):
        return JSONResponse({"available": available})
    return RedirectResponse("/staff/live/", status_code=303)


def _chat_page(request: Request, staff: Staff) -> Response:
    with session_scope(bind_of(request)) as session:
        chat, allowed = permitted_chat(session, request.path_params["chat_id"], staff)
        if chat is None:
            return error_page(request, 404, NO_SUCH_CHAT, staff)
        if not allowed:
            return error_page(request, 403, foreign_chat(chat.team), staff)
        return render(request, "staff_live_chat.html", {
            "staff": staff, "chat": chat, "waiting": waiting_minutes(chat), "states": LIVE_STATES,
            "role": role_text(scope_of(session, staff.account_id))})


@staff_page
async def chat_page(request: Request, staff: Staff) -> Response:
    return await run_in_threadpool(_chat_page, request, staff)


routes = [
    Route("/staff/live/", chats_page, methods=["GET"]),
    Route("/staff/presence", presence, methods=["POST"]),
    Route("/staff/live/{chat_id:int}", chat_page, methods=["GET"]),
]
