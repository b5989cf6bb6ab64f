"""The live chat pages of the staff console: the open chats with their waiting time, the
availability toggle, and one chat (its JSON endpoints are in web.staff_live_api).

Who may see which chat is decided by the use cases (lotse.handover.live_service); this
module reads the request and renders.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from lotse.handover.live_service import LIVE_STATES, chat_details, open_chat_list
from lotse.staff.console import Refusal
from lotse.staff.service import switch_presence
from web.pages import bind_of, error_page, render, wants_json
from web.staff_access import list_context, role_text
from web.staff_auth import Staff, form_text, staff_page


@staff_page
async def chats_page(request: Request, staff: Staff) -> Response:
    found = await run_in_threadpool(open_chat_list, bind_of(request), staff, request.query_params.get("team"))
    return render(request, "staff_live_list.html", {
        "staff": staff, "chats": found.chats, **list_context(found.scope, found.team), "states": LIVE_STATES})


@staff_page
async def presence(request: Request, staff: Staff) -> Response:
    form = await request.form()
    available = await run_in_threadpool(switch_presence, bind_of(request), staff.account_id,
                                        bool(form_text(form, "renew")), form_text(form, "available") == "1")
    if wants_json(request):
        return JSONResponse({"available": available})
    return RedirectResponse("/staff/live/", status_code=303)


@staff_page
async def chat_page(request: Request, staff: Staff) -> Response:
    page = await run_in_threadpool(chat_details, bind_of(request), staff, request.path_params["chat_id"])
    if isinstance(page, Refusal):
        return error_page(request, page.status_code, page.message, staff)
    return render(request, "staff_live_chat.html", {
        "staff": staff, "chat": page.chat, "waiting": page.chat.waiting_minutes, "states": LIVE_STATES,
        "role": role_text(page.scope)})


routes = [
    Route("/staff/live/", chats_page, methods=["GET"]),
    Route("/staff/presence", presence, methods=["POST"]),
    Route("/staff/live/{chat_id:int}", chat_page, methods=["GET"]),
]
