"""The cases pages of the staff console: the overview with its filters and the search by
reference number, and one case with everything the visitor told and what staff do with it.
The rules are lotse.handover.cases'; this module only reads forms and renders."""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import quote

from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, QueryParams
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from lotse.db import session_scope
from lotse.handover import cases
from lotse.handover.models import CASE_STATES, CLOSED, HandoverCase
from lotse.offices import directory
from web.pages import bind_of, error_page, render
from web.staff_auth import Staff, form_text, staff_page

logger = logging.getLogger(__name__)

ALL_TEAMS = "alle"
NO_SUCH_CASE = "Kein Fall mit dieser Referenznummer."


def chosen_team(params: QueryParams, staff: Staff) -> str | None:
    """The team filter: as asked, else the staff member's own team; None means all teams."""
    asked = params.get("team")
    if asked == ALL_TEAMS:
        return None
    if asked in {office.key for office in directory().teams()}:
        return asked
    return staff.team


def case_url(reference: str) -> str:
    return f"/staff/cases/{quote(reference, safe='')}"


def _overview(request: Request, staff: Staff) -> Response:
    params = request.query_params
    reference = params.get("ref", "").strip()
    team = chosen_team(params, staff)
    status = params.get("status") if params.get("status") in CASE_STATES else None
    with session_scope(bind_of(request)) as session:
        if reference:
            found = cases.find_case(session, reference)
            if found is not None:
                return RedirectResponse(case_url(found.reference), status_code=303)
        return render(request, "staff_cases.html", {
            "staff": staff, "cases": cases.list_cases(session, team, status), "teams": directory().teams(),
            "team": team or ALL_TEAMS, "status": status or "", "states": CASE_STATES,
            "reference": reference, "not_found": NO_SUCH_CASE if reference else None})


@staff_page
async def overview(request: Request, staff: Staff) -> Response:
    return await run_in_threadpool(_overview, request, staff)


def _case_page(request: Request, staff: Staff) -> Response:
    with session_scope(bind_of(request)) as session:
        case = cases.find_case(session, request.path_params["reference"])
        if case is None:
            return error_page(request, 404, NO_SUCH_CASE, staff)
        return render(request, "staff_case.html", {
            "staff": staff, "case": case, "deliveries": cases.delivery_state(case), "notes": list(case.notes),
            "closed": case.status == CLOSED})


@staff_page
async def case_page(request: Request, staff: Staff) -> Response:
    return await run_in_threadpool(_case_page, request, staff)


ACTIONS: dict[str, Callable[[HandoverCase, Staff, FormData], bool]] = {
    "claim": lambda case, staff, form: cases.claim(case, staff.display_name),
    "note": lambda case, staff, form: cases.add_note(case, staff.display_name, form_text(form, "text")),
    "close": lambda case, staff, form: cases.close(case),
    "reopen": lambda case, staff, form: cases.reopen(case),
}


def _act(bind: Engine | None, reference: str, action: str, staff: Staff, form: FormData) -> str | None:
    """Apply the action; the case's reference, or None when there is no such case."""
    with session_scope(bind) as session:
        case = cases.find_case(session, reference)
        if case is None:
            return None
        ACTIONS[action](case, staff, form)
        logger.info("case %s: %s by %s", case.reference, action, staff.username)
        return case.reference


@staff_page
async def case_action(request: Request, staff: Staff) -> Response:
    action = request.path_params["action"]
    if action not in ACTIONS:
        return error_page(request, 404, "Diese Seite gibt es nicht.", staff)
    form = await request.form()
    reference = await run_in_threadpool(_act, bind_of(request), request.path_params["reference"], action,
                                        staff, form)
    if reference is None:
        return error_page(request, 404, NO_SUCH_CASE, staff)
    return RedirectResponse(case_url(reference), status_code=303)


routes = [
    Route("/staff/", overview, methods=["GET"]),
    Route("/staff/cases/{reference}", case_page, methods=["GET"]),
    Route("/staff/cases/{reference}/{action}", case_action, methods=["POST"]),
]
