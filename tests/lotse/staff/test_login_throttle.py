"""The login throttle's counters on SQLite and PostgreSQL: atomic under real concurrency
(threads, each with its own connection and transaction), growing delays, resets."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TypeVar

import pytest
from sqlalchemy import Engine

from lotse.db import session_scope
from lotse.staff.accounts import create_account
from lotse.staff.login import LoginPolicy, attempt_login, client_key
from lotse.staff.throttle import CLIENT, USER, ThrottlePolicy, confirm_success, counter, forget_stale, reserve
from tests.concurrency import in_parallel

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
PASSWORD = "richtig-langes-passwort"
POLICY = ThrottlePolicy(attempts=5, first_minutes=1, max_minutes=15)
LOGIN = LoginPolicy(user=ThrottlePolicy(3, 1, 4), client=ThrottlePolicy(3, 1, 60))
T = TypeVar("T")


@pytest.fixture
def engine(db_engine: Engine) -> Engine:
    with session_scope(db_engine) as session:
        create_account(session, "mbecker", PASSWORD, "Frau Becker", "wba_sued")
    return db_engine


def state(engine: Engine, kind: str, key: str):
    with session_scope(engine) as session:
        return counter(session, kind, key)


def reserve_once(engine: Engine, now: datetime = NOW, key: str = "mbecker", policy=POLICY):
    with session_scope(engine) as session:
        return reserve(session, USER, key, policy, now)


def test_twenty_parallel_attempts_get_exactly_the_allowance(engine: Engine):
    reservations = in_parallel([lambda: reserve_once(engine) for _ in range(20)])
    admitted = sorted(r.count for r in reservations if r.admitted)
    assert admitted == [1, 2, 3, 4, 5]  # each attempt its own number: no lost update
    assert sum(not r.admitted for r in reservations) == 15
    assert state(engine, USER, "mbecker") == (5, NOW + timedelta(minutes=1))


def test_the_delay_doubles_with_each_failure_after_a_wait_up_to_the_cap(engine: Engine):
    now, waits = NOW, []
    for _ in range(4):
        reserve_once(engine, now)
    for _ in range(6):
        reservation = reserve_once(engine, now)
        assert reservation.admitted and reservation.set_block
        waits.append((reservation.blocked_until - now) / timedelta(minutes=1))
        assert not reserve_once(engine, now + timedelta(seconds=1)).admitted  # refused, not counted
        now = reservation.blocked_until
    assert waits == [1, 2, 4, 8, 15, 15]
    assert state(engine, USER, "mbecker")[0] == 10


def test_a_success_lifts_its_own_block_but_not_one_set_by_others(engine: Engine):
    for _ in range(4):
        reserve_once(engine)
    fifth = reserve_once(engine)
    with session_scope(engine) as session:
        assert confirm_success(session, fifth, NOW)  # the fifth was the right password
    assert state(engine, USER, "mbecker") == (0, None)
    early = reserve_once(engine)  # the right password, still being checked ...
    for _ in range(5):
        reserve_once(engine)  # ... while five wrong ones make the name wait
    with session_scope(engine) as session:
        assert not confirm_success(session, early, NOW)
    assert state(engine, USER, "mbecker") == (5, NOW + timedelta(minutes=1))
    now = NOW + timedelta(minutes=1)
    sixth = reserve_once(engine, now)  # the right password, after the wait ...
    assert not reserve_once(engine, now).admitted  # ... met by a guess while it is checked
    with session_scope(engine) as session:
        assert not confirm_success(session, sixth, now)
    assert state(engine, USER, "mbecker") == (6, now + timedelta(minutes=2))


def test_quiet_counters_are_forgotten_once_their_block_ended(engine: Engine):
    for _ in range(5):
        reserve_once(engine)
    reserve_once(engine, key="tschulz")
    with session_scope(engine) as session:
        assert forget_stale(session, NOW + timedelta(hours=23), timedelta(hours=24)) == 0
        assert forget_stale(session, NOW + timedelta(hours=25), timedelta(hours=24)) == 2
    assert state(engine, USER, "mbecker") is None


def test_parallel_wrong_logins_with_the_right_one_leave_the_name_waiting(engine: Engine):
    """The old bug: 19 wrong passwords in parallel with the right one never locked."""
    def attempt(index: int):
        password = PASSWORD if index == 0 else "falsch-falsch"
        return attempt_login(engine, "mbecker", password, f"192.0.2.{index + 1}", LOGIN, NOW)

    outcomes = in_parallel([lambda i=i: attempt(i) for i in range(20)])
    assert sum(outcome.ok for outcome in outcomes) <= 1
    failures, blocked_until = state(engine, USER, "mbecker")
    assert blocked_until is not None and blocked_until > NOW
    assert not attempt_login(engine, "mbecker", PASSWORD, "198.51.100.1", LOGIN, NOW).ok
    assert attempt_login(engine, "mbecker", PASSWORD, "198.51.100.1", LOGIN, blocked_until).ok


def test_refusals_look_alike_and_only_a_waiting_address_is_refused_unchecked(engine: Engine):
    unknown = attempt_login(engine, "niemand", "falsch-falsch", "192.0.2.1", LOGIN, NOW)
    wrong = attempt_login(engine, "mbecker", "falsch-falsch", "192.0.2.2", LOGIN, NOW)
    for _ in range(2):
        attempt_login(engine, "mbecker", "falsch-falsch", "192.0.2.2", LOGIN, NOW)
    waiting_name = attempt_login(engine, "mbecker", PASSWORD, "192.0.2.3", LOGIN, NOW)
    for _ in range(3):
        attempt_login(engine, "niemand", "x", "192.0.2.4", LOGIN, NOW)
    waiting_address = attempt_login(engine, "mbecker", PASSWORD, "192.0.2.4", LOGIN, NOW)
    assert not (unknown.ok or wrong.ok or waiting_name.ok or waiting_address.ok)
    assert unknown.pad_seconds == wrong.pad_seconds == waiting_name.pad_seconds == 0
    assert 0.005 < waiting_address.pad_seconds < 5  # the median of the last checks
    assert state(engine, USER, "niemand") is None  # no counters for names without an account
    assert state(engine, CLIENT, "192.0.2.4") == (3, NOW + timedelta(minutes=1))


def test_client_keys_group_ipv6_networks():
    assert client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert client_key("::ffff:192.0.2.1") == "192.0.2.1"
    assert client_key("192.0.2.1") == "192.0.2.1" and client_key(None) == "unknown"


def test_a_known_address_is_spared_the_names_wait_but_not_its_own(engine: Engine):
    assert attempt_login(engine, "mbecker", PASSWORD, "192.0.2.10", LOGIN, NOW).ok  # her office
    for index in range(3):
        attempt_login(engine, "mbecker", "falsch-falsch", f"198.51.100.{index}", LOGIN, NOW)
    assert state(engine, USER, "mbecker")[1] == NOW + timedelta(minutes=1)
    assert not attempt_login(engine, "mbecker", PASSWORD, "198.51.100.99", LOGIN, NOW).ok
    assert attempt_login(engine, "mbecker", PASSWORD, "192.0.2.10", LOGIN, NOW).ok
    for _ in range(3):  # guesses from the known address count for the address only
        attempt_login(engine, "mbecker", "falsch-falsch", "192.0.2.10", LOGIN, NOW)
    assert state(engine, USER, "mbecker")[0] == 3
    assert not attempt_login(engine, "mbecker", PASSWORD, "192.0.2.10", LOGIN, NOW).ok  # address waits
    later = NOW + timedelta(days=31)  # forgotten after 30 days without a success from there
    assert not attempt_login(engine, "mbecker", "falsch-falsch", "192.0.2.10", LOGIN, later).ok
    assert state(engine, USER, "mbecker") == (1, None)  # now it counts for the name again
