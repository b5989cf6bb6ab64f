"""The web application (port 8000): the visitor page, the relay of live chat messages to
the visitor's widget, and the staff console under /staff."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from lotse.config import Settings, get_settings
from lotse.db import Database
from web import (
    relay,
    staff_auth,
    staff_cases,
    staff_figures,
    staff_live,
    staff_live_api,
    staff_quality,
    staff_review,
    visitor,
)
from web.pages import HERE, error_page
from web.rasa_api import RasaApi
from web.security import STAFF_PREFIX, StaffHeaders


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def http_error(request: Request, exc: Exception) -> Response:
    """German pages for the staff console; plain text elsewhere, as Starlette would."""
    status_code = exc.status_code if isinstance(exc, HTTPException) else 500
    if request.url.path.startswith(STAFF_PREFIX):
        message = "Diese Seite gibt es nicht." if status_code == 404 else "Die Anfrage ist nicht möglich."
        return error_page(request, status_code, message)
    detail = exc.detail if isinstance(exc, HTTPException) else "Error"
    return PlainTextResponse(detail, status_code=status_code)


def create_app(bind: Database | None = None, settings: Settings | None = None,
               rasa: RasaApi | None = None) -> Starlette:
    """The application on the given database (default: DATABASE_URL's, on first use), so that
    tests can run it on a database of their own."""
    settings = settings or get_settings()
    app = Starlette(
        routes=[
            *visitor.routes,
            Route("/health", health),
            *staff_auth.routes, *staff_cases.routes, *staff_live.routes, *staff_live_api.routes,
            *staff_review.routes,
            *staff_figures.routes,
            *staff_quality.routes,
            *relay.routes,
            Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
        ],
        middleware=[Middleware(StaffHeaders, hsts=settings.strict_transport_security)],
        exception_handlers={404: http_error, 405: http_error},
    )
    app.state.bind = bind
    app.state.settings = settings
    app.state.rasa = rasa or RasaApi.from_settings(settings)
    return app


app = create_app()
