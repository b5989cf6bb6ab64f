"""Counters of staff login attempts per user name and per client address, with growing delays.

Every counter lives in one row of `login_throttle` (kind + key) and is changed only by single
atomic statements in the database, never read, changed in Python and written back: an upsert
`failures = failures + 1 ... RETURNING failures` hands each concurrent attempt its own number,
so twenty parallel attempts get 1..20 (or stop at the block), on SQLite (one writer at a time)
as on PostgreSQL (row lock until commit).

An attempt is counted before its password is checked (a reservation), so the number of
passwords checked for a name or an address cannot exceed the allowance however many requests
arrive at once. Attempts 1..N-1 are admitted; the N-th and every later one that meets no
block is admitted too but sets a block at once (first_minutes, doubled for each further
attempt, at most max_minutes); attempts during a block are refused unchecked and do not
count, so nobody can lengthen a block by hammering it. A success resets the counter, and
lifts a block only if that attempt set it itself and nobody else tried while it was checked
(the count is still its own number, nothing refused since): a block set by other attempts, or
one that a burst of parallel guesses ran into, stands, also against the right password.

Why no library: `limits` (the well-kept one behind slowapi and Flask-Limiter) keeps its
counters in memory, Redis, Memcached, MongoDB or etcd, not in our SQL database, and knows
fixed and sliding windows, not delays that grow with each failure and end on a success;
pyrate-limiter's SQLite and PostgreSQL buckets use their own connections and leaky buckets.
What is needed here is two short statements on the project's own engine.

A third kind of row remembers where a name logged in successfully (KNOWN: a SHA-256 of name
and address, its time in last_attempt_at), so that lotse.staff.login can spare that address
the name's wait.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import DateTime, Integer, String, and_, case, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from lotse.clock import as_utc
from lotse.models import Base

USER, CLIENT, KNOWN = "user", "client", "known"


class LoginThrottle(Base):
    """One counter: attempts since the last success (or quiet day), and the block if any.

    Its own table, so that older databases gain it by create_all without new columns. Client
    addresses are personal data: rows are deleted once quiet for `forget` (see forget_stale).
    """

    __tablename__ = "login_throttle"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)  # USER, CLIENT or KNOWN
    key: Mapped[str] = mapped_column(String(128), primary_key=True)  # user name, address, digest
    failures: Mapped[int] = mapped_column(Integer, default=0)
    refused: Mapped[int] = mapped_column(Integer, default=0)  # attempts during the current block
    blocked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


@dataclass(frozen=True)
class ThrottlePolicy:
    """After `attempts` counted attempts a block of `first_minutes`, doubled for each further
    one, at most `max_minutes`."""

    attempts: int = 5
    first_minutes: float = 1
    max_minutes: float = 15

    def delay(self, count: int) -> timedelta:
        """The block set by the `count`-th counted attempt (count >= attempts)."""
        steps = min(max(count - self.attempts, 0), 40)  # 2**40 minutes is beyond any cap
        return timedelta(minutes=min(self.max_minutes, self.first_minutes * 2 ** steps))


@dataclass(frozen=True)
class Reservation:
    """One attempt's place in a counter."""

    kind: str
    key: str
    admitted: bool  # False: refused unchecked, a block is running
    count: int  # the counter after this attempt (unchanged when refused)
    blocked_until: datetime | None = None  # the block this attempt met or set
    set_block: bool = False  # this attempt set the block (it ends if the attempt succeeds)


def _table():
    return LoginThrottle.__table__


def _row(kind: str, key: str):
    table = _table()
    return and_(table.c.kind == kind, table.c.key == key)


def _upsert(session: Session):
    """The dialect's INSERT with ON CONFLICT (SQLite >= 3.35 and PostgreSQL, the project's two)."""
    name = session.get_bind().dialect.name
    if name == "sqlite":
        return sqlite.insert(_table())
    if name == "postgresql":
        return postgresql.insert(_table())
    raise NotImplementedError(f"login throttle needs SQLite or PostgreSQL, not {name}")


