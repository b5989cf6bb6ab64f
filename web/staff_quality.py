"""The model quality page of the staff console (/staff/qualitaet): the latest report of
`make eval` (reports/, lotse.quality) and the trend of the NLU figures over all reports, as a
chart (Chart.js, as on /staff/zahlen; static/staff/quality.js) and as a table that holds the
same numbers."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from lotse.knowledge import knowledge
from lotse.quality.history import TrendPoint, latest, trend, weakest
from lotse.quality.markdown import german_date, number, passed_text
from web.pages import render, settings_of
from web.staff_auth import Staff, staff_page

WEAKEST = 10


def chart_data(points: list[TrendPoint]) -> dict[str, Any]:
    """What quality.js draws: one mark per report; the axis from the lowest value (at most
    0.8, rounded down to a tenth) to 1."""
    values = [v for p in points for v in (p.macro_f1, p.long_macro_f1)] or [1.0]
    return {"labels": [f"{date.fromisoformat(p.date):%d.%m.%Y}" for p in points],
            "macro": [round(p.macro_f1, 3) for p in points],
            "long": [round(p.long_macro_f1, 3) for p in points],
            "min": round(min(0.8, math.floor(min(values) * 10 + 1e-9) / 10), 1)}


def _context(request: Request, staff: Staff) -> dict[str, Any]:
    reports_dir = settings_of(request).reports_dir
    report = latest(reports_dir)
    points = trend(reports_dir)
    return {"staff": staff, "report": report, "trend": points, "chart": chart_data(points),
            "weakest": weakest(report, WEAKEST) if report else [], "passed_text": passed_text,
            "number": number, "german_date": german_date,
            "intent_labels": knowledge().intent_labels.data, "reports_dir": reports_dir.name}


@staff_page
async def quality_page(request: Request, staff: Staff) -> Response:
    context = await run_in_threadpool(_context, request, staff)
    return render(request, "staff_quality.html", context)


routes = [Route("/staff/qualitaet", quality_page, methods=["GET"])]
