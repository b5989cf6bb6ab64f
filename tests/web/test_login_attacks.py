"""The login throttle, attacked as issue 13 describes it, over real HTTP against uvicorn on a
SQLite file: parallel guesses, timing, one attacker keeping a colleague out, forged
X-Forwarded-For. Each thread sends from a loopback address of its own (127.x.y.z)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select

from lotse.config import Settings
from lotse.db import session_scope
from lotse.staff.models import StaffSession
from lotse.staff.throttle import CLIENT, USER, counter
from tests.concurrency import in_parallel
from tests.web.conftest import LOCKOUT_ATTEMPTS, OTHER_PASSWORD, PASSWORD
from tests.web.live_login import Answer, Clock, live_server, post_login
from web.staff_auth import WRONG_LOGIN

WRONG = "falsch-falsch-falsch"
NAME_CAP, ADDRESS_CAP = 4, 60  # minutes


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """3 attempts per name and per address, then 1, 2, 4 minutes for a name, up to an hour
    for an address; addresses become known after a success."""
    return settings.replace(staff_lockout_attempts=LOCKOUT_ATTEMPTS, staff_lockout_first_minutes=1,
        staff_lockout_minutes=NAME_CAP, staff_client_lockout_attempts=LOCKOUT_ATTEMPTS,
        staff_client_lockout_max_minutes=ADDRESS_CAP, staff_lockout_forget_hours=24,
        staff_known_address_days=30)


@pytest.fixture
def clock(app) -> Clock:
    app.state.clock = Clock()
    return app.state.clock


@pytest.fixture
def port(app, clock: Clock) -> Iterator[int]:
    with live_server(app) as port:
        yield port


def state(engine: Engine, kind: str, key: str):
    with session_scope(engine) as session:
        return counter(session, kind, key)


def sessions(engine: Engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(StaffSession))


def refused(answer: Answer) -> bool:
    return answer.status == 200 and answer.error == WRONG_LOGIN


def wait_for_block(engine: Engine, kind: str, key: str) -> None:
    deadline = time.monotonic() + 30
    while (state(engine, kind, key) or (0, None))[1] is None:
        assert time.monotonic() < deadline, "no block appeared"
        time.sleep(0.005)


def test_twenty_parallel_wrong_logins_make_the_name_wait_even_for_the_right_password(
        port: int, engine: Engine, clock: Clock):
    def right_one() -> Answer:
        wait_for_block(engine, USER, "mbecker")  # sent while the guesses are still under way
        return post_login(port, "mbecker", PASSWORD, "127.0.0.2")

    guesses = [lambda i=i: post_login(port, "mbecker", WRONG, f"127.0.0.{10 + i}") for i in range(20)]
    answers = in_parallel([*guesses, right_one])
    assert all(refused(answer) for answer in answers), answers
    # Only the allowance was counted (and checked); the others met the block, uncounted.
    assert state(engine, USER, "mbecker") == (LOCKOUT_ATTEMPTS, clock.now + timedelta(minutes=1))
    assert refused(post_login(port, "mbecker", PASSWORD, "127.0.0.3"))
    clock.advance(seconds=59)
    assert refused(post_login(port, "mbecker", PASSWORD, "127.0.0.3"))
    assert sessions(engine) == 0
    clock.advance(seconds=1)
    answer = post_login(port, "mbecker", PASSWORD, "127.0.0.3")
    assert answer.status == 303 and answer.location == "/staff/"
    assert state(engine, USER, "mbecker") == (0, None)


def test_twenty_wrong_and_the_right_one_all_at_once_leave_the_name_waiting(port: int, engine: Engine,
                                                                           clock: Clock):
    """The old race: with 19 wrong passwords in parallel the right one reset the counter."""
    works = [lambda i=i: post_login(port, "mbecker", WRONG, f"127.0.1.{10 + i}") for i in range(20)]
    works.append(lambda: post_login(port, "mbecker", PASSWORD, "127.0.1.2"))
    answers = in_parallel(works)
    assert all(refused(answer) for answer in answers[:20])
    assert sum(answer.status == 303 for answer in answers) <= 1  # only if it came before the guesses
    _, blocked_until = state(engine, USER, "mbecker")
    assert blocked_until is not None and blocked_until > clock.now
    assert refused(post_login(port, "mbecker", PASSWORD, "127.0.1.3"))


def test_guesses_from_one_address_make_that_address_wait_for_every_name(port: int, engine: Engine,
                                                                        clock: Clock):
    answers = in_parallel([lambda: post_login(port, "mbecker", WRONG, "127.0.2.66") for _ in range(20)])
    assert all(refused(answer) for answer in answers)
    assert state(engine, CLIENT, "127.0.2.66") == (LOCKOUT_ATTEMPTS, clock.now + timedelta(minutes=1))
    # The address waits whatever it types, even a right password for another name ...
    assert refused(post_login(port, "tschulz", OTHER_PASSWORD, "127.0.2.66"))
    # ... and a forged X-Forwarded-For does not make it a new client (only trusted proxies count).
    forged = {"X-Forwarded-For": "203.0.113.9"}
    assert refused(post_login(port, "tschulz", OTHER_PASSWORD, "127.0.2.66", forged))
    assert state(engine, CLIENT, "203.0.113.9") is None
    # Another address is not affected.
    assert post_login(port, "tschulz", OTHER_PASSWORD, "127.0.2.67").status == 303


def test_one_attacker_cannot_keep_a_colleague_out(port: int, engine: Engine, clock: Clock):
    """The attacker guesses every minute from one address; the colleague, at an address she
    never used, tries every three minutes. His address's wait outgrows the name's (at most
    NAME_CAP minutes), and she gets in."""
    attacker, colleague = "127.0.3.66", "127.0.3.77"
    for _ in range(LOCKOUT_ATTEMPTS):
        assert refused(post_login(port, "mbecker", WRONG, attacker))
    got_in = None
    for minute in range(1, 61):
        clock.advance(minutes=1)
        assert refused(post_login(port, "mbecker", WRONG, attacker))
        if minute % 3 == 0 and post_login(port, "mbecker", PASSWORD, colleague).status == 303:
            got_in = minute
            break
    assert got_in is not None, state(engine, CLIENT, attacker)
    attacker_count, attacker_until = state(engine, CLIENT, attacker)
    assert attacker_until > clock.now  # the attacker still waits when she gets in
    assert attacker_count <= LOCKOUT_ATTEMPTS + 6  # few guesses were checked in that hour
    print(f"\ncolleague in after {got_in} min; attacker's address: {attacker_count} counted attempts, "
          f"waits {(attacker_until - clock.now).total_seconds() / 60:.0f} more min")


def test_a_known_address_is_not_shut_out_by_a_waiting_name(port: int, engine: Engine, clock: Clock):
    office, new_place = "127.0.4.1", "127.0.4.2"
    assert post_login(port, "mbecker", PASSWORD, office).status == 303  # her usual address
    answers = in_parallel([lambda i=i: post_login(port, "mbecker", WRONG, f"127.0.4.{10 + i}")
                           for i in range(12)])  # a distributed attack makes the name wait
    assert all(refused(answer) for answer in answers)
    assert state(engine, USER, "mbecker")[1] is not None
    assert refused(post_login(port, "mbecker", PASSWORD, new_place))  # elsewhere she waits too
    assert post_login(port, "mbecker", PASSWORD, office).status == 303
    assert state(engine, USER, "mbecker")[1] is not None  # the wait still holds for the others


def test_unknown_names_wrong_passwords_and_waiting_logins_take_the_same_time(port: int, engine: Engine,
                                                                             clock: Clock):
    """A property, not a benchmark: the medians of 7 attempts each lie within a factor of 2."""
    for _ in range(LOCKOUT_ATTEMPTS):  # Frau Becker's name waits ...
        post_login(port, "mbecker", WRONG, "127.0.5.250")
    for _ in range(LOCKOUT_ATTEMPTS):  # ... and so does one address
        post_login(port, "niemand", WRONG, "127.0.6.1")

    def unknown(i: int) -> Answer:
        return post_login(port, "niemand", WRONG, f"127.0.7.{i}")

    def wrong_password(i: int) -> Answer:
        answer = post_login(port, "tschulz", WRONG, f"127.0.8.{i}")
        assert post_login(port, "tschulz", OTHER_PASSWORD, f"127.0.9.{i}").status == 303  # count reset
        return answer

    def waiting_name(i: int) -> Answer:
        return post_login(port, "mbecker", PASSWORD, f"127.0.10.{i}")  # even the right password

    def waiting_address(i: int) -> Answer:
        return post_login(port, "tschulz", WRONG, "127.0.6.1")

    kinds = {"unknown name": unknown, "wrong password": wrong_password, "waiting name": waiting_name,
             "waiting address": waiting_address}
    for attempt in kinds.values():
        attempt(200)  # warm-up
    times: dict[str, list[float]] = {name: [] for name in kinds}
    pages: set[tuple[int, str | None]] = set()
    for i in range(1, 8):
        for name, attempt in kinds.items():
            answer = attempt(i)
            times[name].append(answer.seconds)
            pages.add((answer.status, answer.error))
    assert pages == {(200, WRONG_LOGIN)}
    medians = {name: statistics.median(values) for name, values in times.items()}
    print("\nmedian seconds: " + ", ".join(f"{name} {value:.3f}" for name, value in medians.items()))
    reference = medians["wrong password"]
    for name, value in medians.items():
        assert 0.5 <= value / reference <= 2.0, (name, medians)
