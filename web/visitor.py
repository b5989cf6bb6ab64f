"""The visitor page: it stands for the agency's website and embeds the chat widget the way
the real site would, with one script tag and a small configuration block."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from lotse.agency import about, contact
from lotse.config import Settings
from web.pages import settings_of, templates


def widget_config(settings: Settings) -> dict[str, object]:
    """What the widget needs to know; read by it from a JSON block (no inline script)."""
    return {"rasaUrl": settings.widget_rasa_url, "privacyUrl": "/#datenschutz",
            "retentionDays": settings.conversation_retention_days, "maxLength": 500}


def content_security_policy(settings: Settings) -> str:
    """Scripts and styles only from here; connections to here and to Rasa's socket.io."""
    rasa = urlsplit(settings.widget_rasa_url)
    socket = f"{'wss' if rasa.scheme == 'https' else 'ws'}://{rasa.netloc}"
    return (f"default-src 'self'; connect-src 'self' {rasa.scheme}://{rasa.netloc} {socket}; "
            "img-src 'self' data:; frame-ancestors 'self'; form-action 'self'; base-uri 'self'")


async def visitor_page(request: Request) -> HTMLResponse:
    settings = settings_of(request)
    response = templates.TemplateResponse(request, "visitor.html", {
        "contact": contact(), "about": about(), "widget_config": widget_config(settings),
        "retention": settings})
    response.headers["Content-Security-Policy"] = content_security_policy(settings)
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    return response


routes = [Route("/", visitor_page)]
