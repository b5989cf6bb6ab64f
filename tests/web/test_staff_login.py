"""Staff log in with their password, wait after repeated failures (longer with each one), and
their session ends when idle or on logout; every POST needs its CSRF token.

The attacks on the login throttle, against a real server, are in test_login_attacks.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select, update
from starlette.testclient import TestClient

from lotse.clock import utcnow
from lotse.config import Settings
from lotse.db import session_scope
from lotse.staff.models import StaffSession
from lotse.staff.throttle import CLIENT, USER, counter
from tests.web.conftest import LOCKOUT_ATTEMPTS, PASSWORD, csrf_of, hidden_csrf, log_in, login_error
from tests.web.live_login import Clock
from web.app import create_app
from web.staff_auth import WRONG_LOGIN as WRONG


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The conftest's settings with this module's throttle: 3 attempts, then 1, 2, 4 ... minutes."""
    return settings.replace(staff_lockout_first_minutes=1, staff_lockout_minutes=15,
                               staff_client_lockout_attempts=LOCKOUT_ATTEMPTS,
                               staff_client_lockout_max_minutes=24 * 60, staff_lockout_forget_hours=24)


@pytest.fixture
def clock(app) -> Clock:
    app.state.clock = Clock()
    return app.state.clock


def sessions(engine: Engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(StaffSession))


def test_the_console_sends_visitors_without_a_session_to_the_login_page(client: TestClient):
    response = client.get("/staff/")
    assert response.status_code == 303 and response.headers["location"] == "/staff/login"
    assert client.get("/staff/live/").headers["location"] == "/staff/login?next=%2Fstaff%2Flive%2F"
    page = client.get("/staff/login")
    assert page.status_code == 200 and "Benutzername" in page.text and "Passwort" in page.text


def test_json_endpoints_answer_401_without_a_session(client: TestClient):
    response = client.get("/staff/live/1/events")
    assert response.status_code == 401 and response.json()["error"]


def test_login_with_the_right_password_shows_the_cases(client: TestClient, engine: Engine):
    response = log_in(client, "MBecker", PASSWORD)
    assert response.status_code == 303 and response.headers["location"] == "/staff/"
    [cookie] = [c for c in response.headers.get_list("set-cookie") if c.startswith("lotse_staff=")]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/staff" in cookie
    assert "Max-Age" not in cookie and "Secure" not in cookie  # STAFF_COOKIE_SECURE is off in tests
    page = client.get("/staff/")
    assert page.status_code == 200 and "<h1>Fälle</h1>" in page.text and "Frau Becker" in page.text
    assert sessions(engine) == 1


def test_a_linked_page_opens_after_the_login(client: TestClient):
    """Links in notification e-mails arrive without the SameSite=Strict cookie."""
    response = client.get("/staff/cases/WBA-2026-00042")
    assert response.headers["location"] == "/staff/login?next=%2Fstaff%2Fcases%2FWBA-2026-00042"
    page = client.get(response.headers["location"])
    assert 'name="next" value="/staff/cases/WBA-2026-00042"' in page.text
    answer = client.post("/staff/login", data={"username": "mbecker", "password": PASSWORD,
                                               "csrf_token": hidden_csrf(page.text),
                                               "next": "/staff/cases/WBA-2026-00042"})
    assert answer.headers["location"] == "/staff/cases/WBA-2026-00042"


def test_a_login_never_leads_to_another_site(client: TestClient):
    page = client.get("/staff/login", params={"next": "//example.org/staff/"})
    assert 'name="next" value="/staff/"' in page.text
    answer = client.post("/staff/login", data={"username": "mbecker", "password": PASSWORD,
                                               "csrf_token": hidden_csrf(page.text),
                                               "next": "https://example.org/"})
    assert answer.headers["location"] == "/staff/"


def test_a_wrong_password_and_an_unknown_user_get_the_same_message(client: TestClient, engine: Engine):
    wrong_password = log_in(client, "mbecker", "falsches-passwort")
    unknown_user = log_in(client, "niemand", "falsches-passwort")
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert login_error(wrong_password.text) == login_error(unknown_user.text) == WRONG
    assert sessions(engine) == 0
    assert client.get("/staff/").status_code == 303


def throttle(engine: Engine, kind: str, key: str):
    with session_scope(engine) as session:
        return counter(session, kind, key)


def test_after_repeated_failures_even_the_right_password_is_refused(client: TestClient, engine: Engine,
                                                                     clock: Clock):
    errors = [login_error(log_in(client, "mbecker", "falsch-falsch").text) for _ in range(LOCKOUT_ATTEMPTS)]
    assert errors == [WRONG] * LOCKOUT_ATTEMPTS  # the answer never tells that the name waits now
    assert throttle(engine, USER, "mbecker") == (LOCKOUT_ATTEMPTS, clock.now + timedelta(minutes=1))
    response = log_in(client, "mbecker", PASSWORD)
    assert response.status_code == 200 and login_error(response.text) == WRONG
    assert sessions(engine) == 0


