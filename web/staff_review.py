"""The conversation review of the staff console: stored conversations, masked, with what the
model understood; corrections that become training examples; the corrections that no trained
model contains yet. The use cases and rules are lotse.review's (lotse.review.service); this
module reads forms and renders."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, QueryParams
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from lotse.places import place_index
from lotse.review.corrections import Mark
from lotse.review.listing import PAGE_SIZE, ReviewFilter, default_since
from lotse.review.service import (
    CorrectionForm,
    pending_corrections,
    record_correction,
    review_conversation,
    review_listing,
)
from lotse.review.transcript import REASON_LABELS
from lotse.staff.console import Refusal
from web.pages import bind_of, error_page, render, settings_of
from web.staff_access import role_text
from web.staff_auth import Staff, form_text, staff_page

MARK_ROWS = 3


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


@staff_page
async def list_page(request: Request, staff: Staff) -> Response:
    params = request.query_params
    wanted = _filter(params)
    page = max(1, int(params.get("seite", "1"))) if params.get("seite", "1").isdigit() else 1
    listing = await run_in_threadpool(review_listing, bind_of(request), staff, settings_of(request), wanted)
    found = listing.conversations
    shown = found[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    query = {k: v for k, v in params.items() if k != "seite"}
    return render(request, "staff_review_list.html", {
        "staff": staff, "role": role_text(listing.scope), "conversations": shown, "total": len(found),
        "page": page,
        "next_page": urlencode({**query, "seite": page + 1}) if page * PAGE_SIZE < len(found) else None,
        "previous_page": urlencode({**query, "seite": page - 1}) if page > 1 else None,
        "wanted": wanted, "reasons": REASON_LABELS, "intents": listing.intents,
        "districts": sorted(place_index().districts.values(), key=lambda d: d.name)})


async def _conversation_page(request: Request, staff: Staff, error: str | None = None,
                             form: FormData | None = None) -> Response:
    review = await run_in_threadpool(review_conversation, bind_of(request), staff, settings_of(request),
                                     request.path_params["handle"])
    if isinstance(review, Refusal):
        return error_page(request, review.status_code, review.message, staff)
    return render(request, "staff_review_conversation.html", {
        "staff": staff, "role": role_text(review.scope), "conversation": review.conversation,
        "reasons": REASON_LABELS, "intents": review.intents, "entities": review.entities,
        "mark_rows": range(1, MARK_ROWS + 1),
        "error": error, "form": form, "saved": request.query_params.get("gespeichert")},
        status_code=400 if error else 200)


@staff_page
async def conversation_page(request: Request, staff: Staff) -> Response:
    return await _conversation_page(request, staff)


def _marks(form: FormData) -> list[Mark]:
    marks = []
    for row in range(1, MARK_ROWS + 1):
        text, entity = form_text(form, f"markiert_{row}").strip(), form_text(form, f"angabe_{row}")
        if text and entity:
            marks.append(Mark(text, entity))
    return marks


@staff_page
async def correction(request: Request, staff: Staff) -> Response:
    form = await request.form()
    handle, number = request.path_params["handle"], form_text(form, "nummer")
    sent = CorrectionForm(handle, number, form_text(form, "satz"), form_text(form, "absicht"), _marks(form))
    refusal = await run_in_threadpool(record_correction, bind_of(request), staff, settings_of(request), sent)
    if refusal is not None and refusal.status_code == 400:
        return await _conversation_page(request, staff, refusal.message, form)
    if refusal is not None:
        return error_page(request, refusal.status_code, refusal.message, staff)
    return RedirectResponse(f"/staff/gespraeche/{handle}?gespeichert={number}#nachricht-{number}",
                            status_code=303)


@staff_page
async def corrections_page(request: Request, staff: Staff) -> Response:
    settings = settings_of(request)
    found = await run_in_threadpool(pending_corrections, bind_of(request), staff, settings)
    pending = [(c.text, c.intent, c.origin_day, c.corrected_by, c.corrected_at) for c in found.corrections]
    return render(request, "staff_review_corrections.html", {
        "staff": staff, "role": role_text(found.scope), "pending": pending, "trained": found.trained,
        "review_file": settings.review_file.name})


routes = [
    Route("/staff/gespraeche", list_page, methods=["GET"]),
    Route("/staff/gespraeche/korrekturen", corrections_page, methods=["GET"]),
    Route("/staff/gespraeche/{handle}", conversation_page, methods=["GET"]),
    Route("/staff/gespraeche/{handle}/korrektur", correction, methods=["POST"]),
]
