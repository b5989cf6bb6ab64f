"""Who takes live chats right now: staff mark themselves available in the console, which
renews the mark while it is open. Takeover is offered to visitors only while someone is."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from lotse.clock import as_utc, utcnow
from lotse.staff.models import StaffAccount, StaffRole
from lotse.staff.permissions import ADMIN

# How long a mark lasts without renewal (the console renews it every minute).
PRESENCE = timedelta(minutes=3)


def set_available(account: StaffAccount, available: bool, now: datetime | None = None) -> None:
    account.available_until = (now or utcnow()) + PRESENCE if available else None


def is_available(account: StaffAccount, now: datetime | None = None) -> bool:
    return account.available_until is not None and as_utc(account.available_until) > (now or utcnow())


def staff_available(session: Session, team: str | None = None, now: datetime | None = None) -> bool:
    """Whether someone who may take the team's chats (lotse.staff.permissions: the team's
    staff and the admins; anyone for a chat without team) takes live chats now."""
    query = select(StaffAccount.id).where(StaffAccount.active.is_(True),
                                          StaffAccount.available_until > (now or utcnow()))
    if team:
        admins = select(StaffRole.account_id).where(StaffRole.role == ADMIN)
        query = query.where(or_(StaffAccount.team == team, StaffAccount.id.in_(admins)))
    return session.scalar(query.limit(1)) is not None
