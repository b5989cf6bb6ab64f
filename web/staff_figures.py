"""The figures of the staff console: /staff/zahlen (charts and tables) and /staff/zahlen.csv.

Anonymous figures only (lotse.figures): a team sees its region beside the agency's totals,
an admin every region or the one chosen. This module reads the filter and renders; the
charts are drawn in the browser (static/staff/figures.js with Chart.js, built by `make
widget`) from the same numbers the tables show.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from lotse.figures.export import csv_text, file_name, number_text
from lotse.figures.queries import TOTAL
from lotse.figures.report import Figures
from lotse.figures.service import StaffFigures, staff_figures
from lotse.figures.table import Number
from lotse.staff.console import ALL_TEAMS
from web.pages import bind_of, render, settings_of
from web.staff_access import list_context
from web.staff_auth import Staff, staff_page

PAGE, CSV = "/staff/zahlen", "/staff/zahlen.csv"


async def _figures(request: Request, staff: Staff) -> StaffFigures:
    params = request.query_params
    return await run_in_threadpool(staff_figures, bind_of(request), staff, params.get("team"),
                                   params.get("von"), params.get("bis"))


def figure_text(value: Number) -> str:
    return "–" if value is None else number_text(value)


def chart_data(figures: Figures) -> list[dict[str, Any]]:
    """What static/staff/figures.js draws: per section with a chart, its labels and one
    series per column (the totals marked, to be drawn in grey)."""
    totals = {column.title for column in figures.columns if column.key == TOTAL}
    return [{"id": f"chart-{section.key}", "type": section.chart,
             "labels": [row.label for row in section.rows],
             "datasets": [{"label": header, "total": header in totals,
                           "data": [row.values[i] for row in section.rows]}
                          for i, header in enumerate(section.headers)]}
            for section in figures.sections if section.chart and section.rows]


@staff_page
async def page(request: Request, staff: Staff) -> Response:
    found = await _figures(request, staff)
    figures, scope, team = found.figures, found.scope, found.team
    query = {"von": figures.period.start.isoformat(), "bis": figures.period.end.isoformat()}
    if scope.admin:
        query["team"] = team or ALL_TEAMS
    return render(request, "staff_figures.html", {
        "staff": staff, "figures": figures, "charts": chart_data(figures), "figure": figure_text,
        "csv_url": f"{CSV}?{urlencode(query)}",
        "idle_text": f"{settings_of(request).figures_idle_minutes:g} Minuten", **list_context(scope, team)})


@staff_page
async def download(request: Request, staff: Staff) -> Response:
    figures = (await _figures(request, staff)).figures
    return Response(csv_text(figures).encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{file_name(figures)}"'})


routes = [
    Route(PAGE, page, methods=["GET"]),
    Route(CSV, download, methods=["GET"]),
]
