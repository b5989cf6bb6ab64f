"""The web application (port 8000): visitor page and, later, the staff console."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from lotse.agency import contact

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))


async def visitor_page(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "visitor.html", {"contact": contact()})


async def staff_console(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "staff.html", {})


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


def create_app() -> Starlette:
    return Starlette(routes=[
        Route("/", visitor_page),
        Route("/staff/", staff_console),
        Route("/health", health),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ])


app = create_app()
