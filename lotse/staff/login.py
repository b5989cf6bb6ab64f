"""A staff login attempt, throttled per user name and per client address so that the
throttle cannot be turned against staff, and answered alike whatever the reason of a refusal.

The attack it answers: five wrong passwords used to lock any account for anyone, again and
again; a locked account answered in 3 ms instead of ~140 ms (which told which names exist);
the counter was read, raised and written back in Python, so parallel guesses never locked;
and each guess cost an argon2 check (~64 MiB) without any limit per client.

What it does (counters: lotse.staff.throttle, atomic in the database):

- Two counters per attempt. The client address is counted first, for every attempt whatever
  the name (unknown names and names that wait included); the user name only for an existing,
  active account. After N counted attempts (STAFF_CLIENT_LOCKOUT_ATTEMPTS and
  STAFF_LOCKOUT_ATTEMPTS, default 5) the address or the name waits: 1, 2, 4, 8 ... minutes
  (STAFF_LOCKOUT_FIRST_MINUTES), a name at most STAFF_LOCKOUT_MINUTES (15), an address at most
  STAFF_CLIENT_LOCKOUT_MAX_MINUTES (a day). While it waits, even the right password is
  refused. A success resets the address's and the name's count.
- The address is stricter than the name: an attacker who makes a name wait makes his own
  address wait at least as long (his attempts at a waiting name still count against his
  address, and the address's delay keeps doubling past the name's cap). So from one address
  nobody keeps a colleague out for good: once the address waits longer than the name, the
  colleague finds free minutes between the attacker's tries.
- Known addresses: where a name logged in successfully within STAFF_KNOWN_ADDRESS_DAYS (30;
  0 turns it off), the name's wait does not apply, and attempts from there do not count for
  the name; the address's own limit still does. An attacker elsewhere, even with many
  addresses, can then make a name wait only for addresses it never logged in from; the office
  is not shut out. Stored as SHA-256 of name and address, deleted after those days.
- Trade-offs. (1) Staff behind one address (an office's NAT, or a proxy that does not pass the
  client's address) share its counter: an attacker in the same office slows them all (a
  success from there resets the count, so ordinary typing errors do not add up), and a known
  office address spares an insider the name's wait, leaving him N guesses per growing delay.
  (2) At an address it never used, a staff member still waits while attackers with many
  addresses keep the name waiting (at most STAFF_LOCKOUT_MINUTES at a time), and retrying
  there during the wait counts against that address; the page asks to wait some minutes.
  (3) An attacker who owns a working account can reset his address's count with his own
  logins; his name is in the log with every success.
- The address is the one Starlette sees (`request.client.host`). Behind a reverse proxy,
  uvicorn takes it from X-Forwarded-For only when the proxy's own address is listed in
  FORWARDED_ALLOW_IPS (uvicorn's default: loopback only, where a local proxy would sit); any
  other client's X-Forwarded-For is ignored. IPv6 addresses count per /64 network, the block
  a single connection usually gets.
- The same answer and the same time for an unknown name, a wrong password and a name that
  waits: one argon2 check each time (the account's hash, or a dummy one; accounts.py).
- An address that waits is refused before any argon2 work, which bounds the cost one client
  can cause. Its answer is then padded (asynchronously, by the caller) to the median of the
  last real checks, for two reasons: the pad costs no memory and no CPU, unlike a dummy check;
  and whatever its timing, it leaks nothing about names, because it is the same for every
  name: the address waits regardless of what it types. A dummy check instead would keep the
  distribution identical but give a flooding client the very argon2 cost the limit bounds.
  Small differences of database work (~1 ms beside ~100 ms of argon2) remain; measuring them
  would need many samples, and each address gets only N of them per growing delay.
"""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine

from lotse.clock import as_utc, utcnow
from lotse.db import session_scope
from lotse.staff.accounts import (
    find_account,
    hash_password,
    needs_rehash,
    typical_check_seconds,
    verify_password,
)
from lotse.staff.models import StaffAccount
from lotse.staff.sessions import SessionPolicy, close_session, open_session
from lotse.staff.throttle import (
    CLIENT,
    USER,
    Reservation,
    ThrottlePolicy,
    confirm_success,
    forget_stale,
    is_known,
    known_key,
    remember,
    reserve,
)

logger = logging.getLogger(__name__)

MAX_KEY = 128


