"""The conversation review of the staff console: stored conversations, masked, with what the
model understood; corrections that become training examples; the corrections that no trained
model contains yet. The rules are lotse.review's; this module reads forms and renders."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, QueryParams
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from lotse.clock import LOCAL_TIME
from lotse.config import Settings
from lotse.db import session_scope
from lotse.handover.offer import team_of
from lotse.knowledge import knowledge
from lotse.places import place_index
from lotse.privacy.conversations import tracker_engine
from lotse.review.corrections import OUT_OF_SCOPE, CorrectionRefused, Mark, Project, correct, not_yet_trained
from lotse.review.listing import PAGE_SIZE, Reviewer, ReviewFilter, default_since, find, review_list
from lotse.review.model_file import trained_at
from lotse.review.transcript import REASON_LABELS
from web.pages import bind_of, error_page, render, settings_of
from web.staff_access import role_text, viewer_of
from web.staff_auth import Staff, form_text, staff_page

logger = logging.getLogger(__name__)

NOT_FOUND = "Dieses Gespräch gibt es nicht (mehr): Es wurde gelöscht, oder es gehört zu einer anderen Region."
MARK_ROWS = 3
# The choice for a message that is about nothing the assistant offers.
OUT_OF_SCOPE_LABEL = "außerhalb des Themas"


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def _filter(params: QueryParams) -> ReviewFilter:
    since, until = _day(params.get("von")), _day(params.get("bis"))
    if since is None and until is None and "von" not in params:
        since = default_since()
    return ReviewFilter(since=since, until=until,
                        misunderstood=params.get("missverstanden") == "1",
                        handed_over=params.get("uebergeben") == "1",
                        region=params.get("region") or None, intent=params.get("absicht") or None)


def _project(settings: Settings) -> Project:
    return Project(settings.project_dir, settings.review_file)


def intent_choices(project: Project) -> list[tuple[str, str]]:
    """(intent, German label) for the correction's choice, "außerhalb des Themas" last."""
    labels = knowledge().intent_labels.data
    choices = [(i, f"{labels.get(i, i)} ({i})") for i in sorted(project.intents()) if i != OUT_OF_SCOPE]
    return [*choices, (OUT_OF_SCOPE, f"{OUT_OF_SCOPE_LABEL} ({OUT_OF_SCOPE})")]


@dataclass(frozen=True)
class _Reading:
    staff: Staff
    settings: Settings


def _reviewer(session: object, reading: _Reading) -> tuple[Reviewer, str]:
    scope = viewer_of(session, reading.staff).scope  # type: ignore[arg-type]
    settings = reading.settings
    reviewer = Reviewer(settings.conversation_signing_key, settings.review_confidence_threshold,
                        lambda region: scope.permits(team_of(region)))
    return reviewer, role_text(scope)


def _list_page(request: Request, staff: Staff) -> Response:
    settings, params = settings_of(request), request.query_params
    wanted = _filter(params)
    page = max(1, int(params.get("seite", "1"))) if params.get("seite", "1").isdigit() else 1
    with session_scope(bind_of(request)) as session:
        reviewer, role = _reviewer(session, _Reading(staff, settings))
        found = review_list(tracker_engine(settings.tracker_db_url), session, wanted, reviewer)
    shown = found[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    query = {k: v for k, v in params.items() if k != "seite"}
    return render(request, "staff_review_list.html", {
        "staff": staff, "role": role, "conversations": shown, "total": len(found), "page": page,
        "next_page": urlencode({**query, "seite": page + 1}) if page * PAGE_SIZE < len(found) else None,
        "previous_page": urlencode({**query, "seite": page - 1}) if page > 1 else None,
        "wanted": wanted, "reasons": REASON_LABELS, "intents": intent_choices(_project(settings)),
        "districts": sorted(place_index().districts.values(), key=lambda d: d.name)})


@staff_page
async def list_page(request: Request, staff: Staff) -> Response:
    return await run_in_threadpool(_list_page, request, staff)


def _conversation_page(request: Request, staff: Staff, error: str | None = None,
                       form: FormData | None = None) -> Response:
    settings = settings_of(request)
    handle = request.path_params["handle"]
    with session_scope(bind_of(request)) as session:
        reviewer, role = _reviewer(session, _Reading(staff, settings))
        conversation = find(tracker_engine(settings.tracker_db_url), session, handle, reviewer)
    if conversation is None:
        return error_page(request, 404, NOT_FOUND, staff)
    project = _project(settings)
    return render(request, "staff_review_conversation.html", {
        "staff": staff, "role": role, "conversation": conversation, "reasons": REASON_LABELS,
        "intents": intent_choices(project), "entities": project.entities(),
        "mark_rows": range(1, MARK_ROWS + 1),
        "error": error, "form": form, "saved": request.query_params.get("gespeichert")},
        status_code=400 if error else 200)


@staff_page
async def conversation_page(request: Request, staff: Staff) -> Response:
    return await run_in_threadpool(_conversation_page, request, staff)


def _marks(form: FormData) -> list[Mark]:
    marks = []
    for row in range(1, MARK_ROWS + 1):
        text, entity = form_text(form, f"markiert_{row}").strip(), form_text(form, f"angabe_{row}")
        if text and entity:
            marks.append(Mark(text, entity))
    return marks


def _correct(request: Request, staff: Staff, form: FormData) -> Response:
    settings = settings_of(request)
    handle = request.path_params["handle"]
    number = form_text(form, "nummer")
    with session_scope(bind_of(request)) as session:
        reviewer, _ = _reviewer(session, _Reading(staff, settings))
        conversation = find(tracker_engine(settings.tracker_db_url), session, handle, reviewer)
        turn = conversation.visitor_message(int(number)) if conversation and number.isdigit() else None
        if conversation is None or turn is None or turn.at is None:
            return error_page(request, 404, NOT_FOUND, staff)
        try:
            day = turn.at.astimezone(LOCAL_TIME).date()
            correction = correct(session, _project(settings), form_text(form, "satz"),
                                 form_text(form, "absicht"), _marks(form), day, staff.display_name)
        except CorrectionRefused as refused:
            session.rollback()
            return _conversation_page(request, staff, str(refused), form)
        logger.info("review correction %s by %s: intent %s", correction.id, staff.username, correction.intent)
    return RedirectResponse(f"/staff/gespraeche/{handle}?gespeichert={number}#nachricht-{number}",
                            status_code=303)


@staff_page
async def correction(request: Request, staff: Staff) -> Response:
    form = await request.form()
    return await run_in_threadpool(_correct, request, staff, form)


def _corrections_page(request: Request, staff: Staff) -> Response:
    settings = settings_of(request)
    trained = trained_at(settings.model_path)
    with session_scope(bind_of(request)) as session:
        role = role_text(viewer_of(session, staff).scope)
        pending = [(c.text, c.intent, c.origin_day, c.corrected_by, c.corrected_at)
                   for c in not_yet_trained(session, trained)]
    return render(request, "staff_review_corrections.html", {
        "staff": staff, "role": role, "pending": pending, "trained": trained,
        "review_file": settings.review_file.name})


@staff_page
async def corrections_page(request: Request, staff: Staff) -> Response:
    return await run_in_threadpool(_corrections_page, request, staff)


routes = [
    Route("/staff/gespraeche", list_page, methods=["GET"]),
    Route("/staff/gespraeche/korrekturen", corrections_page, methods=["GET"]),
    Route("/staff/gespraeche/{handle}", conversation_page, methods=["GET"]),
    Route("/staff/gespraeche/{handle}/korrektur", correction, methods=["POST"]),
]