def reserve(session: Session, kind: str, key: str, policy: ThrottlePolicy, now: datetime) -> Reservation:
    """Count one attempt for `key` (unless a block runs) and say whether it may be checked."""
    table = _table()
    now = as_utc(now)
    running = and_(table.c.blocked_until.is_not(None), table.c.blocked_until > now)
    statement = _upsert(session).values(kind=kind, key=key, failures=1, refused=0, blocked_until=None,
                                        last_attempt_at=now)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.kind, table.c.key],
        set_={"failures": case((running, table.c.failures), else_=table.c.failures + 1),
              "refused": case((running, table.c.refused + 1), else_=table.c.refused),
              "last_attempt_at": now},
    ).returning(table.c.failures, table.c.blocked_until)
    count, blocked_until = session.execute(statement).one()
    if blocked_until is not None and as_utc(blocked_until) > now:
        return Reservation(kind, key, admitted=False, count=count, blocked_until=as_utc(blocked_until))
    if count < policy.attempts:
        return Reservation(kind, key, admitted=True, count=count)
    # Same transaction as the upsert, which holds the row (PostgreSQL) or the database
    # (SQLite) until commit: no other attempt comes between the two statements.
    until = now + policy.delay(count)
    session.execute(update(table).where(_row(kind, key)).values(blocked_until=until, refused=0))
    return Reservation(kind, key, admitted=True, count=count, blocked_until=until, set_block=True)


def confirm_success(session: Session, reservation: Reservation, now: datetime) -> bool:
    """Reset the counter after a right password; False if a block set by other attempts runs
    meanwhile, or if its own block turned others away (then the login is refused, as every
    attempt during a block is)."""
    table = _table()
    now = as_utc(now)
    free = or_(table.c.blocked_until.is_(None), table.c.blocked_until <= now)
    if reservation.set_block:
        own = and_(table.c.failures == reservation.count, table.c.refused == 0)
        free = or_(free, own)  # the block is this attempt's own and met nobody
    result = session.execute(update(table).where(_row(reservation.kind, reservation.key), free)
                             .values(failures=0, refused=0, blocked_until=None))
    return (result.rowcount or 0) > 0


def clear(session: Session, kind: str, key: str) -> None:
    """Forget a counter and its block (a new password set by an administrator)."""
    session.execute(delete(_table()).where(_row(kind, key)))


def forget_stale(session: Session, now: datetime, forget: timedelta,
                 keep_known: timedelta | None = None) -> int:
    """Delete counters without an attempt for `forget` whose block (if any) has ended, and
    known addresses without a success for `keep_known` (default: `forget`)."""
    table = _table()
    now = as_utc(now)
    counters = and_(table.c.kind != KNOWN, table.c.last_attempt_at < now - forget,
                    or_(table.c.blocked_until.is_(None), table.c.blocked_until <= now))
    known = and_(table.c.kind == KNOWN, table.c.last_attempt_at < now - (keep_known or forget))
    result = session.execute(delete(table).where(or_(counters, known)))
    return result.rowcount or 0


def known_key(username: str, client: str) -> str:
    """The KNOWN row's key for a name and an address; no address history in plain sight."""
    return hashlib.sha256(f"{username}\n{client}".encode()).hexdigest()


def remember(session: Session, key: str, now: datetime) -> None:
    """Note a success of a name from an address (known_key), or renew the note."""
    now = as_utc(now)
    statement = _upsert(session).values(kind=KNOWN, key=key, failures=0, refused=0, last_attempt_at=now)
    session.execute(statement.on_conflict_do_update(index_elements=[_table().c.kind, _table().c.key],
                                                    set_={"last_attempt_at": now}))


def is_known(session: Session, key: str, now: datetime, keep: timedelta) -> bool:
    """Whether the name logged in from the address (known_key) within `keep`."""
    table = _table()
    since = session.scalar(select(table.c.last_attempt_at).where(_row(KNOWN, key)))
    return since is not None and as_utc(since) >= as_utc(now) - keep


def counter(session: Session, kind: str, key: str) -> tuple[int, datetime | None] | None:
    """(failures, blocked_until) of a counter, for the CLI and tests; None if there is none."""
    row = session.get(LoginThrottle, (kind, key))
    if row is None:
        return None
    return row.failures, as_utc(row.blocked_until) if row.blocked_until else None