@dataclass(frozen=True)
class LoginPolicy:
    user: ThrottlePolicy = field(default_factory=lambda: ThrottlePolicy(5, 1, 15))
    client: ThrottlePolicy = field(default_factory=lambda: ThrottlePolicy(5, 1, 24 * 60))
    # Counters without an attempt for this long are deleted (addresses are personal data).
    forget_hours: float = 24
    # Where a name logged in within this many days, its wait does not apply (0: nowhere).
    known_days: float = 30
    sessions: SessionPolicy = field(default_factory=SessionPolicy)


@dataclass(frozen=True)
class LoginOutcome:
    token: str | None  # the new session's cookie token; None: refused
    username: str | None = None
    # Wait this long before answering (the refusal was made without a password check).
    pad_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.token is not None


def client_key(host: str | None) -> str:
    """The counter's key for a client address: IPv6 per /64 network, anything else as given."""
    if not host:
        return "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host[:MAX_KEY]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)


@dataclass(frozen=True)
class _Admission:
    by_client: Reservation
    by_user: Reservation | None = None  # None: no account, or a known address
    account_id: int | None = None
    username: str | None = None
    password_hash: str | None = None  # None: check against the dummy hash


def attempt_login(bind: Engine | None, username: str, password: str, client: str, policy: LoginPolicy,
                  now: datetime | None = None, old_token: str | None = None) -> LoginOutcome:
    """Check one login; the session's token if it succeeds.

    Three short transactions at most, none held during the argon2 check: count the attempt
    (and drop the browser's earlier session), check the password, then open the session.
    """
    now = as_utc(now or utcnow())
    admission = _admit(bind, username, client[:MAX_KEY], policy, now, old_token)
    if not admission.by_client.admitted:
        return LoginOutcome(None, pad_seconds=typical_check_seconds())
    if not verify_password(admission.password_hash, password):
        _log_new_blocks(admission)
        return LoginOutcome(None)
    return _succeed(bind, admission, password, policy, now)


def _admit(bind: Engine | None, username: str, client: str, policy: LoginPolicy, now: datetime,
           old_token: str | None) -> _Admission:
    with session_scope(bind) as session:
        close_session(session, old_token)  # a login never continues an earlier session
        forget_stale(session, now, timedelta(hours=policy.forget_hours), timedelta(days=policy.known_days))
        by_client = reserve(session, CLIENT, client, policy.client, now)
        if not by_client.admitted:
            return _Admission(by_client)
        account = find_account(session, username)
        if account is None or not account.active:
            return _Admission(by_client)
        if policy.known_days > 0 and is_known(session, known_key(account.username, client), now,
                                              timedelta(days=policy.known_days)):
            return _Admission(by_client, None, account.id, account.username, account.password_hash)
        by_user = reserve(session, USER, account.username, policy.user, now)
        return _Admission(by_client, by_user, account.id, account.username,
                          account.password_hash if by_user.admitted else None)


def _succeed(bind: Engine | None, admission: _Admission, password: str, policy: LoginPolicy,
             now: datetime) -> LoginOutcome:
    with session_scope(bind) as session:
        if admission.by_user is None:  # a known address: the count starts again, a wait runs on
            confirm_success(session, Reservation(USER, admission.username or "", admitted=True, count=0), now)
        elif not confirm_success(session, admission.by_user, now):
            return LoginOutcome(None)  # other attempts made the name wait meanwhile
        account = session.get(StaffAccount, admission.account_id)
        if account is None or not account.active:  # disabled while the password was checked
            return LoginOutcome(None)
        confirm_success(session, admission.by_client, now)
        if policy.known_days > 0:
            remember(session, known_key(account.username, admission.by_client.key), now)
        account.last_login_at = now
        if needs_rehash(account.password_hash):
            account.password_hash = hash_password(password)
        token, _ = open_session(session, account, policy.sessions, now)
        logger.info("staff login: %s", account.username)
        return LoginOutcome(token, account.username)


def _log_new_blocks(admission: _Admission) -> None:
    """Blocks set by this failed attempt; the typed name only if it is an account's."""
    for reservation in (admission.by_client, admission.by_user):
        if reservation is not None and reservation.set_block and reservation.blocked_until:
            logger.warning("staff login: %s %s waits until %s after %d failed attempts",
                           "account" if reservation.kind == USER else "client address",
                           reservation.key, f"{reservation.blocked_until:%Y-%m-%d %H:%M} UTC",
                           reservation.count)
