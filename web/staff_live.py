"""The live chat pages of the staff console: the open chats with their waiting time, the
availability toggle, and one chat (its JSON endpoints are in web.staff_live_api)."""

from __future__ import annotations

from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from lotse.clock import as_utc, utcnow
from lotse.db import session_scope
from lotse.handover.live import ACTIVE, ENDED, EXPIRED, WAITING, LiveChat, open_chats
from lotse.offices import directory
from lotse.staff.models import StaffAccount
from lotse.staff.presence import is_available, set_available
from web.pages import bind_of, error_page, render, wants_json
from web.staff_auth import Staff, form_text, staff_page
from web.staff_cases import chosen_team

# How a chat's state reads for staff.
LIVE_STATES = {WAITING: "wartet", ACTIVE: "im Gespräch", ENDED: "beendet",
               EXPIRED: "beendet – es war niemand frei"}
NO_SUCH_CHAT = "Diesen Live-Chat gibt es nicht."


def waiting_minutes(chat: LiveChat) -> int:
    return max(0, int((utcnow() - as_utc(chat.requested_at)).total_seconds() // 60))


def _chats_page(request: Request, staff: Staff) -> Response:
    team = chosen_team(request.query_params, staff)
    with session_scope(bind_of(request)) as session:
        chats = [(chat, waiting_minutes(chat)) for chat in open_chats(session, team)]
        return render(request, "staff_live_list.html", {
            "staff": staff, "chats": chats, "teams": directory().teams(), "team": team or "alle",
            "states": LIVE_STATES})


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
        chat = session.get(LiveChat, request.path_params["chat_id"])
        if chat is None:
            return error_page(request, 404, NO_SUCH_CHAT, staff)
        return render(request, "staff_live_chat.html", {
            "staff": staff, "chat": chat, "waiting": waiting_minutes(chat), "states": LIVE_STATES})


@staff_page
async def chat_page(request: Request, staff: Staff) -> Response:
    return await run_in_threadpool(_chat_page, request, staff)


routes = [
    Route("/staff/live/", chats_page, methods=["GET"]),
    Route("/staff/presence", presence, methods=["POST"]),
    Route("/staff/live/{chat_id:int}", chat_page, methods=["GET"]),
]
