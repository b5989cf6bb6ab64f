"""Console sessions: a random token in an HttpOnly cookie, a CSRF token per session, and
expiry both after a fixed time and after inactivity. Stored in the database, so every web
process knows them and a logout ends the session everywhere."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from lotse.clock import as_utc, utcnow
from lotse.staff.models import StaffAccount, StaffSession


@dataclass(frozen=True)
class SessionPolicy:
    lifetime_hours: float = 8
    idle_minutes: float = 30


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(session: Session, account: StaffAccount, policy: SessionPolicy,
                 now: datetime | None = None) -> tuple[str, StaffSession]:
    """A new session; returns the token for the cookie (never stored) and the session."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    login = StaffSession(token_hash=_digest(token), account=account, csrf_token=secrets.token_urlsafe(32),
                         created_at=now, last_seen_at=now,
                         expires_at=now + timedelta(hours=policy.lifetime_hours))
    session.add(login)
    session.flush()
    return token, login


def session_for(session: Session, token: str | None, policy: SessionPolicy,
                now: datetime | None = None) -> StaffSession | None:
    """The live session of a cookie token, renewed; None when unknown, expired or idle."""
    if not token:
        return None
    now = now or utcnow()
    login = session.scalar(select(StaffSession).where(StaffSession.token_hash == _digest(token)))
    if login is None:
        return None
    idle_since = as_utc(login.last_seen_at) + timedelta(minutes=policy.idle_minutes)
    if as_utc(login.expires_at) <= now or idle_since <= now or not login.account.active:
        session.delete(login)
        return None
    login.last_seen_at = now
    return login


def csrf_matches(login: StaffSession, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(login.csrf_token, given)


def close_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(StaffSession).where(StaffSession.token_hash == _digest(token)))


def purge_sessions(session: Session, now: datetime | None = None) -> int:
    """Drop expired sessions (idle ones are dropped when next seen)."""
    result = session.execute(delete(StaffSession).where(StaffSession.expires_at <= (now or utcnow())))
    return result.rowcount or 0
