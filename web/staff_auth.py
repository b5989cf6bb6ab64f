"""Logging in and out of the staff console, and the guard in front of every other staff
endpoint: a live session (lotse.staff.sessions) and, for every POST, its CSRF token.

Logins are throttled per user name and per client address (lotse.staff.login); every refusal
gets the same page, and one the throttle made without a password check is sent as late as a
checked one (an asynchronous wait, which holds no worker thread).

Passwords, typed user names that match no account, contact data and message texts are
never logged.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from urllib.parse import urlencode

import anyio
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from lotse.clock import utcnow
from lotse.config import Settings
from lotse.staff.login import LoginPolicy, attempt_login, client_key
from lotse.staff.service import Staff, log_out, staff_of_session
from lotse.staff.sessions import SessionPolicy
from lotse.staff.throttle import ThrottlePolicy
from web.pages import bind_of, error_page, render, settings_of, wants_json
from web.security import LOGIN_CSRF_COOKIE, LOGIN_CSRF_SECONDS, login_token_matches, new_login_token

logger = logging.getLogger(__name__)

SESSION_COOKIE = "lotse_staff"
COOKIE_PATH = "/staff"
LOGIN_URL = "/staff/login"
MAX_USERNAME, MAX_PASSWORD = 64, 1024
# Where a login may lead afterwards: a page of the console (e.g. a case linked in an e-mail,
# which a SameSite=Strict cookie does not accompany), never another site.
SAFE_NEXT = re.compile(r"/staff/([A-Za-z0-9_-]+/)*[A-Za-z0-9_-]*")

# One answer for an unknown name, a wrong password and a name or address that has to wait.
WRONG_LOGIN = ("Die Anmeldung ist nicht gelungen. Bitte prüfen Sie Benutzername und Passwort. Nach "
               "mehreren Fehlversuchen ist eine Anmeldung erst nach einigen Minuten wieder möglich.")
LOGIN_EXPIRED = "Die Anmeldeseite ist abgelaufen. Bitte laden Sie sie neu und melden Sie sich noch einmal an."
FORBIDDEN = ("Die Anfrage wurde aus Sicherheitsgründen abgelehnt. Bitte laden Sie die Seite neu "
             "und versuchen Sie es noch einmal.")
LOGIN_NEEDED = "Bitte melden Sie sich an."


def session_policy(settings: Settings) -> SessionPolicy:
    return SessionPolicy(settings.staff_session_hours, settings.staff_idle_minutes)


def login_policy(settings: Settings) -> LoginPolicy:
    first = settings.staff_lockout_first_minutes
    # An address never waits less long than a name: see lotse.staff.login.
    client_cap = max(settings.staff_client_lockout_max_minutes, settings.staff_lockout_minutes)
    user = ThrottlePolicy(settings.staff_lockout_attempts, first, settings.staff_lockout_minutes)
    client = ThrottlePolicy(settings.staff_client_lockout_attempts, first, client_cap)
    return LoginPolicy(user=user, client=client,
                       forget_hours=settings.staff_lockout_forget_hours,
                       known_days=settings.staff_known_address_days, sessions=session_policy(settings))


def clock_of(request: Request) -> Callable[[], datetime]:
    """The time the login throttle goes by: `app.state.clock` where a test sets one."""
    return getattr(request.app.state, "clock", None) or utcnow


def client_of(request: Request) -> str:
    """The address Starlette sees (behind a trusted proxy, uvicorn's X-Forwarded-For)."""
    return client_key(request.client.host if request.client else None)


def form_text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


async def _given_csrf(request: Request) -> str | None:
    """From the X-CSRF-Token header (scripts) or the hidden form field (forms)."""
    return request.headers.get("x-csrf-token") or form_text(await request.form(), "csrf_token") or None


StaffHandler = Callable[[Request, Staff], Awaitable[Response]]


def _guard(handler: StaffHandler, json: bool) -> Callable[[Request], Awaitable[Response]]:
    @functools.wraps(handler)
    async def endpoint(request: Request) -> Response:
        token = request.cookies.get(SESSION_COOKIE)
        post = request.method == "POST"
        given = await _given_csrf(request) if post else None
        policy = session_policy(settings_of(request))
        staff, csrf_ok = (await run_in_threadpool(staff_of_session, bind_of(request), token, policy,
                                                  given)) if token else (None, False)
        as_json = json or wants_json(request)
        if staff is None:
            if as_json:
                return JSONResponse({"error": LOGIN_NEEDED}, status_code=401)
            return RedirectResponse(login_url(request.url.path if request.method == "GET" else None),
                                    status_code=303)
        if post and not csrf_ok:
            logger.warning("refused a staff POST without a valid CSRF token: %s", request.url.path)
            if as_json:
                return JSONResponse({"error": FORBIDDEN}, status_code=403)
            return error_page(request, 403, FORBIDDEN, staff)
        return await handler(request, staff)

    return endpoint


def staff_page(handler: StaffHandler) -> Callable[[Request], Awaitable[Response]]:
    """A page (or form target) for logged-in staff; without a session: to the login page."""
    return _guard(handler, json=False)


def staff_api(handler: StaffHandler) -> Callable[[Request], Awaitable[Response]]:
    """A JSON endpoint of the console's scripts; without a session: 401."""
    return _guard(handler, json=True)


def safe_next(target: str | None) -> str:
    return target if target and SAFE_NEXT.fullmatch(target) else "/staff/"


def login_url(target: str | None = None) -> str:
    """The login page, with the page to return to unless that is the overview anyway."""
    target = safe_next(target)
    return LOGIN_URL if target == "/staff/" else f"{LOGIN_URL}?{urlencode({'next': target})}"


def _set_cookie(response: Response, settings: Settings, name: str, value: str,
                max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age, path=COOKIE_PATH, secure=settings.staff_cookie_secure,
                        httponly=True, samesite="strict")


def _drop_cookie(response: Response, settings: Settings, name: str) -> None:
    response.delete_cookie(name, path=COOKIE_PATH, secure=settings.staff_cookie_secure, httponly=True,
                           samesite="strict")


def _login_form(request: Request, error: str | None = None, username: str = "",
                next_page: str | None = None) -> Response:
    token = new_login_token()
    response = render(request, "staff_login.html", {"csrf_token": token, "error": error, "username": username,
                                                    "next": safe_next(next_page)})
    _set_cookie(response, settings_of(request), LOGIN_CSRF_COOKIE, token, max_age=LOGIN_CSRF_SECONDS)
    return response


async def login_page(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        policy = session_policy(settings_of(request))
        staff, _ = await run_in_threadpool(staff_of_session, bind_of(request), token, policy, None)
        if staff is not None:
            return RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    return _login_form(request, next_page=request.query_params.get("next"))


async def login_submit(request: Request) -> Response:
    form = await request.form()
    if not login_token_matches(request.cookies.get(LOGIN_CSRF_COOKIE), form_text(form, "csrf_token")):
        return error_page(request, 403, LOGIN_EXPIRED)
    username = form_text(form, "username")[:MAX_USERNAME]
    password = form_text(form, "password")
    if len(password) > MAX_PASSWORD:
        password = ""  # counts as a wrong password; no hashing of megabytes
    settings = settings_of(request)
    outcome = await run_in_threadpool(attempt_login, bind_of(request), username, password, client_of(request),
                                      login_policy(settings), clock_of(request)(),
                                      request.cookies.get(SESSION_COOKIE))
    if outcome.token is None:
        if outcome.pad_seconds:
            await anyio.sleep(outcome.pad_seconds)
        return _login_form(request, WRONG_LOGIN, username, form_text(form, "next"))
    token = outcome.token
    response = RedirectResponse(safe_next(form_text(form, "next")), status_code=303)
    # No Max-Age: the cookie ends with the browser; the server ends the session earlier when due.
    _set_cookie(response, settings, SESSION_COOKIE, token)
    _drop_cookie(response, settings, LOGIN_CSRF_COOKIE)
    return response


@staff_page
async def logout(request: Request, staff: Staff) -> Response:
    await run_in_threadpool(log_out, bind_of(request), request.cookies.get(SESSION_COOKIE))
    logger.info("staff logout: %s", staff.username)
    response = RedirectResponse(LOGIN_URL, status_code=303)
    _drop_cookie(response, settings_of(request), SESSION_COOKIE)
    return response


routes = [
    Route("/staff/login", login_page, methods=["GET"]),
    Route("/staff/login", login_submit, methods=["POST"]),
    Route("/staff/logout", logout, methods=["POST"]),
]
