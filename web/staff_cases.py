"""The cases pages of the staff console: the overview with its filters and the search by
reference number, and one case with everything the visitor told and what staff do with it.
The rules are lotse.handover.cases'; who may see a case, and the record of every opening,
lotse.handover.access'. This module only reads forms and renders."""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import quote

from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from lotse.db import session_scope
from lotse.handover import cases
from lotse.handover.access import VIEW, case_for, latest_views
from lotse.handover.models import CASE_STATES, CLOSED, HandoverCase
from web.pages import bind_of, error_page, render
from web.staff_access import chosen_team, foreign_case, list_context, role_text, viewer_of
from web.staff_auth import Staff, form_text, staff_page

logger = logging.getLogger(__name__)

NO_SUCH_CASE = "Kein Fall mit dieser Referenznummer."
# What a refused staff member wanted to do, as the case page lists it ("wollte den Fall ...").
VIEW_ACTIONS = {VIEW: "öffnen", "claim": "übernehmen", "note": "mit einer Notiz versehen",
                "close": "als erledigt markieren", "reopen": "wieder öffnen"}


def case_url(reference: str) -> str:
    return f"/staff/cases/{quote(reference, safe='')}"


def _overview(request: Request, staff: Staff) -> Response:
    params = request.query_params
    reference = params.get("ref", "").strip()
    status = params.get("status") if params.get("status") in CASE_STATES else None
    with session_scope(bind_of(request)) as session:
        scope = viewer_of(session, staff).scope
        team = chosen_team(params, scope)
        if reference:
            found = cases.find_case(session, reference)
            if found is not None:
                # Another team's case too: its page answers 403 and records the attempt.
                return RedirectResponse(case_url(found.reference), status_code=303)
        return render(request, "staff_cases.html", {
            "staff": staff, "cases": cases.list_cases(session, team, status, scope=scope),
            **list_context(scope, team), "status": status or "", "states": CASE_STATES,
            "reference": reference, "not_found": NO_SUCH_CASE if reference else None})


@staff_page
async def overview(request: Request, staff: Staff) -> Response:
    return await run_in_threadpool(_overview, request, staff)


def _case_page(request: Request, staff: Staff) -> Response:
    with session_scope(bind_of(request)) as session:
        viewer = viewer_of(session, staff)
        access = case_for(session, request.path_params["reference"], viewer, VIEW)
        case = access.case
        if case is None:
            return error_page(request, 404, NO_SUCH_CASE, staff)
        if not access.allowed:
            logger.warning("case %s of team %s: view refused to %s", case.reference, case.team,
                           staff.username)
            return error_page(request, 403, foreign_case(case.team), staff)
        views, view_count = latest_views(session, case)
        return render(request, "staff_case.html", {
            "staff": staff, "case": case, "deliveries": cases.delivery_state(case), "notes": list(case.notes),
            "closed": case.status == CLOSED, "views": views, "view_count": view_count,
            "view_actions": VIEW_ACTIONS,
            "role": role_text(viewer.scope)})


@staff_page
async def case_page(request: Request, staff: Staff) -> Response:
    return await run_in_threadpool(_case_page, request, staff)


ACTIONS: dict[str, Callable[[HandoverCase, Staff, FormData], bool]] = {
    "claim": lambda case, staff, form: cases.claim(case, staff.display_name),
    "note": lambda case, staff, form: cases.add_note(case, staff.display_name, form_text(form, "text")),
    "close": lambda case, staff, form: cases.close(case),
    "reopen": lambda case, staff, form: cases.reopen(case),
}


def _act(bind: Engine | None, reference: str, action: str, staff: Staff,
         form: FormData) -> tuple[int, str]:
    """Apply the action: (303, the case's reference), (404, "") or (403, the refusal)."""
    with session_scope(bind) as session:
        access = case_for(session, reference, viewer_of(session, staff), action)
        case = access.case
        if case is None:
            return 404, ""
        if not access.allowed:
            logger.warning("case %s of team %s: %s refused to %s", case.reference, case.team, action,
                           staff.username)
            return 403, foreign_case(case.team)
        ACTIONS[action](case, staff, form)
        logger.info("case %s: %s by %s", case.reference, action, staff.username)
        return 303, case.reference


@staff_page
async def case_action(request: Request, staff: Staff) -> Response:
    action = request.path_params["action"]
    if action not in ACTIONS:
        return error_page(request, 404, "Diese Seite gibt es nicht.", staff)
    form = await request.form()
    status, outcome = await run_in_threadpool(_act, bind_of(request), request.path_params["reference"],
                                              action, staff, form)
    if status == 404:
        return error_page(request, 404, NO_SUCH_CASE, staff)
    if status == 403:
        return error_page(request, 403, outcome, staff)
    return RedirectResponse(case_url(outcome), status_code=303)


routes = [
    Route("/staff/", overview, methods=["GET"]),
    Route("/staff/cases/{reference}", case_page, methods=["GET"]),
    Route("/staff/cases/{reference}/{action}", case_action, methods=["POST"]),
]
