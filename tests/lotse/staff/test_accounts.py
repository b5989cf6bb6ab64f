"""Staff log in with argon2-hashed passwords; repeated failures make the name wait
(the throttle itself: test_login_throttle.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine

from lotse.db import session_scope
from lotse.staff.accounts import AccountError, create_account, find_account
from lotse.staff.login import LoginPolicy, attempt_login
from lotse.staff.presence import set_available, staff_available
from lotse.staff.sessions import SessionPolicy, close_session, csrf_matches, open_session, session_for
from lotse.staff.throttle import ThrottlePolicy

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
PASSWORD = "richtig-langes-passwort"
# After 3 failures 15 minutes' wait (first and longest delay alike, as the old lockout had).
LOCKOUT = LoginPolicy(user=ThrottlePolicy(attempts=3, first_minutes=15, max_minutes=15),
                      client=ThrottlePolicy(attempts=10, first_minutes=15, max_minutes=60))


@pytest.fixture
def engine(db_engine: Engine) -> Engine:
    with session_scope(db_engine) as session:
        create_account(session, "MBecker", PASSWORD, "Frau Becker", "wba_sued")
    return db_engine


def login(engine: Engine, password: str, now: datetime = NOW) -> bool:
    return attempt_login(engine, "mbecker", password, "192.0.2.1", LOCKOUT, now).ok


def test_the_password_is_stored_hashed_and_checked(engine: Engine):
    with session_scope(engine) as session:
        account = find_account(session, "mbecker")
        assert account.password_hash.startswith("$argon2") and PASSWORD not in account.password_hash
    assert login(engine, PASSWORD) and not login(engine, "falsch")


def test_short_passwords_and_taken_names_are_refused(engine: Engine):
    with session_scope(engine) as session, pytest.raises(AccountError, match="12 Zeichen"):
        create_account(session, "neu", "kurz", "Neu")
    with session_scope(engine) as session, pytest.raises(AccountError, match="gibt es schon"):
        create_account(session, "mbecker", PASSWORD, "Doppelt")


def test_after_repeated_failures_even_the_right_password_is_refused_until_the_wait_ends(engine: Engine):
    assert [login(engine, "falsch") for _ in range(3)] == [False, False, False]
    assert not login(engine, PASSWORD, NOW + timedelta(minutes=14))
    assert login(engine, PASSWORD, NOW + timedelta(minutes=16))


def test_a_session_expires_when_idle_and_ends_with_logout(engine: Engine):
    policy = SessionPolicy(lifetime_hours=8, idle_minutes=30)
    with session_scope(engine) as session:
        account = account_of(session)
        token, login_session = open_session(session, account, policy, NOW)
        assert csrf_matches(login_session, login_session.csrf_token) and not csrf_matches(login_session, "x")
    with session_scope(engine) as session:
        assert session_for(session, token, policy, NOW + timedelta(minutes=20)) is not None
    with session_scope(engine) as session:
        assert session_for(session, token, policy, NOW + timedelta(minutes=45)) is not None  # renewed at 20
    with session_scope(engine) as session:
        assert session_for(session, token, policy, NOW + timedelta(minutes=80)) is None
    with session_scope(engine) as session:
        token, _ = open_session(session, account_of(session), policy, NOW)
        close_session(session, token)
    with session_scope(engine) as session:
        assert session_for(session, token, policy, NOW) is None


def account_of(session):
    return find_account(session, "mbecker")


def test_live_chats_are_offered_only_while_someone_of_the_team_is_available(engine: Engine):
    with session_scope(engine) as session:
        assert not staff_available(session, "wba_sued", NOW)
        set_available(account_of(session), True, NOW)
    with session_scope(engine) as session:
        assert staff_available(session, "wba_sued", NOW + timedelta(minutes=1))
        assert not staff_available(session, "wba_nord", NOW + timedelta(minutes=1))
        assert not staff_available(session, "wba_sued", NOW + timedelta(minutes=10))  # not renewed
