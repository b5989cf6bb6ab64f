"""What every page of the web application shares: the templates with their filters, the
staff labels from knowledge/handover.yml, and the app's database, settings and Rasa client
(kept on `app.state`, so that tests can give their own)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.templating import Jinja2Templates

from lotse.clock import local_text
from lotse.config import Settings
from lotse.db import Database
from lotse.knowledge import knowledge
from lotse.places import place_index
from lotse.staff.console import team_name
from web.rasa_api import RasaApi

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))

# Who wrote a line of a transcript, as staff read it.
SPEAKERS = {"visitor": "Besucher/in", "assistant": "Assistent", "staff": "Mitarbeiter/in"}


def local_time(moment: datetime | str | None) -> str:
    """A stored moment (or an ISO text from a transcript) in German local time; '–' if none."""
    if not moment:
        return "–"
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment)
        except ValueError:
            return "–"
    return local_text(moment)


def region_name(key: str | None) -> str:
    """The visitor's district (a key of knowledge/places.yml) by its name."""
    if not key:
        return "–"
    try:
        return place_index().district(key).name
    except KeyError:
        return key


def staff_labels() -> dict[str, dict[str, str]]:
    return knowledge().handover.data["staff"]


def label(group: str, key: str | None) -> str:
    """The label of a reason, status or channel; the key itself if the file has none."""
    if not key:
        return "–"
    return staff_labels().get(group, {}).get(key, key)


templates.env.filters.update(local_time=local_time, team_name=team_name, region_name=region_name)
templates.env.globals.update(label=label, speakers=SPEAKERS)


def bind_of(request: Request) -> Database | None:
    return request.app.state.bind


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def rasa_of(request: Request) -> RasaApi:
    return request.app.state.rasa


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, status_code: int, message: str, staff: Any = None) -> Response:
    """A calm German error page, or the same message as JSON for the console's scripts."""
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status_code)
    return render(request, "staff_error.html", {"message": message, "staff": staff}, status_code)
