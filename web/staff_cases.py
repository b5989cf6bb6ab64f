"""The cases pages of the staff console: the overview with its filters and the search by
reference number, and one case with everything the visitor told and what staff do with it.
The use cases are lotse.handover.console's; this module only reads forms and renders."""

from __future__ import annotations

from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from lotse.handover.access import VIEW
from lotse.handover.console import CASE_ACTIONS, NO_SUCH_CASE, act_on_case, case_details, case_overview
from lotse.handover.models import CASE_STATES
from lotse.staff.console import Refusal
from web.pages import bind_of, error_page, render
from web.staff_access import list_context, role_text
from web.staff_auth import Staff, form_text, staff_page

# What a refused staff member wanted to do, as the case page lists it ("wollte den Fall ...").
VIEW_ACTIONS = {VIEW: "öffnen", "claim": "übernehmen", "note": "mit einer Notiz versehen",
                "close": "als erledigt markieren", "reopen": "wieder öffnen"}


def case_url(reference: str) -> str:
    return f"/staff/cases/{quote(reference, safe='')}"


@staff_page
async def overview(request: Request, staff: Staff) -> Response:
    params = request.query_params
    reference = params.get("ref", "").strip()
    found = await run_in_threadpool(case_overview, bind_of(request), staff, reference, params.get("status"),
                                    params.get("team"))
    if found.found is not None:
        return RedirectResponse(case_url(found.found), status_code=303)
    return render(request, "staff_cases.html", {
        "staff": staff, "cases": found.cases, **list_context(found.scope, found.team),
        "status": found.status or "", "states": CASE_STATES,
        "reference": reference, "not_found": NO_SUCH_CASE if reference else None})


@staff_page
async def case_page(request: Request, staff: Staff) -> Response:
    page = await run_in_threadpool(case_details, bind_of(request), staff, request.path_params["reference"])
    if isinstance(page, Refusal):
        return error_page(request, page.status_code, page.message, staff)
    return render(request, "staff_case.html", {
        "staff": staff, "case": page.case, "deliveries": page.deliveries, "notes": page.notes,
        "closed": page.closed, "views": page.views, "view_count": page.view_count,
        "view_actions": VIEW_ACTIONS, "role": role_text(page.scope)})


@staff_page
async def case_action(request: Request, staff: Staff) -> Response:
    action = request.path_params["action"]
    if action not in CASE_ACTIONS:
        return error_page(request, 404, "Diese Seite gibt es nicht.", staff)
    form = await request.form()
    outcome = await run_in_threadpool(act_on_case, bind_of(request), staff, request.path_params["reference"],
                                      action, form_text(form, "text"))
    if isinstance(outcome, Refusal):
        return error_page(request, outcome.status_code, outcome.message, staff)
    return RedirectResponse(case_url(outcome), status_code=303)


routes = [
    Route("/staff/", overview, methods=["GET"]),
    Route("/staff/cases/{reference}", case_page, methods=["GET"]),
    Route("/staff/cases/{reference}/{action}", case_action, methods=["POST"]),
]