def test_the_wait_ends_after_its_minute_and_doubles_with_each_further_failure(client: TestClient,
                                                                              engine: Engine, clock: Clock):
    for _ in range(LOCKOUT_ATTEMPTS):
        log_in(client, "mbecker", "falsch-falsch")
    clock.advance(minutes=1)
    assert login_error(log_in(client, "mbecker", "falsch-falsch").text) == WRONG
    assert throttle(engine, USER, "mbecker") == (LOCKOUT_ATTEMPTS + 1, clock.now + timedelta(minutes=2))
    clock.advance(minutes=1, seconds=59)
    assert log_in(client, "mbecker", PASSWORD).status_code == 200  # still waiting
    clock.advance(seconds=1)
    assert log_in(client, "mbecker", PASSWORD).status_code == 303
    assert throttle(engine, USER, "mbecker") == (0, None)
    assert throttle(engine, CLIENT, "testclient") == (0, None)  # the success resets the address too


def test_a_success_resets_the_count(client: TestClient, clock: Clock):
    for _ in range(3):
        for _ in range(LOCKOUT_ATTEMPTS - 1):
            assert login_error(log_in(client, "mbecker", "falsch-falsch").text) == WRONG
        assert log_in(client, "mbecker", PASSWORD).status_code == 303
        client.cookies.clear()  # a fresh browser: the login page again


def test_a_new_password_ends_the_wait(client: TestClient, engine: Engine, clock: Clock):
    from lotse.staff.accounts import find_account, set_password
    for _ in range(LOCKOUT_ATTEMPTS):
        log_in(client, "tschulz", "falsch-falsch")
    with session_scope(engine) as session:
        set_password(find_account(session, "tschulz"), "ein-ganz-neues-passwort")
    assert throttle(engine, USER, "tschulz") is None
    with TestClient(client.app, follow_redirects=False, client=("192.0.2.7", 50000)) as elsewhere:
        assert log_in(elsewhere, "tschulz", "ein-ganz-neues-passwort").status_code == 303


def test_a_login_without_the_form_token_is_refused(client: TestClient, engine: Engine):
    no_token = client.post("/staff/login", data={"username": "mbecker", "password": PASSWORD})
    assert no_token.status_code == 403
    client.get("/staff/login")  # sets the cookie; the field below does not repeat it
    wrong_token = client.post("/staff/login", data={"username": "mbecker", "password": PASSWORD,
                                                    "csrf_token": "nicht-der-richtige"})
    assert wrong_token.status_code == 403 and "abgelaufen" in wrong_token.text
    with TestClient(client.app, follow_redirects=False) as fresh:  # a field without the cookie
        token = hidden_csrf(client.get("/staff/login").text)
        fresh_response = fresh.post("/staff/login", data={"username": "mbecker", "password": PASSWORD,
                                                          "csrf_token": token})
        assert fresh_response.status_code == 403
    assert sessions(engine) == 0


def test_an_idle_session_ends(becker: TestClient, engine: Engine):
    assert becker.get("/staff/").status_code == 200
    with session_scope(engine) as session:
        session.execute(update(StaffSession).values(last_seen_at=utcnow() - timedelta(minutes=31)))
    response = becker.get("/staff/")
    assert response.status_code == 303 and response.headers["location"] == "/staff/login"
    assert sessions(engine) == 0


def test_logout_ends_the_session_and_the_old_cookie_no_longer_works(becker: TestClient, engine: Engine):
    old_cookie = becker.cookies.get("lotse_staff")
    assert becker.post("/staff/logout", data={}).status_code == 403  # no CSRF token: still logged in
    assert becker.get("/staff/").status_code == 200
    response = becker.post("/staff/logout", data={"csrf_token": csrf_of(becker)})
    assert response.status_code == 303 and response.headers["location"] == "/staff/login"
    assert sessions(engine) == 0
    with TestClient(becker.app, follow_redirects=False, cookies={"lotse_staff": old_cookie}) as replay:
        assert replay.get("/staff/").status_code == 303


def test_staff_responses_carry_strict_security_headers(becker: TestClient):
    with TestClient(becker.app, follow_redirects=False) as anonymous:
        login_page, unknown_page = anonymous.get("/staff/login"), anonymous.get("/staff/gibt-es-nicht")
    assert unknown_page.status_code == 404 and "Diese Seite gibt es nicht." in unknown_page.text
    for response in (login_page, unknown_page, becker.get("/staff/"), becker.get("/staff/live/"),
                     becker.get("/staff/cases/WBA-2026-99999")):
        headers = response.headers
        assert headers["content-security-policy"] == (
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["cache-control"] == "no-store"
        assert "<script>" not in response.text  # scripts only as files (CSP)


def test_the_visitor_page_and_health_still_answer(client: TestClient):
    assert client.get("/").status_code == 200
    assert client.get("/health").json() == {"status": "ok"}


def test_cookies_are_secure_when_configured(engine: Engine, settings):
    app = create_app(bind=engine, settings=settings.replace(staff_cookie_secure=True))
    with TestClient(app, follow_redirects=False) as secure:
        page = secure.get("/staff/login")
        assert "Secure" in page.headers["set-cookie"]
        response = secure.post("/staff/login", data={"username": "mbecker", "password": PASSWORD,
                                                     "csrf_token": hidden_csrf(page.text)},
                               cookies={"lotse_login_csrf": hidden_csrf(page.text)})
        [cookie] = [c for c in response.headers.get_list("set-cookie") if c.startswith("lotse_staff=")]
        assert "Secure" in cookie
