"""Browser-side protection of the staff console: strict headers on every staff response,
and the double-submit token that guards the login form (which has no session yet)."""

from __future__ import annotations

import hmac
import secrets

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STAFF_PREFIX = "/staff"
STAFF_HEADERS = {
    # No inline scripts or styles, no framing, forms only to ourselves (data: for the empty favicon).
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
                                "form-action 'self'"),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    # Pages show contact data and conversations: no copies in caches or the browser history.
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
}
NO_STORE = {"Cache-Control": "no-store"}

LOGIN_CSRF_COOKIE = "lotse_login_csrf"
LOGIN_CSRF_SECONDS = 30 * 60


# Sent on every response when the site is served over HTTPS (PUBLIC_URL=https://...): a year.
HSTS = "max-age=31536000; includeSubDomains"


class StaffHeaders:
    """ASGI middleware: adds STAFF_HEADERS to every response under /staff, errors included,
    and HSTS to every response when the site is served over HTTPS."""

    def __init__(self, app: ASGIApp, hsts: bool = False) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        staff = scope["type"] == "http" and scope["path"].startswith(STAFF_PREFIX)
        if scope["type"] != "http" or not (staff or self.hsts):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in (STAFF_HEADERS.items() if staff else ()):
                    headers[name] = value
                if self.hsts:
                    headers["Strict-Transport-Security"] = HSTS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def new_login_token() -> str:
    return secrets.token_urlsafe(32)


def login_token_matches(cookie: str | None, field: str | None) -> bool:
    """A login POST came from our own form: the field repeats the cookie's random value."""
    return bool(cookie) and bool(field) and hmac.compare_digest(cookie.encode(), field.encode())
